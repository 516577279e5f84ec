from mcp_gateway.catalog import props, within

from ..app import ITEM_FIELDS, app, graphql, item_summary

# monday's items_page returns 500 items at most a call.
MAX_PAGE = 500

FIRST = f"""query ($ids: [ID!], $limit: Int!, $queryParams: ItemsQuery) {{
  boards(ids: $ids) {{ items_page(limit: $limit, query_params: $queryParams) {{ cursor items {{ {ITEM_FIELDS} }} }} }}
}}"""
IN_GROUP = f"""query ($ids: [ID!], $groups: [String], $limit: Int!, $queryParams: ItemsQuery) {{
  boards(ids: $ids) {{ groups(ids: $groups) {{
    items_page(limit: $limit, query_params: $queryParams) {{ cursor items {{ {ITEM_FIELDS} }} }}
  }} }}
}}"""
NEXT = f"""query ($cursor: String!, $limit: Int!) {{
  next_items_page(cursor: $cursor, limit: $limit) {{ cursor items {{ {ITEM_FIELDS} }} }}
}}"""


def _first(data, in_group):
    board = (data.get("boards") or [{}])[0] or {}
    holder = ((board.get("groups") or [{}])[0] or {}) if in_group else board
    return holder.get("items_page") or {}


@app.action(
    "list-items",
    title="List Items",
    description=(
        "List the items on a monday.com board, optionally in one group or whose name contains some text, with each "
        "column's value as text. For one item's updates (comments) and subitems use monday-get-item. The cursor is "
        "monday's own and lasts 60 minutes."
    ),
    props={
        "boardId": app.definition("boardId"),
        "groupId": app.definition("groupId", optional=True,
                                  description="Only items in this group (its ID, from monday-get-board)."),
        "nameContains": props.string("Name Contains", "Only items whose name contains this text.", optional=True),
        "limit": props.limit("items"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("items", item_summary),
)
async def list_items(ctx):
    limit, cursor, items = ctx.props.limit, ctx.props.get("cursor"), []
    if not cursor:
        variables = {"ids": [str(ctx.props.boardId)], "limit": limit}
        if ctx.props.get("nameContains"):
            variables["queryParams"] = {"rules": [{"column_id": "name", "compare_value": [ctx.props.nameContains],
                                                   "operator": "contains_text"}]}
        in_group = bool(ctx.props.get("groupId"))
        if in_group:
            variables["groups"] = [ctx.props.groupId]
        page = _first(await graphql(ctx, IN_GROUP if in_group else FIRST, variables), in_group)
        items.extend(page.get("items") or [])
        cursor = page.get("cursor")
    while cursor and len(items) < limit:
        page = (await graphql(ctx, NEXT, {"cursor": cursor, "limit": min(MAX_PAGE, limit - len(items))})).get(
            "next_items_page") or {}
        items.extend(page.get("items") or [])
        cursor = page.get("cursor")
    ctx.summary = f"Listed {len(items)} item{'s' if len(items) != 1 else ''}"
    return {"items": items, "next_cursor": cursor or None}
