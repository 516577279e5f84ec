import mimetypes

from mcp_gateway.catalog import ActionError, props

from ..app import app, client, etag, read_tmp_file, s3_call


@app.action(
    "s3-upload-file",
    title="S3: Upload File",
    description=(
        "Upload a file from /tmp to an S3 bucket. An existing object with the same key is replaced. Returns the "
        "bucket, key, size and ETag of the stored object. To write text without a file, use aws-s3-put-object."
    ),
    props={
        "bucket": app.definition("bucket"),
        "filePath": props.string(
            "File",
            "The file to upload: a path under /tmp such as `/tmp/report.pdf` saved by an earlier step with the same "
            "stash_id, or the `file_...` id of a file sent to the gateway.",
        ),
        "key": props.string(
            "Object Key",
            "Where to store it in the bucket, e.g. `reports/2024/q3.pdf`. A key ending in `/` is a folder: the file "
            "name is added. Defaults to the file name at the top of the bucket.",
            optional=True,
        ),
        "contentType": props.string(
            "Content Type",
            "The MIME type to store, e.g. `application/pdf`. Guessed from the file name when empty.",
            optional=True,
        ),
        "metadata": props.obj(
            "Metadata",
            "Custom metadata to store with the object, as string pairs, e.g. `{\"customer\": \"acme\"}`.",
            optional=True,
        ),
    },
    destructive=True,
    idempotent=True,
    stash="optional",
)
async def s3_upload_file(ctx):
    path, data = await read_tmp_file(ctx, ctx.props.filePath)
    if len(data) > 5 * 1024**3:
        raise ActionError(f"{ctx.props.filePath} is larger than 5 GB, the most one S3 upload accepts")
    key = ctx.props.get("key") or path.name
    if key.endswith("/"):
        key += path.name
    key = key.lstrip("/")
    content_type = ctx.props.get("contentType") or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    params = {"Bucket": ctx.props.bucket, "Key": key, "Body": data, "ContentType": content_type}
    if ctx.props.get("metadata"):
        params["Metadata"] = {str(k): str(v) for k, v in ctx.props.metadata.items()}
    async with client(ctx) as s3:
        stored = await s3_call(s3, "put_object", **params)
    ctx.summary = f"Uploaded {path.name} ({len(data)} bytes) to s3://{ctx.props.bucket}/{key}"
    return {
        "bucket": ctx.props.bucket,
        "key": key,
        "size": len(data),
        "content_type": content_type,
        "etag": etag(stored.get("ETag")),
        "version_id": stored.get("VersionId"),
    }
