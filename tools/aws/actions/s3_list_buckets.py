from mcp_gateway.catalog import props

from ..app import app, client, iso, s3_call


@app.action(
    "s3-list-buckets",
    title="S3: List Buckets",
    description=(
        "List the S3 buckets of the connected account, optionally only those whose names start with a prefix. "
        "Returns each bucket's name, region (when S3 reports it) and creation date, and a token for the next page."
    ),
    props={
        "prefix": props.string("Name Prefix", "Only buckets whose names start with this, e.g. `acme-`.", optional=True),
        "continuationToken": props.string(
            "Continuation Token",
            "To get the next page, the `continuation_token` returned by the previous call.",
            optional=True,
        ),
    },
    read_only=True,
)
async def s3_list_buckets(ctx):
    params = {"MaxBuckets": 1000}
    if ctx.props.get("prefix"):
        params["Prefix"] = ctx.props.prefix
    if ctx.props.get("continuationToken"):
        params["ContinuationToken"] = ctx.props.continuationToken
    async with client(ctx) as s3:
        listed = await s3_call(s3, "list_buckets", **params)
    buckets = [
        {"name": b.get("Name"), "region": b.get("BucketRegion"), "created": iso(b.get("CreationDate"))}
        for b in listed.get("Buckets") or []
    ]
    token = listed.get("ContinuationToken")
    ctx.summary = f"Listed {len(buckets)} bucket{'s' if len(buckets) != 1 else ''}{' (more available)' if token else ''}"
    return {"buckets": buckets, "continuation_token": token}
