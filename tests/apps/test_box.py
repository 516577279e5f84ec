import json

import httpx

from mcp_gateway.catalog import AccountContext, AppHttp, Identity
from mcp_gateway.runtime.engine import fetch_options, run_action
from tests.support import LOCAL_UPSTREAMS

API = "https://api.box.com/2.0"
UPLOAD = "https://upload.box.com/api/2.0"
AUTH = {"oauth_access_token": "box-token-1"}
FIELDS = "id,type,name,size,parent,path_collection,modified_at,created_at,shared_link,description,modified_by"


def assert_box(request, method, url, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == url
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer box-token-1"
    if body is not None:
        assert json.loads(request.content) == body


def _file(file_id="12345", name="Contract.pdf"):
    return {"id": file_id, "type": "file", "etag": "1", "name": name, "size": 629644, "description": "Contract for Q4",
            "parent": {"id": "11446498", "type": "folder", "name": "Contracts"},
            "path_collection": {"total_count": 2, "entries": [{"id": "0", "type": "folder", "name": "All Files"},
                                                              {"id": "11446498", "type": "folder", "name": "Contracts"}]},
            "created_at": "2026-11-20T13:05:00-08:00", "modified_at": "2026-12-01T09:30:00-08:00",
            "modified_by": {"id": "11446498", "type": "user", "name": "Aaron Levie", "login": "ceo@example.com"},
            "shared_link": None}


def _folder(folder_id="11446498", name="Contracts"):
    return {"id": folder_id, "type": "folder", "name": name, "size": 0, "parent": {"id": "0", "type": "folder"},
            "path_collection": {"total_count": 1, "entries": [{"id": "0", "type": "folder", "name": "All Files"}]},
            "modified_at": "2026-12-01T09:30:00-08:00", "shared_link": None}


def _summary(item):
    parts = [p["name"] for p in item["path_collection"]["entries"]]
    return {"id": item["id"], "type": item["type"], "name": item["name"], "size": item["size"],
            "parent_id": item["parent"]["id"], "path": "/".join(parts + [item["name"]]),
            "modified_at": item["modified_at"], "modified_by": (item.get("modified_by") or {}).get("name"), "shared_link": None}


async def test_list_folder_items_follows_markers_up_to_the_limit(catalog, respx_mock):
    route = respx_mock.get(f"{API}/folders/11446498/items").mock(side_effect=[
        httpx.Response(200, json={"entries": [_file()], "limit": 2, "next_marker": "JV9IRGZmieiBasejOG9yDCRNgd2ymoZIbjsxbJMjIs3kioVii"}),
        httpx.Response(200, json={"entries": [_file("12346", "Addendum.pdf")], "limit": 1, "next_marker": "m2"}),
        httpx.Response(200, json={"entries": [_file("12347", "Annex.pdf")], "limit": 2}),
    ])
    action = catalog.action("box-list-folder-items")
    result = await run_action(action, {"folderId": "11446498", "limit": 2}, auth=AUTH)
    assert result.error is None, result.error
    assert_box(route.calls[0].request, "GET", f"{API}/folders/11446498/items",
               params={"fields": FIELDS, "usemarker": "true", "limit": "2"})
    assert dict(route.calls[1].request.url.params)["marker"] == "JV9IRGZmieiBasejOG9yDCRNgd2ymoZIbjsxbJMjIs3kioVii"
    assert dict(route.calls[1].request.url.params)["limit"] == "1"
    assert result.ret == {"items": [_summary(_file()), _summary(_file("12346", "Addendum.pdf"))], "next_cursor": "m:m2"}
    last = await run_action(action, {"folderId": "11446498", "limit": 2, "cursor": "m:m2"}, auth=AUTH)
    assert route.calls[2].request.url.params["marker"] == "m2"
    assert last.ret["next_cursor"] is None and last.ret["items"][0]["name"] == "Annex.pdf"


async def test_a_sorted_listing_pages_by_offset(catalog, respx_mock):
    route = respx_mock.get(f"{API}/folders/0/items").mock(return_value=httpx.Response(200, json={
        "total_count": 3, "entries": [_folder(), _file()], "offset": 0, "limit": 2,
        "order": [{"by": "name", "direction": "ASC"}]}))
    result = await run_action(catalog.action("box-list-folder-items"), {"sort": "name", "direction": "ASC", "limit": 2}, auth=AUTH)
    assert result.error is None, result.error
    assert_box(route.calls.last.request, "GET", f"{API}/folders/0/items",
               params={"fields": FIELDS, "limit": "2", "offset": "0", "sort": "name", "direction": "ASC"})
    assert result.ret["next_cursor"] == "o:2"
    await run_action(catalog.action("box-list-folder-items"), {"sort": "name", "limit": 2, "cursor": "o:2"}, auth=AUTH)
    assert route.calls.last.request.url.params["offset"] == "2"
    bad = await run_action(catalog.action("box-list-folder-items"), {"cursor": "2"}, auth=AUTH)
    assert "is not one this action returned" in bad.error


async def test_search_pages_by_offset(catalog, respx_mock):
    route = respx_mock.get(f"{API}/search").mock(return_value=httpx.Response(200, json={
        "type": "search_results_items", "total_count": 3, "limit": 2, "offset": 0, "entries": [_file(), _folder()]}))
    result = await run_action(catalog.action("box-search"), {
        "query": "contract", "type": "file", "ancestorFolderIds": ["11446498"], "fileExtensions": [".pdf", "docx"], "limit": 2}, auth=AUTH)
    assert result.error is None, result.error
    assert_box(route.calls.last.request, "GET", f"{API}/search", params={
        "query": "contract", "fields": FIELDS, "type": "file", "ancestor_folder_ids": "11446498",
        "file_extensions": "pdf,docx", "limit": "2", "offset": "0"})
    assert result.ret["next_cursor"] == "2" and result.ret["total"] == 3
    assert result.summary == "Found 3 items for 'contract'; listed 2"


async def test_get_file_trims_and_full_response_keeps_everything(catalog, respx_mock):
    file = {**_file(), "extension": "pdf", "sha1": "85136c79cbf9fe36bb9d05d0639c70c265c18d37",
            "file_version": {"id": "12345", "type": "file_version", "sha1": "85136c79cbf9fe36bb9d05d0639c70c265c18d37"},
            "owned_by": {"id": "11446498", "type": "user", "name": "Aaron Levie", "login": "ceo@example.com"},
            "created_by": {"id": "11446498", "type": "user", "name": "Aaron Levie"}, "comment_count": 10}
    route = respx_mock.get(f"{API}/files/12345").mock(return_value=httpx.Response(200, json=file))
    result = await run_action(catalog.action("box-get-file"), {"fileId": "12345"}, auth=AUTH)
    assert_box(route.calls.last.request, "GET", f"{API}/files/12345", params={"fields": (
        "id,type,name,description,size,extension,sha1,file_version,parent,path_collection,created_at,modified_at,"
        "created_by,modified_by,owned_by,shared_link,comment_count")})
    assert result.ret == {"id": "12345", "name": "Contract.pdf", "description": "Contract for Q4", "size": 629644,
                          "extension": "pdf", "sha1": "85136c79cbf9fe36bb9d05d0639c70c265c18d37", "version_id": "12345",
                          "parent_id": "11446498", "folder_path": "All Files/Contracts", "created_at": "2026-11-20T13:05:00-08:00",
                          "modified_at": "2026-12-01T09:30:00-08:00", "created_by": "Aaron Levie", "modified_by": "Aaron Levie",
                          "owned_by": "ceo@example.com", "shared_link": None, "comment_count": 10}
    whole = await run_action(catalog.action("box-get-file"), {"fileId": "12345", "fullResponse": True}, auth=AUTH)
    assert whole.ret == file


async def test_a_file_id_must_be_a_number(catalog, respx_mock):
    result = await run_action(catalog.action("box-get-file"), {"fileId": "Contract.pdf"}, auth=AUTH)
    assert "is not a Box file ID" in result.error
    assert not respx_mock.calls


async def test_download_follows_the_redirect_into_tmp(catalog, respx_mock, tmp_path):
    respx_mock.get(f"{API}/files/12345").mock(return_value=httpx.Response(200, json={"id": "12345", "type": "file", "name": "Contract.pdf", "size": 9}))
    content = respx_mock.get(f"{API}/files/12345/content").mock(
        return_value=httpx.Response(302, headers={"Location": "https://dl.boxcloud.com/d/1/abc/download"}))
    cloud = respx_mock.get("https://dl.boxcloud.com/d/1/abc/download").mock(return_value=httpx.Response(200, content=b"%PDF-1.7"))
    result = await run_action(catalog.action("box-download-file"), {"fileId": "12345"}, auth=AUTH, tmp_dir=tmp_path)
    assert result.error is None, result.error
    assert content.calls.last.request.headers["authorization"] == "Bearer box-token-1"
    assert "authorization" not in cloud.calls.last.request.headers
    assert result.ret == {"filePath": "/tmp/Contract.pdf", "name": "Contract.pdf", "size": 8, "fileId": "12345"}
    assert (tmp_path / "Contract.pdf").read_bytes() == b"%PDF-1.7"


async def test_upload_sends_attributes_then_the_file(catalog, respx_mock, tmp_path):
    (tmp_path / "notes.txt").write_bytes(b"meeting notes")
    route = respx_mock.post(f"{UPLOAD}/files/content").mock(return_value=httpx.Response(201, json={
        "total_count": 1, "entries": [_file("12399", "Q4 notes.txt")]}))
    result = await run_action(catalog.action("box-upload-file"),
                              {"filePath": "/tmp/notes.txt", "folderId": "11446498", "name": "Q4 notes.txt"}, auth=AUTH, tmp_dir=tmp_path)
    assert result.error is None, result.error
    request = route.calls.last.request
    assert_box(request, "POST", f"{UPLOAD}/files/content", params={"fields": FIELDS})
    body = request.content.decode()
    assert body.index('name="attributes"') < body.index('name="file"; filename="Q4 notes.txt"')
    assert '{"name": "Q4 notes.txt", "parent": {"id": "11446498"}}' in body and "meeting notes" in body
    assert result.ret["id"] == "12399" and result.summary == "Uploaded Q4 notes.txt (13 bytes)"


async def test_a_name_in_use_says_to_pick_another(catalog, respx_mock, tmp_path):
    (tmp_path / "notes.txt").write_bytes(b"x")
    respx_mock.post(f"{UPLOAD}/files/content").mock(return_value=httpx.Response(409, json={
        "type": "error", "status": 409, "code": "item_name_in_use", "message": "Item with the same name already exists",
        "request_id": "abcdef123456"}))
    result = await run_action(catalog.action("box-upload-file"), {"filePath": "/tmp/notes.txt"}, auth=AUTH, tmp_dir=tmp_path)
    assert "Item with the same name already exists [item_name_in_use]" in result.error
    assert "pick another name" in result.error


async def test_create_folder_and_its_parent_options(catalog, respx_mock):
    route = respx_mock.post(f"{API}/folders").mock(return_value=httpx.Response(201, json=_folder("22446500", "Invoices 2026")))
    result = await run_action(catalog.action("box-create-folder"), {"name": "Invoices 2026", "folderId": "0"}, auth=AUTH)
    assert_box(route.calls.last.request, "POST", f"{API}/folders", params={"fields": FIELDS},
               body={"name": "Invoices 2026", "parent": {"id": "0"}})
    assert result.ret["id"] == "22446500" and result.summary == "Created the folder Invoices 2026"

    listed = respx_mock.get(f"{API}/folders/0/items").mock(side_effect=[
        httpx.Response(200, json={"entries": [_folder(), _file()], "limit": 1000, "next_marker": "m1"}),
        httpx.Response(200, json={"entries": [_folder("3", "Designs")], "limit": 1000}),
    ])
    action = catalog.action("box-create-folder")
    first = await fetch_options(action, "folderId", {}, auth=AUTH)
    assert first["options"] == [{"label": "(All Files)", "value": "0"}, {"label": "Contracts", "value": "11446498"}]
    assert first["context"] == {"marker": "m1"}
    assert dict(listed.calls[0].request.url.params) == {"fields": "id,type,name", "usemarker": "true", "limit": "1000"}
    second = await fetch_options(action, "folderId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Designs", "value": "3"}] and second["context"] is None
    assert listed.calls[1].request.url.params["marker"] == "m1"


async def test_create_shared_link_on_a_folder(catalog, respx_mock):
    link = {"url": "https://app.box.com/s/jzhfzzvd8hgpzv4t", "download_url": None, "access": "company",
            "effective_access": "company", "unshared_at": "2026-12-31T23:59:59-08:00", "is_password_enabled": False,
            "permissions": {"can_download": False, "can_preview": True}}
    route = respx_mock.put(f"{API}/folders/11446498").mock(return_value=httpx.Response(200, json={
        "id": "11446498", "type": "folder", "etag": "1", "shared_link": link}))
    result = await run_action(catalog.action("box-create-shared-link"), {
        "itemType": "folder", "itemId": "11446498", "access": "company", "canDownload": False,
        "unsharedAt": "2026-12-31T23:59:59-08:00"}, auth=AUTH)
    assert_box(route.calls.last.request, "PUT", f"{API}/folders/11446498", params={"fields": "shared_link"}, body={
        "shared_link": {"access": "company", "permissions": {"can_download": False}, "unshared_at": "2026-12-31T23:59:59-08:00"}})
    assert result.ret == {"id": "11446498", "type": "folder", "url": "https://app.box.com/s/jzhfzzvd8hgpzv4t",
                          "download_url": None, "access": "company", "unshared_at": "2026-12-31T23:59:59-08:00",
                          "is_password_enabled": False}


async def test_add_comment_to_a_file_or_as_a_reply(catalog, respx_mock):
    comment = {"id": "11446498", "type": "comment", "message": "Looks good", "created_at": "2026-12-02T10:00:00-08:00",
               "created_by": {"id": "33", "type": "user", "name": "Aaron Levie"}, "item": {"id": "12345", "type": "file"}}
    route = respx_mock.post(f"{API}/comments").mock(return_value=httpx.Response(201, json=comment))
    action = catalog.action("box-add-comment")
    result = await run_action(action, {"fileId": "12345", "message": "Looks good"}, auth=AUTH)
    assert_box(route.calls.last.request, "POST", f"{API}/comments", params={"fields": "id,message,created_by,created_at,item"},
               body={"message": "Looks good", "item": {"type": "file", "id": "12345"}})
    assert result.ret["created_by"] == "Aaron Levie"
    await run_action(action, {"fileId": "12345", "message": "Agreed", "replyToCommentId": "11446498"}, auth=AUTH)
    assert json.loads(route.calls.last.request.content)["item"] == {"type": "comment", "id": "11446498"}


async def test_a_rate_limit_gives_the_retry_time(catalog, respx_mock):
    respx_mock.get(f"{API}/files/12345").mock(return_value=httpx.Response(429, headers={"Retry-After": "7"}, json={
        "type": "error", "status": 429, "code": "rate_limit_exceeded", "message": "Request rate limit exceeded"}))
    result = await run_action(catalog.action("box-get-file"), {"fileId": "12345"}, auth=AUTH)
    assert "rate limited by Box; retry after 7 s" in result.error


async def _account_identity(catalog, slug):
    app = catalog.apps[slug]
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(AUTH), base_url=app.base_url_for(AUTH),
                       allowed_domains=app.allowed_domains_for(AUTH))
        return await app.test(AccountContext(auth=AUTH, http=http, egress=LOCAL_UPSTREAMS))


async def test_the_account_is_the_signed_in_user(catalog, respx_mock):
    route = respx_mock.get(f"{API}/users/me").mock(return_value=httpx.Response(200, json={
        "id": "11446498", "type": "user", "name": "Aaron Levie", "login": "ceo@example.com"}))
    identity = await _account_identity(catalog, "box")
    assert_box(route.calls.last.request, "GET", f"{API}/users/me", params={"fields": "id,name,login"})
    assert identity == Identity(name="ceo@example.com", external_id="11446498")
