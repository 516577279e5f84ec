from mcp_gateway.catalog import props, within

from ..app import MAX_PAGE, api, app, fields_param, record_summary


@app.action(
    "list-records",
    title="List Records",
    description=(
        "List the records of a Zoho CRM module (e.g. the newest Leads or Deals), with the fields asked for. To find "
        "records by a field's value, email, phone or a word, use zoho_crm-search-records instead; to read every "
        "field of one record, zoho_crm-get-record."
    ),
    props={
        "module": app.definition("module"),
        "fields": app.definition("fields"),
        "sortBy": props.string("Sort By", "`Created_Time` (the default), `Modified_Time` or `id`.",
                               options=["Created_Time", "Modified_Time", "id"], optional=True),
        "sortOrder": props.string("Sort Order", "`desc` (the default) or `asc`.", options=["desc", "asc"], optional=True),
        "limit": props.limit("records"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("records", record_summary),
)
async def list_records(ctx):
    records, token = [], ctx.props.get("cursor") or None
    base = {"fields": fields_param(ctx), "sort_by": ctx.props.get("sortBy") or "Created_Time",
            "sort_order": ctx.props.get("sortOrder") or "desc"}
    while len(records) < ctx.props.limit:
        query = {**base, "per_page": min(MAX_PAGE, ctx.props.limit - len(records))}
        if token:
            query["page_token"] = token
        page = await api(ctx, "GET", f"/{ctx.props.module}", params=query)
        records.extend(page.get("data") or [])
        info = page.get("info") or {}
        token = info.get("next_page_token") if info.get("more_records") else None
        if not token:
            break
    ctx.summary = f"Listed {len(records)} {ctx.props.module} record{'s' if len(records) != 1 else ''}"
    return {"records": records, "next_cursor": token}
