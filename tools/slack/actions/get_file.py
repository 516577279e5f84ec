from ..app import app, call, file_summary


@app.action(
    "get-file",
    title="Get File",
    description=(
        "Read one Slack file's details by ID: name, title, type, size, owner, the channels it is shared in, and "
        "its links (`url_private` downloads it with the account's token). To find a file's ID, use "
        "slack-list-files."
    ),
    props={"file": app.definition("file")},
    read_only=True,
    trim=file_summary,
)
async def get_file(ctx):
    data = await call(ctx, "files.info", params={"file": ctx.props.file})
    file = data.get("file") or {}
    ctx.summary = f"Read file {file.get('name') or file.get('id')} ({file.get('id')})"
    return file
