from mcp_gateway.catalog import ActionError, props

from ..app import app, base_id, request, table_schema


@app.action(
    "create-table",
    title="Create Table",
    description=(
        "Create a table in an Airtable base with its fields; the first field becomes the primary field, and "
        "Airtable adds a grid view. To add fields to an existing table use airtable_oauth-create-field; to rename a "
        "table, airtable_oauth-update-table. Returns the new table's ID (`tbl...`), fields and views."
    ),
    props={
        "baseId": app.definition("baseId"),
        "name": props.string("Name", "The table's name, unique in the base, e.g. `Invoices`."),
        "description": props.string("Description", "What the table holds, up to 20,000 characters.", optional=True),
        "fields": props.object_list(
            "Fields",
            "The table's fields, each `{\"name\": ..., \"type\": ..., \"options\": {...}}` as in Airtable's field "
            "model, e.g. `[{\"name\": \"Name\", \"type\": \"singleLineText\"}, {\"name\": \"Amount\", \"type\": "
            "\"currency\", \"options\": {\"precision\": 2, \"symbol\": \"$\"}}, {\"name\": \"Status\", \"type\": "
            "\"singleSelect\", \"options\": {\"choices\": [{\"name\": \"Open\"}, {\"name\": \"Paid\"}]}}]`. The first "
            "must be a type a primary field can have (text, number, date, formula...). Leave empty for one "
            "`Name` text field.",
            optional=True,
        ),
    },
    trim=table_schema,
)
async def create_table(ctx):
    fields = list(ctx.props.get("fields") or []) or [{"name": "Name", "type": "singleLineText"}]
    for n, field in enumerate(fields, start=1):
        if not isinstance(field, dict) or not field.get("name") or not field.get("type"):
            raise ActionError(f"field {n} needs a `name` and a `type`, e.g. {{\"name\": \"Notes\", \"type\": \"multilineText\"}}")
    body = {"name": ctx.props.name, "fields": fields}
    if ctx.props.get("description"):
        body["description"] = ctx.props.description
    base = base_id(ctx.props.baseId)
    table = await request(ctx, "POST", f"/meta/bases/{base}/tables", json=body)
    ctx.summary = f"Created table {table.get('name')} ({table.get('id')}) in base {base}"
    return table
