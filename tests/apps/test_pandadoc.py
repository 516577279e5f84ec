import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api.pandadoc.com/public/v1"
AUTH = {"oauth_access_token": "pd-access-token-1"}
DOC = "msFYActMfJHqNTKH8YSvF1"
TEMPLATE = "hryJY9mqYZHjQCYQuSjRQg"


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert sorted(request.url.params.multi_items()) == sorted((params or {}).items() if isinstance(params, dict) else params or [])
    assert request.headers["authorization"] == "Bearer pd-access-token-1"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _document(doc_id=DOC, name="Sample Document", status="document.draft"):
    return {"id": doc_id, "name": name, "status": status, "date_created": "2026-12-01T10:00:00.000000Z",
            "date_modified": "2026-12-01T10:05:00.000000Z", "date_completed": None, "expiration_date": None, "version": "2"}


def _template(template_id=TEMPLATE, name="Sales Proposal"):
    return {"id": template_id, "name": name, "date_created": "2026-01-10T08:00:00.000000Z",
            "date_modified": "2026-11-02T08:00:00.000000Z", "version": "2"}


async def test_list_documents_filters_and_pages(catalog, respx_mock):
    route = respx_mock.get(f"{API}/documents").mock(side_effect=[
        httpx.Response(200, json={"results": [_document(), _document("xyz", "Second")]}),
        httpx.Response(200, json={"results": [_document("abc", "Third")]}),
    ])
    action = catalog.action("pandadoc-list-documents")
    first = await run_action(action, {"q": "Acme", "status": "document.completed", "templateId": TEMPLATE,
                                      "createdFrom": "2026-12-01T00:00:00Z", "limit": 2}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls[0].request, "GET", "/documents", params={
        "order_by": "-date_modified", "q": "Acme", "template_id": TEMPLATE, "created_from": "2026-12-01T00:00:00Z",
        "status": "2", "count": "2", "page": "1"})
    assert first.ret["documents"][0] == {"id": DOC, "name": "Sample Document", "status": "document.draft",
                                         "date_created": "2026-12-01T10:00:00.000000Z",
                                         "date_modified": "2026-12-01T10:05:00.000000Z", "date_completed": None,
                                         "expiration_date": None}
    assert first.ret["next_cursor"] == "2"
    second = await run_action(action, {"limit": 2, "cursor": "2"}, auth=AUTH)
    assert route.calls[1].request.url.params["page"] == "2"
    assert second.ret["next_cursor"] is None and second.summary == "Listed 1 document"


async def test_document_and_template_options(catalog, respx_mock):
    documents = respx_mock.get(f"{API}/documents").mock(return_value=httpx.Response(200, json={"results": [_document()]}))
    templates = respx_mock.get(f"{API}/templates").mock(return_value=httpx.Response(200, json={"results": [_template()]}))
    found = await fetch_options(catalog.action("pandadoc-send-document"), "documentId", {}, auth=AUTH)
    assert found["options"] == [{"label": "Sample Document (document.draft)", "value": DOC}] and found["context"] is None
    assert dict(documents.calls.last.request.url.params) == {"count": "100", "page": "1", "order_by": "-date_modified"}
    found = await fetch_options(catalog.action("pandadoc-create-document-from-template"), "templateId", {}, auth=AUTH)
    assert found["options"] == [{"label": "Sales Proposal", "value": TEMPLATE}]
    assert dict(templates.calls.last.request.url.params) == {"count": "100", "page": "1"}


async def test_get_document_details_and_full_response(catalog, respx_mock):
    details = {**_document(status="document.sent"), "autonumbering_sequence_name": None, "created_by": {"id": "u1", "email": "ada@example.com"},
               "template": {"id": TEMPLATE, "name": "Sales Proposal"}, "tags": ["q4"], "metadata": {"deal_id": "2181432"},
               "recipients": [{"id": "r1", "email": "josh@example.com", "first_name": "Josh", "last_name": "Ron", "role": "Client",
                               "recipient_type": "signer", "has_completed": False, "signing_order": None, "contact_id": "c1",
                               "shared_link": "https://app.pandadoc.com/document/abc"}],
               "tokens": [{"name": "Client.Company", "value": "Acme Corp"}],
               "fields": [{"uuid": "f1", "name": "Start date", "title": "", "placeholder": "", "value": "2026-12-24",
                           "assigned_to": {"email": "josh@example.com"}}],
               "pricing": {"tables": [], "total": "12000.00"}, "grand_total": {"amount": "12000.00", "currency": "USD"}}
    route = respx_mock.get(f"{API}/documents/{DOC}/details").mock(return_value=httpx.Response(200, json=details))
    result = await run_action(catalog.action("pandadoc-get-document-details"), {"documentId": DOC}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"/documents/{DOC}/details")
    assert result.ret["template"] == "Sales Proposal" and result.ret["tokens"] == {"Client.Company": "Acme Corp"}
    assert result.ret["recipients"][0]["has_completed"] is False
    assert result.ret["fields"] == [{"name": "Start date", "value": "2026-12-24", "assigned_to": "josh@example.com"}]
    whole = await run_action(catalog.action("pandadoc-get-document-details"), {"documentId": DOC, "fullResponse": True}, auth=AUTH)
    assert whole.ret == details


async def test_get_document_status(catalog, respx_mock):
    route = respx_mock.get(f"{API}/documents/{DOC}").mock(return_value=httpx.Response(200, json=_document(status="document.completed")))
    result = await run_action(catalog.action("pandadoc-get-document-status"), {"documentId": DOC}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/documents/{DOC}")
    assert result.ret["status"] == "document.completed" and result.summary == "'Sample Document' is document.completed"


async def test_create_document_from_template_sends_tokens_and_recipients(catalog, respx_mock):
    route = respx_mock.post(f"{API}/documents").mock(return_value=httpx.Response(201, json={
        **_document(status="document.uploaded", name="Proposal for Acme Corp"), "uuid": DOC,
        "links": [{"rel": "status", "href": f"https://api.pandadoc.com/public/v1/documents/{DOC}", "type": "GET"}]}))
    result = await run_action(catalog.action("pandadoc-create-document-from-template"), {
        "templateId": TEMPLATE, "name": "Proposal for Acme Corp",
        "recipients": [{"email": "josh@example.com", "first_name": "Josh", "last_name": "Ron", "role": "Client"}],
        "tokens": {"Client.Company": "Acme Corp", "Deal.Amount": 12000}, "fields": {"Start date": {"value": "2026-12-24"}},
        "metadata": {"deal_id": "2181432"}, "tags": ["q4"]}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/documents", body={
        "name": "Proposal for Acme Corp", "template_uuid": TEMPLATE,
        "recipients": [{"email": "josh@example.com", "first_name": "Josh", "last_name": "Ron", "role": "Client"}],
        "tokens": [{"name": "Client.Company", "value": "Acme Corp"}, {"name": "Deal.Amount", "value": "12000"}],
        "fields": {"Start date": {"value": "2026-12-24"}}, "metadata": {"deal_id": "2181432"}, "tags": ["q4"]})
    assert result.ret["status"] == "document.uploaded" and result.summary == f"Created 'Proposal for Acme Corp' ({DOC})"


async def test_create_document_needs_a_recipient_email(catalog, respx_mock):
    result = await run_action(catalog.action("pandadoc-create-document-from-template"),
                              {"templateId": TEMPLATE, "name": "X", "recipients": [{"first_name": "Josh"}]}, auth=AUTH)
    assert result.error == "recipient 1 needs an `email` (and optionally `first_name`, `last_name`, `role`)"
    assert not respx_mock.calls


async def test_send_document(catalog, respx_mock):
    route = respx_mock.post(f"{API}/documents/{DOC}/send").mock(return_value=httpx.Response(200, json={
        **_document(status="document.sent"), "recipients": [{"id": "r1", "email": "josh@example.com"}]}))
    result = await run_action(catalog.action("pandadoc-send-document"),
                              {"documentId": DOC, "subject": "Your proposal", "message": "Please sign.", "silent": True}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", f"/documents/{DOC}/send",
                   body={"subject": "Your proposal", "message": "Please sign.", "silent": True})
    assert result.ret["status"] == "document.sent"


async def test_sending_too_early_says_to_wait_for_draft(catalog, respx_mock):
    respx_mock.post(f"{API}/documents/{DOC}/send").mock(return_value=httpx.Response(404, json={
        "type": "not_found", "detail": "Not found."}))
    error = (await run_action(catalog.action("pandadoc-send-document"), {"documentId": DOC}, auth=AUTH)).error
    assert "Not found." in error and "still `document.uploaded`" in error and "pandadoc-get-document-status" in error


async def test_download_document_saves_the_pdf(catalog, respx_mock, tmp_path):
    pdf = b"%PDF-1.4 signed"
    route = respx_mock.get(f"{API}/documents/{DOC}/download").mock(
        return_value=httpx.Response(200, content=pdf, headers={"content-type": "application/pdf"}))
    result = await run_action(catalog.action("pandadoc-download-document"), {"documentId": DOC, "filePath": "/tmp/out/proposal.pdf"},
                              auth=AUTH, tmp_dir=tmp_path)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"/documents/{DOC}/download")
    assert (tmp_path / "out" / "proposal.pdf").read_bytes() == pdf
    assert result.ret == {"documentId": DOC, "filePath": "/tmp/out/proposal.pdf", "size": len(pdf)}


async def test_list_templates_by_tag(catalog, respx_mock):
    route = respx_mock.get(f"{API}/templates").mock(return_value=httpx.Response(200, json={"results": [_template()]}))
    result = await run_action(catalog.action("pandadoc-list-templates"), {"q": "Proposal", "tag": ["sales", "q4"]}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/templates",
                   params=[("q", "Proposal"), ("tag", "sales"), ("tag", "q4"), ("count", "25"), ("page", "1")])
    assert result.ret == {"templates": [_template()], "next_cursor": None}


async def test_list_contacts_by_email(catalog, respx_mock):
    contact = {"id": "SyoufNkJiHRn24LpuJ7RXb", "email": "josh@example.com", "first_name": "Josh", "last_name": "Ron",
               "company": "Acme Corp", "job_title": "CTO", "phone": "+14842634627", "state": "Texas",
               "street_address": "1313 Mockingbird Lane", "city": "Austin", "postal_code": "75001", "country": "US"}
    route = respx_mock.get(f"{API}/contacts").mock(return_value=httpx.Response(200, json={"results": [contact]}))
    result = await run_action(catalog.action("pandadoc-list-contacts"), {"email": "josh@example.com"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/contacts", params={"email": "josh@example.com"})
    assert result.ret == {"contacts": [{"id": "SyoufNkJiHRn24LpuJ7RXb", "email": "josh@example.com", "first_name": "Josh",
                                        "last_name": "Ron", "company": "Acme Corp", "job_title": "CTO", "phone": "+14842634627"}],
                          "next_cursor": None}


async def test_rate_limit_says_when_to_retry(catalog, respx_mock):
    respx_mock.get(f"{API}/templates").mock(return_value=httpx.Response(429, headers={"Retry-After": "20"}, json={
        "type": "rate_limit_error", "detail": "Request was throttled."}))
    error = (await run_action(catalog.action("pandadoc-list-templates"), {}, auth=AUTH)).error
    assert "Request was throttled." in error and "rate limited by PandaDoc; retry after 20 s" in error
