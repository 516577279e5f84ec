from mcp_gateway.catalog import props

from ..app import MAX_BLOCKS, app, append_blocks, needs_schema, page_summary, property_values, text_to_blocks, title_of


@app.action(
    "create-page-from-database",
    title="Create Page from Database",
    description=(
        "Add an item (a page) to a Notion database, setting its properties, with optional text content. "
        "Returns the new page with its ID and URL. Call notion-retrieve-database first to see the "
        "database's property names and types."
    ),
    props={
        "databaseId": app.definition("databaseId", description=(
            "The ID of the database to add the item to (a UUID, or the 32 hex characters in the database's URL)."
        )),
        "properties": props.obj(
            "Properties",
            "The item's property values, keyed by property name, e.g. "
            "`{\"Name\": \"Buy milk\", \"Status\": \"To do\", \"Tags\": [\"home\"], \"Due\": \"2024-05-01\", \"Done\": false}`. "
            "Plain values are converted using the database's property types (text, number, checkbox, select, "
            "status, multi-select as a list or comma-separated text, date as ISO 8601, url, email, phone, "
            "people and relation as IDs). A value that is an object is sent to Notion as is, so Notion's own "
            "property value format also works, e.g. `{\"Name\": {\"title\": [{\"text\": {\"content\": \"Buy milk\"}}]}}`.",
        ),
        "content": props.string(
            "Content",
            "The page body as plain text. Blank lines separate paragraphs; lines starting with `# `, `## ` "
            "or `### ` become headings, `- ` bulleted items, `1. ` numbered items and `> ` quotes.",
            optional=True,
        ),
    },
    trim=page_summary,
)
async def create_page_from_database(ctx):
    database_id = ctx.props.databaseId
    values = dict(ctx.props.properties)
    if needs_schema(values):
        database = (await ctx.http.get(f"/databases/{database_id}")).json()
        values = property_values(values, database.get("properties") or {})
    blocks = text_to_blocks(ctx.props.get("content") or "")
    body = {"parent": {"database_id": database_id}, "properties": values}
    if blocks:
        body["children"] = blocks[:MAX_BLOCKS]
    page = (await ctx.http.post("/pages", json=body)).json()
    if len(blocks) > MAX_BLOCKS:
        await append_blocks(ctx, page["id"], blocks[MAX_BLOCKS:])
    ctx.summary = f"Created database item \"{title_of(page)}\""
    return page
