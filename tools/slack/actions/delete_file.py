from ..app import app, call


@app.action(
    "delete-file",
    title="Delete File",
    description=(
        "Delete a Slack file permanently, from every channel it was shared in. The connected user can delete "
        "their own files (admins any). This cannot be undone; find the ID with slack-list-files."
    ),
    props={"file": app.definition("file")},
    destructive=True,
    idempotent=True,
)
async def delete_file(ctx):
    await call(ctx, "files.delete", form={"file": ctx.props.file})
    ctx.summary = f"Deleted file {ctx.props.file}"
    return {"file": ctx.props.file, "deleted": True}
