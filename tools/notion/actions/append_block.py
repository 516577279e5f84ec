from mcp_gateway.catalog import ActionError, props

from ..app import app, append_blocks, text_to_blocks


@app.action(
    "append-block",
    title="Append Block",
    description=(
        "Add text to the end of a Notion page (or under a block): paragraphs, headings, list items and "
        "quotes written as plain text. Returns the blocks created, with their IDs."
    ),
    props={
        "pageId": app.definition(
            "pageId",
            label="Page or Block",
            description=(
                "The ID of the page to add content to (a UUID, or the 32 hex characters at the end of the "
                "page's URL). A block ID also works, to nest the new blocks under that block."
            ),
        ),
        "content": props.string(
            "Content",
            "The text to add. Blank lines separate paragraphs; lines starting with `# `, `## ` or `### ` become "
            "headings, `- ` bulleted items, `1. ` numbered items and `> ` quotes.",
        ),
    },
)
async def append_block(ctx):
    blocks = text_to_blocks(ctx.props.content)
    if not blocks:
        raise ActionError("content is empty; give the text to append")
    created = await append_blocks(ctx, ctx.props.pageId, blocks)
    ctx.summary = f"Appended {len(created)} block{'s' if len(created) != 1 else ''}"
    return {"results": created}
