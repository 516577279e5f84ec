import base64
import json
import sys

import httpx
import pytest

from mcp_gateway.runtime.engine import fetch_options, run_action

USERINFO = "https://account.docusign.com/oauth/userinfo"
ACCOUNT = "7c5b1a0e-2f9d-4c1e-9b6a-3d2e1f0a9b8c"
OTHER = "0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e"
API = f"https://na3.docusign.net/restapi/v2.1/accounts/{ACCOUNT}"
AUTH = {"oauth_access_token": "eyJ0eXAi.docusign-token"}
ENVELOPE = "93be49ab-8f2c-4d5e-9a01-6c4c1d0e7b11"
TEMPLATE = "d1b7a3c4-5e6f-4a8b-9c0d-1e2f3a4b5c6d"


@pytest.fixture(autouse=True)
def forget_accounts(catalog):
    """Each test starts without remembered UserInfo answers."""
    module = sys.modules[catalog.apps["docusign"].test.__module__]
    module._ACCOUNTS.clear()
    yield
    module._ACCOUNTS.clear()


def _userinfo():
    return {"sub": "4799e5e9-1559-4915-9862-cf4713bbcacc", "name": "Ada Lovelace", "given_name": "Ada",
            "family_name": "Lovelace", "created": "2018-04-13T22:03:03.45", "email": "ada@example.com",
            "accounts": [
                {"account_id": OTHER, "is_default": False, "account_name": "Side Project", "base_uri": "https://eu.docusign.net"},
                {"account_id": ACCOUNT, "is_default": True, "account_name": "Analytical Engines", "base_uri": "https://na3.docusign.net"},
            ]}


@pytest.fixture
def who(respx_mock):
    return respx_mock.get(USERINFO).mock(return_value=httpx.Response(200, json=_userinfo()))


def assert_request(request, method, url, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == url
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer eyJ0eXAi.docusign-token"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _envelope(**extra):
    return {"envelopeId": ENVELOPE, "status": "sent", "emailSubject": "Please sign: NDA", "emailBlurb": "Thanks!",
            "createdDateTime": "2026-12-01T09:00:00.0000000Z", "sentDateTime": "2026-12-01T09:00:02.0000000Z",
            "statusChangedDateTime": "2026-12-01T09:00:02.0000000Z", "documentsUri": f"/envelopes/{ENVELOPE}/documents",
            "sender": {"userName": "Ada Lovelace", "userId": "4799e5e9", "accountId": ACCOUNT, "email": "ada@example.com"},
            **extra}


def _signer(**extra):
    return {"name": "Charles Babbage", "email": "charles@example.com", "recipientId": "1", "recipientIdGuid": "5a1b",
            "roleName": "Signer", "routingOrder": "1", "status": "delivered",
            "deliveredDateTime": "2026-12-01T10:00:00.0000000Z", **extra}


async def test_send_envelope_from_template_fills_its_roles(catalog, respx_mock, who):
    route = respx_mock.post(f"{API}/envelopes").mock(return_value=httpx.Response(201, json={
        "envelopeId": ENVELOPE, "uri": f"/envelopes/{ENVELOPE}", "statusDateTime": "2026-12-01T09:00:02.0000000Z",
        "status": "sent"}))
    result = await run_action(catalog.action("docusign-send-envelope-from-template"), {
        "templateId": TEMPLATE, "emailSubject": "Please sign: NDA",
        "roles": [{"roleName": "Signer", "name": "Charles Babbage", "email": "charles@example.com"}]}, auth=AUTH)
    assert result.error is None, result.error
    assert who.called
    assert_request(route.calls.last.request, "POST", f"{API}/envelopes", body={
        "templateId": TEMPLATE, "status": "sent", "emailSubject": "Please sign: NDA",
        "templateRoles": [{"roleName": "Signer", "name": "Charles Babbage", "email": "charles@example.com"}]})
    assert result.ret == {"envelope_id": ENVELOPE, "status": "sent", "status_date_time": "2026-12-01T09:00:02.0000000Z",
                          "uri": f"/envelopes/{ENVELOPE}"}
    assert result.summary == f"Sent the envelope {ENVELOPE} to charles@example.com"


async def test_a_role_without_an_email_is_refused_before_sending(catalog, respx_mock):
    result = await run_action(catalog.action("docusign-send-envelope-from-template"), {
        "templateId": TEMPLATE, "roles": [{"roleName": "Signer", "name": "Charles Babbage"}]}, auth=AUTH)
    assert "role 1 needs `roleName`, `name` and `email`" in result.error
    assert not respx_mock.calls


async def test_send_envelope_from_document_uploads_the_file_with_anchored_signatures(catalog, respx_mock, who, tmp_path):
    (tmp_path / "nda.pdf").write_bytes(b"%PDF-1.4 nda")
    route = respx_mock.post(f"{API}/envelopes").mock(return_value=httpx.Response(201, json={
        "envelopeId": ENVELOPE, "uri": f"/envelopes/{ENVELOPE}", "statusDateTime": "2026-12-01T09:00:02Z", "status": "created"}))
    result = await run_action(catalog.action("docusign-send-envelope-from-document"), {
        "filePath": "/tmp/nda.pdf", "emailSubject": "Please sign: NDA", "status": "created",
        "signers": [{"name": "Charles Babbage", "email": "charles@example.com", "anchorString": "/sn1/"},
                    {"name": "Ada Lovelace", "email": "ada@example.com"}],
        "carbonCopies": [{"name": "Legal", "email": "legal@example.com"}]}, auth=AUTH, tmp_dir=tmp_path)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/envelopes", body={
        "emailSubject": "Please sign: NDA", "status": "created",
        "documents": [{"documentId": "1", "name": "nda.pdf", "fileExtension": "pdf",
                       "documentBase64": base64.b64encode(b"%PDF-1.4 nda").decode()}],
        "recipients": {
            "signers": [
                {"email": "charles@example.com", "name": "Charles Babbage", "recipientId": "1", "routingOrder": "1",
                 "tabs": {"signHereTabs": [{"anchorString": "/sn1/", "anchorUnits": "pixels", "anchorXOffset": "0",
                                            "anchorYOffset": "0"}]}},
                {"email": "ada@example.com", "name": "Ada Lovelace", "recipientId": "2", "routingOrder": "2"}],
            "carbonCopies": [{"email": "legal@example.com", "name": "Legal", "recipientId": "3", "routingOrder": "3"}]}})
    assert result.summary == f"Saved as a draft the envelope {ENVELOPE} to charles@example.com, ada@example.com"


async def test_send_envelope_from_document_needs_a_file_in_tmp(catalog, respx_mock, tmp_path):
    result = await run_action(catalog.action("docusign-send-envelope-from-document"), {
        "filePath": "/tmp/missing.pdf", "emailSubject": "x", "signers": [{"name": "A", "email": "a@example.com"}]},
        auth=AUTH, tmp_dir=tmp_path)
    assert "/tmp/missing.pdf is not a file in /tmp" in result.error
    assert not respx_mock.calls


async def test_get_envelope_includes_recipients_and_trims(catalog, respx_mock, who):
    envelope = _envelope(recipients={"signers": [_signer()], "carbonCopies": [], "recipientCount": "1",
                                     "currentRoutingOrder": "1"})
    route = respx_mock.get(f"{API}/envelopes/{ENVELOPE}").mock(return_value=httpx.Response(200, json=envelope))
    result = await run_action(catalog.action("docusign-get-envelope"), {"envelopeId": ENVELOPE}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/envelopes/{ENVELOPE}", params={"include": "recipients"})
    assert result.ret["status"] == "sent" and result.ret["sender"] == "ada@example.com"
    assert result.ret["recipients"] == [{
        "type": "signers", "recipient_id": "1", "name": "Charles Babbage", "email": "charles@example.com",
        "role_name": "Signer", "routing_order": "1", "status": "delivered", "delivered": "2026-12-01T10:00:00.0000000Z",
        "signed": None, "declined_reason": None}]
    assert "documentsUri" not in result.ret
    whole = await run_action(catalog.action("docusign-get-envelope"), {"envelopeId": ENVELOPE, "fullResponse": True}, auth=AUTH)
    assert whole.ret == envelope
    assert who.call_count == 1


async def test_an_account_other_than_the_default_uses_its_own_host(catalog, respx_mock, who):
    other = f"https://eu.docusign.net/restapi/v2.1/accounts/{OTHER}"
    route = respx_mock.get(f"{other}/envelopes/{ENVELOPE}").mock(return_value=httpx.Response(200, json=_envelope()))
    result = await run_action(catalog.action("docusign-get-envelope"), {"envelopeId": ENVELOPE, "accountId": OTHER}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{other}/envelopes/{ENVELOPE}", params={"include": "recipients"})
    unknown = await run_action(catalog.action("docusign-get-envelope"), {"envelopeId": ENVELOPE, "accountId": "nope"}, auth=AUTH)
    assert "'nope' is not one this DocuSign login belongs to: Side Project" in unknown.error


async def test_list_envelope_status_changes_pages_by_start_position(catalog, respx_mock, who):
    route = respx_mock.get(f"{API}/envelopes").mock(side_effect=[
        httpx.Response(200, json={"resultSetSize": "2", "totalSetSize": "3", "startPosition": "0", "endPosition": "1",
                                  "envelopes": [_envelope(), _envelope(envelopeId="e2", status="completed")]}),
        httpx.Response(200, json={"resultSetSize": "1", "totalSetSize": "3", "startPosition": "2", "endPosition": "2",
                                  "envelopes": [_envelope(envelopeId="e3")]}),
    ])
    action = catalog.action("docusign-list-envelope-status-changes")
    first = await run_action(action, {"fromDate": "2026-12-01", "status": ["sent", "completed"], "limit": 2}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls[0].request, "GET", f"{API}/envelopes", params={
        "from_date": "2026-12-01", "count": "2", "start_position": "0", "status": "sent,completed"})
    assert [e["envelope_id"] for e in first.ret["envelopes"]] == [ENVELOPE, "e2"]
    assert first.ret["next_cursor"] == "2" and first.ret["total"] == 3
    second = await run_action(action, {"fromDate": "2026-12-01", "limit": 2, "cursor": "2"}, auth=AUTH)
    assert route.calls[1].request.url.params["start_position"] == "2"
    assert second.ret["next_cursor"] is None
    assert first.summary == "Listed 2 envelopes changed since 2026-12-01"


async def test_void_envelope_sends_the_reason(catalog, respx_mock, who):
    route = respx_mock.put(f"{API}/envelopes/{ENVELOPE}").mock(return_value=httpx.Response(200, json={"envelopeId": ENVELOPE}))
    result = await run_action(catalog.action("docusign-void-envelope"),
                              {"envelopeId": ENVELOPE, "voidedReason": "Wrong contract version"}, auth=AUTH)
    assert_request(route.calls.last.request, "PUT", f"{API}/envelopes/{ENVELOPE}",
                   body={"status": "voided", "voidedReason": "Wrong contract version"})
    assert result.ret == {"envelope_id": ENVELOPE, "status": "voided", "voided_reason": "Wrong contract version"}
    assert result.summary == f"Voided the envelope {ENVELOPE}"


async def test_voiding_a_completed_envelope_says_why_it_cannot(catalog, respx_mock, who):
    respx_mock.put(f"{API}/envelopes/{ENVELOPE}").mock(return_value=httpx.Response(400, json={
        "errorCode": "ENVELOPE_CANNOT_VOID_INVALID_STATE", "message": "Only envelopes in the 'Sent' or 'Delivered' states may be voided."}))
    result = await run_action(catalog.action("docusign-void-envelope"), {"envelopeId": ENVELOPE, "voidedReason": "x"}, auth=AUTH)
    assert "DocuSign API error 400" in result.error and "ENVELOPE_CANNOT_VOID_INVALID_STATE" in result.error
    assert "not yet completed can be voided" in result.error


async def test_list_envelope_recipients(catalog, respx_mock, who):
    route = respx_mock.get(f"{API}/envelopes/{ENVELOPE}/recipients").mock(return_value=httpx.Response(200, json={
        "signers": [_signer(status="completed", signedDateTime="2026-12-02T08:00:00.0000000Z")],
        "carbonCopies": [{"name": "Legal", "email": "legal@example.com", "recipientId": "2", "routingOrder": "2",
                          "status": "created"}],
        "recipientCount": "2", "currentRoutingOrder": "2"}))
    result = await run_action(catalog.action("docusign-list-envelope-recipients"), {"envelopeId": ENVELOPE}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{API}/envelopes/{ENVELOPE}/recipients")
    assert [(r["type"], r["status"]) for r in result.ret["recipients"]] == [("signers", "completed"), ("carbonCopies", "created")]
    assert result.ret["current_routing_order"] == "2"
    assert result.summary == "The envelope has 2 recipients"


async def test_list_envelope_documents(catalog, respx_mock, who):
    route = respx_mock.get(f"{API}/envelopes/{ENVELOPE}/documents").mock(return_value=httpx.Response(200, json={
        "envelopeId": ENVELOPE, "envelopeDocuments": [
            {"documentId": "1", "name": "nda.pdf", "type": "content", "uri": f"/envelopes/{ENVELOPE}/documents/1",
             "order": "1", "pages": [{"pageId": "p1", "sequence": "1"}, {"pageId": "p2", "sequence": "2"}]},
            {"documentId": "certificate", "name": "Summary", "type": "summary", "uri": f"/envelopes/{ENVELOPE}/documents/certificate"}]}))
    result = await run_action(catalog.action("docusign-list-envelope-documents"), {"envelopeId": ENVELOPE}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{API}/envelopes/{ENVELOPE}/documents")
    assert result.ret == [{"document_id": "1", "name": "nda.pdf", "type": "content", "pages": 2, "order": "1"},
                          {"document_id": "certificate", "name": "Summary", "type": "summary", "pages": None, "order": None}]


async def test_download_envelope_documents_saves_the_combined_pdf(catalog, respx_mock, who, tmp_path):
    route = respx_mock.get(f"{API}/envelopes/{ENVELOPE}/documents/combined").mock(return_value=httpx.Response(
        200, content=b"%PDF-1.7 signed", headers={"content-type": "application/pdf"}))
    result = await run_action(catalog.action("docusign-download-envelope-documents"), {"envelopeId": ENVELOPE},
                              auth=AUTH, tmp_dir=tmp_path)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/envelopes/{ENVELOPE}/documents/combined")
    assert (tmp_path / f"{ENVELOPE}-combined.pdf").read_bytes() == b"%PDF-1.7 signed"
    assert result.ret == {"filePath": f"/tmp/{ENVELOPE}-combined.pdf", "size": 15, "type": "application/pdf",
                          "envelope_id": ENVELOPE, "document_id": "combined"}


async def test_list_templates_and_get_one_with_its_roles(catalog, respx_mock, who):
    template = {"templateId": TEMPLATE, "name": "Mutual NDA", "description": "Standard NDA", "shared": "false",
                "emailSubject": "Please sign the NDA", "folderName": "Templates", "lastModified": "2026-10-01T12:00:00.0000000Z",
                "owner": {"userName": "Ada Lovelace", "email": "ada@example.com", "userId": "4799e5e9"}}
    listed = respx_mock.get(f"{API}/templates").mock(return_value=httpx.Response(200, json={
        "resultSetSize": "1", "totalSetSize": "1", "startPosition": "0", "endPosition": "0", "envelopeTemplates": [template]}))
    result = await run_action(catalog.action("docusign-list-templates"), {"searchText": "NDA", "limit": 10}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(listed.calls.last.request, "GET", f"{API}/templates", params={
        "count": "10", "start_position": "0", "order_by": "name", "search_text": "NDA"})
    assert result.ret == {"templates": [{
        "template_id": TEMPLATE, "name": "Mutual NDA", "description": "Standard NDA", "email_subject": "Please sign the NDA",
        "shared": "false", "folder": "Templates", "owner": "ada@example.com", "last_modified": "2026-10-01T12:00:00.0000000Z"}],
        "total": 1, "next_cursor": None}

    got = respx_mock.get(f"{API}/templates/{TEMPLATE}").mock(return_value=httpx.Response(200, json={
        **template, "recipients": {"signers": [{"roleName": "Signer", "recipientId": "1", "routingOrder": "1", "name": "",
                                                "email": ""}], "recipientCount": "1"},
        "documents": [{"documentId": "1", "name": "nda.pdf", "order": "1"}]}))
    result = await run_action(catalog.action("docusign-get-template"), {"templateId": TEMPLATE}, auth=AUTH)
    assert_request(got.calls.last.request, "GET", f"{API}/templates/{TEMPLATE}", params={"include": "documents"})
    assert result.ret["roles"] == [{"role_name": "Signer", "type": "signers", "routing_order": "1", "name": "", "email": ""}]
    assert result.ret["documents"] == [{"document_id": "1", "name": "nda.pdf"}]


async def test_account_and_template_options(catalog, respx_mock, who):
    action = catalog.action("docusign-send-envelope-from-template")
    accounts = await fetch_options(action, "accountId", {}, auth=AUTH)
    assert accounts["options"] == [{"label": "Side Project", "value": OTHER},
                                   {"label": "Analytical Engines (default)", "value": ACCOUNT}]
    route = respx_mock.get(f"{API}/templates").mock(side_effect=[
        httpx.Response(200, json={"resultSetSize": "1", "totalSetSize": "2", "envelopeTemplates": [
            {"templateId": TEMPLATE, "name": "Mutual NDA"}]}),
        httpx.Response(200, json={"resultSetSize": "1", "totalSetSize": "2", "envelopeTemplates": [
            {"templateId": "t2", "name": "Offer Letter"}]}),
    ])
    first = await fetch_options(action, "templateId", {}, auth=AUTH)
    assert first["options"] == [{"label": "Mutual NDA", "value": TEMPLATE}] and first["context"] == {"start": 1}
    second = await fetch_options(action, "templateId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Offer Letter", "value": "t2"}] and second["context"] is None
    assert dict(route.calls[1].request.url.params) == {"count": "100", "start_position": "1", "order_by": "name"}


async def test_the_hourly_limit_says_when_to_retry(catalog, respx_mock, who):
    respx_mock.get(f"{API}/envelopes/{ENVELOPE}/recipients").mock(return_value=httpx.Response(
        429, headers={"Retry-After": "120"},
        json={"errorCode": "HOURLY_APIINVOCATION_LIMIT_EXCEEDED", "message": "The maximum number of hourly API invocations has been exceeded."}))
    result = await run_action(catalog.action("docusign-list-envelope-recipients"), {"envelopeId": ENVELOPE}, auth=AUTH)
    assert "rate limited by DocuSign; retry after 120 s" in result.error


async def test_a_base_uri_off_docusign_net_is_refused(catalog, respx_mock):
    info = _userinfo()
    info["accounts"][1]["base_uri"] = "https://evil.example.com"
    respx_mock.get(USERINFO).mock(return_value=httpx.Response(200, json=info))
    result = await run_action(catalog.action("docusign-get-envelope"), {"envelopeId": ENVELOPE}, auth=AUTH)
    assert "not an https://…docusign.net address" in result.error


async def test_the_account_test_names_the_user(catalog, respx_mock, who):
    from mcp_gateway.catalog import AccountContext, AppHttp

    app = catalog.apps["docusign"]
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(AUTH), base_url=app.base_url_for(AUTH),
                       allowed_domains=app.allowed_domains_for(AUTH))
        identity = await app.test(AccountContext(auth=AUTH, http=http))
    assert who.calls.last.request.headers["authorization"] == "Bearer eyJ0eXAi.docusign-token"
    assert (identity.name, identity.external_id) == ("Ada Lovelace <ada@example.com>", "4799e5e9-1559-4915-9862-cf4713bbcacc")


async def test_envelope_options_are_the_recently_changed_envelopes(catalog, respx_mock, who):
    from datetime import date, timedelta

    route = respx_mock.get(f"{API}/envelopes").mock(return_value=httpx.Response(200, json={
        "resultSetSize": "1", "totalSetSize": "1", "envelopes": [_envelope()]}))
    page = await fetch_options(catalog.action("docusign-void-envelope"), "envelopeId", {}, auth=AUTH)
    assert page["options"] == [{"label": "Please sign: NDA (sent)", "value": ENVELOPE}] and page["context"] is None
    params = dict(route.calls.last.request.url.params)
    since = date.fromisoformat(params.pop("from_date"))
    assert timedelta(days=89) <= date.today() - since <= timedelta(days=91)
    assert params == {"count": "100", "start_position": "0", "order_by": "last_modified", "order": "desc"}
