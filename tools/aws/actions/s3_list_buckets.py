from mcp_gateway.catalog import props, within

from ..app import app, client, iso, s3_call


def _bucket_summary(bucket):
    return {"name": bucket.get("Name"), "region": bucket.get("BucketRegion"), "created": iso(bucket.get("CreationDate"))}


@app.action(
    "s3-list-buckets",
    title="S3: List Buckets",
    description=(
        "List the S3 buckets of the connected account, optionally only those whose names start with a prefix. "
        "Returns each bucket's name, region (when S3 reports it) and creation date, and a `next_cursor` for the next "
        "page. To see a bucket's contents, use aws-s3-list-objects; to make one, aws-s3-create-bucket."
    ),
    props={
        "prefix": props.string("Name Prefix", "Only buckets whose names start with this, e.g. `acme-`.", optional=True),
        "limit": props.limit("buckets"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("buckets", _bucket_summary),
)
async def s3_list_buckets(ctx):
    params = {"MaxBuckets": ctx.props.limit}
    if ctx.props.get("prefix"):
        params["Prefix"] = ctx.props.prefix
    # The cursor is S3's own continuation token.
    if ctx.props.get("cursor"):
        params["ContinuationToken"] = ctx.props.cursor
    async with client(ctx) as s3:
        listed = await s3_call(s3, "list_buckets", **params)
    buckets = listed.get("Buckets") or []
    token = listed.get("ContinuationToken")
    ctx.summary = f"Listed {len(buckets)} bucket{'s' if len(buckets) != 1 else ''}{' (more available)' if token else ''}"
    return {"buckets": buckets, "next_cursor": token}
