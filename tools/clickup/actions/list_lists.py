from mcp_gateway.catalog import ActionError, props, within

from ..app import api, app, list_summary


@app.action(
    "list-lists",
    title="List Lists",
    description=(
        "List the ClickUp lists in a folder, or, given only a space, the lists that sit directly in that space outside "
        "any folder. Tasks live in lists: pass a list's `id` to clickup-list-tasks or clickup-create-task."
    ),
    props={
        "workspaceId": app.definition("workspaceId", optional=True,
                                      description="The workspace, to choose the space from (not sent)."),
        "spaceId": app.definition("spaceId", optional=True,
                                  description="The space whose folderless lists to list, from clickup-list-spaces. "
                                              "Leave empty when a folder is given."),
        "folderId": app.definition("folderId", optional=True,
                                   description="The folder whose lists to list, from clickup-list-folders."),
        "archived": props.boolean("Archived", "List archived lists instead of active ones.", optional=True, default=False),
    },
    read_only=True,
    trim=within("lists", list_summary),
)
async def list_lists(ctx):
    if ctx.props.get("folderId"):
        path = f"/folder/{ctx.props.folderId}/list"
    elif ctx.props.get("spaceId"):
        path = f"/space/{ctx.props.spaceId}/list"
    else:
        raise ActionError("give a folderId (lists in a folder) or a spaceId (lists outside folders)")
    params = {"archived": str(bool(ctx.props.get("archived"))).lower()}
    lists = (await api(ctx, "GET", path, params=params)).get("lists") or []
    ctx.summary = f"Listed {len(lists)} list{'s' if len(lists) != 1 else ''}"
    return {"lists": lists}
