"""The gateway with its files in S3 (moto's S3 server on 127.0.0.1): stashed files are objects in
the bucket, their links are presigned S3 URLs, the SDK's download streams them through the
gateway, a later run restores them, and the sweep deletes them once expired."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from pipedream import Pipedream
from sqlalchemy import update

from mcp_gateway.store.models import FileStash
from tests.e2e.test_rest_catalog import client_options
from tests.files.samples import PDF
from tests.files.support import S3Server
from tests.support import GatewayServer, gateway_settings

pytestmark = pytest.mark.both_databases

REPORT_URL = "https://files.example.com/report.pdf"
UPLOAD_URL = "https://uploads.example.com/v1/files"


@pytest.fixture(scope="module")
def s3():
    server = S3Server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def bucket(s3):
    return s3.create_bucket()


@pytest.fixture(scope="module")
def server(tmp_path_factory, s3, bucket, database_backend):
    settings = gateway_settings(tmp_path_factory.mktemp("gateway"), database_backend, **s3.settings(bucket), s3_file_prefix="gateway")
    gateway = GatewayServer(settings).start()
    yield gateway
    gateway.stop()


@pytest.fixture
def sdk(server, project):
    return Pipedream(**client_options(server, project))


@pytest.fixture
def upstream(respx_mock):
    respx_mock.route(host="127.0.0.1").pass_through()
    respx_mock.get(REPORT_URL).mock(return_value=httpx.Response(200, content=PDF))
    return respx_mock


def test_stashed_files_are_objects_with_presigned_links(sdk, s3, bucket, upstream):
    result = sdk.actions.run(id="http-download-file", external_user_id="alice", stash_id="NEW",
                             configured_props={"url": REPORT_URL, "filePath": "/tmp/report.pdf"})
    [upload] = result.exports["$filestash_uploads"]
    assert f"gateway/{upload['s3Key']}" in s3.keys(bucket)
    url = upload["get_url"]
    assert url.startswith(f"{s3.endpoint_url}/{bucket}/gateway/1day/")
    assert parse_qs(urlsplit(url).query)["X-Amz-Expires"] == ["1800"]
    response = httpx.get(url)
    assert response.status_code == 200 and response.content == PDF
    assert response.headers["content-type"] == "application/pdf"
    assert b"".join(sdk.file_stash.download_file(s_3_key=upload["s3Key"])) == PDF


def test_a_later_run_restores_from_s3(sdk, upstream):
    stash_id = sdk.actions.run(id="http-download-file", external_user_id="alice", stash_id="",
                               configured_props={"url": REPORT_URL, "filePath": "/tmp/in/report.pdf"}).stash_id
    route = upstream.put(UPLOAD_URL).mock(return_value=httpx.Response(200, text="stored"))
    result = sdk.actions.run(id="http-send-request", external_user_id="alice", stash_id=stash_id,
                             configured_props={"url": UPLOAD_URL, "method": "PUT", "filePath": "/tmp/in/report.pdf"})
    assert result.ret["status"] == 200 and route.calls.last.request.content == PDF


def test_uploaded_files_live_in_s3_and_reach_a_run(sdk, server, project, s3, bucket, upstream):
    response = httpx.post(f"{server.url}/v1/connect/{project['project_id']}/files",
                          headers={"Authorization": f"Bearer {project['token']}", "x-pd-environment": "development"},
                          files={"file": ("invoice.pdf", PDF, "application/pdf")})
    file_id = response.json()["files"][0]["file_id"]
    assert f"gateway/files/{project['project_id']}/development/{file_id}/invoice.pdf" in s3.keys(bucket)
    route = upstream.post(UPLOAD_URL).mock(return_value=httpx.Response(201))
    sdk.actions.run(id="http-send-request", external_user_id="u",
                    configured_props={"url": UPLOAD_URL, "method": "POST", "filePath": file_id})
    assert route.calls.last.request.content == PDF


def test_the_sweep_deletes_expired_objects(sdk, server, s3, bucket, upstream):
    result = sdk.actions.run(id="http-download-file", external_user_id="carol", stash_id="NEW",
                             configured_props={"url": REPORT_URL, "filePath": "/tmp/old.pdf"})
    key = "gateway/" + result.exports["$filestash_uploads"][0]["s3Key"]
    assert key in s3.keys(bucket)
    past = datetime.now(timezone.utc) - timedelta(minutes=1)
    server.execute(update(FileStash).where(FileStash.id == result.stash_id).values(expires_at=past))
    assert server.call(server.gateway.runtime.files.sweep()) == 1
    assert key not in s3.keys(bucket)
