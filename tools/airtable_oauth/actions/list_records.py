from mcp_gateway.catalog import ActionError, props, within

from ..app import app, collect_records, field_options, list_body, plural, record_summary, view_options


@app.action(
    "list-records",
    title="List Records",
    description=(
        "List records (rows) of an Airtable table, optionally only those in a view or matching an Airtable formula "
        "(e.g. `AND({Status} = 'Done', {Due} < TODAY())`), sorted by a field. Returns each record's ID, created time "
        "and non-empty fields, and a `next_cursor` when more exist. For a simple text lookup, "
        "airtable_oauth-search-records is easier; for one known record, airtable_oauth-get-record."
    ),
    props={
        "baseId": app.definition("baseId"),
        "tableId": app.definition("tableId"),
        "view": props.string(
            "View",
            "Only records in this view, in its order: the view's ID (`viw...`) or exact name, e.g. `Grid view`.",
            options=view_options,
            optional=True,
        ),
        "filterByFormula": props.string(
            "Filter Formula",
            "An Airtable formula; records where it is not 0, false, empty or an error are returned. Field names go in "
            "braces and text in quotes, e.g. `{Status} = 'In progress'` or `FIND('acme', LOWER({Company}))`.",
            optional=True,
        ),
        "sortField": props.string(
            "Sort By", "The name of a field to sort by, e.g. `Due`.", options=field_options, optional=True,
        ),
        "sortDirection": props.string(
            "Sort Direction", "`asc` (the default) or `desc`; needs a sort field.", options=["asc", "desc"], optional=True,
        ),
        "fields": props.string_list(
            "Only Fields",
            "Names of the fields to return, e.g. `[\"Name\", \"Status\"]`. Leave empty for all fields.",
            options=field_options,
            optional=True,
        ),
        "returnFieldsByFieldId": app.definition("returnFieldsByFieldId"),
        "limit": props.limit("records"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("records", record_summary),
)
async def list_records(ctx):
    body = list_body(ctx)
    if ctx.props.get("filterByFormula"):
        body["filterByFormula"] = ctx.props.filterByFormula
    if ctx.props.get("sortField"):
        body["sort"] = [{"field": ctx.props.sortField, "direction": ctx.props.get("sortDirection") or "asc"}]
    elif ctx.props.get("sortDirection"):
        raise ActionError("a sort direction needs a sort field (sortField)")
    records, next_cursor = await collect_records(ctx, ctx.props.baseId, ctx.props.tableId, body)
    ctx.summary = f"Found {plural(len(records), 'record')} in {ctx.props.tableId}{' (more exist)' if next_cursor else ''}"
    return {"records": records, "next_cursor": next_cursor}
