from ..app import app, folder_segment, graph

FIELDS = ("id", "displayName", "parentFolderId", "childFolderCount", "unreadItemCount", "totalItemCount")


@app.action(
    "list-folders",
    title="List Mail Folders",
    description=(
        "List the mail folders of the connected user's mailbox (top level, or the subfolders of one folder) "
        "with their IDs, names and unread and total counts."
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
    },
    read_only=True,
)
async def list_folders(ctx):
    parent = ctx.props.get("parentFolderId")
    path = f"/me/mailFolders/{folder_segment(parent)}/childFolders" if parent else "/me/mailFolders"
    data = await graph(ctx, "GET", path, params={"$top": 100})
    folders = [{k: f.get(k) for k in FIELDS} for f in data.get("value") or []]
    while data.get("@odata.nextLink") and len(folders) < 1000:
        data = await graph(ctx, "GET", data["@odata.nextLink"])
        folders += [{k: f.get(k) for k in FIELDS} for f in data.get("value") or []]
    where = f" in {parent}" if parent else ""
    ctx.summary = f"Listed {len(folders)} folder(s){where}"
    return {"folders": folders}
