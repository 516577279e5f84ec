from ..app import app, entry_summary, path_arg, rpc


def _link(result):
    return {"link": result.get("link"), "metadata": entry_summary(result.get("metadata") or {})}


@app.action(
    "get-temporary-link",
    title="Get Temporary Download Link",
    description=(
        "Get a direct download link to a Dropbox file that works for 4 hours, without signing in, for handing "
        "the file to a person or another service. Returns the link and the file's metadata. For a lasting link "
        "that opens Dropbox's preview page, use dropbox-create-shared-link; to fetch the file here, "
        "dropbox-download-file."
    ),
    props={"path": app.definition("path", description="The file to link to, e.g. `/Reports/2025/q2.pdf` (not a folder).")},
    read_only=True,
    trim=_link,
)
async def get_temporary_link(ctx):
    result = await rpc(ctx, "files/get_temporary_link", {"path": path_arg(ctx.props.path)})
    ctx.summary = f"Got a 4-hour download link to {(result.get('metadata') or {}).get('path_display') or ctx.props.path}"
    return result
