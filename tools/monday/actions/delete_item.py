from ..app import app, graphql

MUTATION = "mutation ($itemId: ID!) { delete_item(item_id: $itemId) { id } }"


@app.action(
    "delete-item",
    title="Delete Item",
    description=(
        "Delete a monday.com item (it goes to the account's trash, restorable for 30 days). To move it out of the way "
        "instead, use monday-move-item to a done group."
    ),
    props={
        "boardId": app.definition("boardId", optional=True,
                                  description="The item's board, to choose the item from in a form; not sent."),
        "itemId": app.definition("itemId"),
    },
    destructive=True,
    idempotent=True,
)
async def delete_item(ctx):
    deleted = (await graphql(ctx, MUTATION, {"itemId": str(ctx.props.itemId)})).get("delete_item") or {}
    ctx.summary = f"Deleted the item {deleted.get('id') or ctx.props.itemId}"
    return {"id": deleted.get("id") or str(ctx.props.itemId), "deleted": True}
