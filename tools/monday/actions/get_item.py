from mcp_gateway.catalog import ActionError

from ..app import ITEM_FIELDS, app, graphql, item_summary

QUERY = f"""query ($ids: [ID!]) {{
  items(ids: $ids) {{
    {ITEM_FIELDS} creator_id board {{ id name }} subitems {{ id name }}
    updates(limit: 10) {{ id text_body created_at creator {{ id name }} }}
  }}
}}"""


def _item(item):
    return {
        **item_summary(item),
        "creator_id": item.get("creator_id"),
        "subitems": item.get("subitems") or [],
        "updates": [{"id": u.get("id"), "text": u.get("text_body"), "created_at": u.get("created_at"),
                     "creator": u.get("creator")} for u in item.get("updates") or []],
    }


@app.action(
    "get-item",
    title="Get Item",
    description=(
        "Read one monday.com item by ID: its board, group, every column's value, its subitems and its ten latest "
        "updates (comments). To list many items use monday-list-items."
    ),
    props={"boardId": app.definition("boardId", optional=True,
                                     description="The item's board, to choose the item from in a form; not sent."),
           "itemId": app.definition("itemId")},
    read_only=True,
    trim=_item,
)
async def get_item(ctx):
    items = (await graphql(ctx, QUERY, {"ids": [str(ctx.props.itemId)]})).get("items") or []
    if not items:
        raise ActionError(f"no item has ID {ctx.props.itemId} for this account; find items with monday-list-items")
    ctx.summary = f"Read the item {items[0].get('name')!r}"
    return items[0]
