from mcp_gateway.catalog import ActionError, props

from ..app import app, database_summary, property_schema, rich_text, title_of


@app.action(
    "update-database",
    title="Update Database",
    description=(
        "Rename a Notion database, change its description, or add, change, rename or remove its properties "
        "(columns). Properties not named stay as they are. Returns the updated database. To change the items in "
        "it use notion-update-page."
    ),
    props={
        "databaseId": app.definition("databaseId"),
        "title": props.string("Title", "A new title for the database.", optional=True),
        "description": props.string("Description", "A new description, replacing the current one.", optional=True),
        "properties": props.obj(
            "Properties",
            "Changes to the columns, keyed by the current name: a type name to add a column or change its type "
            "(`{\"Due\": \"date\"}`), Notion's schema object (`{\"Priority\": {\"select\": {\"options\": "
            "[{\"name\": \"High\"}]}}}`), `{\"name\": \"New name\"}` to rename, or `null` to remove the column.",
            optional=True,
        ),
    },
    destructive=True,
    idempotent=True,
    trim=database_summary,
)
async def update_database(ctx):
    body = {}
    if ctx.props.get("title"):
        body["title"] = rich_text(ctx.props.title)
    if ctx.props.get("description") is not None:
        body["description"] = rich_text(ctx.props.description)
    changes = dict(ctx.props.get("properties") or {})
    if changes:
        removed = {name: None for name, value in changes.items() if value is None}
        body["properties"] = {**property_schema({n: v for n, v in changes.items() if v is not None}), **removed}
    if not body:
        raise ActionError("nothing to change: give `title`, `description` or `properties`")
    database = (await ctx.http.patch(f"/databases/{ctx.props.databaseId}", json=body)).json()
    ctx.summary = f"Updated database \"{title_of(database)}\" ({', '.join(sorted(body))})"
    return database
