from mcp_gateway.catalog import ActionError

from ..app import api, app, filter_params, prefer, rest_path, rows_result


@app.action(
    "delete-rows",
    title="Delete Rows",
    description=(
        "Delete every row of a Supabase table that matches the filters, for good, and return the deleted rows. "
        "Filters are required; check what they match with supabase-select-rows first."
    ),
    props={"table": app.definition("table"), "filters": app.definition("filters", optional=False)},
    destructive=True,
    idempotent=True,
    trim=rows_result,
)
async def delete_rows(ctx):
    if not ctx.props.get("filters"):
        raise ActionError("give filters naming the rows to delete, e.g. `{\"id\": \"eq.7\"}`")
    params = {"select": "*", **filter_params(ctx.props.filters)}
    rows = await api(ctx, "DELETE", rest_path(ctx.props.table), params=params, headers=prefer("return=representation"))
    ctx.summary = f"Deleted {len(rows or [])} row{'s' if len(rows or []) != 1 else ''} of {ctx.props.table}"
    return rows
