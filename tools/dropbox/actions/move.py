from mcp_gateway.catalog import props

from ..app import app, metadata_of, path_arg, rpc


@app.action(
    "move",
    title="Move or Rename",
    description=(
        "Move or rename a Dropbox file or folder (a folder moves with everything in it). Fails if the destination "
        "exists unless autorename is on. Returns the item's new metadata. To keep the original, use dropbox-copy."
    ),
    props={
        "fromPath": app.definition(
            "path", label="From Path", description="The file or folder to move, e.g. `/Inbox/q2.pdf`."
        ),
        "toPath": app.definition(
            "path", label="To Path", description="Its new full path, including the name, e.g. `/Reports/2025/q2.pdf`."
        ),
        "autorename": app.definition("autorename"),
        "allowOwnershipTransfer": props.boolean(
            "Allow Ownership Transfer",
            "`true` to allow moves that change who owns the content (e.g. out of a shared folder).",
            default=False,
        ),
    },
    trim=metadata_of,
)
async def move(ctx):
    args = {
        "from_path": path_arg(ctx.props.fromPath),
        "to_path": path_arg(ctx.props.toPath),
        "autorename": bool(ctx.props.autorename),
        "allow_ownership_transfer": bool(ctx.props.allowOwnershipTransfer),
    }
    result = await rpc(ctx, "files/move_v2", args)
    ctx.summary = f"Moved {args['from_path']} to {(result.get('metadata') or {}).get('path_display')}"
    return result
