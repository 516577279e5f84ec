from mcp_gateway.catalog import props

from ..app import app, client, etag, iso, s3_call


@app.action(
    "s3-list-objects",
    title="S3: List Objects",
    description=(
        "List the objects (files) in an S3 bucket, optionally under a prefix (a folder such as `reports/2024/`). "
        "With a delimiter of `/` it lists one folder level: the objects directly in it and its sub-folders. "
        "Returns each object's key, size, last-modified time and ETag, and a token for the next page."
    ),
    props={
        "bucket": app.definition("bucket"),
        "prefix": props.string(
            "Prefix", "Only keys that start with this, e.g. `reports/2024/`. Leave empty for the whole bucket.",
            optional=True,
        ),
        "delimiter": props.string(
            "Delimiter",
            "`/` groups keys into folders: sub-folders come back in `folders` instead of every object below them.",
            optional=True,
        ),
        "maxKeys": props.integer("Max Objects", "The most objects to return (1 to 1000).", min=1, max=1000, default=100),
        "continuationToken": props.string(
            "Continuation Token",
            "To get the next page, the `next_continuation_token` returned by the previous call.",
            optional=True,
        ),
    },
    read_only=True,
)
async def s3_list_objects(ctx):
    params = {"Bucket": ctx.props.bucket, "MaxKeys": ctx.props.maxKeys}
    for name, field in (("prefix", "Prefix"), ("delimiter", "Delimiter"), ("continuationToken", "ContinuationToken")):
        if ctx.props.get(name):
            params[field] = ctx.props[name]
    async with client(ctx) as s3:
        listed = await s3_call(s3, "list_objects_v2", **params)
    objects = [
        {
            "key": o.get("Key"),
            "size": o.get("Size"),
            "last_modified": iso(o.get("LastModified")),
            "etag": etag(o.get("ETag")),
            "storage_class": o.get("StorageClass"),
        }
        for o in listed.get("Contents") or []
    ]
    folders = [p.get("Prefix") for p in listed.get("CommonPrefixes") or []]
    token = listed.get("NextContinuationToken") if listed.get("IsTruncated") else None
    where = f"s3://{ctx.props.bucket}/{ctx.props.get('prefix') or ''}"
    extra = f" and {len(folders)} folder{'s' if len(folders) != 1 else ''}" if folders else ""
    ctx.summary = f"Listed {len(objects)} object{'s' if len(objects) != 1 else ''}{extra} in {where}{' (more available)' if token else ''}"
    return {"objects": objects, "folders": folders, "is_truncated": bool(token), "next_continuation_token": token}
