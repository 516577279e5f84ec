from urllib.parse import quote

from mcp_gateway.catalog import ActionError, props

from ..app import app, base_id, field_id_options, field_summary, request, table_id


@app.action(
    "update-field",
    title="Update Field",
    description=(
        "Rename an Airtable field or change its description; its type and values stay as they are. Field IDs do "
        "not change, but formulas and actions that use the old name must use the new one. To add a field use "
        "airtable_oauth-create-field. Returns the field."
    ),
    props={
        "baseId": app.definition("baseId"),
        "tableId": app.definition("tableId"),
        "columnId": props.string(
            "Field",
            "The field's ID, starting with `fld`, e.g. `fldoaIqdn5szURHpw`, from airtable_oauth-list-fields. The "
            "choices list the table's fields.",
            options=field_id_options,
        ),
        "name": props.string("New Name", "The field's new name, unique in the table.", optional=True),
        "description": props.string("Description", "The field's new description.", optional=True),
    },
    idempotent=True,
    trim=field_summary,
)
async def update_field(ctx):
    body = {key: ctx.props[key] for key in ("name", "description") if ctx.props.get(key) is not None}
    if not body:
        raise ActionError("give a new name or description")
    base = base_id(ctx.props.baseId)
    table = await table_id(ctx, base, ctx.props.tableId)
    field = await request(ctx, "PATCH", f"/meta/bases/{base}/tables/{table}/fields/{quote(str(ctx.props.columnId), safe='')}", json=body)
    ctx.summary = f"Updated field {field.get('name')} ({field.get('id')}): {', '.join(body)}"
    return field
