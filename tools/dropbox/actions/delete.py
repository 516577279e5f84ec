from ..app import app, entry_summary, path_arg, rpc


@app.action(
    "delete",
    title="Delete File or Folder",
    description=(
        "Delete a Dropbox file or folder (a folder with everything in it). Deleted items can be restored from "
        "dropbox.com for the account's recovery period. Returns what was deleted."
    ),
    props={"path": app.definition("path", description="The file or folder to delete, e.g. `/Old/draft.docx`.")},
    destructive=True,
)
async def delete(ctx):
    entry = (await rpc(ctx, "files/delete_v2", {"path": path_arg(ctx.props.path)})).get("metadata") or {}
    ctx.summary = f"Deleted {entry.get('.tag', 'item')} {entry.get('path_display')}"
    return entry_summary(entry)
