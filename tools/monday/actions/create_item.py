from mcp_gateway.catalog import props

from ..app import ITEM_FIELDS, app, column_values, graphql, item_summary

MUTATION = f"""mutation ($boardId: ID!, $groupId: String, $itemName: String!, $columnValues: JSON, $createLabels: Boolean) {{
  create_item(board_id: $boardId, group_id: $groupId, item_name: $itemName, column_values: $columnValues,
              create_labels_if_missing: $createLabels) {{ {ITEM_FIELDS} }}
}}"""


@app.action(
    "create-item",
    title="Create Item",
    description=(
        "Add an item (a row) to a monday.com board, in a group or the board's top group, with optional column values. "
        "Look up the column IDs and status labels with monday-get-board first. To change an existing item use "
        "monday-update-item-columns."
    ),
    props={
        "boardId": app.definition("boardId"),
        "itemName": props.string("Item Name", "The new item's name, e.g. `Launch checklist`."),
        "groupId": app.definition("groupId", optional=True,
                                  description="The group to add it to (its ID, from monday-get-board); empty: the top group."),
        "columnValues": app.definition("columnValues", optional=True),
        "createLabelsIfMissing": props.boolean("Create Missing Labels", "Add status or dropdown labels that do not "
                                               "exist yet (needs board owner rights).", optional=True, default=False),
    },
    trim=item_summary,
)
async def create_item(ctx):
    variables = {"boardId": str(ctx.props.boardId), "itemName": ctx.props.itemName}
    if ctx.props.get("groupId"):
        variables["groupId"] = ctx.props.groupId
    if ctx.props.get("columnValues"):
        variables["columnValues"] = column_values(ctx.props.columnValues)
    if ctx.props.get("createLabelsIfMissing"):
        variables["createLabels"] = True
    item = (await graphql(ctx, MUTATION, variables)).get("create_item") or {}
    ctx.summary = f"Created the item {item.get('name')!r} (ID {item.get('id')})"
    return item
