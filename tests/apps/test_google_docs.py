import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://docs.googleapis.com/v1"
DRIVE = "https://www.googleapis.com/drive/v3"
AUTH = {"oauth_access_token": "ya29.docs-token"}
DOC = "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"


def _run(text, start, style="NORMAL_TEXT"):
    return {"startIndex": start, "endIndex": start + len(text), "paragraph": {
        "elements": [{"startIndex": start, "endIndex": start + len(text), "textRun": {"content": text, "textStyle": {}}}],
        "paragraphStyle": {"namedStyleType": style, "direction": "LEFT_TO_RIGHT"}}}


def _document():
    table = {"startIndex": 32, "endIndex": 50, "table": {"rows": 1, "columns": 2, "tableRows": [{
        "startIndex": 33, "endIndex": 49, "tableCells": [
            {"startIndex": 34, "endIndex": 40, "content": [_run("Item\n", 35)]},
            {"startIndex": 40, "endIndex": 49, "content": [_run("Cost\n", 41)]}]}]}}
    return {
        "documentId": DOC, "title": "Trip plan", "revisionId": "ALm37BVTlLb",
        "suggestionsViewMode": "SUGGESTIONS_INLINE",
        "documentStyle": {"pageSize": {"height": {"magnitude": 792, "unit": "PT"}, "width": {"magnitude": 612, "unit": "PT"}}},
        "namedStyles": {"styles": []},
        "body": {"content": [
            {"endIndex": 1, "sectionBreak": {"sectionStyle": {"columnSeparatorStyle": "NONE", "contentDirection": "LEFT_TO_RIGHT"}}},
            _run("Lisbon\n", 1, "HEADING_1"),
            _run("Flights booked for May.\n", 8),
            table,
            _run("\n", 50),
        ]},
    }


def assert_request(request, method, url, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == url
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer ya29.docs-token"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _batch(replies=None):
    return {"documentId": DOC, "replies": replies or [{}], "writeControl": {"requiredRevisionId": "ALm37BV2"}}


async def test_get_document_returns_text_headings_and_end_index(catalog, respx_mock):
    route = respx_mock.get(f"{API}/documents/{DOC}").mock(return_value=httpx.Response(200, json=_document()))
    result = await run_action(catalog.action("google_docs-get-document"),
                              {"documentId": f"https://docs.google.com/document/d/{DOC}/edit#heading=h.1"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/documents/{DOC}")
    assert result.ret == {
        "document_id": DOC, "title": "Trip plan", "url": f"https://docs.google.com/document/d/{DOC}/edit",
        "revision_id": "ALm37BVTlLb", "text": "Lisbon\nFlights booked for May.\nItem | Cost\n\n",
        "headings": [{"level": "HEADING_1", "text": "Lisbon", "index": 1}], "end_index": 50,
    }
    whole = await run_action(catalog.action("google_docs-get-document"), {"documentId": DOC, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _document()


async def test_a_document_that_is_not_an_id_or_link_is_refused(catalog, respx_mock):
    result = await run_action(catalog.action("google_docs-get-document"), {"documentId": "my trip plan"}, auth=AUTH)
    assert "neither a document ID nor a docs.google.com/document/d/... link" in result.error
    assert not respx_mock.calls


async def test_find_documents_searches_titles_through_drive(catalog, respx_mock):
    route = respx_mock.get(f"{DRIVE}/files").mock(return_value=httpx.Response(200, json={
        "nextPageToken": "np2", "files": [{"id": DOC, "name": "Trip plan", "modifiedTime": "2026-12-01T10:00:00.000Z",
                                           "owners": [{"emailAddress": "ada@example.com"}],
                                           "webViewLink": f"https://docs.google.com/document/d/{DOC}/edit"}]}))
    result = await run_action(catalog.action("google_docs-find-documents"), {"query": "trip's plan", "limit": 5}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{DRIVE}/files", params={
        "q": "mimeType='application/vnd.google-apps.document' and trashed=false and name contains 'trip\\'s plan'",
        "pageSize": "5", "orderBy": "modifiedTime desc",
        "fields": "nextPageToken,files(id,name,modifiedTime,owners(emailAddress),webViewLink)"})
    assert result.ret == {"documents": [{"document_id": DOC, "title": "Trip plan", "modified_time": "2026-12-01T10:00:00.000Z",
                                         "owner": "ada@example.com", "url": f"https://docs.google.com/document/d/{DOC}/edit"}],
                          "next_cursor": "np2"}
    await run_action(catalog.action("google_docs-find-documents"), {"query": "Lisbon", "searchText": True, "cursor": "np2"}, auth=AUTH)
    params = route.calls.last.request.url.params
    assert "fullText contains 'Lisbon'" in params["q"] and "orderBy" not in params and params["pageToken"] == "np2"


async def test_create_document_with_text(catalog, respx_mock):
    created = respx_mock.post(f"{API}/documents").mock(return_value=httpx.Response(200, json={"documentId": DOC, "title": "Notes"}))
    batch = respx_mock.post(f"{API}/documents/{DOC}:batchUpdate").mock(return_value=httpx.Response(200, json=_batch()))
    result = await run_action(catalog.action("google_docs-create-document"), {"title": "Notes", "text": "First line\n"}, auth=AUTH)
    assert_request(created.calls.last.request, "POST", f"{API}/documents", body={"title": "Notes"})
    assert_request(batch.calls.last.request, "POST", f"{API}/documents/{DOC}:batchUpdate",
                   body={"requests": [{"insertText": {"location": {"index": 1}, "text": "First line\n"}}]})
    assert result.ret == {"document_id": DOC, "title": "Notes", "url": f"https://docs.google.com/document/d/{DOC}/edit"}


async def test_append_insert_and_delete_send_one_request_each(catalog, respx_mock):
    batch = respx_mock.post(f"{API}/documents/{DOC}:batchUpdate").mock(return_value=httpx.Response(200, json=_batch()))
    result = await run_action(catalog.action("google_docs-append-text"), {"documentId": DOC, "text": "\nNext steps"}, auth=AUTH)
    assert json.loads(batch.calls.last.request.content) == {"requests": [{"insertText": {"endOfSegmentLocation": {}, "text": "\nNext steps"}}]}
    assert result.ret == {"document_id": DOC, "revision_id": "ALm37BV2", "url": f"https://docs.google.com/document/d/{DOC}/edit"}

    await run_action(catalog.action("google_docs-insert-text"), {"documentId": DOC, "text": "Draft: ", "index": 8}, auth=AUTH)
    assert json.loads(batch.calls.last.request.content) == {"requests": [{"insertText": {"location": {"index": 8}, "text": "Draft: "}}]}

    await run_action(catalog.action("google_docs-delete-content"), {"documentId": DOC, "startIndex": 8, "endIndex": 15}, auth=AUTH)
    assert json.loads(batch.calls.last.request.content) == {"requests": [{"deleteContentRange": {"range": {"startIndex": 8, "endIndex": 15}}}]}
    refused = await run_action(catalog.action("google_docs-delete-content"), {"documentId": DOC, "startIndex": 9, "endIndex": 9}, auth=AUTH)
    assert refused.error == "endIndex must be greater than startIndex"
    assert len(batch.calls) == 3


async def test_replace_text_reports_how_many_changed(catalog, respx_mock):
    batch = respx_mock.post(f"{API}/documents/{DOC}:batchUpdate").mock(return_value=httpx.Response(200, json=_batch(
        [{"replaceAllText": {"occurrencesChanged": 3}}])))
    result = await run_action(catalog.action("google_docs-replace-text"),
                              {"documentId": DOC, "find": "May", "replaceWith": "June", "matchCase": False}, auth=AUTH)
    assert_request(batch.calls.last.request, "POST", f"{API}/documents/{DOC}:batchUpdate", body={"requests": [
        {"replaceAllText": {"containsText": {"text": "May", "matchCase": False}, "replaceText": "June"}}]})
    assert result.ret == {"document_id": DOC, "occurrences_changed": 3} and result.summary == "Replaced 3 occurrences of 'May'"


async def test_insert_image_and_table(catalog, respx_mock):
    batch = respx_mock.post(f"{API}/documents/{DOC}:batchUpdate").mock(return_value=httpx.Response(200, json=_batch(
        [{"insertInlineImage": {"objectId": "kix.abc123"}}])))
    result = await run_action(catalog.action("google_docs-insert-image"),
                              {"documentId": DOC, "imageUrl": "https://example.com/map.png", "widthPoints": 300}, auth=AUTH)
    assert json.loads(batch.calls.last.request.content) == {"requests": [{"insertInlineImage": {
        "uri": "https://example.com/map.png", "endOfSegmentLocation": {}, "objectSize": {"width": {"magnitude": 300, "unit": "PT"}}}}]}
    assert result.ret["object_id"] == "kix.abc123"

    await run_action(catalog.action("google_docs-insert-table"), {"documentId": DOC, "rows": 3, "columns": 2, "index": 31}, auth=AUTH)
    assert json.loads(batch.calls.last.request.content) == {"requests": [{"insertTable": {"rows": 3, "columns": 2, "location": {"index": 31}}}]}


async def test_create_from_template_copies_then_fills_each_placeholder(catalog, respx_mock):
    copied = respx_mock.post(f"{DRIVE}/files/TPL1234567890/copy").mock(return_value=httpx.Response(200, json={
        "id": DOC, "name": "Acme proposal", "webViewLink": f"https://docs.google.com/document/d/{DOC}/edit"}))
    batch = respx_mock.post(f"{API}/documents/{DOC}:batchUpdate").mock(return_value=httpx.Response(200, json=_batch([
        {"replaceAllText": {"occurrencesChanged": 2}}, {"replaceAllText": {}}])))
    result = await run_action(catalog.action("google_docs-create-document-from-template"), {
        "templateId": "TPL1234567890", "title": "Acme proposal", "placeholders": {"{{client}}": "Acme", "{{date}}": "1 May"},
        "folderId": "FOLDER1"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(copied.calls.last.request, "POST", f"{DRIVE}/files/TPL1234567890/copy",
                   params={"fields": "id,name,webViewLink", "supportsAllDrives": "true"},
                   body={"name": "Acme proposal", "parents": ["FOLDER1"]})
    assert json.loads(batch.calls.last.request.content) == {"requests": [
        {"replaceAllText": {"containsText": {"text": "{{client}}", "matchCase": True}, "replaceText": "Acme"}},
        {"replaceAllText": {"containsText": {"text": "{{date}}", "matchCase": True}, "replaceText": "1 May"}}]}
    assert result.ret["replacements"] == {"{{client}}": 2, "{{date}}": 0}
    assert result.summary == "Created 'Acme proposal' from the template; not found: {{date}}"


async def test_export_document_as_markdown(catalog, respx_mock):
    route = respx_mock.get(f"{DRIVE}/files/{DOC}/export").mock(return_value=httpx.Response(
        200, text="# Lisbon\n\nFlights booked for May.\n", headers={"content-type": "text/markdown"}))
    result = await run_action(catalog.action("google_docs-export-document"), {"documentId": DOC}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{DRIVE}/files/{DOC}/export", params={"mimeType": "text/markdown"})
    assert result.ret == {"document_id": DOC, "format": "markdown", "content": "# Lisbon\n\nFlights booked for May.\n", "truncated": False}


async def test_export_of_a_huge_document_says_what_to_do(catalog, respx_mock):
    respx_mock.get(f"{DRIVE}/files/{DOC}/export").mock(return_value=httpx.Response(403, json={"error": {
        "code": 403, "message": "This file is too large to be exported.",
        "errors": [{"message": "This file is too large to be exported.", "domain": "global", "reason": "exportSizeLimitExceeded"}]}}))
    result = await run_action(catalog.action("google_docs-export-document"), {"documentId": DOC, "format": "html"}, auth=AUTH)
    assert "read it with google_docs-get-document" in result.error


async def test_document_options_list_the_newest_documents(catalog, respx_mock):
    route = respx_mock.get(f"{DRIVE}/files").mock(return_value=httpx.Response(200, json={"files": [{"id": DOC, "name": "Trip plan"}]}))
    options = await fetch_options(catalog.action("google_docs-append-text"), "documentId", {}, auth=AUTH)
    assert options["options"] == [{"label": "Trip plan", "value": DOC}] and options["context"] is None
    assert route.calls.last.request.url.params["q"] == "mimeType='application/vnd.google-apps.document' and trashed=false"


async def test_a_document_the_user_cannot_edit(catalog, respx_mock):
    respx_mock.post(f"{API}/documents/{DOC}:batchUpdate").mock(return_value=httpx.Response(403, json={"error": {
        "code": 403, "message": "The caller does not have permission", "status": "PERMISSION_DENIED"}}))
    result = await run_action(catalog.action("google_docs-append-text"), {"documentId": DOC, "text": "x"}, auth=AUTH)
    assert "may view but not edit this document" in result.error
