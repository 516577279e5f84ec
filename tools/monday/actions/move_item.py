from ..app import app, graphql

MUTATION = """mutation ($itemId: ID!, $groupId: String!) {
  move_item_to_group(item_id: $itemId, group_id: $groupId) { id name group { id title } }
}"""


@app.action(
    "move-item",
    title="Move Item to Group",
    description=(
        "Move a monday.com item to another group of its board (e.g. from `This week` to `Done`). To change its column "
        "values instead use monday-update-item-columns."
    ),
    props={
        "boardId": app.definition("boardId", optional=True,
                                  description="The item's board, to choose the item and the group from; not sent."),
        "itemId": app.definition("itemId"),
        "groupId": app.definition("groupId", description="The group to move the item to (its ID, from monday-get-board)."),
    },
    idempotent=True,
)
async def move_item(ctx):
    item = (await graphql(ctx, MUTATION, {"itemId": str(ctx.props.itemId), "groupId": ctx.props.groupId})).get(
        "move_item_to_group") or {}
    ctx.summary = f"Moved the item {item.get('name')!r} to the group {(item.get('group') or {}).get('title')!r}"
    return item
