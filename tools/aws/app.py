"""Amazon S3 (and S3-compatible storage such as MinIO or Cloudflare R2) with the account's access keys.

Every run opens one aiobotocore client from the account's fields (`s3(ctx)`) and closes it
when done; aiobotocore is imported there, on first use, because it is slow to import.
"""

import asyncio
import contextlib

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, props

DEFAULT_REGION = "us-east-1"

# What to do about the error codes S3 answers with.
_HINTS = {
    "NoSuchBucket": "no bucket has that name in this account; list buckets to find the right one",
    "NoSuchKey": "no object has that key in the bucket; list the bucket's objects to find the right key",
    "NotFound": "nothing was found there; check the bucket name and key",
    "AccessDenied": "the access key is not allowed to do this; its IAM policy needs the matching s3: permission",
    "AllAccessDisabled": "all access to this bucket or object has been disabled",
    "InvalidAccessKeyId": "the access key ID is not known to AWS; the user should reconnect with valid keys",
    "SignatureDoesNotMatch": "the secret access key does not match the access key ID; the user should reconnect",
    "ExpiredToken": "the session token has expired; the user should reconnect with fresh credentials",
    "InvalidToken": "the session token is not valid; the user should reconnect",
    "BucketAlreadyExists": "bucket names are global across all AWS accounts and this one is taken; pick another",
    "BucketAlreadyOwnedByYou": "this account already owns a bucket with that name",
    "InvalidBucketName": "bucket names are 3-63 lowercase letters, digits, dots and hyphens, e.g. `acme-reports-2024`",
    "TooManyBuckets": "the account has reached its bucket limit",
    "PermanentRedirect": "the bucket is in another region; set the account's region to the bucket's region",
    "AuthorizationHeaderMalformed": "the bucket is in another region than the account's; set the region to match",
    "IllegalLocationConstraintException": "the region does not match the endpoint; check the region given",
    "InvalidObjectState": "the object is archived (Glacier); restore it before reading it",
    "EntityTooLarge": "the object is larger than one upload allows (5 GB)",
    "SlowDown": "S3 is throttling requests to this bucket; wait a few seconds and retry",
    "RequestTimeTooSkewed": "the gateway's clock differs too much from AWS's; retry later",
    "InvalidRequest": "S3 refused the request; see the message",
}
_BY_STATUS = {"403": "AccessDenied", "404": "NotFound", "301": "PermanentRedirect", "503": "SlowDown"}


def settings(auth):
    key_id = str(auth.get("accessKeyId") or "").strip()
    secret = str(auth.get("secretAccessKey") or "").strip()
    if not key_id or not secret:
        raise ActionError("the AWS account needs an access key ID and a secret access key; reconnect it")
    return {
        "aws_access_key_id": key_id,
        "aws_secret_access_key": secret,
        "aws_session_token": str(auth.get("sessionToken") or "").strip() or None,
        "region_name": str(auth.get("region") or "").strip() or DEFAULT_REGION,
        "endpoint_url": str(auth.get("endpointUrl") or "").strip().rstrip("/") or None,
    }


def s3_error(exc, bucket=None, key=None):
    """An `ActionError` for a botocore `ClientError`, with what to do about it."""
    error = exc.response.get("Error") or {}
    status = str((exc.response.get("ResponseMetadata") or {}).get("HTTPStatusCode") or "")
    code = str(error.get("Code") or status or "Unknown")
    # HEAD requests have no body, so S3 reports only the status there.
    if code in _BY_STATUS:
        code = _BY_STATUS[code]
    if code == "NotFound" and key:
        code = "NoSuchKey"
    elif code == "NotFound" and bucket:
        code = "NoSuchBucket"
    where = f"s3://{bucket}/{key}" if bucket and key else (f"bucket {bucket}" if bucket else "S3")
    message = error.get("Message") or ""
    hint = _HINTS.get(code, "check the values passed to the action")
    operation = getattr(exc, "operation_name", None) or "request"
    text = f"S3 {operation} on {where} failed with `{code}`"
    if message:
        text += f": {message}"
    return ActionError(f"{text} ({hint})")


_session = None


def _shared_session():
    """One aiobotocore session per process: it caches the API models every client is built from."""
    global _session
    if _session is None:
        from aiobotocore.session import get_session

        _session = get_session()
    return _session


@contextlib.asynccontextmanager
async def client(ctx, service="s3"):
    """An aiobotocore client for the account (S3 unless told otherwise), closed on exit."""
    from aiobotocore.config import AioConfig
    from botocore.exceptions import BotoCoreError, ClientError

    options = settings(ctx.auth)
    if options["endpoint_url"]:
        ctx.egress.check_literal(options["endpoint_url"])  # the resolver below judges host names
    config = AioConfig(
        # The gateway's egress policy decides where an account's endpoint may lead.
        connector_args={"resolver": ctx.egress.aiohttp_resolver()},
        # S3-compatible servers all accept path-style addressing; AWS itself prefers virtual hosts.
        s3={"addressing_style": "path" if options["endpoint_url"] else "auto"},
        # Signature Version 4 everywhere: presigned links otherwise fall back to the retired version 2.
        signature_version="s3v4",
        retries={"max_attempts": 3, "mode": "standard"},
        connect_timeout=10,
        read_timeout=25,
    )
    if service != "s3":
        options["endpoint_url"] = None
    try:
        async with _shared_session().create_client(service, config=config, **options) as made:
            yield made
    except ClientError as exc:
        raise s3_error(exc) from None
    except BotoCoreError as exc:
        raise ActionError(f"could not reach {'S3' if service == 's3' else service.upper()}: {exc}") from None


async def s3_call(s3, operation, **params):
    """Call one S3 operation, turning its errors into messages that name the bucket and key."""
    from botocore.exceptions import ClientError

    try:
        return await getattr(s3, operation)(**params)
    except ClientError as exc:
        raise s3_error(exc, params.get("Bucket"), params.get("Key")) from None


async def _account_test(ctx):
    """Who the keys belong to: STS GetCallerIdentity on AWS; ListBuckets (owner) on an S3-compatible endpoint."""
    options = settings(ctx.auth)
    if options["endpoint_url"] is None:
        async with client(ctx, "sts") as sts:
            me = await sts.get_caller_identity()
        return Identity(name=me.get("Arn"), external_id=me.get("Account"))
    async with client(ctx) as s3:
        listed = await s3_call(s3, "list_buckets")
    owner = listed.get("Owner") or {}
    name = owner.get("DisplayName") or options["aws_access_key_id"]
    return Identity(name=f"{name} @ {options['endpoint_url']}", external_id=owner.get("ID"))


app = App(
    "aws",
    "Amazon Web Services (S3)",
    "Store and fetch files in Amazon S3 (or S3-compatible storage such as MinIO or Cloudflare R2): list buckets "
    "and objects, upload and download files, read and write text or JSON, copy, delete, inspect objects and "
    "make presigned links.",
    auth=Keys(
        fields=[
            KeyField(
                "accessKeyId",
                "Access Key ID",
                "The IAM access key ID, e.g. `AKIAIOSFODNN7EXAMPLE`. Its policy needs the s3: permissions the actions use.",
                secret=False,
            ),
            KeyField("secretAccessKey", "Secret Access Key", "The secret access key that belongs to the access key ID."),
            KeyField(
                "region",
                "Region",
                "The AWS region of the buckets, e.g. `us-east-1` or `eu-west-1` (`auto` for Cloudflare R2).",
                secret=False,
                optional=True,
                default=DEFAULT_REGION,
            ),
            KeyField(
                "endpointUrl",
                "Endpoint URL",
                "Only for S3-compatible services: their API endpoint, e.g. `https://<account>.r2.cloudflarestorage.com` "
                "or `https://minio.example.com:9000`. Leave empty for Amazon S3.",
                secret=False,
                optional=True,
            ),
            KeyField(
                "sessionToken",
                "Session Token",
                "Only for temporary credentials (keys starting with `ASIA`): the session token that goes with them.",
                optional=True,
            ),
        ]
    ),
    categories=["Developer Tools", "File Storage"],
    featured_weight=80,
    test=_account_test,
)


# Files in /tmp


async def read_tmp_file(ctx, file_path):
    path = ctx.tmp_path(file_path)
    try:
        data = await asyncio.to_thread(path.read_bytes)
    except (FileNotFoundError, IsADirectoryError):
        raise ActionError(
            f"{file_path} is not a file in /tmp; pass the stash_id of the step that saved it, or a file_id as the file"
        ) from None
    return path, data


def iso(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def etag(value):
    return value.strip('"') if isinstance(value, str) else value


def clean_key(key):
    value = str(key or "")
    if not value or value.startswith("/"):
        raise ActionError(f"object key {key!r} must be a path inside the bucket without a leading slash, e.g. `reports/2024/q3.pdf`")
    return value


# Remote options


async def bucket_options(ctx):
    token = ctx.prev_context.get("token")
    if ctx.page > 0 and not token:
        return []
    params = {"MaxBuckets": 1000}
    if token:
        params["ContinuationToken"] = token
    async with client(ctx) as s3:
        listed = await s3_call(s3, "list_buckets", **params)
    following = listed.get("ContinuationToken")
    return OptionsPage(
        options=[b["Name"] for b in listed.get("Buckets") or []],
        context={"token": following} if following else None,
    )


async def key_options(ctx):
    bucket = ctx.props.get("bucket") or ctx.props.get("sourceBucket")
    if not bucket:
        return []
    token = ctx.prev_context.get("token")
    if ctx.page > 0 and not token:
        return []
    params = {"Bucket": bucket, "MaxKeys": 500}
    if ctx.query:
        params["Prefix"] = ctx.query
    if token:
        params["ContinuationToken"] = token
    async with client(ctx) as s3:
        listed = await s3_call(s3, "list_objects_v2", **params)
    following = listed.get("NextContinuationToken") if listed.get("IsTruncated") else None
    return OptionsPage(
        options=[Option(label=f"{o['Key']} ({o.get('Size', 0)} bytes)", value=o["Key"]) for o in listed.get("Contents") or []],
        context={"token": following} if following else None,
    )


# Shared props

app.define(
    "bucket",
    props.string(
        "Bucket",
        "The name of an S3 bucket, e.g. `acme-reports` (not an ARN or URL). The choices list this account's buckets.",
        options=bucket_options,
    ),
)

app.define(
    "key",
    props.string(
        "Object Key",
        "The object's key (its path inside the bucket), e.g. `reports/2024/q3.pdf`. The choices list the bucket's "
        "objects; type a prefix to narrow them.",
        options=key_options,
        use_query=True,
    ),
)
