"""Confluence actions at the HTTP boundary: requests through Atlassian's API gateway as the
Confluence Cloud REST API v2 (and v1, for CQL search and attachment upload) reference describes
them, answers shaped like its examples (https://developer.atlassian.com/cloud/confluence/rest/v2/)."""

import json

import httpx
import pytest

from mcp_gateway.catalog import AccountContext, AppHttp, Identity, UpstreamError
from mcp_gateway.runtime.engine import fetch_options, run_action

GATEWAY = "https://api.atlassian.com"
TOKEN = "eyJraWQiOiJhdXRoLmF0bGFzc2lhbi5jb20tQUNDRVNTLWNvbmZsdWVuY2UtdGVzdCJ9"
AUTH = {"oauth_access_token": TOKEN}
CLOUD = "1324a887-45db-1bf4-1e99-ef0ff456d421"
WIKI = f"{GATEWAY}/ex/confluence/{CLOUD}/wiki"
V2 = f"{WIKI}/api/v2"
BASE = "https://acme.atlassian.net/wiki"


@pytest.fixture
def sites(respx_mock):
    return respx_mock.get(f"{GATEWAY}/oauth/token/accessible-resources").mock(return_value=httpx.Response(200, json=[{
        "id": CLOUD, "name": "acme", "url": "https://acme.atlassian.net",
        "scopes": ["read:page:confluence", "write:page:confluence", "search:confluence"],
        "avatarUrl": "https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/flag.png"}]))


def _page(page_id="65538", *, title="Release notes", version=3, body="<p>Hello <strong>world</strong></p>"):
    return {
        "id": page_id,
        "status": "current",
        "title": title,
        "spaceId": "98306",
        "parentId": "65537",
        "parentType": "page",
        "position": 2,
        "authorId": "5b10ac8d82e05b22cc7d4ef5",
        "ownerId": "5b10ac8d82e05b22cc7d4ef5",
        "lastOwnerId": None,
        "createdAt": "2024-05-01T10:00:00.000Z",
        "version": {"createdAt": "2024-06-01T08:30:00.000Z", "message": "", "number": version, "minorEdit": False,
                    "authorId": "5b10ac8d82e05b22cc7d4ef5"},
        "body": {"storage": {"representation": "storage", "value": body}},
        "_links": {"webui": f"/spaces/ENG/pages/{page_id}/Release+notes", "editui": f"/pages/resumedraft.action?draftId={page_id}",
                   "tinyui": "/x/AgAB", "base": BASE},
    }


def _space(space_id="98306", key="ENG", name="Engineering"):
    return {"id": space_id, "key": key, "name": name, "type": "global", "status": "current", "authorId": "5b10ac8d82e05b22cc7d4ef5",
            "createdAt": "2020-01-01T00:00:00.000Z", "homepageId": "65537", "icon": None,
            "_links": {"webui": f"/spaces/{key}"}}


def _attachment(att_id="att1048577", title="report.pdf"):
    return {"id": att_id, "status": "current", "title": title, "createdAt": "2024-06-02T09:00:00.000Z", "pageId": "65538",
            "mediaType": "application/pdf", "mediaTypeDescription": "PDF Document", "comment": "Q2 figures",
            "fileId": "c3a7b5e2-1111-4222-8333-944455556666", "fileSize": 18, "webuiLink": "/pages/viewpageattachments.action?pageId=65538",
            "downloadLink": f"/download/attachments/65538/{title}?version=1&api=v2",
            "version": {"createdAt": "2024-06-02T09:00:00.000Z", "message": "", "number": 1, "minorEdit": False,
                        "authorId": "5b10ac8d82e05b22cc7d4ef5"},
            "_links": {"webui": f"/pages/viewpageattachments.action?pageId=65538&preview=%2F65538%2F1048577%2F{title}",
                       "download": f"/download/attachments/65538/{title}?version=1&api=v2"}}


def assert_request(request, method, url, params=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == url
    assert dict(request.url.params.multi_items()) == (params or {})
    assert request.headers["authorization"] == f"Bearer {TOKEN}"


# Search and reading


async def test_search_runs_cql_and_builds_links(catalog, respx_mock, sites):
    route = respx_mock.get(f"{WIKI}/rest/api/search").mock(return_value=httpx.Response(200, json={
        "results": [{
            "content": {"id": "65538", "type": "page", "status": "current", "title": "Release notes",
                        "_links": {"webui": "/spaces/ENG/pages/65538/Release+notes"}},
            "title": "@@@hl@@@Release@@@endhl@@@ notes",
            "excerpt": "What changed in @@@hl@@@release@@@endhl@@@ 2.4",
            "url": "/spaces/ENG/pages/65538/Release+notes",
            "resultGlobalContainer": {"title": "Engineering", "displayUrl": "/spaces/ENG"},
            "entityType": "content", "iconCssClass": "aui-icon content-type-page",
            "lastModified": "2024-06-01T08:30:00.000Z", "friendlyLastModified": "Jun 01, 2024"}],
        "start": 0, "limit": 1, "size": 1, "totalSize": 12, "cqlQuery": "text ~ \"release\"", "searchDuration": 42,
        "_links": {"base": BASE, "context": "/wiki",
                   "next": "/rest/api/search?next=true&cursor=_f_MjU%3D_sa_WyJcdDY1NTM4Il0%3D&limit=1&cql=text+~+%22release%22"}}))
    result = await run_action(catalog.action("confluence-search"), {"cql": "text ~ \"release\"", "limit": 1}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{WIKI}/rest/api/search", {"cql": "text ~ \"release\"", "limit": "1"})
    assert result.ret == {
        "total": 12,
        "results": [{"id": "65538", "type": "page", "title": "Release notes", "space": "Engineering",
                     "excerpt": "What changed in release 2.4", "url": f"{BASE}/spaces/ENG/pages/65538/Release+notes",
                     "last_modified": "2024-06-01T08:30:00.000Z"}],
        "next_cursor": "_f_MjU=_sa_WyJcdDY1NTM4Il0=",
    }
    assert result.summary == "Found 12 Confluence results for the CQL query, returned 1"


async def test_search_reports_a_bad_cql_query(catalog, respx_mock, sites):
    respx_mock.get(f"{WIKI}/rest/api/search").mock(return_value=httpx.Response(400, json={
        "statusCode": 400, "data": {"authorized": False, "valid": True, "errors": [], "successful": False},
        "message": "Could not parse cql : text ~"}))
    result = await run_action(catalog.action("confluence-search"), {"cql": "text ~"}, auth=AUTH)
    assert result.error == (
        "Confluence API error 400 on GET /rest/api/search: Could not parse cql : text ~ "
        "(fix the request values named in the message)"
    )


async def test_get_page_returns_text_and_storage(catalog, respx_mock, sites):
    route = respx_mock.get(f"{V2}/pages/65538").mock(return_value=httpx.Response(200, json=_page(
        body="<h2>Highlights</h2><p>Faster &amp; safer</p><ul><li>One</li><li>Two</li></ul>")))
    result = await run_action(catalog.action("confluence-get-page"),
                              {"pageId": "https://acme.atlassian.net/wiki/spaces/ENG/pages/65538/Release+notes"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{V2}/pages/65538", {"body-format": "storage"})
    assert result.ret["body_text"] == "Highlights\nFaster & safer\nOne\nTwo"
    assert result.ret["body_storage"].startswith("<h2>Highlights</h2>")
    assert result.ret["version"] == 3
    assert result.ret["url"] == f"{BASE}/spaces/ENG/pages/65538/Release+notes"
    assert result.summary == "Retrieved Confluence page 65538: Release notes (version 3)"


async def test_get_page_returns_the_whole_page_when_asked(catalog, respx_mock, sites):
    respx_mock.get(f"{V2}/pages/65538").mock(return_value=httpx.Response(200, json=_page()))
    result = await run_action(catalog.action("confluence-get-page"), {"pageId": "65538", "fullResponse": True}, auth=AUTH)
    assert result.error is None, result.error
    assert result.ret["body"] == _page()["body"]
    assert result.ret["spaceId"] == _page()["spaceId"]


async def test_a_missing_scope_says_to_reconnect(catalog, respx_mock, sites):
    respx_mock.get(f"{V2}/pages/65538").mock(return_value=httpx.Response(403, json={
        "errors": [{"status": 403, "code": "FORBIDDEN", "title": "Forbidden", "detail": "scope does not match"}]}))
    result = await run_action(catalog.action("confluence-get-page"), {"pageId": "65538"}, auth=AUTH)
    assert "scope does not match" in result.error
    assert "reconnect the Confluence account" in result.error


async def test_get_page_reports_a_missing_page(catalog, respx_mock, sites):
    respx_mock.get(f"{V2}/pages/1").mock(return_value=httpx.Response(404, json={"errors": [
        {"status": 404, "code": "NOT_FOUND", "title": "Not Found", "detail": None}]}))
    result = await run_action(catalog.action("confluence-get-page"), {"pageId": "1"}, auth=AUTH)
    assert result.error == (
        "Confluence API error 404 on GET /api/v2/pages/1: Not Found (check that the page, space or attachment ID is "
        "correct and visible to this account)"
    )


# Writing pages


async def test_create_page_by_space_key_with_plain_text(catalog, respx_mock, sites):
    spaces = respx_mock.get(f"{V2}/spaces").mock(return_value=httpx.Response(200, json={"results": [_space()], "_links": {"base": BASE}}))
    route = respx_mock.post(f"{V2}/pages").mock(return_value=httpx.Response(200, json=_page("65540", title="Retro", version=1)))
    result = await run_action(
        catalog.action("confluence-create-page"),
        {"spaceId": "ENG", "title": "Retro", "body": "Went well: <deploys>\nfast\n\nTo improve: tests", "bodyFormat": "plain_text",
         "parentId": "65537"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_request(spaces.calls.last.request, "GET", f"{V2}/spaces", {"keys": "ENG", "limit": "1"})
    sent = route.calls.last.request
    assert_request(sent, "POST", f"{V2}/pages")
    assert json.loads(sent.content) == {
        "spaceId": "98306",
        "status": "current",
        "title": "Retro",
        "body": {"representation": "storage", "value": "<p>Went well: &lt;deploys&gt;<br/>fast</p><p>To improve: tests</p>"},
        "parentId": "65537",
    }
    assert result.ret["id"] == "65540"
    assert result.ret["url"] == f"{BASE}/spaces/ENG/pages/65540/Release+notes"
    assert result.summary == "Created Confluence page 65540: Retro"


async def test_create_page_reports_a_taken_title(catalog, respx_mock, sites):
    respx_mock.post(f"{V2}/pages").mock(return_value=httpx.Response(400, json={"errors": [{
        "status": 400, "code": "INVALID_REQUEST_PARAMETER", "title": "A page with this title already exists",
        "detail": "A page already exists with the same TITLE in this space"}]}))
    result = await run_action(catalog.action("confluence-create-page"),
                              {"spaceId": "98306", "title": "Retro", "body": "<p>x</p>"}, auth=AUTH)
    assert "A page with this title already exists: A page already exists with the same TITLE in this space" in result.error


async def test_update_page_appends_as_the_next_version(catalog, respx_mock, sites):
    current = respx_mock.get(f"{V2}/pages/65538").mock(return_value=httpx.Response(200, json=_page(body="<p>Old</p>", version=3)))
    route = respx_mock.put(f"{V2}/pages/65538").mock(return_value=httpx.Response(200, json=_page(version=4, body="<p>Old</p><p>New</p>")))
    result = await run_action(
        catalog.action("confluence-update-page"),
        {"pageId": "65538", "body": "<p>New</p>", "mode": "append", "versionMessage": "Added 2.5"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_request(current.calls.last.request, "GET", f"{V2}/pages/65538", {"body-format": "storage"})
    sent = route.calls.last.request
    assert_request(sent, "PUT", f"{V2}/pages/65538")
    assert json.loads(sent.content) == {
        "id": "65538",
        "status": "current",
        "title": "Release notes",
        "body": {"representation": "storage", "value": "<p>Old</p><p>New</p>"},
        "version": {"number": 4, "message": "Added 2.5"},
    }
    assert result.ret["version"] == 4
    assert result.summary == "Appended to Confluence page 65538: Release notes (now version 4)"


async def test_update_page_title_only_keeps_the_content(catalog, respx_mock, sites):
    respx_mock.get(f"{V2}/pages/65538").mock(return_value=httpx.Response(200, json=_page(body="<p>Keep</p>", version=7)))
    route = respx_mock.put(f"{V2}/pages/65538").mock(return_value=httpx.Response(200, json=_page(title="Notes 2.4", version=8)))
    result = await run_action(catalog.action("confluence-update-page"), {"pageId": "65538", "title": "Notes 2.4"}, auth=AUTH)
    assert result.error is None, result.error
    assert json.loads(route.calls.last.request.content) == {
        "id": "65538", "status": "current", "title": "Notes 2.4",
        "body": {"representation": "storage", "value": "<p>Keep</p>"}, "version": {"number": 8}}
    assert result.summary == "Updated Confluence page 65538: Notes 2.4 (now version 8)"


async def test_update_page_needs_content_or_title(catalog, respx_mock, sites):
    result = await run_action(catalog.action("confluence-update-page"), {"pageId": "65538"}, auth=AUTH)
    assert "nothing to change" in result.error
    assert not respx_mock.calls


async def test_delete_page_moves_it_to_the_trash(catalog, respx_mock, sites):
    route = respx_mock.delete(f"{V2}/pages/65538").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("confluence-delete-page"), {"pageId": "65538"}, auth=AUTH)
    assert result.error is None
    assert_request(route.calls.last.request, "DELETE", f"{V2}/pages/65538")
    assert result.ret == {"id": "65538", "deleted": True}
    assert result.summary == "Deleted Confluence page 65538 (moved to trash)"


async def test_add_comment_posts_a_footer_comment(catalog, respx_mock, sites):
    route = respx_mock.post(f"{V2}/footer-comments").mock(return_value=httpx.Response(200, json={
        "id": "1114113", "status": "current", "title": "Re: Release notes", "pageId": "65538",
        "version": {"createdAt": "2024-06-03T10:00:00.000Z", "message": "", "number": 1, "minorEdit": False,
                    "authorId": "5b10ac8d82e05b22cc7d4ef5"},
        "body": {"storage": {"representation": "storage", "value": "<p>Looks good</p>"}},
        "_links": {"webui": "/spaces/ENG/pages/65538/Release+notes?focusedCommentId=1114113"}}))
    result = await run_action(catalog.action("confluence-add-comment"), {"pageId": "65538", "body": "Looks good"}, auth=AUTH)
    assert result.error is None, result.error
    sent = route.calls.last.request
    assert_request(sent, "POST", f"{V2}/footer-comments")
    assert json.loads(sent.content) == {"pageId": "65538", "body": {"representation": "storage", "value": "<p>Looks good</p>"}}
    assert result.ret == {"id": "1114113", "page_id": "65538", "text": "Looks good",
                          "url": "https://acme.atlassian.net/wiki/spaces/ENG/pages/65538/Release+notes?focusedCommentId=1114113"}
    assert result.summary == "Commented on Confluence page 65538"


# Listing


async def test_list_spaces_returns_a_cursor(catalog, respx_mock, sites):
    route = respx_mock.get(f"{V2}/spaces").mock(return_value=httpx.Response(200, json={
        "results": [_space()], "_links": {"next": "/wiki/api/v2/spaces?cursor=eyJpZCI6Ijk4MzA2In0%3D&limit=1", "base": BASE}}))
    result = await run_action(catalog.action("confluence-list-spaces"), {"type": "global", "limit": 1}, auth=AUTH)
    assert result.error is None
    assert_request(route.calls.last.request, "GET", f"{V2}/spaces", {"limit": "1", "sort": "name", "type": "global"})
    assert result.ret == {"spaces": [{"id": "98306", "key": "ENG", "name": "Engineering", "type": "global", "status": "current",
                                      "homepage_id": "65537", "url": f"{BASE}/spaces/ENG"}],
                          "next_cursor": "eyJpZCI6Ijk4MzA2In0="}
    assert result.summary == "Listed 1 Confluence space"


async def test_list_spaces_passes_the_cursor_back(catalog, respx_mock, sites):
    route = respx_mock.get(f"{V2}/spaces").mock(return_value=httpx.Response(200, json={
        "results": [_space("98307", "HR", "People")], "_links": {"base": BASE}}))
    result = await run_action(catalog.action("confluence-list-spaces"), {"cursor": "eyJpZCI6Ijk4MzA2In0="}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{V2}/spaces",
                   {"limit": "25", "sort": "name", "cursor": "eyJpZCI6Ijk4MzA2In0="})
    assert result.ret["spaces"][0]["key"] == "HR" and result.ret["next_cursor"] is None


async def test_list_pages_of_a_space(catalog, respx_mock, sites):
    route = respx_mock.get(f"{V2}/spaces/98306/pages").mock(return_value=httpx.Response(200, json={
        "results": [{k: v for k, v in _page().items() if k != "body"}], "_links": {"base": BASE}}))
    result = await run_action(catalog.action("confluence-list-pages"), {"spaceId": "98306", "depth": "root", "limit": 10}, auth=AUTH)
    assert result.error is None
    assert_request(route.calls.last.request, "GET", f"{V2}/spaces/98306/pages",
                   {"depth": "root", "sort": "-modified-date", "limit": "10"})
    assert result.ret["pages"][0]["title"] == "Release notes"
    assert result.ret["next_cursor"] is None
    assert result.summary == "Listed 1 page of Confluence space 98306"


async def test_list_attachments_of_a_page(catalog, respx_mock, sites):
    route = respx_mock.get(f"{V2}/pages/65538/attachments").mock(return_value=httpx.Response(200, json={
        "results": [_attachment()], "_links": {"base": BASE}}))
    result = await run_action(catalog.action("confluence-list-attachments"), {"pageId": "65538"}, auth=AUTH)
    assert result.error is None
    assert_request(route.calls.last.request, "GET", f"{V2}/pages/65538/attachments", {"limit": "25"})
    assert result.ret["attachments"][0] == {
        "id": "att1048577", "title": "report.pdf", "media_type": "application/pdf", "file_size": 18, "comment": "Q2 figures",
        "version": 1, "created_at": "2024-06-02T09:00:00.000Z",
        "url": f"{BASE}/pages/viewpageattachments.action?pageId=65538&preview=%2F65538%2F1048577%2Freport.pdf"}
    assert result.summary == "Listed 1 attachment of Confluence page 65538"


# Files


async def test_upload_attachment_sends_multipart_with_the_xsrf_header(catalog, respx_mock, sites, tmp_path):
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4 quarterly")
    route = respx_mock.put(f"{WIKI}/rest/api/content/65538/child/attachment").mock(return_value=httpx.Response(200, json={
        "results": [{"id": "att1048577", "type": "attachment", "status": "current", "title": "report.pdf",
                     "version": {"number": 1}, "metadata": {"mediaType": "application/pdf", "comment": "Q2 figures"},
                     "extensions": {"mediaType": "application/pdf", "fileSize": 18, "comment": "Q2 figures"},
                     "_links": {"webui": "/pages/viewpageattachments.action?pageId=65538&preview=%2F65538%2F1048577%2Freport.pdf",
                                "download": "/download/attachments/65538/report.pdf?version=1&modificationDate=1717318800000&api=v2"}}],
        "size": 1, "_links": {"base": BASE, "context": "/wiki"}}))
    result = await run_action(
        catalog.action("confluence-upload-attachment"),
        {"pageId": "65538", "filePath": "/tmp/report.pdf", "comment": "Q2 figures"},
        auth=AUTH,
        tmp_dir=tmp_path,
    )
    assert result.error is None, result.error
    sent = route.calls.last.request
    assert_request(sent, "PUT", f"{WIKI}/rest/api/content/65538/child/attachment")
    assert sent.headers["x-atlassian-token"] == "no-check"
    assert sent.headers["content-type"].startswith("multipart/form-data; boundary=")
    body = sent.content
    assert b'name="file"; filename="report.pdf"' in body
    assert b"Content-Type: application/pdf\r\n\r\n%PDF-1.4 quarterly\r\n" in body
    assert b'name="minorEdit"\r\n\r\ntrue\r\n' in body
    assert b'name="comment"\r\n\r\nQ2 figures\r\n' in body
    assert result.ret == {"id": "att1048577", "title": "report.pdf", "size": 18, "media_type": "application/pdf", "version": 1,
                          "url": f"{BASE}/pages/viewpageattachments.action?pageId=65538&preview=%2F65538%2F1048577%2Freport.pdf"}
    assert result.summary == "Attached report.pdf (18 bytes) to Confluence page 65538"


async def test_upload_attachment_needs_a_file_in_tmp(catalog, respx_mock, sites, tmp_path):
    result = await run_action(catalog.action("confluence-upload-attachment"), {"pageId": "65538", "filePath": "/tmp/none.pdf"},
                              auth=AUTH, tmp_dir=tmp_path)
    assert "/tmp/none.pdf is not a file in /tmp" in result.error


async def test_download_attachment_saves_the_bytes_and_follows_the_redirect_without_credentials(catalog, respx_mock, sites, tmp_path):
    meta = respx_mock.get(f"{V2}/attachments/att1048577").mock(return_value=httpx.Response(200, json=_attachment()))
    media = "https://api.media.atlassian.com/file/c3a7b5e2-1111-4222-8333-944455556666/binary?token=short-lived&name=report.pdf"
    download = respx_mock.get(f"{WIKI}/rest/api/content/65538/child/attachment/att1048577/download").mock(
        return_value=httpx.Response(302, headers={"Location": media}))
    binary = respx_mock.get(media).mock(return_value=httpx.Response(200, content=b"%PDF-1.4 quarterly",
                                                                    headers={"Content-Type": "application/pdf"}))
    result = await run_action(catalog.action("confluence-download-attachment"),
                              {"pageId": "65538", "attachmentId": "1048577"}, auth=AUTH, tmp_dir=tmp_path)
    assert result.error is None, result.error
    assert_request(meta.calls.last.request, "GET", f"{V2}/attachments/att1048577")
    assert_request(download.calls.last.request, "GET", f"{WIKI}/rest/api/content/65538/child/attachment/att1048577/download")
    assert "authorization" not in binary.calls.last.request.headers
    assert (tmp_path / "report.pdf").read_bytes() == b"%PDF-1.4 quarterly"
    assert result.ret == {"filePath": "/tmp/report.pdf", "size": 18, "title": "report.pdf", "media_type": "application/pdf",
                          "attachment_id": "att1048577"}
    assert result.summary == "Downloaded report.pdf (18 bytes) from Confluence page 65538 to /tmp/report.pdf"


# Remote options


async def test_space_options_follow_the_cursor(catalog, respx_mock, sites):
    route = respx_mock.get(f"{V2}/spaces").mock(side_effect=[
        httpx.Response(200, json={"results": [_space()], "_links": {"next": "/wiki/api/v2/spaces?cursor=abc%3D&limit=250"}}),
        httpx.Response(200, json={"results": [_space("98307", "HR", "People")], "_links": {}}),
    ])
    action = catalog.action("confluence-create-page")
    first = await fetch_options(action, "spaceId", {}, auth=AUTH)
    assert first["options"] == [{"label": "Engineering (ENG)", "value": "98306"}]
    assert first["context"] == {"cursor": "abc="}
    second = await fetch_options(action, "spaceId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "People (HR)", "value": "98307"}]
    assert second["context"] is None
    assert_request(route.calls[0].request, "GET", f"{V2}/spaces", {"sort": "name", "limit": "250"})
    assert_request(route.calls[1].request, "GET", f"{V2}/spaces", {"sort": "name", "limit": "250", "cursor": "abc="})


async def test_page_options_list_every_page_without_a_space(catalog, respx_mock, sites):
    route = respx_mock.get(f"{V2}/pages").mock(return_value=httpx.Response(200, json={
        "results": [{k: v for k, v in _page().items() if k != "body"}], "_links": {"base": BASE}}))
    found = await fetch_options(catalog.action("confluence-get-page"), "pageId", {}, auth=AUTH, query="Release notes")
    assert found["options"] == [{"label": "Release notes", "value": "65538"}]
    assert_request(route.calls.last.request, "GET", f"{V2}/pages", {"sort": "title", "title": "Release notes", "limit": "250"})


async def test_attachment_options_need_the_page(catalog, respx_mock, sites):
    response = await fetch_options(catalog.action("confluence-download-attachment"), "attachmentId", {}, auth=AUTH)
    assert "choose the page first" in response["errors"][0]
    respx_mock.get(f"{V2}/pages/65538/attachments").mock(return_value=httpx.Response(200, json={"results": [_attachment()], "_links": {}}))
    listed = await fetch_options(catalog.action("confluence-download-attachment"), "attachmentId", {"pageId": "65538"}, auth=AUTH)
    assert listed["options"] == [{"label": "report.pdf", "value": "att1048577"}]


# Auth and rate limits


async def test_a_401_refreshes_the_token_and_retries(catalog, respx_mock, sites):
    route = respx_mock.get(f"{V2}/pages/65538").mock(side_effect=[
        httpx.Response(401, json={"code": 401, "message": "Unauthorized; scope does not match"}),
        httpx.Response(200, json=_page()),
    ])
    calls = []

    async def refresh():
        calls.append(1)
        return {"Authorization": "Bearer refreshed"}

    result = await run_action(catalog.action("confluence-get-page"), {"pageId": "65538"}, auth=AUTH, on_unauthorized=refresh)
    assert result.error is None, result.error
    assert calls == [1]
    assert route.calls[1].request.headers["authorization"] == "Bearer refreshed"


async def test_a_429_says_when_to_retry(catalog, respx_mock, sites):
    respx_mock.get(f"{V2}/pages/65538").mock(return_value=httpx.Response(429, headers={"Retry-After": "12"}, json={
        "errors": [{"status": 429, "code": "TOO_MANY_REQUESTS", "title": "Too Many Requests", "detail": None}]}))
    result = await run_action(catalog.action("confluence-get-page"), {"pageId": "65538"}, auth=AUTH)
    assert result.ret is None
    assert result.error == "Confluence API error 429 on GET /api/v2/pages/65538: Too Many Requests (rate limited by Confluence; retry after 12 s)"


async def test_several_sites_need_a_choice(catalog, respx_mock):
    respx_mock.get(f"{GATEWAY}/oauth/token/accessible-resources").mock(return_value=httpx.Response(200, json=[
        {"id": CLOUD, "name": "acme", "url": "https://acme.atlassian.net", "scopes": ["read:page:confluence"]},
        {"id": "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d", "name": "globex", "url": "https://globex.atlassian.net",
         "scopes": ["read:page:confluence"]}]))
    result = await run_action(catalog.action("confluence-get-page"), {"pageId": "65538"}, auth=AUTH)
    assert "several Confluence sites" in result.error


# Account test


async def _account(app, creds):
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(creds), base_url=app.base_url_for(creds),
                       allowed_domains=app.allowed_domains_for(creds))
        return await app.test(AccountContext(auth=creds, http=http))


async def test_account_test_reads_the_atlassian_account(catalog, respx_mock):
    route = respx_mock.get(f"{GATEWAY}/me").mock(return_value=httpx.Response(200, json={
        "account_type": "atlassian", "account_id": "112233aa-bb11-cc22-33dd-445566abcabc", "email": "mia@example.com",
        "name": "Mia Krystof", "picture": "https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/112233aa",
        "account_status": "active", "nickname": "mia"}))
    identity = await _account(catalog.apps["confluence"], AUTH)
    assert identity == Identity(name="Mia Krystof", external_id="112233aa-bb11-cc22-33dd-445566abcabc")
    assert route.calls.last.request.headers["authorization"] == f"Bearer {TOKEN}"


async def test_account_test_fails_on_a_bad_token(catalog, respx_mock):
    respx_mock.get(f"{GATEWAY}/me").mock(return_value=httpx.Response(401, json={"code": 401, "message": "Unauthorized"}))
    with pytest.raises(UpstreamError, match="Unauthorized"):
        await _account(catalog.apps["confluence"], AUTH)


def test_authorization_url_asks_for_the_granular_confluence_scopes(catalog):
    from urllib.parse import parse_qs, urlsplit

    from mcp_gateway.connect.oauth import authorization_url
    from mcp_gateway.connect.oauth_apps import OAuthClient

    client = OAuthClient("oa_test", "confluence", None, None, "client-id", "client-secret")
    url = authorization_url(catalog.apps["confluence"], client, redirect_uri="https://gateway.example.com/cb", state="s",
                            code_verifier=None)
    query = parse_qs(urlsplit(url).query)
    assert url.startswith("https://auth.atlassian.com/authorize?")
    assert query["audience"] == ["api.atlassian.com"] and query["prompt"] == ["consent"]
    scopes = query["scope"][0].split(" ")
    assert {"read:page:confluence", "write:page:confluence", "search:confluence", "write:attachment:confluence",
            "offline_access", "read:me"} <= set(scopes)
