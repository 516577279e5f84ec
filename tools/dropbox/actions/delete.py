from ..app import app, metadata_of, path_arg, rpc


@app.action(
    "delete",
    title="Delete File or Folder",
    description=(
        "Delete a Dropbox file or folder (a folder with everything in it). Deleted items can be restored from "
        "dropbox.com for the account's recovery period. Returns what was deleted. To tidy up without deleting, "
        "use dropbox-move."
    ),
    props={"path": app.definition("path", description="The file or folder to delete, e.g. `/Old/draft.docx`.")},
    destructive=True,
    trim=metadata_of,
)
async def delete(ctx):
    result = await rpc(ctx, "files/delete_v2", {"path": path_arg(ctx.props.path)})
    entry = result.get("metadata") or {}
    ctx.summary = f"Deleted {entry.get('.tag', 'item')} {entry.get('path_display')}"
    return result
