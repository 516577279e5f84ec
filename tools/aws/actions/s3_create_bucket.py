import re

from mcp_gateway.catalog import ActionError, props

from ..app import app, client, s3_call, s3_error, settings

_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")


@app.action(
    "s3-create-bucket",
    title="S3: Create Bucket",
    description=(
        "Create a new S3 bucket in the account's region (or another region). Bucket names are global across all "
        "AWS accounts. New buckets block public access by default. Returns the bucket name and region. To see the "
        "buckets already there, use aws-s3-list-buckets."
    ),
    props={
        "bucket": props.string(
            "Bucket Name",
            "The new bucket's name: 3-63 lowercase letters, digits, hyphens and dots, starting and ending with a "
            "letter or digit, e.g. `acme-reports-2024`.",
        ),
        "region": props.string(
            "Region",
            "Where to create it, e.g. `eu-west-1`. Defaults to the account's region.",
            optional=True,
        ),
    },
)
async def s3_create_bucket(ctx):
    name = ctx.props.bucket.strip()
    if not _NAME.match(name) or ".." in name:
        raise ActionError(
            f"{name!r} is not a valid bucket name: use 3-63 lowercase letters, digits, hyphens and dots, e.g. `acme-reports-2024`"
        )
    region = ctx.props.get("region") or settings(ctx.auth)["region_name"]
    params = {"Bucket": name}
    if region != "us-east-1":  # us-east-1 is the default and must not be named as a location
        params["CreateBucketConfiguration"] = {"LocationConstraint": region}
    async with client(ctx) as s3:
        await _check_free(s3, name)
        created = await s3_call(s3, "create_bucket", **params)
    ctx.summary = f"Created bucket {name} in {region}"
    return {"bucket": name, "region": region, "location": created.get("Location")}


async def _check_free(s3, name):
    """Refuse a name already in use: in us-east-1 S3 answers 200 to re-creating your own bucket."""
    from botocore.exceptions import ClientError

    try:
        await s3.head_bucket(Bucket=name)
    except ClientError as exc:
        status = (exc.response.get("ResponseMetadata") or {}).get("HTTPStatusCode")
        if status == 404:
            return
        if status == 403:
            raise ActionError(
                f"the bucket name {name!r} is taken by another AWS account (bucket names are global); pick another"
            ) from None
        raise s3_error(exc, name) from None
    raise ActionError(f"this account already has a bucket named {name!r}; use it or pick another name")
