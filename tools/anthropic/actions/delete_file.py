from ..app import FILES_BETA, app, call, quoted


@app.action(
    "delete-file",
    title="Delete File",
    description=(
        "Permanently delete a file from Anthropic's file storage (Files API, beta) by its ID, from "
        "anthropic-list-files. Returns the ID and whether it was deleted."
    ),
    props={"fileId": app.definition("file")},
    destructive=True,
)
async def delete_file(ctx):
    data = await call(ctx, "DELETE", f"/files/{quoted(ctx.props.fileId)}", headers=FILES_BETA)
    ctx.summary = f"Deleted file {data.get('id') or ctx.props.fileId}"
    return {"id": data.get("id") or ctx.props.fileId, "deleted": data.get("type") == "file_deleted"}
