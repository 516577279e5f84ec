from ..app import app, graph, item_path


@app.action(
    "delete-item",
    title="Delete Item",
    description="Move a OneDrive file or folder (with its contents) to the recycle bin, where the user can restore it for a while.",
    props={"itemId": app.definition("itemId")},
    destructive=True,
    idempotent=True,
)
async def delete_item(ctx):
    await graph(ctx, "DELETE", item_path(ctx.props.itemId))
    ctx.summary = "Moved the item to the recycle bin"
    return {"id": ctx.props.itemId, "deleted": True}
