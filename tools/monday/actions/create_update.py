from mcp_gateway.catalog import props

from ..app import app, graphql

MUTATION = """mutation ($itemId: ID!, $body: String!, $parentId: ID) {
  create_update(item_id: $itemId, body: $body, parent_id: $parentId) { id item_id body text_body created_at }
}"""


def _update(update):
    return {"id": update.get("id"), "item_id": update.get("item_id"), "text": update.get("text_body"),
            "created_at": update.get("created_at")}


@app.action(
    "create-update",
    title="Create Update (Comment)",
    description=(
        "Post an update, monday.com's comment, on an item, or a reply to another update. The body may hold simple "
        "HTML (`<p>`, `<b>`, links). Read an item's latest updates with monday-get-item."
    ),
    props={
        "boardId": app.definition("boardId", optional=True,
                                  description="The item's board, to choose the item from in a form; not sent."),
        "itemId": app.definition("itemId"),
        "body": props.string("Body", "The update's text, e.g. `Shipped to staging <b>today</b>`."),
        "parentId": props.string("Reply To", "The ID of an update to reply to (from monday-get-item).", optional=True),
    },
    trim=_update,
)
async def create_update(ctx):
    variables = {"itemId": str(ctx.props.itemId), "body": ctx.props.body}
    if ctx.props.get("parentId"):
        variables["parentId"] = str(ctx.props.parentId)
    update = (await graphql(ctx, MUTATION, variables)).get("create_update") or {}
    ctx.summary = f"Posted an update on the item {ctx.props.itemId}"
    return update
