"""The aws app (S3) against moto's S3 API server on 127.0.0.1: each test runs the action, then
reads the bucket with boto3 to check what it holds."""

from __future__ import annotations

import importlib
import json
import secrets

import httpx
import pytest
from botocore.exceptions import ClientError

from mcp_gateway.catalog import ActionError, AppHttp, Identity
from mcp_gateway.catalog.context import AccountContext
from mcp_gateway.runtime.engine import fetch_options, run_action
from tests.files.support import S3_KEYS, S3Server
from tests.support import LOCAL_UPSTREAMS


@pytest.fixture(scope="module")
def s3_server():
    server = S3Server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def auth(s3_server):
    return {
        "accessKeyId": S3_KEYS["access_key_id"],
        "secretAccessKey": S3_KEYS["secret_access_key"],
        "region": S3_KEYS["region"],
        "endpointUrl": s3_server.endpoint_url,
    }


@pytest.fixture
def bucket(s3_server):
    return s3_server.create_bucket()


def put(s3_server, bucket, key, body, **extra):
    s3_server.client().put_object(Bucket=bucket, Key=key, Body=body, **extra)


def read(s3_server, bucket, key):
    return s3_server.client().get_object(Bucket=bucket, Key=key)["Body"].read()


# Buckets


async def test_list_buckets_lists_the_accounts_buckets(catalog, s3_server, auth, bucket):
    result = await run_action(catalog.action("aws-s3-list-buckets"), {"prefix": bucket}, auth=auth, egress=LOCAL_UPSTREAMS)
    assert result.error is None, result.error
    assert [b["name"] for b in result.ret["buckets"]] == [bucket]
    assert result.ret["buckets"][0]["created"].startswith("20")
    assert result.ret["next_cursor"] is None
    assert result.summary == "Listed 1 bucket"


async def test_create_bucket_creates_it_in_the_region_given(catalog, s3_server, auth):
    name = f"new-{secrets.token_hex(6)}"
    result = await run_action(catalog.action("aws-s3-create-bucket"), {"bucket": name, "region": "eu-west-1"}, auth=auth, egress=LOCAL_UPSTREAMS)
    assert result.error is None, result.error
    assert result.ret["bucket"] == name and result.ret["region"] == "eu-west-1"
    assert result.summary == f"Created bucket {name} in eu-west-1"
    location = s3_server.client().get_bucket_location(Bucket=name)["LocationConstraint"]
    assert location == "eu-west-1"


async def test_create_bucket_in_us_east_1_sends_no_location(catalog, s3_server, auth):
    name = f"new-{secrets.token_hex(6)}"
    result = await run_action(catalog.action("aws-s3-create-bucket"), {"bucket": name}, auth=auth, egress=LOCAL_UPSTREAMS)
    assert result.error is None, result.error
    assert result.ret["region"] == "us-east-1"
    assert name in [b["Name"] for b in s3_server.client().list_buckets()["Buckets"]]


async def test_create_bucket_refuses_bad_names_and_taken_ones(catalog, s3_server, auth, bucket):
    bad = await run_action(catalog.action("aws-s3-create-bucket"), {"bucket": "Has_Caps"}, auth=auth, egress=LOCAL_UPSTREAMS)
    assert "not a valid bucket name" in bad.error
    taken = await run_action(catalog.action("aws-s3-create-bucket"), {"bucket": bucket}, auth=auth, egress=LOCAL_UPSTREAMS)
    assert taken.error == f"this account already has a bucket named {bucket!r}; use it or pick another name"


# Objects


async def test_list_objects_with_prefix_and_folders(catalog, s3_server, auth, bucket):
    for key in ("reports/2024/q1.csv", "reports/2024/q2.csv", "reports/archive/old.csv", "notes.txt"):
        put(s3_server, bucket, key, b"a,b\n1,2\n")
    result = await run_action(
        catalog.action("aws-s3-list-objects"), {"bucket": bucket, "prefix": "reports/", "delimiter": "/"}, auth=auth, egress=LOCAL_UPSTREAMS,
    )
    assert result.error is None, result.error
    assert result.ret["objects"] == []
    assert result.ret["folders"] == ["reports/2024/", "reports/archive/"]
    assert result.summary == f"Listed 0 objects and 2 folders in s3://{bucket}/reports/"

    deep = await run_action(catalog.action("aws-s3-list-objects"), {"bucket": bucket, "prefix": "reports/2024/"}, auth=auth, egress=LOCAL_UPSTREAMS)
    assert [o["key"] for o in deep.ret["objects"]] == ["reports/2024/q1.csv", "reports/2024/q2.csv"]
    first = deep.ret["objects"][0]
    assert first["size"] == 8 and first["etag"] and '"' not in first["etag"]
    assert first["storage_class"] == "STANDARD"


async def test_list_objects_pages_with_the_continuation_token(catalog, s3_server, auth, bucket):
    for i in range(3):
        put(s3_server, bucket, f"k{i}.txt", b"x")
    action = catalog.action("aws-s3-list-objects")
    first = await run_action(action, {"bucket": bucket, "limit": 2}, auth=auth, egress=LOCAL_UPSTREAMS)
    assert [o["key"] for o in first.ret["objects"]] == ["k0.txt", "k1.txt"]
    assert first.ret["next_cursor"]
    assert first.summary.endswith("(more available)")
    second = await run_action(
        action, {"bucket": bucket, "limit": 2, "cursor": first.ret["next_cursor"]}, auth=auth, egress=LOCAL_UPSTREAMS,
    )
    assert [o["key"] for o in second.ret["objects"]] == ["k2.txt"]
    assert second.ret["next_cursor"] is None
    whole = await run_action(action, {"bucket": bucket, "limit": 1, "fullResponse": True}, auth=auth, egress=LOCAL_UPSTREAMS)
    assert whole.ret["objects"][0]["Key"] == "k0.txt" and whole.ret["objects"][0]["Size"] == 1


async def test_upload_file_stores_the_bytes_type_and_metadata(catalog, s3_server, auth, bucket, tmp_path):
    (tmp_path / "q3.pdf").write_bytes(b"%PDF-1.7 quarterly numbers")
    result = await run_action(
        catalog.action("aws-s3-upload-file"),
        {"bucket": bucket, "filePath": "/tmp/q3.pdf", "key": "reports/2024/", "metadata": {"customer": "acme"}},
        auth=auth,
        tmp_dir=tmp_path, egress=LOCAL_UPSTREAMS,
    )
    assert result.error is None, result.error
    assert result.ret["key"] == "reports/2024/q3.pdf"
    assert result.ret["size"] == 26 and result.ret["content_type"] == "application/pdf"
    assert result.summary == f"Uploaded q3.pdf (26 bytes) to s3://{bucket}/reports/2024/q3.pdf"
    stored = s3_server.client().get_object(Bucket=bucket, Key="reports/2024/q3.pdf")
    assert stored["Body"].read() == b"%PDF-1.7 quarterly numbers"
    assert stored["ContentType"] == "application/pdf"
    assert stored["Metadata"] == {"customer": "acme"}
    assert result.ret["etag"] == stored["ETag"].strip('"')
    assert catalog.action("aws-s3-upload-file").stash == "optional"


async def test_upload_file_defaults_the_key_to_the_file_name(catalog, s3_server, auth, bucket, tmp_path):
    (tmp_path / "data.json").write_bytes(b'{"a": 1}')
    result = await run_action(
        catalog.action("aws-s3-upload-file"), {"bucket": bucket, "filePath": "/tmp/data.json", "contentType": "text/plain"},
        auth=auth, tmp_dir=tmp_path, egress=LOCAL_UPSTREAMS,
    )
    assert result.error is None, result.error
    assert s3_server.keys(bucket) == ["data.json"]
    assert s3_server.client().head_object(Bucket=bucket, Key="data.json")["ContentType"] == "text/plain"


async def test_upload_file_reports_a_missing_file_and_bucket(catalog, s3_server, auth, tmp_path):
    missing = await run_action(
        catalog.action("aws-s3-upload-file"), {"bucket": "whatever", "filePath": "/tmp/nope.pdf"}, auth=auth, tmp_dir=tmp_path, egress=LOCAL_UPSTREAMS,
    )
    assert "/tmp/nope.pdf is not a file in /tmp" in missing.error
    (tmp_path / "a.txt").write_bytes(b"a")
    no_bucket = await run_action(
        catalog.action("aws-s3-upload-file"), {"bucket": "no-such-bucket-here", "filePath": "/tmp/a.txt"},
        auth=auth, tmp_dir=tmp_path, egress=LOCAL_UPSTREAMS,
    )
    assert no_bucket.error.startswith("S3 PutObject on s3://no-such-bucket-here/a.txt failed with `NoSuchBucket`")
    assert "list buckets to find the right one" in no_bucket.error


async def test_download_file_saves_the_object_under_tmp(catalog, s3_server, auth, bucket, tmp_path):
    put(s3_server, bucket, "photos/cat.png", b"\x89PNG\r\n\x1a\nfake", ContentType="image/png")
    result = await run_action(
        catalog.action("aws-s3-download-file"), {"bucket": bucket, "key": "photos/cat.png"}, auth=auth, tmp_dir=tmp_path, egress=LOCAL_UPSTREAMS,
    )
    assert result.error is None, result.error
    assert (tmp_path / "cat.png").read_bytes() == b"\x89PNG\r\n\x1a\nfake"
    assert result.ret["filePath"] == "/tmp/cat.png"
    assert result.ret["size"] == 12 and result.ret["content_type"] == "image/png"
    assert result.summary == f"Downloaded s3://{bucket}/photos/cat.png (12 bytes) to /tmp/cat.png"

    named = await run_action(
        catalog.action("aws-s3-download-file"), {"bucket": bucket, "key": "photos/cat.png", "filePath": "/tmp/pics/c.png"},
        auth=auth, tmp_dir=tmp_path, egress=LOCAL_UPSTREAMS,
    )
    assert named.error is None, named.error
    assert (tmp_path / "pics" / "c.png").read_bytes() == b"\x89PNG\r\n\x1a\nfake"


async def test_download_of_a_missing_key_says_so(catalog, s3_server, auth, bucket, tmp_path):
    result = await run_action(
        catalog.action("aws-s3-download-file"), {"bucket": bucket, "key": "nope.txt"}, auth=auth, tmp_dir=tmp_path, egress=LOCAL_UPSTREAMS,
    )
    assert result.ret is None
    assert result.error.startswith(f"S3 GetObject on s3://{bucket}/nope.txt failed with `NoSuchKey`")
    assert "list the bucket's objects" in result.error
    assert not list(tmp_path.iterdir())


async def test_get_object_metadata(catalog, s3_server, auth, bucket):
    put(s3_server, bucket, "a/b.csv", b"x,y\n", ContentType="text/csv", Metadata={"source": "crm"})
    result = await run_action(catalog.action("aws-s3-get-object-metadata"), {"bucket": bucket, "key": "a/b.csv"}, auth=auth, egress=LOCAL_UPSTREAMS)
    assert result.error is None, result.error
    assert result.ret["size"] == 4
    assert result.ret["content_type"] == "text/csv"
    assert result.ret["metadata"] == {"source": "crm"}
    assert result.ret["storage_class"] == "STANDARD"
    assert result.ret["last_modified"].startswith("20")
    assert result.summary == f"s3://{bucket}/a/b.csv is 4 bytes of text/csv"


async def test_get_object_metadata_of_a_missing_key_is_not_found(catalog, s3_server, auth, bucket):
    result = await run_action(catalog.action("aws-s3-get-object-metadata"), {"bucket": bucket, "key": "ghost"}, auth=auth, egress=LOCAL_UPSTREAMS)
    assert result.error.startswith(f"S3 HeadObject on s3://{bucket}/ghost failed with `NoSuchKey`")


async def test_delete_object_removes_it(catalog, s3_server, auth, bucket):
    put(s3_server, bucket, "old.log", b"12345")
    put(s3_server, bucket, "keep.log", b"1")
    result = await run_action(catalog.action("aws-s3-delete-object"), {"bucket": bucket, "key": "old.log"}, auth=auth, egress=LOCAL_UPSTREAMS)
    assert result.error is None, result.error
    assert result.ret["deleted"] is True and result.ret["size"] == 5
    assert result.summary == f"Deleted s3://{bucket}/old.log (5 bytes)"
    assert s3_server.keys(bucket) == ["keep.log"]
    assert catalog.action("aws-s3-delete-object").annotations.destructive is True


async def test_delete_object_of_a_missing_key_fails_and_deletes_nothing(catalog, s3_server, auth, bucket):
    put(s3_server, bucket, "keep.log", b"1")
    result = await run_action(catalog.action("aws-s3-delete-object"), {"bucket": bucket, "key": "kep.log"}, auth=auth, egress=LOCAL_UPSTREAMS)
    assert "`NoSuchKey`" in result.error
    assert s3_server.keys(bucket) == ["keep.log"]


async def test_copy_object_to_another_bucket(catalog, s3_server, auth, bucket):
    other = s3_server.create_bucket()
    put(s3_server, bucket, "reports/q3.pdf", b"%PDF-1.7", ContentType="application/pdf", Metadata={"v": "1"})
    result = await run_action(
        catalog.action("aws-s3-copy-object"),
        {"sourceBucket": bucket, "sourceKey": "reports/q3.pdf", "destinationBucket": other, "destinationKey": "archive/"},
        auth=auth, egress=LOCAL_UPSTREAMS,
    )
    assert result.error is None, result.error
    assert result.ret["bucket"] == other and result.ret["key"] == "archive/q3.pdf"
    assert result.summary == f"Copied s3://{bucket}/reports/q3.pdf to s3://{other}/archive/q3.pdf"
    copied = s3_server.client().get_object(Bucket=other, Key="archive/q3.pdf")
    assert copied["Body"].read() == b"%PDF-1.7"
    assert copied["ContentType"] == "application/pdf" and copied["Metadata"] == {"v": "1"}
    assert s3_server.keys(bucket) == ["reports/q3.pdf"]


async def test_copy_object_reports_a_missing_source(catalog, s3_server, auth, bucket):
    result = await run_action(
        catalog.action("aws-s3-copy-object"),
        {"sourceBucket": bucket, "sourceKey": "nope.pdf", "destinationBucket": bucket, "destinationKey": "b.pdf"},
        auth=auth, egress=LOCAL_UPSTREAMS,
    )
    assert result.error.startswith(f"S3 HeadObject on s3://{bucket}/nope.pdf failed with `NoSuchKey`")
    assert s3_server.keys(bucket) == []


async def test_put_object_writes_json_and_text(catalog, s3_server, auth, bucket):
    action = catalog.action("aws-s3-put-object")
    record = await run_action(action, {"bucket": bucket, "key": "orders/42.json", "content": {"order": 42, "status": "shipped"}}, auth=auth, egress=LOCAL_UPSTREAMS)
    assert record.error is None, record.error
    stored = s3_server.client().get_object(Bucket=bucket, Key="orders/42.json")
    assert json.loads(stored["Body"].read()) == {"order": 42, "status": "shipped"}
    assert stored["ContentType"] == "application/json"
    assert record.ret["content_type"] == "application/json"
    assert record.summary == f"Wrote {record.ret['size']} bytes of application/json to s3://{bucket}/orders/42.json"

    note = await run_action(action, {"bucket": bucket, "key": "notes/hi.csv", "content": "a,b\n1,2\n", "contentType": "text/csv"}, auth=auth, egress=LOCAL_UPSTREAMS)
    assert note.error is None, note.error
    assert read(s3_server, bucket, "notes/hi.csv") == b"a,b\n1,2\n"
    assert note.ret["size"] == 8 and note.ret["content_type"] == "text/csv"


async def test_put_object_refuses_a_key_with_a_leading_slash(catalog, s3_server, auth, bucket):
    result = await run_action(catalog.action("aws-s3-put-object"), {"bucket": bucket, "key": "/x.txt", "content": "x"}, auth=auth, egress=LOCAL_UPSTREAMS)
    assert "without a leading slash" in result.error
    assert s3_server.keys(bucket) == []


async def test_read_object_returns_text_and_parsed_json(catalog, s3_server, auth, bucket):
    put(s3_server, bucket, "config.json", b'{"retries": 3, "name": "caf\xc3\xa9"}', ContentType="application/json")
    action = catalog.action("aws-s3-read-object")
    text = await run_action(action, {"bucket": bucket, "key": "config.json"}, auth=auth, egress=LOCAL_UPSTREAMS)
    assert text.error is None, text.error
    assert text.ret["content"] == '{"retries": 3, "name": "café"}'
    assert text.ret["truncated"] is False and text.ret["size"] == 31
    parsed = await run_action(action, {"bucket": bucket, "key": "config.json", "parseJson": True}, auth=auth, egress=LOCAL_UPSTREAMS)
    assert parsed.ret["json"] == {"retries": 3, "name": "café"}
    assert parsed.summary == f"Read 31 bytes from s3://{bucket}/config.json"


async def test_read_object_cuts_at_max_bytes_and_reads_empty_objects(catalog, s3_server, auth, bucket):
    put(s3_server, bucket, "big.log", b"0123456789" * 10)
    put(s3_server, bucket, "empty.txt", b"")
    action = catalog.action("aws-s3-read-object")
    cut = await run_action(action, {"bucket": bucket, "key": "big.log", "maxBytes": 25}, auth=auth, egress=LOCAL_UPSTREAMS)
    assert cut.error is None, cut.error
    assert cut.ret["content"] == "0123456789012345678901234"
    assert cut.ret["truncated"] is True and cut.ret["size"] == 100
    assert cut.summary == f"Read 25 bytes from s3://{bucket}/big.log (first 25 of 100 bytes)"
    empty = await run_action(action, {"bucket": bucket, "key": "empty.txt"}, auth=auth, egress=LOCAL_UPSTREAMS)
    assert empty.error is None, empty.error
    assert empty.ret["content"] == "" and empty.ret["size"] == 0


async def test_read_object_sends_binary_files_to_download(catalog, s3_server, auth, bucket):
    put(s3_server, bucket, "img.bin", b"\xff\xfe\x00\x81", ContentType="application/octet-stream")
    result = await run_action(catalog.action("aws-s3-read-object"), {"bucket": bucket, "key": "img.bin"}, auth=auth, egress=LOCAL_UPSTREAMS)
    assert "is not UTF-8 text" in result.error and "aws-s3-download-file" in result.error


async def test_presigned_get_and_put_urls_work_without_credentials(catalog, s3_server, auth, bucket):
    put(s3_server, bucket, "share/report.txt", b"for your eyes")
    action = catalog.action("aws-s3-generate-presigned-url")
    got = await run_action(action, {"bucket": bucket, "key": "share/report.txt", "expiresIn": 600}, auth=auth, egress=LOCAL_UPSTREAMS)
    assert got.error is None, got.error
    url = got.ret["url"]
    assert url.startswith(f"{s3_server.endpoint_url}/{bucket}/share/report.txt?")
    assert "X-Amz-Expires=600" in url and "X-Amz-Signature=" in url
    assert got.summary == f"Created a GET link to s3://{bucket}/share/report.txt valid for 600 s"
    async with httpx.AsyncClient() as http:
        assert (await http.get(url)).content == b"for your eyes"
        upload = await run_action(action, {"bucket": bucket, "key": "inbox/new.txt", "method": "PUT"}, auth=auth, egress=LOCAL_UPSTREAMS)
        assert upload.error is None, upload.error
        assert (await http.put(upload.ret["url"], content=b"dropped off")).status_code == 200
    assert read(s3_server, bucket, "inbox/new.txt") == b"dropped off"
    assert catalog.action("aws-s3-generate-presigned-url").annotations.read_only is True


# Remote options


async def test_bucket_options_list_the_buckets(catalog, s3_server, auth, bucket):
    response = await fetch_options(catalog.action("aws-s3-list-objects"), "bucket", {}, auth=auth, egress=LOCAL_UPSTREAMS)
    assert response["errors"] == []
    assert {"label": bucket, "value": bucket} in response["options"]
    assert bucket in response["stringOptions"]
    assert response["context"] is None
    again = await fetch_options(catalog.action("aws-s3-list-objects"), "bucket", {}, auth=auth, page=1, prev_context={}, egress=LOCAL_UPSTREAMS)
    assert again["options"] == []


async def test_key_options_page_through_the_bucket(catalog, s3_server, auth, bucket):
    # The server runs in this process: fill the bucket through moto's backend, much faster than 502 PUTs.
    from moto.s3.models import s3_backends

    backend = s3_backends["123456789012"]["aws"]
    for i in range(502):
        backend.put_object(bucket, f"logs/{i:04d}.txt", b"x")
    action = catalog.action("aws-s3-download-file")
    first = await fetch_options(action, "key", {"bucket": bucket}, auth=auth, egress=LOCAL_UPSTREAMS)
    assert first["errors"] == []
    assert len(first["options"]) == 500
    assert first["options"][0] == {"label": "logs/0000.txt (1 bytes)", "value": "logs/0000.txt"}
    assert first["context"]["token"]
    second = await fetch_options(action, "key", {"bucket": bucket}, auth=auth, page=1, prev_context=first["context"], egress=LOCAL_UPSTREAMS)
    assert [o["value"] for o in second["options"]] == ["logs/0500.txt", "logs/0501.txt"]
    assert second["context"] is None
    narrowed = await fetch_options(action, "key", {"bucket": bucket}, auth=auth, query="logs/050", egress=LOCAL_UPSTREAMS)
    assert [o["value"] for o in narrowed["options"]] == ["logs/0500.txt", "logs/0501.txt"]


async def test_key_options_need_a_bucket_first(catalog, s3_server, auth):
    response = await fetch_options(catalog.action("aws-s3-download-file"), "key", {}, auth=auth, egress=LOCAL_UPSTREAMS)
    assert response["options"] == []


async def test_copy_source_key_options_read_the_source_bucket(catalog, s3_server, auth, bucket):
    put(s3_server, bucket, "a.txt", b"abc")
    response = await fetch_options(catalog.action("aws-s3-copy-object"), "sourceKey", {"sourceBucket": bucket}, auth=auth, egress=LOCAL_UPSTREAMS)
    assert response["errors"] == []
    assert response["options"] == [{"label": "a.txt (3 bytes)", "value": "a.txt"}]
    missing = await fetch_options(catalog.action("aws-s3-copy-object"), "sourceKey", {"sourceBucket": "no-such-bucket-here"},
                                  auth=auth, egress=LOCAL_UPSTREAMS)
    assert missing["options"] == []
    assert "`NoSuchBucket`" in missing["errors"][0]


# Errors and credentials


def test_s3_error_codes_become_hints():
    s3_error = importlib.import_module("mcp_gateway_apps.aws.app").s3_error

    def error(code, message, status, operation="PutObject"):
        body = {"Error": {"Code": code, "Message": message}, "ResponseMetadata": {"HTTPStatusCode": status}}
        return ClientError(body, operation)

    throttled = s3_error(error("SlowDown", "Please reduce your request rate.", 503), "acme", "a.txt")
    assert str(throttled) == (
        "S3 PutObject on s3://acme/a.txt failed with `SlowDown`: Please reduce your request rate. "
        "(S3 is throttling requests to this bucket; wait a few seconds and retry)"
    )
    wrong_secret = s3_error(error("SignatureDoesNotMatch", "The request signature we calculated does not match.", 403,
                                  "ListBuckets"))
    assert "failed with `SignatureDoesNotMatch`" in str(wrong_secret)
    assert "secret access key does not match" in str(wrong_secret)
    # HEAD answers carry no body: only the status tells what happened.
    denied = s3_error(ClientError({"Error": {"Code": "403", "Message": "Forbidden"},
                                   "ResponseMetadata": {"HTTPStatusCode": 403}}, "HeadObject"), "acme", "x")
    assert "`AccessDenied`" in str(denied) and "IAM policy" in str(denied)
    gone = s3_error(ClientError({"Error": {"Code": "404", "Message": "Not Found"},
                                 "ResponseMetadata": {"HTTPStatusCode": 404}}, "HeadBucket"), "acme")
    assert str(gone).startswith("S3 HeadBucket on bucket acme failed with `NoSuchBucket`")


async def test_missing_keys_ask_to_reconnect(catalog, auth):
    result = await run_action(catalog.action("aws-s3-list-buckets"), {}, auth={"region": "us-east-1"}, egress=LOCAL_UPSTREAMS)
    assert result.error == "the AWS account needs an access key ID and a secret access key; reconnect it"


# Account test


async def run_account_test(app, creds):
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(creds), base_url=app.base_url_for(creds),
                       allowed_domains=app.allowed_domains_for(creds))
        return await app.test(AccountContext(auth=creds, http=http, egress=LOCAL_UPSTREAMS))


async def test_account_test_on_an_endpoint_lists_buckets(catalog, s3_server, auth):
    identity = await run_account_test(catalog.apps["aws"], auth)
    assert isinstance(identity, Identity)
    assert identity.name.endswith(f" @ {s3_server.endpoint_url}")
    assert identity.external_id


async def test_account_test_on_aws_asks_sts_who_the_keys_belong_to(catalog, s3_server, auth, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL_STS", s3_server.endpoint_url)
    creds = {k: v for k, v in auth.items() if k != "endpointUrl"}
    identity = await run_account_test(catalog.apps["aws"], creds)
    assert identity.external_id == "123456789012"
    assert identity.name.startswith("arn:aws:") and "123456789012" in identity.name


async def test_account_test_fails_on_unreachable_endpoint(catalog):
    creds = {"accessKeyId": "AKIAIOSFODNN7EXAMPLE", "secretAccessKey": "x", "endpointUrl": "http://127.0.0.1:9"}
    with pytest.raises(ActionError, match="could not reach S3"):
        await run_account_test(catalog.apps["aws"], creds)
