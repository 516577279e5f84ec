import json

from mcp_gateway.catalog import props

from ..app import app, clean_key, client, etag, s3_call


@app.action(
    "s3-put-object",
    title="S3: Write Text or JSON Object",
    description=(
        "Write text or JSON directly to an object in an S3 bucket, without a file, e.g. a note, a CSV, or a JSON "
        "record. An existing object with the same key is replaced. Returns the bucket, key, size and ETag. To store "
        "a file (any type) from /tmp, use aws-s3-upload-file."
    ),
    props={
        "bucket": app.definition("bucket"),
        "key": props.string("Object Key", "Where to store it in the bucket, e.g. `exports/2024-06-01/orders.json`."),
        "content": props.any_value(
            "Content",
            "What to store: a string is stored as is (UTF-8); an object or list is stored as JSON, e.g. "
            "`{\"order\": 42, \"status\": \"shipped\"}`.",
        ),
        "contentType": props.string(
            "Content Type",
            "The MIME type, e.g. `text/csv`. Defaults to `application/json` for objects and lists, "
            "`text/plain; charset=utf-8` for strings.",
            optional=True,
        ),
    },
    destructive=True,
    idempotent=True,
)
async def s3_put_object(ctx):
    key = clean_key(ctx.props.key)
    content = ctx.props.content
    if isinstance(content, str):
        body, default_type = content.encode("utf-8"), "text/plain; charset=utf-8"
    else:
        body, default_type = json.dumps(content, ensure_ascii=False, indent=2).encode("utf-8"), "application/json"
    content_type = ctx.props.get("contentType") or default_type
    async with client(ctx) as s3:
        stored = await s3_call(s3, "put_object", Bucket=ctx.props.bucket, Key=key, Body=body, ContentType=content_type)
    ctx.summary = f"Wrote {len(body)} bytes of {content_type} to s3://{ctx.props.bucket}/{key}"
    return {
        "bucket": ctx.props.bucket,
        "key": key,
        "size": len(body),
        "content_type": content_type,
        "etag": etag(stored.get("ETag")),
        "version_id": stored.get("VersionId"),
    }
