from mcp_gateway.catalog import props

from ..app import app, graph, item_path, item_summary


@app.action(
    "create-folder",
    title="Create Folder",
    description=(
        "Make a new folder in OneDrive, inside a chosen folder (the top by default). If the name is taken, OneDrive "
        "adds a number to it. Returns the folder's ID for uploads."
    ),
    props={"name": props.string("Name", "The new folder's name, e.g. `Invoices 2026`."), "folderId": app.definition("folderId")},
    trim=item_summary,
)
async def create_folder(ctx):
    body = {"name": ctx.props.name, "folder": {}, "@microsoft.graph.conflictBehavior": "rename"}
    folder = await graph(ctx, "POST", f"{item_path(ctx.props.get('folderId'))}/children", json_body=body)
    ctx.summary = f"Created the folder {folder.get('name')}"
    return folder
