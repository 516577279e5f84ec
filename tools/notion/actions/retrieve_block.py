from ..app import app, block_summary


@app.action(
    "retrieve-block",
    title="Retrieve Block",
    description=(
        "Read one block of a Notion page (a paragraph, heading, to-do, image...): its type, text and whether it "
        "has nested blocks. For the blocks inside a page or block use notion-list-block-children."
    ),
    props={"blockId": app.definition("blockId")},
    read_only=True,
    trim=block_summary,
)
async def retrieve_block(ctx):
    block = (await ctx.http.get(f"/blocks/{ctx.props.blockId}")).json()
    ctx.summary = f"Retrieved {block.get('type')} block"
    return block
