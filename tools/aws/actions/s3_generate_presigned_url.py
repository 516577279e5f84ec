import datetime as dt

from mcp_gateway.catalog import props

from ..app import app, clean_key, client

_METHODS = {"GET": "get_object", "PUT": "put_object"}


@app.action(
    "s3-generate-presigned-url",
    title="S3: Create Presigned URL",
    description=(
        "Make a temporary link to an S3 object that works without AWS credentials: a GET link anyone can open to "
        "download it, or a PUT link to upload to that key. Returns the URL and when it expires. To fetch the object "
        "here instead, use aws-s3-download-file."
    ),
    props={
        "bucket": app.definition("bucket"),
        "key": app.definition("key"),
        "method": props.string(
            "Method",
            "`GET` for a download link, `PUT` for an upload link (the uploader sends the file as the request body).",
            options=list(_METHODS),
            default="GET",
        ),
        "expiresIn": props.integer(
            "Expires In (seconds)",
            "How long the link works, from 1 second to 604800 (7 days), e.g. `3600` for an hour. Links made with "
            "temporary credentials stop working when those expire.",
            min=1,
            max=604800,
            default=3600,
        ),
    },
    read_only=True,
    idempotent=False,
)
async def s3_generate_presigned_url(ctx):
    key = clean_key(ctx.props.key)
    async with client(ctx) as s3:
        url = await s3.generate_presigned_url(
            _METHODS[ctx.props.method],
            Params={"Bucket": ctx.props.bucket, "Key": key},
            ExpiresIn=ctx.props.expiresIn,
        )
    expires = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) + dt.timedelta(seconds=ctx.props.expiresIn)
    ctx.summary = f"Created a {ctx.props.method} link to s3://{ctx.props.bucket}/{key} valid for {ctx.props.expiresIn} s"
    return {"url": url, "method": ctx.props.method, "bucket": ctx.props.bucket, "key": key, "expires_at": expires.isoformat()}
