from mcp_gateway.catalog import ActionError

from ..app import app, graph, list_item_summary, segment, site_path


@app.action(
    "create-list-item",
    title="Create List Item",
    description=(
        "Add an item (row) to a SharePoint list with the column values given. To change an existing item use "
        "sharepoint-update-list-item. Returns the new item's ID and its values."
    ),
    props={"siteId": app.definition("siteId"), "listId": app.definition("listId"), "fields": app.definition("fields")},
    trim=list_item_summary,
)
async def create_list_item(ctx):
    if not isinstance(ctx.props.fields, dict) or not ctx.props.fields:
        raise ActionError("give the column values in fields, e.g. {\"Title\": \"Order laptops\"}")
    path = f"{site_path(ctx.props.siteId)}/lists/{segment(ctx.props.listId, 'list')}/items"
    item = await graph(ctx, "POST", path, json_body={"fields": ctx.props.fields})
    ctx.summary = f"Added item {item.get('id')} to the list"
    return item
