from mcp_gateway.catalog import props

from ..app import ITEM_FIELDS, app, column_values, graphql, item_summary

MUTATION = f"""mutation ($boardId: ID!, $itemId: ID!, $columnValues: JSON!, $createLabels: Boolean) {{
  change_multiple_column_values(board_id: $boardId, item_id: $itemId, column_values: $columnValues,
                                create_labels_if_missing: $createLabels) {{ {ITEM_FIELDS} }}
}}"""


@app.action(
    "update-item-columns",
    title="Update Item Column Values",
    description=(
        "Change some column values of a monday.com item (columns not named stay as they are); `name` as a key renames "
        "the item. Column IDs and status labels come from monday-get-board. To move the item to another group use "
        "monday-move-item."
    ),
    props={
        "boardId": app.definition("boardId"),
        "itemId": app.definition("itemId"),
        "columnValues": app.definition("columnValues"),
        "createLabelsIfMissing": props.boolean("Create Missing Labels", "Add status or dropdown labels that do not "
                                               "exist yet (needs board owner rights).", optional=True, default=False),
    },
    idempotent=True,
    trim=item_summary,
)
async def update_item_columns(ctx):
    variables = {"boardId": str(ctx.props.boardId), "itemId": str(ctx.props.itemId),
                 "columnValues": column_values(ctx.props.columnValues)}
    if ctx.props.get("createLabelsIfMissing"):
        variables["createLabels"] = True
    item = (await graphql(ctx, MUTATION, variables)).get("change_multiple_column_values") or {}
    ctx.summary = f"Updated the item {item.get('name')!r}"
    return item
