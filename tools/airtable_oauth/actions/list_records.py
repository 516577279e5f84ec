from mcp_gateway.catalog import ActionError, props

from ..app import app, collect_records, field_options, list_body, plural, view_options


@app.action(
    "list-records",
    title="List Records",
    description=(
        "List records (rows) of an Airtable table, optionally only those in a view or matching an Airtable formula "
        "(e.g. `AND({Status} = 'Done', {Due} < TODAY())`), sorted by a field. Returns each record's ID, created time "
        "and non-empty fields. For a simple text lookup, airtable_oauth-search-records is easier."
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
        "maxRecords": props.integer(
            "Max Records", "The most records to return, up to 1000. Defaults to 100.", optional=True, default=100, min=1, max=1000,
        ),
        "returnFieldsByFieldId": app.definition("returnFieldsByFieldId"),
    },
    read_only=True,
)
async def list_records(ctx):
    body = list_body(ctx)
    if ctx.props.get("filterByFormula"):
        body["filterByFormula"] = ctx.props.filterByFormula
    if ctx.props.get("sortField"):
        body["sort"] = [{"field": ctx.props.sortField, "direction": ctx.props.get("sortDirection") or "asc"}]
    elif ctx.props.get("sortDirection"):
        raise ActionError("a sort direction needs a sort field (sortField)")
    records, more = await collect_records(ctx, ctx.props.baseId, ctx.props.tableId, body, ctx.props.get("maxRecords") or 100)
    ctx.summary = f"Found {plural(len(records), 'record')} in {ctx.props.tableId}{' (more exist)' if more else ''}"
    return {"records": records, "count": len(records), "hasMore": more}
