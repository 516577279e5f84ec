from mcp_gateway.catalog import ActionError, props, within

from ..app import api, app, page_cursor, record_summary


@app.action(
    "search-records",
    title="Search Records",
    description=(
        "Find records of a Zoho CRM module by field criteria (e.g. `(Last_Name:equals:Burns)and(City:equals:Austin)`), "
        "by email, by phone, or by a word anywhere in them; give one of the four. Returns the records' IDs and "
        "fields. To list a module's records without a condition use zoho_crm-list-records."
    ),
    props={
        "module": app.definition("module"),
        "criteria": props.string(
            "Criteria", "Conditions as `(Field_API_Name:operator:value)`, joined with `and` / `or`; operators "
            "`equals`, `not_equal`, `starts_with`, `in`, `greater_than`, `less_than`, `between`... e.g. "
            "`(Lead_Source:equals:Web)and(Annual_Revenue:greater_than:100000)`.", optional=True),
        "email": props.string("Email", "Records with this email address in any email field.", optional=True),
        "phone": props.string("Phone", "Records with this phone number in any phone field.", optional=True),
        "word": props.string("Word", "Records containing this word in any text field.", optional=True),
        "limit": props.limit("records"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("records", record_summary),
)
async def search_records(ctx):
    given = {name: ctx.props[name] for name in ("criteria", "email", "phone", "word") if ctx.props.get(name)}
    if len(given) != 1:
        raise ActionError("give exactly one of criteria, email, phone or word")
    # Zoho's search pages by number; the cursor keeps the page size too, so the pages line up.
    page, size = page_cursor(ctx.props.get("cursor"), ctx.props.limit)
    data = await api(ctx, "GET", f"/{ctx.props.module}/search", params={**given, "page": page, "per_page": size})
    records = data.get("data") or []
    more = (data.get("info") or {}).get("more_records")
    ctx.summary = f"Found {len(records)} {ctx.props.module} record{'s' if len(records) != 1 else ''}"
    return {"records": records, "next_cursor": f"{page + 1}:{size}" if more else None}
