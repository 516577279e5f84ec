from mcp_gateway.catalog import props, within

from ..app import app, block_summary, collect


@app.action(
    "list-block-children",
    title="List Block Children (Page Content)",
    description=(
        "Read the content of a Notion page, or the blocks nested in a block: each block's ID, type and text, "
        "in order, with a cursor for more. Nested blocks (`has_children: true`) are listed by calling this "
        "again with that block's ID. For the page's properties use notion-retrieve-page."
    ),
    props={
        "blockId": app.definition(
            "pageId",
            label="Page or Block",
            description=(
                "The ID of the page whose content to read (a UUID, or the 32 hex characters at the end of the "
                "page's URL), or of a block with `has_children: true` from an earlier call."
            ),
        ),
        "limit": props.limit("blocks"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("blocks", block_summary),
)
async def list_block_children(ctx):
    blocks, following = await collect(
        ctx, "GET", f"/blocks/{ctx.props.blockId}/children", limit=ctx.props.limit, cursor=ctx.props.get("cursor")
    )
    more = " (more available)" if following else ""
    ctx.summary = f"Listed {len(blocks)} block{'s' if len(blocks) != 1 else ''}{more}"
    return {"blocks": blocks, "next_cursor": following}
