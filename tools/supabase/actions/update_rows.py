from mcp_gateway.catalog import ActionError, props

from ..app import api, app, filter_params, prefer, rest_path, rows_result


@app.action(
    "update-rows",
    title="Update Rows",
    description=(
        "Change columns of every row of a Supabase table that matches the filters, and return the changed rows. "
        "Filters are required, so a whole table is never rewritten by mistake. To insert-or-update by key use "
        "supabase-upsert-rows."
    ),
    props={
        "table": app.definition("table"),
        "filters": app.definition("filters", optional=False),
        "values": props.obj("Values", "The columns to set, e.g. `{\"status\": \"shipped\"}`."),
    },
    destructive=True,
    idempotent=True,
    trim=rows_result,
)
async def update_rows(ctx):
    if not ctx.props.get("filters"):
        raise ActionError("give filters naming the rows to update, e.g. `{\"id\": \"eq.7\"}`")
    if not ctx.props.get("values"):
        raise ActionError("give the columns to set in `values`")
    params = {"select": "*", **filter_params(ctx.props.filters)}
    rows = await api(ctx, "PATCH", rest_path(ctx.props.table), params=params, json=ctx.props["values"],
                     headers=prefer("return=representation"))
    ctx.summary = f"Updated {len(rows or [])} row{'s' if len(rows or []) != 1 else ''} of {ctx.props.table}"
    return rows
