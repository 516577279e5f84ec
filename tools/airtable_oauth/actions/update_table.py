from mcp_gateway.catalog import ActionError, props

from ..app import app, base_id, request, table_id, table_schema


@app.action(
    "update-table",
    title="Update Table",
    description=(
        "Rename an Airtable table or change its description. Table IDs stay the same, so actions given the ID keep "
        "working. To change a field use airtable_oauth-update-field; to add one, airtable_oauth-create-field. Returns "
        "the table."
    ),
    props={
        "baseId": app.definition("baseId"),
        "tableId": app.definition("tableId"),
        "name": props.string("New Name", "The table's new name, unique in the base.", optional=True),
        "description": props.string("Description", "The table's new description.", optional=True),
    },
    idempotent=True,
    trim=table_schema,
)
async def update_table(ctx):
    body = {key: ctx.props[key] for key in ("name", "description") if ctx.props.get(key) is not None}
    if not body:
        raise ActionError("give a new name or description")
    base = base_id(ctx.props.baseId)
    table = await request(ctx, "PATCH", f"/meta/bases/{base}/tables/{await table_id(ctx, base, ctx.props.tableId)}", json=body)
    ctx.summary = f"Updated table {table.get('name')} ({', '.join(body)})"
    return table
