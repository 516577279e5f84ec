from urllib.parse import quote

from ..app import app, call


@app.action(
    "delete-file",
    title="Delete File",
    description=(
        "Permanently delete a file from the OpenAI account by its ID (from openai-list-files). Returns the ID and "
        "whether it was deleted. To keep a copy first, use openai-download-file."
    ),
    props={"fileId": app.definition("file")},
    destructive=True,
    idempotent=True,
)
async def delete_file(ctx):
    data = await call(ctx, "DELETE", f"/files/{quote(ctx.props.fileId, safe='')}")
    deleted = bool(data.get("deleted"))
    ctx.summary = f"Deleted file {data.get('id') or ctx.props.fileId}" if deleted else f"OpenAI did not delete {ctx.props.fileId}"
    return {"id": data.get("id") or ctx.props.fileId, "deleted": deleted}
