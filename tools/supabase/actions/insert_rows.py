from mcp_gateway.catalog import ActionError, props

from ..app import api, app, prefer, rest_path, rows_result


@app.action(
    "insert-rows",
    title="Insert Rows",
    description=(
        "Add new rows to a Supabase table and return them as stored (with their generated IDs and defaults). A row "
        "whose unique key already exists fails the call; to insert or update by key use supabase-upsert-rows."
    ),
    props={
        "table": app.definition("table"),
        "rows": props.object_list("Rows", "The rows as `{column: value}`, e.g. `[{\"name\": \"Ada\", \"email\": \"ada@example.com\"}]`."),
        "select": app.definition("select", description="The columns of the stored rows to return, e.g. `id,created_at`; `*` for all."),
    },
    trim=rows_result,
)
async def insert_rows(ctx):
    if not ctx.props.rows:
        raise ActionError("give at least one row to insert")
    rows = await api(ctx, "POST", rest_path(ctx.props.table), params={"select": ctx.props.get("select") or "*"},
                     json=list(ctx.props.rows), headers=prefer("return=representation"))
    ctx.summary = f"Inserted {len(rows or [])} row{'s' if len(rows or []) != 1 else ''} into {ctx.props.table}"
    return rows
