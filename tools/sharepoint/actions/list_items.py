from mcp_gateway.catalog import props, within

from ..app import app, graph, graph_cursor, list_item_summary, segment, site_path


@app.action(
    "list-items",
    title="List Items",
    description=(
        "List the items (rows) of a SharePoint list with their column values, by the columns' internal names, optionally "
        "filtered, e.g. `fields/Status eq 'Done'`. To add a row use sharepoint-create-list-item; to change one, "
        "sharepoint-update-list-item."
    ),
    props={
        "siteId": app.definition("siteId"),
        "listId": app.definition("listId"),
        "filter": props.string(
            "Filter", "An OData filter on the columns, each written `fields/<internal name>`, e.g. "
            "`fields/Status eq 'Done'`. Columns that are not indexed may be slow on large lists.", optional=True),
        "limit": props.limit("items"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("items", list_item_summary),
)
async def list_items(ctx):
    if ctx.props.get("cursor"):
        page = await graph(ctx, "GET", graph_cursor(ctx.props.cursor))
    else:
        params = {"$expand": "fields", "$top": ctx.props.limit}
        headers = None
        if ctx.props.get("filter"):
            params["$filter"] = ctx.props.filter
            # SharePoint refuses filters on columns without an index unless the caller accepts the risk.
            headers = {"Prefer": "HonorNonIndexedQueriesWarningMayFailRandomly"}
        path = f"{site_path(ctx.props.siteId)}/lists/{segment(ctx.props.listId, 'list')}/items"
        page = await graph(ctx, "GET", path, params=params, headers=headers)
    items = page.get("value") or []
    ctx.summary = f"Listed {len(items)} item{'s' if len(items) != 1 else ''}"
    return {"items": items, "next_cursor": page.get("@odata.nextLink")}
