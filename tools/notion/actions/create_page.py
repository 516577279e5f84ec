from mcp_gateway.catalog import props

from ..app import MAX_BLOCKS, app, append_blocks, page_summary, rich_text, text_to_blocks, title_of


@app.action(
    "create-page",
    title="Create Page",
    description=(
        "Create a Notion page as a child of an existing page, with a title and optional text content. "
        "Returns the new page, including its ID and URL. To add a row to a database, use "
        "notion-create-page-from-database instead."
    ),
    props={
        "parentId": app.definition(
            "pageId",
            label="Parent Page",
            description="The ID of the page to create the new page under (a UUID, or the 32 hex characters at the end of the page's URL).",
        ),
        "title": props.string("Title", "The new page's title, e.g. `Q3 planning`."),
        "content": props.string(
            "Content",
            "The page body as plain text. Blank lines separate paragraphs; lines starting with `# `, `## ` "
            "or `### ` become headings, `- ` bulleted items, `1. ` numbered items and `> ` quotes.",
            optional=True,
        ),
    },
    trim=page_summary,
)
async def create_page(ctx):
    blocks = text_to_blocks(ctx.props.get("content") or "")
    body = {
        "parent": {"page_id": ctx.props.parentId},
        "properties": {"title": {"title": rich_text(ctx.props.title)}},
    }
    if blocks:
        body["children"] = blocks[:MAX_BLOCKS]
    page = (await ctx.http.post("/pages", json=body)).json()
    if len(blocks) > MAX_BLOCKS:
        await append_blocks(ctx, page["id"], blocks[MAX_BLOCKS:])
    ctx.summary = f"Created page \"{title_of(page)}\" with {len(blocks)} block{'s' if len(blocks) != 1 else ''}"
    return page
