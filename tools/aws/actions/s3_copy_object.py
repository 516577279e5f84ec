from mcp_gateway.catalog import props

from ..app import app, clean_key, client, etag, iso, s3_call


@app.action(
    "s3-copy-object",
    title="S3: Copy Object",
    description=(
        "Copy an object to another key, in the same bucket or another one (objects up to 5 GB), keeping its "
        "content type and metadata. An object already at the destination key is replaced. To move or rename, "
        "copy and then delete the source with aws-s3-delete-object."
    ),
    props={
        "sourceBucket": app.definition("bucket", label="Source Bucket", description=(
            "The bucket the object is in, e.g. `acme-reports`. The choices list this account's buckets."
        )),
        "sourceKey": app.definition("key", label="Source Key", description=(
            "The key of the object to copy, e.g. `reports/2024/q3.pdf`. The choices list the source bucket's objects."
        )),
        "destinationBucket": app.definition("bucket", label="Destination Bucket", description=(
            "The bucket to copy into; may be the same as the source. The choices list this account's buckets."
        )),
        "destinationKey": props.string(
            "Destination Key",
            "The key of the copy, e.g. `archive/2024/q3.pdf`. A key ending in `/` keeps the source file name.",
        ),
    },
    destructive=True,
    idempotent=True,
)
async def s3_copy_object(ctx):
    source_key = clean_key(ctx.props.sourceKey)
    target = ctx.props.destinationKey.lstrip("/")
    if not target or target.endswith("/"):
        target += source_key.rsplit("/", 1)[-1]
    source = {"Bucket": ctx.props.sourceBucket, "Key": source_key}
    async with client(ctx) as s3:
        # Check the source first, so a missing source is reported as such rather than as a destination error.
        await s3_call(s3, "head_object", **source)
        copied = await s3_call(s3, "copy_object", Bucket=ctx.props.destinationBucket, Key=target, CopySource=source)
    result = copied.get("CopyObjectResult") or {}
    ctx.summary = f"Copied s3://{ctx.props.sourceBucket}/{source_key} to s3://{ctx.props.destinationBucket}/{target}"
    return {
        "source": f"s3://{ctx.props.sourceBucket}/{source_key}",
        "bucket": ctx.props.destinationBucket,
        "key": target,
        "etag": etag(result.get("ETag")),
        "last_modified": iso(result.get("LastModified")),
        "version_id": copied.get("VersionId"),
    }
