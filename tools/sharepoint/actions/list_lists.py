from mcp_gateway.catalog import props, within

from ..app import app, graph, graph_cursor, site_path

LIST_FIELDS = "id,name,displayName,description,webUrl,list,createdDateTime,lastModifiedDateTime"


def list_summary(lst):
    info = lst.get("list") or {}
    return {
        "id": lst.get("id"),
        "name": lst.get("name"),
        "display_name": lst.get("displayName"),
        "description": lst.get("description"),
        "template": info.get("template"),
        "hidden": info.get("hidden"),
        "web_url": lst.get("webUrl"),
        "modified": lst.get("lastModifiedDateTime"),
    }


@app.action(
    "list-lists",
    title="List Lists",
    description=(
        "List the lists of a SharePoint site, document libraries included (template `documentLibrary`), with their IDs. "
        "For the rows of one list use sharepoint-list-items; for a library's files, sharepoint-list-drive-items."
    ),
    props={"siteId": app.definition("siteId"), "limit": props.limit("lists"), "cursor": props.cursor()},
    read_only=True,
    trim=within("lists", list_summary),
)
async def list_lists(ctx):
    if ctx.props.get("cursor"):
        page = await graph(ctx, "GET", graph_cursor(ctx.props.cursor))
    else:
        page = await graph(ctx, "GET", f"{site_path(ctx.props.siteId)}/lists",
                           params={"$select": LIST_FIELDS, "$top": ctx.props.limit})
    lists = page.get("value") or []
    ctx.summary = f"Listed {len(lists)} list{'s' if len(lists) != 1 else ''}"
    return {"lists": lists, "next_cursor": page.get("@odata.nextLink")}
