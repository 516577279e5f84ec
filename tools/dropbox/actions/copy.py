from ..app import app, metadata_of, path_arg, rpc


@app.action(
    "copy",
    title="Copy File or Folder",
    description=(
        "Copy a Dropbox file or folder (with everything in it) to a new path. Fails if the destination exists "
        "unless autorename is on. Returns the copy's metadata. To move instead (no copy left behind), use dropbox-move."
    ),
    props={
        "fromPath": app.definition(
            "path", label="From Path", description="The file or folder to copy, e.g. `/Templates/invoice.docx`."
        ),
        "toPath": app.definition(
            "path",
            label="To Path",
            description="The copy's full path, including the name, e.g. `/Clients/Acme/invoice.docx`.",
        ),
        "autorename": app.definition("autorename"),
    },
    trim=metadata_of,
)
async def copy(ctx):
    args = {
        "from_path": path_arg(ctx.props.fromPath),
        "to_path": path_arg(ctx.props.toPath),
        "autorename": bool(ctx.props.autorename),
    }
    result = await rpc(ctx, "files/copy_v2", args)
    ctx.summary = f"Copied {args['from_path']} to {(result.get('metadata') or {}).get('path_display')}"
    return result
