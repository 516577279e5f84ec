from mcp_gateway.catalog import props

from ..app import app, entry_summary, path_arg, rpc


def _details(entry):
    out = entry_summary(entry)
    if entry.get("media_info"):
        out["media_info"] = (entry["media_info"] or {}).get("metadata")
    return out


@app.action(
    "get-metadata",
    title="Get File or Folder Info",
    description=(
        "Look up one Dropbox file or folder: whether it exists, its type, exact path, ID, size, dates and "
        "revision. Deleted items are reported as such. To see a folder's contents, use dropbox-list-folder."
    ),
    props={
        "path": app.definition("path"),
        "includeMediaInfo": props.boolean(
            "Include Media Info", "`true` to add photo and video details (dimensions, time taken).", default=False
        ),
    },
    read_only=True,
    trim=_details,
)
async def get_metadata(ctx):
    args = {"path": path_arg(ctx.props.path), "include_deleted": True}
    if ctx.props.includeMediaInfo:
        args["include_media_info"] = True
    entry = await rpc(ctx, "files/get_metadata", args)
    kind = entry.get(".tag")
    ctx.summary = (
        f"{entry.get('path_display') or entry.get('name')} is a {'deleted item' if kind == 'deleted' else kind}"
    )
    return entry
