"""File Stash through the official `pipedream` SDK against a real gateway with the local file
store: a download keeps its file, a later run of the same user sees it in /tmp, links work for
30 minutes, `file_stash.download_file` fetches by `s3Key`, and other users see nothing."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit, urlunsplit

import httpx
import pytest
from pipedream import Pipedream
from pipedream.core.api_error import ApiError
from sqlalchemy import update

from mcp_gateway.store.models import FileStash
from tests.e2e.test_rest_catalog import client_options
from tests.files.samples import PDF
from tests.support import GatewayServer, gateway_settings

pytestmark = pytest.mark.both_databases

REPORT_URL = "https://files.example.com/q3/report.pdf"
UPLOAD_URL = "https://uploads.example.com/v1/files"


@pytest.fixture(scope="module")
def server(tmp_path_factory, database_backend):
    gateway = GatewayServer(gateway_settings(tmp_path_factory.mktemp("gateway"), database_backend)).start()
    yield gateway
    gateway.stop()


@pytest.fixture
def sdk(server, project):
    return Pipedream(**client_options(server, project))


@pytest.fixture
def upstream(respx_mock):
    """respx for the internet; calls to the gateway (and its download links) go through."""
    respx_mock.route(host="127.0.0.1").pass_through()
    respx_mock.get(REPORT_URL).mock(return_value=httpx.Response(200, content=PDF, headers={"content-type": "application/pdf"}))
    return respx_mock


def download(sdk, user="alice", stash_id="", path="/tmp/reports/report.pdf"):
    return sdk.actions.run(id="http-download-file", external_user_id=user,
                           configured_props={"url": REPORT_URL, "filePath": path}, stash_id=stash_id)


def test_components_say_which_take_a_stash(sdk):
    assert sdk.actions.retrieve("http-download-file").stash == "optional"
    assert sdk.actions.retrieve("http-send-request").stash == "optional"
    assert sdk.actions.retrieve("github-get-repository").stash is None


def test_a_new_stash_returns_the_file_with_a_link(sdk, project, upstream):
    result = download(sdk)
    assert result.ret["size"] == len(PDF)
    stash_id = result.stash_id
    assert len(stash_id) == 32
    [upload] = result.exports["$filestash_uploads"]
    assert upload["localPath"] == "/tmp/reports/report.pdf"
    assert upload["s3Key"] == f"1day/{project['project_id']}/development/{stash_id}/u/reports/report.pdf"
    link = httpx.get(upload["get_url"])
    assert link.status_code == 200 and link.content == PDF
    assert link.headers["content-type"] == "application/pdf"
    assert link.headers["content-disposition"] == "attachment; filename*=UTF-8''report.pdf"
    assert link.headers["x-content-type-options"] == "nosniff"
    expires = int(parse_qs(urlsplit(upload["get_url"]).query)["expires"][0])
    assert 1795 <= expires - time.time() <= 1800


@pytest.mark.parametrize("new", ["NEW", True])
def test_new_and_true_make_a_stash_too(sdk, upstream, new):
    result = download(sdk, stash_id=new)
    assert len(result.stash_id) == 32 and len(result.exports["$filestash_uploads"]) == 1


def test_without_a_stash_id_nothing_is_kept(sdk, upstream):
    result = download(sdk, stash_id=None)
    assert result.stash_id is None and "$filestash_uploads" not in result.exports


def test_the_sdk_downloads_stashed_files_by_key(sdk, server, project, upstream):
    key = download(sdk).exports["$filestash_uploads"][0]["s3Key"]
    assert b"".join(sdk.file_stash.download_file(s_3_key=key)) == PDF
    production = Pipedream(**{**client_options(server, project), "project_environment": "production"})
    for client, probe in ((production, key), (sdk, key.replace("report.pdf", "other.pdf")), (sdk, "../../etc/passwd")):
        with pytest.raises(ApiError) as caught:
            b"".join(client.file_stash.download_file(s_3_key=probe))
        assert caught.value.status_code == 404


def test_a_later_run_uploads_the_file_an_earlier_run_downloaded(sdk, upstream):
    stash_id = download(sdk).stash_id
    route = upstream.post(UPLOAD_URL).mock(return_value=httpx.Response(201, json={"id": "up_1"}))
    result = sdk.actions.run(id="http-send-request", external_user_id="alice", stash_id=stash_id, configured_props={
        "url": UPLOAD_URL, "method": "POST", "filePath": "/tmp/reports/report.pdf", "fileField": "file"})
    assert result.ret["status"] == 201
    assert PDF in route.calls.last.request.content
    # Nothing new was written, so nothing new is listed.
    assert result.stash_id == stash_id and result.exports["$filestash_uploads"] == []


def test_other_users_cannot_use_a_stash(sdk, upstream):
    stash_id = download(sdk, user="alice").stash_id
    with pytest.raises(ApiError) as caught:
        download(sdk, user="bob", stash_id=stash_id)
    assert caught.value.status_code == 404
    assert "no File Stash" in caught.value.body["error"] and "'bob'" in caught.value.body["error"]


def test_a_stash_id_on_an_action_without_files_is_refused(sdk, upstream):
    with pytest.raises(ApiError) as caught:
        sdk.actions.run(id="github-get-repository", external_user_id="alice", stash_id="NEW",
                        configured_props={"repoFullname": "octocat/Hello-World"})
    assert caught.value.status_code == 400
    assert "does not use File Stash" in caught.value.body["error"]


def test_links_cannot_be_altered(sdk, upstream):
    url = download(sdk).exports["$filestash_uploads"][0]["get_url"]
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    for changed in ({"type": "text/html"}, {"expires": str(int(query["expires"][0]) + 60)}, {"signature": "x" * 43}):
        altered = urlunsplit(parts._replace(query="&".join(f"{k}={v}" for k, v in {**{k: v[0] for k, v in query.items()}, **changed}.items())))
        response = httpx.get(altered)
        assert response.status_code == 403, altered
        assert "not valid or has expired" in response.json()["error"]


def test_an_expired_stash_is_refused_and_swept(sdk, server, upstream):
    result = download(sdk)
    upload = result.exports["$filestash_uploads"][0]
    past = datetime.now(timezone.utc) - timedelta(minutes=1)
    server.execute(update(FileStash).where(FileStash.id == result.stash_id).values(expires_at=past))
    with pytest.raises(ApiError) as caught:
        download(sdk, stash_id=result.stash_id)
    assert caught.value.status_code == 404 and "stashes last 24 hours" in caught.value.body["error"]
    with pytest.raises(ApiError):
        b"".join(sdk.file_stash.download_file(s_3_key=upload["s3Key"]))
    assert server.call(server.gateway.runtime.files.sweep()) >= 1
    assert httpx.get(upload["get_url"]).status_code == 404  # the link is genuine, the file is gone


def test_a_downloaded_file_is_uploaded_to_slack_in_a_later_run(sdk, server, project, upstream):
    server.add_account(project["project_id"], "alice", "slack", {"oauth_access_token": "xoxp-stash-test"})
    upload_url = "https://files.slack.com/upload/v1/CwABAAAAXAoAAZnKg2Ae2JXGCgACAXOt1p0nogYMAAMLAAEAAAAKRjA0NjZMUkQ1VwAA"
    ticket = upstream.post("https://slack.com/api/files.getUploadURLExternal").mock(
        return_value=httpx.Response(200, json={"ok": True, "upload_url": upload_url, "file_id": "F0466LRD5W"}))
    sent = upstream.post(upload_url).mock(return_value=httpx.Response(200, text=f"OK - {len(PDF)}"))
    upstream.post("https://slack.com/api/files.completeUploadExternal").mock(
        return_value=httpx.Response(200, json={"ok": True, "files": [{"id": "F0466LRD5W", "title": "report.pdf"}]}))
    stash_id = download(sdk).stash_id

    result = sdk.actions.run(id="slack-upload-file", external_user_id="alice", stash_id=stash_id,
                             configured_props={"filePath": "/tmp/reports/report.pdf", "channel": "C0123ABCDEF"})
    assert result.ret["id"] == "F0466LRD5W" and result.ret["size"] == len(PDF)
    assert sent.calls.last.request.content == PDF
    assert dict(httpx.QueryParams(ticket.calls.last.request.content.decode())) == {"filename": "report.pdf",
                                                                                   "length": str(len(PDF))}
    assert ticket.calls.last.request.headers["authorization"] == "Bearer xoxp-stash-test"
    assert result.exports["$filestash_uploads"] == []  # nothing new in /tmp
