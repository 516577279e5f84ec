import asyncio

from mcp_gateway.catalog import ActionError, props

from ..app import app, call


@app.action(
    "upload-file",
    title="Upload File",
    description=(
        "Upload a file as the connected user and share it in a channel, direct message or thread (or keep it "
        "private to the user). The file comes from /tmp: a path an earlier step saved (pass that step's stash_id) "
        "or the file_id of an uploaded file. Returns the Slack file's ID, name and permalink. To find files "
        "already in Slack, use slack-list-files; to read one, slack-get-file."
    ),
    props={
        "filePath": props.string(
            "File",
            "The file to upload: a path under /tmp such as `/tmp/report.pdf` saved by an earlier step with the "
            "same stash_id, or the `file_...` id of a file sent to the gateway.",
        ),
        "channel": app.definition("conversation", optional=True, description=(
            "Where to share the file. Leave empty to upload it privately to the user's files."
        )),
        "title": props.string("Title", "The file's title in Slack. Defaults to the file name.", optional=True),
        "initialComment": props.string(
            "Message", "Text posted with the file, in Slack's mrkdwn.", optional=True,
        ),
        "threadTs": props.string(
            "Thread Timestamp",
            "To share the file as a thread reply, the `ts` of the thread's parent message, e.g. `1712345678.000100`. "
            "Needs a channel.",
            optional=True,
        ),
    },
    stash="optional",
)
async def upload_file(ctx):
    path = ctx.tmp_path(ctx.props.filePath)
    try:
        data = await asyncio.to_thread(path.read_bytes)
    except (FileNotFoundError, IsADirectoryError):
        raise ActionError(
            f"{ctx.props.filePath} is not a file in /tmp; pass the stash_id of the step that saved it, "
            "or a file_id as the file"
        ) from None
    if not data:
        raise ActionError(f"{ctx.props.filePath} is empty; Slack does not accept empty files")
    channel, thread = ctx.props.get("channel"), ctx.props.get("threadTs")
    if thread and not channel:
        raise ActionError("a thread reply needs the channel the thread is in")

    # Slack's upload flow: ask for an upload URL, send the bytes there, then complete and share.
    ticket = await call(ctx, "files.getUploadURLExternal", form={"filename": path.name, "length": str(len(data))})
    await ctx.http.post(ticket["upload_url"], content=data, headers={"Content-Type": "application/octet-stream"})
    complete = {"files": [{"id": ticket["file_id"], "title": ctx.props.get("title") or path.name}]}
    if channel:
        complete["channel_id"] = channel
    if ctx.props.get("initialComment"):
        complete["initial_comment"] = ctx.props.initialComment
    if thread:
        complete["thread_ts"] = thread
    done = await call(ctx, "files.completeUploadExternal", body=complete)
    uploaded = (done.get("files") or [{}])[0]
    where = f" to {channel}" if channel else " (private)"
    ctx.summary = f"Uploaded {path.name} ({len(data)} bytes){where}"
    return {
        "id": uploaded.get("id") or ticket["file_id"],
        "name": path.name,
        "title": uploaded.get("title"),
        "size": len(data),
        "permalink": uploaded.get("permalink"),
    }
