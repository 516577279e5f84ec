from mcp_gateway.catalog import props

from ..app import app, database_summary, property_schema, rich_text, title_of


@app.action(
    "create-database",
    title="Create Database",
    description=(
        "Create a Notion database (a table) inside a page, with a title and its properties (columns). Returns the "
        "new database with its ID and schema; add items to it with notion-create-page-from-database. To change "
        "an existing database's columns use notion-update-database."
    ),
    props={
        "parentId": app.definition(
            "pageId",
            label="Parent Page",
            description="The ID of the page to create the database in (a UUID, or the 32 hex characters at the end of the page's URL).",
        ),
        "title": props.string("Title", "The database's title, e.g. `Tasks`."),
        "properties": props.obj(
            "Properties",
            "The columns, keyed by name, each a type name or Notion's property schema, e.g. "
            "`{\"Name\": \"title\", \"Due\": \"date\", \"Done\": \"checkbox\", \"Priority\": {\"select\": "
            "{\"options\": [{\"name\": \"High\"}, {\"name\": \"Low\"}]}}}`. Exactly one column is the `title`; "
            "without one, a `Name` title column is added.",
            optional=True,
        ),
        "isInline": props.boolean(
            "Inline", "`true` to show the database inside the page's content rather than as a full page.", optional=True
        ),
    },
    trim=database_summary,
)
async def create_database(ctx):
    properties = property_schema(dict(ctx.props.get("properties") or {}))
    if not any("title" in p for p in properties.values()):
        properties = {"Name": {"title": {}}, **properties}
    body = {
        "parent": {"type": "page_id", "page_id": ctx.props.parentId},
        "title": rich_text(ctx.props.title),
        "properties": properties,
    }
    if ctx.props.get("isInline") is not None:
        body["is_inline"] = ctx.props.isInline
    database = (await ctx.http.post("/databases", json=body)).json()
    ctx.summary = f"Created database \"{title_of(database)}\" with {len(properties)} propert{'ies' if len(properties) != 1 else 'y'}"
    return database
