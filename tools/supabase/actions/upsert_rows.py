from mcp_gateway.catalog import ActionError, props

from ..app import api, app, prefer, rest_path, rows_result


@app.action(
    "upsert-rows",
    title="Upsert Rows",
    description=(
        "Insert rows into a Supabase table, or update the existing ones with the same primary key (or the unique "
        "columns in `onConflict`), and return them as stored. To change rows matched by a filter use "
        "supabase-update-rows."
    ),
    props={
        "table": app.definition("table"),
        "rows": props.object_list(
            "Rows", "The rows as `{column: value}`, each with its key columns, e.g. `[{\"id\": 7, \"status\": \"paid\"}]`."
        ),
        "onConflict": props.string(
            "Conflict Columns", "Unique columns that identify an existing row, comma-separated, e.g. `email`; the "
            "primary key when empty.", optional=True,
        ),
        "ignoreDuplicates": props.boolean(
            "Keep Existing", "Leave rows that already exist unchanged instead of updating them.", optional=True,
        ),
    },
    idempotent=True,
    destructive=True,
    trim=rows_result,
)
async def upsert_rows(ctx):
    if not ctx.props.rows:
        raise ActionError("give at least one row to upsert")
    params = {"select": "*"}
    if ctx.props.get("onConflict"):
        params["on_conflict"] = ctx.props.onConflict
    resolution = "resolution=ignore-duplicates" if ctx.props.get("ignoreDuplicates") else "resolution=merge-duplicates"
    rows = await api(ctx, "POST", rest_path(ctx.props.table), params=params, json=list(ctx.props.rows),
                     headers=prefer(resolution, "return=representation"))
    ctx.summary = f"Upserted {len(rows or [])} row{'s' if len(rows or []) != 1 else ''} in {ctx.props.table}"
    return rows
