import asyncio
from pathlib import PurePosixPath

from mcp_gateway.catalog import props

from ..app import app, clean_key, client, etag, iso, s3_call

_CHUNK = 1024 * 1024


@app.action(
    "s3-download-file",
    title="S3: Download File to /tmp",
    description=(
        "Download an object from an S3 bucket and save it under /tmp, where later steps (and File Stash) can use "
        "it. Returns the saved path, size, content type and last-modified time. To read a text object's content "
        "directly, use aws-s3-read-object; to share it without credentials, aws-s3-generate-presigned-url."
    ),
    props={
        "bucket": app.definition("bucket"),
        "key": app.definition("key"),
        "filePath": props.string(
            "File Path",
            "Where to save it under /tmp, e.g. `/tmp/q3.pdf`. Defaults to the key's file name in /tmp.",
            optional=True,
        ),
    },
    read_only=True,
    stash="optional",
)
async def s3_download_file(ctx):
    key = clean_key(ctx.props.key)
    path = ctx.props.get("filePath") or f"/tmp/{PurePosixPath(key).name or 'download'}"
    target = ctx.tmp_path(path)
    async with client(ctx) as s3:
        got = await s3_call(s3, "get_object", Bucket=ctx.props.bucket, Key=key)
        size = await _stream_to(got["Body"], target)
    ctx.summary = f"Downloaded s3://{ctx.props.bucket}/{key} ({size} bytes) to {path}"
    return {
        "bucket": ctx.props.bucket,
        "key": key,
        "filePath": path,
        "size": size,
        "content_type": got.get("ContentType"),
        "last_modified": iso(got.get("LastModified")),
        "etag": etag(got.get("ETag")),
    }


async def _stream_to(body, target):
    """Write an object's body to `target` a chunk at a time, so large objects never sit in memory whole."""
    await asyncio.to_thread(target.parent.mkdir, parents=True, exist_ok=True)
    size = 0
    handle = await asyncio.to_thread(open, target, "wb")
    try:
        async with body as stream:
            while chunk := await stream.read(_CHUNK):
                await asyncio.to_thread(handle.write, chunk)
                size += len(chunk)
    finally:
        await asyncio.to_thread(handle.close)
    return size
