from ..app import app, block_summary


@app.action(
    "delete-block",
    title="Delete Block",
    description=(
        "Remove one block from a Notion page (it goes to the trash with everything nested in it). To change a "
        "block's text instead use notion-update-block; to move a whole page to the trash use notion-update-page "
        "with `archived`."
    ),
    props={"blockId": app.definition("blockId")},
    destructive=True,
    idempotent=True,
    trim=block_summary,
)
async def delete_block(ctx):
    block = (await ctx.http.delete(f"/blocks/{ctx.props.blockId}")).json()
    ctx.summary = f"Deleted {block.get('type')} block"
    return block
