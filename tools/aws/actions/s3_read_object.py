import json

from mcp_gateway.catalog import ActionError, props

from ..app import app, clean_key, client, iso, s3_call, s3_error


@app.action(
    "s3-read-object",
    title="S3: Read Text Object",
    description=(
        "Read a text object (txt, csv, json, md, html, logs...) from an S3 bucket and return its content directly, "
        "up to a size limit. JSON objects can be returned parsed. For binary files use aws-s3-download-file."
    ),
    props={
        "bucket": app.definition("bucket"),
        "key": app.definition("key"),
        "maxBytes": props.integer(
            "Max Bytes",
            "Read at most this many bytes from the start of the object (up to 1,000,000); the result says if it "
            "was cut.",
            min=1,
            max=1_000_000,
            default=100_000,
        ),
        "parseJson": props.boolean(
            "Parse JSON", "`true` returns the content parsed as JSON (the whole object must fit in Max Bytes).",
            default=False,
        ),
    },
    read_only=True,
)
async def s3_read_object(ctx):
    key = clean_key(ctx.props.key)
    limit = ctx.props.maxBytes
    async with client(ctx) as s3:
        got = await _get(s3, ctx.props.bucket, key, limit)
        async with got["Body"] as stream:
            data = await stream.read()
    total = _total_size(got, len(data))
    truncated = total > len(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        if not truncated:
            raise ActionError(
                f"s3://{ctx.props.bucket}/{key} is not UTF-8 text ({got.get('ContentType')}); download it with "
                "aws-s3-download-file instead"
            ) from None
        text = data.decode("utf-8", errors="ignore")  # the cut may split a character
    result = {
        "bucket": ctx.props.bucket,
        "key": key,
        "content_type": got.get("ContentType"),
        "size": total,
        "truncated": truncated,
        "last_modified": iso(got.get("LastModified")),
    }
    if ctx.props.parseJson:
        if truncated:
            raise ActionError(f"the object is {total} bytes, more than Max Bytes ({limit}); raise it to parse the JSON")
        try:
            result["json"] = json.loads(text)
        except ValueError as exc:
            raise ActionError(f"s3://{ctx.props.bucket}/{key} is not valid JSON: {exc}") from None
    else:
        result["content"] = text
    cut = f" (first {len(data)} of {total} bytes)" if truncated else ""
    ctx.summary = f"Read {len(data)} bytes from s3://{ctx.props.bucket}/{key}{cut}"
    return result


async def _get(s3, bucket, key, limit):
    from botocore.exceptions import ClientError

    try:
        return await s3.get_object(Bucket=bucket, Key=key, Range=f"bytes=0-{limit - 1}")
    except ClientError as exc:
        if (exc.response.get("Error") or {}).get("Code") != "InvalidRange":
            raise s3_error(exc, bucket, key) from None
    # S3 refuses any byte range of an empty object; read it whole.
    return await s3_call(s3, "get_object", Bucket=bucket, Key=key)


def _total_size(got, read):
    """The object's full size, from `Content-Range: bytes 0-99/12345` when S3 answered a range."""
    content_range = got.get("ContentRange") or ""
    if "/" in content_range:
        tail = content_range.rsplit("/", 1)[-1]
        if tail.isdigit():
            return int(tail)
    return got.get("ContentLength") or read
