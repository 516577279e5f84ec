from mcp_gateway.catalog import props, within

from ..app import app, folder_segment, folder_summary, graph_list


@app.action(
    "list-folders",
    title="List Mail Folders",
    description=(
        "List the mail folders of the connected user's mailbox (top level, or the subfolders of one folder) "
        "with their IDs, names and unread and total counts. Use a folder's ID in microsoft_outlook-list-messages "
        "or microsoft_outlook-move-message. Returns `folders` and a `next_cursor` when more exist."
    ),
    props={
        "parentFolderId": app.definition(
            "folderId",
            label="Parent Folder",
            optional=True,
            description=(
                "List the subfolders of this folder (an ID or a name such as `inbox`). Leave empty for the "
                "top-level folders."
            ),
        ),
        "limit": props.limit("folders"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("folders", folder_summary),
)
async def list_folders(ctx):
    parent = ctx.props.get("parentFolderId")
    path = f"/me/mailFolders/{folder_segment(parent)}/childFolders" if parent else "/me/mailFolders"
    folders, next_cursor = await graph_list(ctx, path)
    where = f" in {parent}" if parent else ""
    ctx.summary = f"Listed {len(folders)} folder(s){where}" + (" (more available)" if next_cursor else "")
    return {"folders": folders, "next_cursor": next_cursor}
