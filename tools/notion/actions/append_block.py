from mcp_gateway.catalog import ActionError, props, within

from ..app import app, append_blocks, block_summary, text_to_blocks


@app.action(
    "append-block",
    title="Append Block",
    description=(
        "Add text to the end of a Notion page (or under a block): paragraphs, headings, list items and "
        "quotes written as plain text. Returns the blocks created, with their IDs. To change an existing block "
        "use notion-update-block; to read what a page holds use notion-list-block-children."
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
    trim=within("blocks", block_summary),
)
async def append_block(ctx):
    blocks = text_to_blocks(ctx.props.content)
    if not blocks:
        raise ActionError("content is empty; give the text to append")
    created = await append_blocks(ctx, ctx.props.pageId, blocks)
    ctx.summary = f"Appended {len(created)} block{'s' if len(created) != 1 else ''}"
    return {"blocks": created}
