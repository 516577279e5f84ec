import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

GRAPH = "https://graph.microsoft.com/v1.0"
AUTH = {"oauth_access_token": "eyJ0eXAiOiJKV1Qi.graph"}
ITEM = "01BYE5RZ6QN3ZWBTUFOFD3GSPGOHDJD36K"
FOLDER = "01BYE5RZ4ZIS2SGLIUNVHJQ7RX2ZPK2AN4"
FIELDS = "id,name,size,file,folder,parentReference,webUrl,createdDateTime,lastModifiedDateTime,lastModifiedBy"

# Microsoft's Graph reference documents these forms; the description lacks them.
VENDOR_EXEMPT = {
    ("PUT", "/me/drive/items/{folder}:/{name}:/content"): "reference: Upload small files, by parent and file name",
    ("PUT", "/me/drive/root:/{name}:/content"): "reference: Upload small files, by parent and file name",
    ("POST", "/drives/{drive-id}/items/{driveItem-id}/children", "@microsoft.graph.conflictBehavior"):
        "an instance annotation (reference: Create folder)",
}


def _item(item_id=ITEM, name="Budget.xlsx", folder=False):
    item = {"id": item_id, "name": name, "size": 35212, "webUrl": f"https://onedrive.live.com/?id={item_id}",
            "createdDateTime": "2026-11-01T10:00:00Z", "lastModifiedDateTime": "2026-12-01T09:30:00Z",
            "lastModifiedBy": {"user": {"displayName": "Ada Lovelace", "id": "efee1b77"}},
            "parentReference": {"driveId": "b!-RIj2DuyvEyV1T4NlOaMHk8XkS_I8MdFlUCq1BlcjgmhRfAj3-Z8RY2VpuvV_tpd",
                                "driveType": "personal", "id": FOLDER, "path": "/drive/root:/Finance"},
            "eTag": "\"{ABC},1\"", "cTag": "\"c:{ABC},1\""}
    if folder:
        item["folder"] = {"childCount": 4}
    else:
        item["file"] = {"mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        "hashes": {"quickXorHash": "abc="}}
    return item


def _summary(item):
    return {"id": item["id"], "name": item["name"], "kind": "folder" if "folder" in item else "file", "size": item["size"],
            "mime_type": (item.get("file") or {}).get("mimeType"), "child_count": (item.get("folder") or {}).get("childCount"),
            "parent_id": FOLDER, "path": "/drive/root:/Finance", "web_url": item["webUrl"], "modified": "2026-12-01T09:30:00Z",
            "modified_by": "Ada Lovelace"}


def assert_graph(request, method, url, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == url
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer eyJ0eXAiOiJKV1Qi.graph"
    if body is not None:
        assert json.loads(request.content) == body


async def test_list_files_of_the_top_folder_pages_with_the_next_link(catalog, respx_mock):
    next_link = f"{GRAPH}/me/drive/root/children?$skiptoken=X2Rh&$top=2"
    route = respx_mock.get(f"{GRAPH}/me/drive/root/children").mock(side_effect=[
        httpx.Response(200, json={"value": [_item(FOLDER, "Finance", folder=True), _item()], "@odata.nextLink": next_link}),
        httpx.Response(200, json={"value": [_item("01BYE5RZ3", "Notes.docx")]}),
    ])
    action = catalog.action("microsoft_onedrive-list-files")
    first = await run_action(action, {"limit": 2}, auth=AUTH)
    assert first.error is None, first.error
    assert_graph(route.calls[0].request, "GET", f"{GRAPH}/me/drive/root/children", params={"$select": FIELDS, "$top": "2"})
    assert first.ret["items"] == [_summary(_item(FOLDER, "Finance", folder=True)), _summary(_item())]
    assert first.ret["next_cursor"] == next_link
    second = await run_action(action, {"cursor": next_link}, auth=AUTH)
    assert str(route.calls[1].request.url) == next_link
    assert second.ret["next_cursor"] is None and second.ret["items"][0]["name"] == "Notes.docx"


async def test_a_cursor_that_is_not_a_graph_link_is_refused(catalog, respx_mock):
    result = await run_action(catalog.action("microsoft_onedrive-list-files"), {"cursor": "https://evil.example/x"}, auth=AUTH)
    assert result.error == "cursor must be the `next_cursor` of an earlier call, unchanged"
    assert not respx_mock.calls


async def test_search_files_quotes_the_words(catalog, respx_mock):
    route = respx_mock.get(f"{GRAPH}/me/drive/root/search(q='Ada''s budget')").mock(
        return_value=httpx.Response(200, json={"value": [_item()]}))
    result = await run_action(catalog.action("microsoft_onedrive-search-files"), {"query": "Ada's budget"}, auth=AUTH)
    assert result.error is None, result.error
    assert route.calls.last.request.url.params["$top"] == "25"
    assert result.ret == {"items": [_summary(_item())], "next_cursor": None}


async def test_get_file_trims_and_full_response_keeps_everything(catalog, respx_mock):
    route = respx_mock.get(f"{GRAPH}/me/drive/items/{ITEM}").mock(return_value=httpx.Response(200, json=_item()))
    result = await run_action(catalog.action("microsoft_onedrive-get-file"), {"itemId": ITEM}, auth=AUTH)
    assert_graph(route.calls.last.request, "GET", f"{GRAPH}/me/drive/items/{ITEM}")
    assert result.ret == _summary(_item())
    whole = await run_action(catalog.action("microsoft_onedrive-get-file"), {"itemId": ITEM, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _item()


async def test_create_folder_renames_on_a_clash(catalog, respx_mock):
    route = respx_mock.post(f"{GRAPH}/me/drive/items/{FOLDER}/children").mock(
        return_value=httpx.Response(201, json=_item("01NEW", "Invoices 2026", folder=True)))
    result = await run_action(catalog.action("microsoft_onedrive-create-folder"), {"name": "Invoices 2026", "folderId": FOLDER}, auth=AUTH)
    assert_graph(route.calls.last.request, "POST", f"{GRAPH}/me/drive/items/{FOLDER}/children",
                 body={"name": "Invoices 2026", "folder": {}, "@microsoft.graph.conflictBehavior": "rename"})
    assert result.ret["kind"] == "folder"


async def test_upload_and_download_through_tmp(catalog, respx_mock, tmp_path):
    source = tmp_path / "report.txt"
    source.write_bytes(b"quarterly numbers")
    uploaded = respx_mock.put(f"{GRAPH}/me/drive/items/{FOLDER}:/Q3%20report.txt:/content").mock(
        return_value=httpx.Response(201, json=_item("01UP", "Q3 report.txt")))
    result = await run_action(catalog.action("microsoft_onedrive-upload-file"),
                              {"filePath": "/tmp/report.txt", "folderId": FOLDER, "name": "Q3 report.txt"}, auth=AUTH, tmp_dir=tmp_path)
    assert result.error is None, result.error
    assert uploaded.calls.last.request.content == b"quarterly numbers"
    assert uploaded.calls.last.request.headers["content-type"] == "application/octet-stream"
    assert result.ret["id"] == "01UP"

    respx_mock.get(f"{GRAPH}/me/drive/items/{ITEM}").mock(return_value=httpx.Response(200, json=_item()))
    respx_mock.get(f"{GRAPH}/me/drive/items/{ITEM}/content").mock(
        return_value=httpx.Response(302, headers={"Location": "https://public.dm.files.1drv.com/y4m/budget"}))
    respx_mock.get("https://public.dm.files.1drv.com/y4m/budget").mock(return_value=httpx.Response(200, content=b"PK\x03\x04xlsx"))
    result = await run_action(catalog.action("microsoft_onedrive-download-file"), {"itemId": ITEM}, auth=AUTH, tmp_dir=tmp_path)
    assert result.error is None, result.error
    assert result.ret["filePath"] == "/tmp/Budget.xlsx" and result.ret["size"] == 8
    assert (tmp_path / "Budget.xlsx").read_bytes() == b"PK\x03\x04xlsx"


async def test_upload_refuses_a_missing_file(catalog, respx_mock, tmp_path):
    result = await run_action(catalog.action("microsoft_onedrive-upload-file"), {"filePath": "/tmp/nope.txt"}, auth=AUTH, tmp_dir=tmp_path)
    assert "is not a file in /tmp" in result.error
    assert not respx_mock.calls


async def test_move_copy_delete_and_share(catalog, respx_mock):
    respx_mock.get(f"{GRAPH}/me/drive/items/{FOLDER}").mock(return_value=httpx.Response(200, json=_item(FOLDER, "Finance", folder=True)))
    moved = respx_mock.patch(f"{GRAPH}/me/drive/items/{ITEM}").mock(return_value=httpx.Response(200, json=_item(name="Budget 2026.xlsx")))
    result = await run_action(catalog.action("microsoft_onedrive-move-item"),
                              {"itemId": ITEM, "destinationFolderId": FOLDER, "newName": "Budget 2026.xlsx"}, auth=AUTH)
    assert_graph(moved.calls.last.request, "PATCH", f"{GRAPH}/me/drive/items/{ITEM}",
                 body={"name": "Budget 2026.xlsx", "parentReference": {"id": FOLDER}})
    assert result.ret["name"] == "Budget 2026.xlsx"

    copied = respx_mock.post(f"{GRAPH}/me/drive/items/{ITEM}/copy").mock(return_value=httpx.Response(
        202, headers={"Location": "https://api.onedrive.com/v1.0/monitor/4A3407B5-88FC-4504-8B21-0AABD3412717"}))
    result = await run_action(catalog.action("microsoft_onedrive-copy-item"),
                              {"itemId": ITEM, "destinationFolderId": FOLDER, "newName": "Copy.xlsx"}, auth=AUTH)
    assert json.loads(copied.calls.last.request.content) == {"parentReference": {
        "driveId": "b!-RIj2DuyvEyV1T4NlOaMHk8XkS_I8MdFlUCq1BlcjgmhRfAj3-Z8RY2VpuvV_tpd", "id": FOLDER}, "name": "Copy.xlsx"}
    assert result.ret["status"] == "copying" and result.ret["monitor_url"].endswith("0AABD3412717")

    deleted = respx_mock.delete(f"{GRAPH}/me/drive/items/{ITEM}").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("microsoft_onedrive-delete-item"), {"itemId": ITEM}, auth=AUTH)
    assert deleted.called and result.ret == {"id": ITEM, "deleted": True}

    shared = respx_mock.post(f"{GRAPH}/me/drive/items/{ITEM}/createLink").mock(return_value=httpx.Response(201, json={
        "id": "123ABC", "roles": ["write"], "link": {"type": "edit", "scope": "organization",
                                                    "webUrl": "https://1drv.ms/A6913278E564460AA616C71B28AD6EB6"}}))
    result = await run_action(catalog.action("microsoft_onedrive-create-sharing-link"),
                              {"itemId": ITEM, "type": "edit", "scope": "organization"}, auth=AUTH)
    assert json.loads(shared.calls.last.request.content) == {"type": "edit", "scope": "organization"}
    assert result.ret == {"url": "https://1drv.ms/A6913278E564460AA616C71B28AD6EB6", "type": "edit", "scope": "organization",
                          "permission_id": "123ABC"}


async def test_move_needs_a_destination_or_a_name(catalog, respx_mock):
    result = await run_action(catalog.action("microsoft_onedrive-move-item"), {"itemId": ITEM}, auth=AUTH)
    assert result.error == "give a destinationFolderId, a newName, or both"


async def test_folder_options_list_the_top_folders(catalog, respx_mock):
    route = respx_mock.get(f"{GRAPH}/me/drive/root/children").mock(return_value=httpx.Response(200, json={"value": [
        _item(FOLDER, "Finance", folder=True), _item()]}))
    options = await fetch_options(catalog.action("microsoft_onedrive-list-files"), "folderId", {}, auth=AUTH)
    assert options["options"] == [{"label": "(top of OneDrive)", "value": "root"}, {"label": "Finance", "value": FOLDER}]
    assert dict(route.calls.last.request.url.params) == {"$select": "id,name,folder", "$top": "200"}


async def test_a_missing_item_says_how_to_find_it(catalog, respx_mock):
    respx_mock.get(f"{GRAPH}/me/drive/items/{ITEM}").mock(return_value=httpx.Response(404, json={"error": {
        "code": "itemNotFound", "message": "The resource could not be found."}}))
    result = await run_action(catalog.action("microsoft_onedrive-get-file"), {"itemId": ITEM}, auth=AUTH)
    assert "find it with microsoft_onedrive-search-files" in result.error
