from mcp_gateway.catalog import ActionError, props

from ..app import ITEM_FIELDS, api, app, box_id, item_summary


@app.action(
    "create-folder",
    title="Create Folder",
    description=(
        "Make a new, empty folder in Box, inside All Files or another folder. Box refuses a name already in that folder. "
        "Returns the new folder's ID, for box-upload-file and box-list-folder-items."
    ),
    props={
        "name": props.string("Name", "The folder's name, e.g. `Invoices 2026`."),
        "folderId": app.definition("folderId", label="Parent Folder"),
    },
    trim=item_summary,
)
async def create_folder(ctx):
    name = str(ctx.props.name or "").strip()
    if not name or "/" in name or "\\" in name:
        raise ActionError("name must be a folder name without `/` or `\\`; choose where it goes with folderId")
    body = {"name": name, "parent": {"id": box_id(ctx.props.get("folderId") or "0", "folder")}}
    folder = await api(ctx, "POST", "/folders", params={"fields": ITEM_FIELDS}, json=body)
    ctx.summary = f"Created the folder {folder.get('name')}"
    return folder
