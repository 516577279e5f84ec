from mcp_gateway.catalog import ActionError

from ..app import app, fields_summary, graph, segment, site_path


@app.action(
    "update-list-item",
    title="Update List Item",
    description=(
        "Change some column values of a SharePoint list item; columns not named stay as they are. Returns the item's "
        "values after the change. To add a new item use sharepoint-create-list-item."
    ),
    props={
        "siteId": app.definition("siteId"),
        "listId": app.definition("listId"),
        "itemId": app.definition("listItemId"),
        "fields": app.definition("fields", description=(
            "The columns to change, by internal name, e.g. `{\"Status\": \"Done\"}`; a null value clears a column.")),
    },
    idempotent=True,
    trim=fields_summary,
)
async def update_list_item(ctx):
    if not isinstance(ctx.props.fields, dict) or not ctx.props.fields:
        raise ActionError("give the columns to change in fields, e.g. {\"Status\": \"Done\"}")
    path = (f"{site_path(ctx.props.siteId)}/lists/{segment(ctx.props.listId, 'list')}"
            f"/items/{segment(ctx.props.itemId, 'list item')}/fields")
    fields = await graph(ctx, "PATCH", path, json_body=ctx.props.fields)
    ctx.summary = f"Updated {len(ctx.props.fields)} field{'s' if len(ctx.props.fields) != 1 else ''} of item {ctx.props.itemId}"
    return fields
