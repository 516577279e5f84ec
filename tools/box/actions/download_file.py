import asyncio

from mcp_gateway.catalog import ActionError, props, retry_after_seconds

from ..app import api, app, box_error, box_id


def _save(target, content):
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)


@app.action(
    "download-file",
    title="Download File",
    description=(
        "Download a Box file into /tmp, where later steps (and File Stash) can pick it up. Returns the saved path, name "
        "and size. For the details without the content use box-get-file."
    ),
    props={
        "fileId": app.definition("fileId"),
        "filePath": props.string("File Path", "Where to save it, under /tmp; defaults to `/tmp/<file name>`.", optional=True),
    },
    read_only=True,
    stash="optional",
)
async def download_file(ctx):
    file_id = box_id(ctx.props.fileId)
    file = await api(ctx, "GET", f"/files/{file_id}", params={"fields": "id,name,size"})
    # Box answers /content with a redirect to a short-lived download URL on dl.boxcloud.com.
    response = await ctx.http.get(f"/files/{file_id}/content", follow_redirects=True, raise_for_status=False)
    if response.status_code >= 400:
        raise box_error("GET", response)
    if response.status_code == 202:
        wait = retry_after_seconds(response)
        raise ActionError(f"Box is still preparing the file; retry after {wait:g} s" if wait is not None
                          else "Box is still preparing the file; retry shortly")
    name = file.get("name") or file_id
    file_path = ctx.props.get("filePath") or f"/tmp/{name.replace('/', '_')}"
    await asyncio.to_thread(_save, ctx.tmp_path(file_path), response.content)
    ctx.summary = f"Downloaded {name} ({len(response.content):,} bytes) to {file_path}"
    return {"filePath": file_path, "name": name, "size": len(response.content), "fileId": file.get("id")}
