import asyncio

from mcp_gateway.catalog import ActionError, props

from ..app import CONTENT, api_arg, app, entry_summary, path_arg, request

# `files/upload` takes at most 150 MB; bigger files go up in an upload session, chunk by chunk.
SINGLE_UPLOAD_LIMIT = 150 * 1024 * 1024
CHUNK_SIZE = 64 * 1024 * 1024

_OCTETS = {"Content-Type": "application/octet-stream"}


@app.action(
    "upload-file",
    title="Upload File",
    description=(
        "Upload a file from /tmp to Dropbox (a path an earlier step saved — pass that step's stash_id — or the "
        "file_id of an uploaded file). By default an existing file is kept and the upload fails; choose "
        "`overwrite` to replace it. Returns the uploaded file's path, size and revision. To share it "
        "afterwards, use dropbox-create-shared-link."
    ),
    props={
        "filePath": props.string(
            "File",
            "The file to upload: a path under /tmp such as `/tmp/report.pdf` saved by an earlier step with the same "
            "stash_id, or the `file_...` id of a file sent to the gateway.",
        ),
        "path": app.definition(
            "path",
            label="Dropbox Path",
            description=(
                "Where to put it in Dropbox, including the file name, e.g. `/Reports/2025/q2.pdf`. A path "
                "ending in `/` "
                "(e.g. `/Reports/`) keeps the file's own name."
            ),
        ),
        "mode": props.string(
            "If It Exists",
            "`add` (default) to never replace a file (fails, or renames with autorename); `overwrite` to replace "
            "whatever is at the path.",
            options=["add", "overwrite"],
            default="add",
        ),
        "autorename": app.definition("autorename"),
        "mute": props.boolean("Mute", "`true` to not notify the account's devices about this change.", default=False),
    },
    destructive=True,
    stash="optional",
    trim=entry_summary,
)
async def upload_file(ctx):
    if ctx.props.mode not in ("add", "overwrite"):
        raise ActionError("mode must be `add` or `overwrite`")
    local = ctx.tmp_path(ctx.props.filePath)
    try:
        data = await asyncio.to_thread(local.read_bytes)
    except (FileNotFoundError, IsADirectoryError):
        raise ActionError(
            f"{ctx.props.filePath} is not a file in /tmp; pass the stash_id of the step that saved it, or a "
            "file_id as the file"
        ) from None
    target = str(ctx.props.path).strip()
    if target.endswith("/"):
        target += local.name
    commit = {
        "path": path_arg(target),
        "mode": ctx.props.mode,
        "autorename": bool(ctx.props.autorename),
        "mute": bool(ctx.props.mute),
        "strict_conflict": False,
    }
    if len(data) <= SINGLE_UPLOAD_LIMIT:
        headers = {**_OCTETS, "Dropbox-API-Arg": api_arg(commit)}
        entry = (await request(ctx, f"{CONTENT}/files/upload", content=data, headers=headers)).json()
    else:
        entry = await _upload_in_chunks(ctx, data, commit)
    ctx.summary = f"Uploaded {local.name} ({len(data)} bytes) to {entry.get('path_display')}"
    return entry


async def _upload_in_chunks(ctx, data, commit):
    first = data[:CHUNK_SIZE]
    headers = {**_OCTETS, "Dropbox-API-Arg": api_arg({"close": False})}
    session = (await request(ctx, f"{CONTENT}/files/upload_session/start", content=first, headers=headers)).json()
    offset = len(first)
    while len(data) - offset > CHUNK_SIZE:
        chunk = data[offset : offset + CHUNK_SIZE]
        arg = {"cursor": {"session_id": session["session_id"], "offset": offset}, "close": False}
        await request(
            ctx,
            f"{CONTENT}/files/upload_session/append_v2",
            content=chunk,
            headers={**_OCTETS, "Dropbox-API-Arg": api_arg(arg)},
        )
        offset += len(chunk)
    arg = {"cursor": {"session_id": session["session_id"], "offset": offset}, "commit": commit}
    last = data[offset:]
    return (
        await request(
            ctx,
            f"{CONTENT}/files/upload_session/finish",
            content=last,
            headers={**_OCTETS, "Dropbox-API-Arg": api_arg(arg)},
        )
    ).json()
