from mcp_gateway.catalog import ActionError, props

from ..app import app, block_summary, rich_text


@app.action(
    "update-block",
    title="Update Block",
    description=(
        "Replace the text of one block on a Notion page (a paragraph, heading, list item, quote, to-do...), or "
        "check or uncheck a to-do. The block keeps its type. To add new blocks use notion-append-block; to "
        "remove one, notion-delete-block."
    ),
    props={
        "blockId": app.definition("blockId"),
        "text": props.string("Text", "The block's new text, replacing what it says now.", optional=True),
        "checked": props.boolean("Checked", "For a to-do block: `true` to check it, `false` to uncheck it.", optional=True),
    },
    destructive=True,
    idempotent=True,
    trim=block_summary,
)
async def update_block(ctx):
    text, checked = ctx.props.get("text"), ctx.props.get("checked")
    if text is None and checked is None:
        raise ActionError("nothing to change: give the new `text`, `checked`, or both")
    # Notion keys a block's content by its type, so the type is read first.
    current = (await ctx.http.get(f"/blocks/{ctx.props.blockId}")).json()
    kind = current.get("type")
    content = {}
    if text is not None:
        if "rich_text" not in (current.get(kind) or {}):
            raise ActionError(f"a {kind} block has no text to replace; only text blocks can take `text`")
        content["rich_text"] = rich_text(text)
    if checked is not None:
        if kind != "to_do":
            raise ActionError(f"only to-do blocks can be checked; this block is a {kind}")
        content["checked"] = checked
    block = (await ctx.http.patch(f"/blocks/{ctx.props.blockId}", json={kind: content})).json()
    ctx.summary = f"Updated {kind} block"
    return block
