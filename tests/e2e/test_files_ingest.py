"""File ingestion over REST: multipart uploads and JSON with embedded base64 files come back
with each file replaced by `{file_id, name, mime_type, pointer}`; limits answer 413 and wrong
types 415; a `file_id` works in any later run of the same project environment."""

from __future__ import annotations

import base64

import httpx
import pytest
from pipedream import Pipedream
from pipedream.core.api_error import ApiError

from tests.e2e.test_rest_catalog import client_options
from tests.files.samples import CSV, PDF, PNG
from tests.support import GatewayServer, gateway_settings

pytestmark = pytest.mark.both_databases

MAX_FILE = 64 * 1024
MAX_UPLOAD = 256 * 1024
UPLOAD_URL = "https://uploads.example.com/v1/files"


@pytest.fixture(scope="module")
def server(tmp_path_factory, database_backend):
    settings = gateway_settings(tmp_path_factory.mktemp("gateway"), database_backend, file_max_size=MAX_FILE, file_max_upload=MAX_UPLOAD)
    gateway = GatewayServer(settings).start()
    yield gateway
    gateway.stop()


@pytest.fixture
def sdk(server, project):
    return Pipedream(**client_options(server, project))


@pytest.fixture
def api(server, project):
    def call(environment="development", **kw):
        headers = {"Authorization": f"Bearer {project['token']}", "x-pd-environment": environment, **kw.pop("headers", {})}
        return httpx.post(f"{server.url}/v1/connect/{project['project_id']}/files", headers=headers, timeout=30, **kw)

    return call


@pytest.fixture
def upstream(respx_mock):
    respx_mock.route(host="127.0.0.1").pass_through()
    return respx_mock.post(UPLOAD_URL).mock(return_value=httpx.Response(201, json={"ok": True}))


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def test_a_multipart_upload_answers_with_file_references(api):
    response = api(files={"file": ("invoice.pdf", PDF, "application/pdf")})
    assert response.status_code == 200, response.text
    [ref] = response.json()["files"]
    assert ref == {"file_id": ref["file_id"], "name": "invoice.pdf", "mime_type": "application/pdf", "pointer": "file"}
    assert ref["file_id"].startswith("file_")


def test_repeated_fields_and_form_fields(api):
    response = api(files=[("docs", ("a.png", PNG, "image/png")), ("docs", ("b.csv", CSV, "text/csv")),
                          ("cover", ("c.pdf", PDF, "application/octet-stream"))], data={"note": "for Ada"})
    body = response.json()
    assert [(f["name"], f["mime_type"], f["pointer"]) for f in body["files"]] == [
        ("a.png", "image/png", "docs[0]"), ("b.csv", "text/csv", "docs[1]"), ("c.pdf", "application/pdf", "cover")]
    assert body["fields"] == {"note": "for Ada"}


def test_json_with_base64_files_keeps_the_payload_and_marks_where_each_was(api):
    payload = {"attachments": [{"file": {"name": "invoice.pdf", "contentType": "application/pdf", "contentBytes": b64(PDF)}}],
               "customer": {"id": 7, "photo": {"name": "me.png", "contentType": "image/png", "contentBytes": b64(PNG)}}}
    response = api(json=payload)
    assert response.status_code == 200, response.text
    body = response.json()
    invoice = body["attachments"][0]["file"]
    assert invoice == {"name": "invoice.pdf", "contentType": "application/pdf", "file_id": invoice["file_id"],
                       "mime_type": "application/pdf", "pointer": "attachments[0].file"}
    assert body["customer"]["id"] == 7
    assert body["customer"]["photo"]["pointer"] == "customer.photo"
    assert "contentBytes" not in str(body)


def test_sizes_over_the_limits_answer_413(api):
    big = b"%PDF-1.7\n" + b"x" * MAX_FILE
    assert api(files={"file": ("big.pdf", big, "application/pdf")}).status_code == 413
    assert api(json={"f": {"name": "big.pdf", "contentBytes": b64(big)}}).status_code == 413
    too_much = api(content=b"{" + b" " * MAX_UPLOAD + b"}", headers={"content-type": "application/json"})
    assert too_much.status_code == 413 and "upload limit" in too_much.json()["error"]

    def chunks():  # no Content-Length: counted as it arrives
        for _ in range(MAX_UPLOAD // 1024 + 2):
            yield b" " * 1024

    assert api(content=chunks(), headers={"content-type": "application/json"}).status_code == 413


def test_types_are_sniffed_not_trusted(api):
    lying = api(files={"file": ("invoice.pdf", PNG, "application/pdf")})
    assert lying.status_code == 415
    assert lying.json()["error"] == (
        "invoice.pdf is declared as application/pdf but its content is image/png; send the right content type, or leave it out")
    sniffed = api(json={"f": {"name": "scan", "contentBytes": b64(PNG)}}).json()["f"]
    assert sniffed["mime_type"] == "image/png"
    assert api(content=b"plain", headers={"content-type": "text/plain"}).status_code == 415


@pytest.mark.parametrize(("kw", "message"), [
    ({"json": {"nothing": "here"}}, "the body holds no file"),
    ({"json": {"f": {"name": "x", "contentBytes": "%%%"}}}, "not valid base64"),
    ({"content": b"{not json", "headers": {"content-type": "application/json"}}, "not valid JSON"),
    ({"files": {"only": (None, "a form field")}}, "no file part"),
    ({"content": b"--x\r\nbroken", "headers": {"content-type": "multipart/form-data"}}, "could not be read"),
])
def test_bodies_without_usable_files_answer_400(api, kw, message):
    response = api(**kw)
    assert response.status_code == 400, response.text
    assert message in response.json()["error"]


def test_a_file_id_works_in_a_later_run(api, sdk, upstream):
    file_id = api(files={"file": ("invoice.pdf", PDF, "application/pdf")}).json()["files"][0]["file_id"]
    result = sdk.actions.run(id="http-send-request", external_user_id="anyone",
                             configured_props={"url": UPLOAD_URL, "method": "POST", "filePath": file_id})
    assert result.ret["status"] == 201
    sent = upstream.calls.last.request
    assert sent.content == PDF and sent.headers["content-type"] == "application/pdf"
    # The reference object from the upload's answer works as well.
    sdk.actions.run(id="http-send-request", external_user_id="someone-else", configured_props={
        "url": UPLOAD_URL, "method": "POST", "filePath": {"file_id": file_id, "name": "invoice.pdf"}})
    assert upstream.calls.last.request.content == PDF


def test_a_file_id_is_its_environments_only(api, server, project, upstream):
    file_id = api(environment="production", files={"file": ("a.csv", CSV, "text/csv")}).json()["files"][0]["file_id"]
    development = Pipedream(**client_options(server, project))
    with pytest.raises(ApiError) as caught:
        development.actions.run(id="http-send-request", external_user_id="u",
                                configured_props={"url": UPLOAD_URL, "method": "POST", "filePath": file_id})
    assert caught.value.status_code == 404 and "upload it again" in caught.value.body["error"]
    assert not upstream.calls


def test_a_run_takes_base64_files_in_its_input(sdk, upstream):
    result = sdk.actions.run(id="http-send-request", external_user_id="u", configured_props={
        "url": UPLOAD_URL, "method": "POST", "fileField": "upload",
        "filePath": {"name": "people.csv", "contentType": "text/csv", "contentBytes": b64(CSV)}})
    assert result.ret["status"] == 201
    sent = upstream.calls.last.request.content
    assert b'name="upload"; filename="people.csv"' in sent and CSV in sent
    with pytest.raises(ApiError) as caught:
        sdk.actions.run(id="http-send-request", external_user_id="u", configured_props={
            "url": UPLOAD_URL, "filePath": {"name": "big.bin", "contentBytes": b64(b"x" * (MAX_FILE + 1))}})
    assert caught.value.status_code == 413


@pytest.fixture
def run(server, project):
    def call(**kw):
        headers = {"Authorization": f"Bearer {project['token']}", "x-pd-environment": "development"}
        return httpx.post(f"{server.url}/v1/connect/{project['project_id']}/actions/run", headers=headers, timeout=30, **kw)

    return call


def test_a_multipart_run_puts_each_file_part_in_the_prop_it_is_named_after(run, upstream):
    response = run(data={"id": "http-send-request", "external_user_id": "u",
                         "configured_props": '{"url": "%s", "method": "POST", "fileField": "upload"}' % UPLOAD_URL},
                   files={"filePath": ("people.csv", CSV, "text/csv")})
    assert response.status_code == 200, response.text
    assert response.json()["ret"]["status"] == 201
    sent = upstream.calls.last.request
    assert sent.method == "POST" and sent.url == UPLOAD_URL
    assert b'name="upload"; filename="people.csv"' in sent.content and CSV in sent.content


def test_a_multipart_run_refused_for_its_account_stores_none_of_its_files(server, run):
    def stored() -> tuple[int, int]:
        [(rows,)] = server.execute("SELECT count(*) FROM ingested_files")
        return rows, sum(1 for path in server.gateway.runtime.files.store.root.rglob("*") if path.is_file())

    before = stored()
    response = run(data={"id": "openai-upload-file", "external_user_id": "nobody-connected",
                         "configured_props": '{"purpose": "assistants"}'},
                   files={"filePath": ("people.csv", CSV, "text/csv")})
    assert response.status_code == 400, response.text
    assert "has no connected OpenAI account" in response.json()["error"]
    assert stored() == before


@pytest.mark.parametrize(("data", "files", "status", "message"), [
    ({"id": "http-send-request", "external_user_id": "u", "configured_props": "[1]"},
     {"filePath": ("a.csv", CSV)}, 400, "form field configured_props must be a JSON object"),
    ({"id": "http-send-request", "external_user_id": "u", "configured_props": '{"filePath": "/tmp/x"}'},
     {"filePath": ("a.csv", CSV)}, 400, "prop filePath is given both in configured_props and as a file part"),
    ({"id": "http-send-request", "external_user_id": "u"}, {"attachment": ("a.csv", CSV)}, 400,
     "the file part 'attachment' names no prop of http-send-request"),
    ({"id": "http-send-request", "external_user_id": "u"}, {"external_user_id": ("a.csv", CSV)}, 400,
     "named like a body field"),
    ({"id": "http-send-request", "external_user_id": "u", "configured_props": '{"url": "https://x.example.com"}'},
     {"headers": ("a.csv", CSV)}, 400, "prop headers of http-send-request takes object, not a file"),
    ({"external_user_id": "u"}, {"filePath": ("a.csv", CSV)}, 400, "form field id: is required"),
    ({"id": "http-send-request", "external_user_id": "u"}, {"filePath": ("big.pdf", b"%PDF-1.7\n" + b"x" * MAX_FILE)},
     413, "larger than"),
    ({"id": "http-send-request", "external_user_id": "u"}, {"filePath": ("fake.pdf", PNG, "application/pdf")}, 415,
     "its content is image/png"),
])
def test_a_multipart_run_names_what_is_wrong(run, upstream, data, files, status, message):
    response = run(data=data, files=files)
    assert response.status_code == status, response.text
    assert message in response.json()["error"]
    assert not upstream.calls
