from mcp_gateway.catalog import ActionError, props, within

from ..app import (
    app, base_tables, collect_records, field_options, find_table, formula_field, formula_text, list_body, plural,
    record_summary, view_options,
)

# Field types whose text a search can look through.
_SEARCHABLE = {
    "singleLineText", "multilineText", "richText", "email", "url", "phoneNumber", "singleSelect", "multipleSelects",
    "autoNumber", "number", "barcode",
}


@app.action(
    "search-records",
    title="Search Records",
    description=(
        "Find records in an Airtable table whose fields contain some text, ignoring case (e.g. every task mentioning "
        "`invoice`, or the contact with email `ada@example.com`). Searches the given fields, or every text-like field "
        "of the table. For conditions other than text (dates, numbers, several fields at once) use "
        "airtable_oauth-list-records with a formula. Returns the matching records with their IDs and a "
        "`next_cursor` when more exist."
    ),
    props={
        "baseId": app.definition("baseId"),
        "tableId": app.definition("tableId"),
        "searchValue": props.string("Search For", "The text to look for, e.g. `acme` or `ada@example.com`."),
        "searchFields": props.string_list(
            "In Fields",
            "Names of the fields to search, e.g. `[\"Name\", \"Email\"]`. Leave empty to search every text, select, "
            "email, URL, phone and number field.",
            options=field_options,
            optional=True,
        ),
        "view": props.string(
            "View", "Only search records in this view: its ID (`viw...`) or exact name.", options=view_options, optional=True,
        ),
        "fields": props.string_list(
            "Only Fields", "Names of the fields to return. Leave empty for all fields.", options=field_options, optional=True,
        ),
        "returnFieldsByFieldId": app.definition("returnFieldsByFieldId"),
        "limit": props.limit("records"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("records", record_summary),
)
async def search_records(ctx):
    value = str(ctx.props.searchValue).strip()
    if not value:
        raise ActionError("give some text to search for")
    names = list(ctx.props.get("searchFields") or [])
    if not names:
        table = find_table(await base_tables(ctx, ctx.props.baseId), ctx.props.tableId)
        names = [f["name"] for f in table.get("fields") or [] if f.get("type") in _SEARCHABLE]
        if not names:
            raise ActionError(f"table {table.get('name')} has no text fields to search; name the fields in searchFields")
    needle = f"LOWER({formula_text(value)})"
    tests = [f"FIND({needle}, LOWER({formula_field(name)} & \"\"))" for name in names]
    body = list_body(ctx)
    body["filterByFormula"] = tests[0] if len(tests) == 1 else f"OR({', '.join(tests)})"
    records, next_cursor = await collect_records(ctx, ctx.props.baseId, ctx.props.tableId, body)
    ctx.summary = f"Found {plural(len(records), 'record')} matching {value!r}{' (more exist)' if next_cursor else ''}"
    return {"records": records, "next_cursor": next_cursor, "searchedFields": names}
