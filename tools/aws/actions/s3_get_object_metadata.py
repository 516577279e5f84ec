from ..app import app, clean_key, client, etag, iso, s3_call


@app.action(
    "s3-get-object-metadata",
    title="S3: Get Object Metadata",
    description=(
        "Look up an S3 object without downloading it: size, content type, last-modified time, ETag, storage class, "
        "version and custom metadata. Also tells whether an object exists. To read the content, use "
        "aws-s3-read-object or aws-s3-download-file."
    ),
    props={"bucket": app.definition("bucket"), "key": app.definition("key")},
    read_only=True,
)
async def s3_get_object_metadata(ctx):
    key = clean_key(ctx.props.key)
    async with client(ctx) as s3:
        head = await s3_call(s3, "head_object", Bucket=ctx.props.bucket, Key=key)
    ctx.summary = f"s3://{ctx.props.bucket}/{key} is {head.get('ContentLength')} bytes of {head.get('ContentType')}"
    return {
        "bucket": ctx.props.bucket,
        "key": key,
        "size": head.get("ContentLength"),
        "content_type": head.get("ContentType"),
        "last_modified": iso(head.get("LastModified")),
        "etag": etag(head.get("ETag")),
        "storage_class": head.get("StorageClass") or "STANDARD",
        "version_id": head.get("VersionId"),
        "cache_control": head.get("CacheControl"),
        "content_disposition": head.get("ContentDisposition"),
        "content_encoding": head.get("ContentEncoding"),
        "server_side_encryption": head.get("ServerSideEncryption"),
        "metadata": head.get("Metadata") or {},
    }
