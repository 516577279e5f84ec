from ..app import app, clean_key, client, s3_call


@app.action(
    "s3-delete-object",
    title="S3: Delete Object",
    description=(
        "Delete an object from an S3 bucket. Fails with a clear message when no object has that key (S3 itself "
        "would silently succeed). In a versioned bucket the object gets a delete marker and old versions remain. "
        "Find keys with aws-s3-list-objects; to keep a copy first, use aws-s3-copy-object."
    ),
    props={"bucket": app.definition("bucket"), "key": app.definition("key")},
    destructive=True,
)
async def s3_delete_object(ctx):
    key = clean_key(ctx.props.key)
    async with client(ctx) as s3:
        head = await s3_call(s3, "head_object", Bucket=ctx.props.bucket, Key=key)
        deleted = await s3_call(s3, "delete_object", Bucket=ctx.props.bucket, Key=key)
    ctx.summary = f"Deleted s3://{ctx.props.bucket}/{key} ({head.get('ContentLength')} bytes)"
    return {
        "bucket": ctx.props.bucket,
        "key": key,
        "deleted": True,
        "size": head.get("ContentLength"),
        "delete_marker": bool(deleted.get("DeleteMarker")),
        "version_id": deleted.get("VersionId"),
    }
