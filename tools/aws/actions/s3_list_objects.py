from mcp_gateway.catalog import props

from ..app import app, client, etag, iso, s3_call


def _object_summary(item):
    return {
        "key": item.get("Key"),
        "size": item.get("Size"),
        "last_modified": iso(item.get("LastModified")),
        "etag": etag(item.get("ETag")),
        "storage_class": item.get("StorageClass"),
    }


def _listing(listed):
    return {**listed, "objects": [_object_summary(o) for o in listed.get("objects") or []]}


@app.action(
    "s3-list-objects",
    title="S3: List Objects",
    description=(
        "List the objects (files) in an S3 bucket, optionally under a prefix (a folder such as `reports/2024/`). "
        "With a delimiter of `/` it lists one folder level: the objects directly in it and its sub-folders. "
        "Returns each object's key, size, last-modified time and ETag, and a `next_cursor` for the next page. "
        "To read one, use aws-s3-read-object (text) or aws-s3-download-file; for one object's details, "
        "aws-s3-get-object-metadata."
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
        "limit": props.limit("objects"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=_listing,
)
async def s3_list_objects(ctx):
    params = {"Bucket": ctx.props.bucket, "MaxKeys": ctx.props.limit}
    for name, field in (("prefix", "Prefix"), ("delimiter", "Delimiter")):
        if ctx.props.get(name):
            params[field] = ctx.props[name]
    # The cursor is S3's own continuation token.
    if ctx.props.get("cursor"):
        params["ContinuationToken"] = ctx.props.cursor
    async with client(ctx) as s3:
        listed = await s3_call(s3, "list_objects_v2", **params)
    objects = listed.get("Contents") or []
    folders = [p.get("Prefix") for p in listed.get("CommonPrefixes") or []]
    token = listed.get("NextContinuationToken") if listed.get("IsTruncated") else None
    where = f"s3://{ctx.props.bucket}/{ctx.props.get('prefix') or ''}"
    extra = f" and {len(folders)} folder{'s' if len(folders) != 1 else ''}" if folders else ""
    ctx.summary = f"Listed {len(objects)} object{'s' if len(objects) != 1 else ''}{extra} in {where}{' (more available)' if token else ''}"
    return {"objects": objects, "folders": folders, "next_cursor": token}
