import json

import httpx

from mcp_gateway.catalog import AccountContext, AppHttp, Identity
from mcp_gateway.runtime.engine import fetch_options, run_action
from tests.support import LOCAL_UPSTREAMS

GRAPH = "https://graph.microsoft.com/v1.0"
AUTH = {"oauth_access_token": "eyJ0eXAiOiJKV1Qi.sharepoint"}
SITE = "contoso.sharepoint.com,2C712604-1370-44E7-A1F5-426573FDA80A,2D2244C3-251A-49EA-93A8-39E1C3A060FE"
LIST = "22e03ef3-6ef4-424d-a1d3-92a337807c30"
DRIVE = "b!-RIj2DuyvEyV1T4NlOaMHk8XkS_I8MdFlUCq1BlcjgmhRfAj3-Z8RY2VpuvV_tpd"
ITEM = "01BYE5RZ6QN3ZWBTUFOFD3GSPGOHDJD36K"
FIELDS = "id,name,size,file,folder,parentReference,webUrl,createdDateTime,lastModifiedDateTime,lastModifiedBy"

# Microsoft's Graph reference documents these; the description lacks them.
VENDOR_EXEMPT = {
    ("GET", "/sites", "search"): "reference: Search for sites (`GET /sites?search={query}`)",
    ("GET", "/sites/{hostname}:/sites/{name}:"): "reference: Get a site resource by server-relative URL",
    ("PATCH", "/sites/{site-id}/lists/{list-id}/items/{listItem-id}/fields", "Status"):
        "a column of the list: a fieldValueSet holds the list's own columns (reference: Update listItem)",
}


def assert_graph(request, method, url, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == url
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer eyJ0eXAiOiJKV1Qi.sharepoint"
    if body is not None:
        assert json.loads(request.content) == body


def _site(name="Marketing"):
    return {"id": SITE, "name": name.lower(), "displayName": name, "description": "Campaigns and brand",
            "webUrl": f"https://contoso.sharepoint.com/sites/{name.lower()}", "createdDateTime": "2026-01-10T10:00:00Z",
            "lastModifiedDateTime": "2026-12-01T09:30:00Z", "siteCollection": {"hostname": "contoso.sharepoint.com"}}


def _site_summary(name="Marketing"):
    return {"id": SITE, "name": name.lower(), "display_name": name, "description": "Campaigns and brand",
            "web_url": f"https://contoso.sharepoint.com/sites/{name.lower()}", "created": "2026-01-10T10:00:00Z",
            "modified": "2026-12-01T09:30:00Z"}


def _list_item(item_id="12", title="Order laptops", status="In progress"):
    return {"id": item_id, "webUrl": f"https://contoso.sharepoint.com/sites/marketing/Lists/Tasks/{item_id}_.000",
            "createdDateTime": "2026-11-20T10:00:00Z", "lastModifiedDateTime": "2026-12-01T09:30:00Z",
            "lastModifiedBy": {"user": {"displayName": "Ada Lovelace", "id": "efee1b77"}},
            "fields": {"@odata.etag": "\"1\"", "Title": title, "Status": status, "_UIVersionString": "1.0", "id": item_id}}


async def test_search_sites_and_follow_the_next_link(catalog, respx_mock):
    next_link = f"{GRAPH}/sites?search=marketing&$skiptoken=X2Rh"
    route = respx_mock.get(f"{GRAPH}/sites").mock(side_effect=[
        httpx.Response(200, json={"value": [_site()], "@odata.nextLink": next_link}),
        httpx.Response(200, json={"value": [_site("Brand")]}),
    ])
    action = catalog.action("sharepoint-search-sites")
    first = await run_action(action, {"query": "marketing", "limit": 1}, auth=AUTH)
    assert first.error is None, first.error
    assert_graph(route.calls[0].request, "GET", f"{GRAPH}/sites", params={"search": "marketing"})
    assert first.ret == {"sites": [_site_summary()], "next_cursor": next_link}
    second = await run_action(action, {"query": "marketing", "cursor": next_link}, auth=AUTH)
    assert str(route.calls[1].request.url) == next_link
    assert second.ret["next_cursor"] is None and second.ret["sites"][0]["display_name"] == "Brand"


async def test_get_site_by_id_or_url_and_full_response(catalog, respx_mock):
    by_id = respx_mock.get(f"{GRAPH}/sites/{SITE}").mock(return_value=httpx.Response(200, json=_site()))
    action = catalog.action("sharepoint-get-site")
    result = await run_action(action, {"siteId": SITE}, auth=AUTH)
    assert result.error is None, result.error
    assert_graph(by_id.calls.last.request, "GET", f"{GRAPH}/sites/{SITE}")
    assert result.ret == _site_summary()
    whole = await run_action(action, {"siteId": SITE, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _site()

    by_url = respx_mock.get(f"{GRAPH}/sites/contoso.sharepoint.com:/sites/marketing:").mock(return_value=httpx.Response(200, json=_site()))
    await run_action(action, {"siteId": "https://contoso.sharepoint.com/sites/marketing/"}, auth=AUTH)
    assert by_url.called


async def test_list_lists_and_the_list_options(catalog, respx_mock):
    lists = {"value": [{"id": LIST, "name": "Tasks", "displayName": "Tasks", "description": "Team tasks",
                        "webUrl": "https://contoso.sharepoint.com/sites/marketing/Lists/Tasks",
                        "list": {"template": "genericList", "hidden": False, "contentTypesEnabled": False},
                        "createdDateTime": "2026-01-10T10:00:00Z", "lastModifiedDateTime": "2026-12-01T09:30:00Z"}]}
    route = respx_mock.get(f"{GRAPH}/sites/{SITE}/lists").mock(return_value=httpx.Response(200, json=lists))
    result = await run_action(catalog.action("sharepoint-list-lists"), {"siteId": SITE, "limit": 10}, auth=AUTH)
    assert_graph(route.calls.last.request, "GET", f"{GRAPH}/sites/{SITE}/lists", params={
        "$select": "id,name,displayName,description,webUrl,list,createdDateTime,lastModifiedDateTime", "$top": "10"})
    assert result.ret == {"lists": [{"id": LIST, "name": "Tasks", "display_name": "Tasks", "description": "Team tasks",
                                     "template": "genericList", "hidden": False,
                                     "web_url": "https://contoso.sharepoint.com/sites/marketing/Lists/Tasks",
                                     "modified": "2026-12-01T09:30:00Z"}], "next_cursor": None}

    options = await fetch_options(catalog.action("sharepoint-list-items"), "listId", {"siteId": SITE}, auth=AUTH)
    assert options["options"] == [{"label": "Tasks", "value": LIST}]
    assert dict(route.calls.last.request.url.params) == {"$select": "id,displayName", "$top": "200"}
    refused = await fetch_options(catalog.action("sharepoint-list-items"), "listId", {}, auth=AUTH)
    assert "choose the site (siteId) first" in str(refused)


async def test_site_options_list_reachable_sites(catalog, respx_mock):
    route = respx_mock.get(f"{GRAPH}/sites").mock(return_value=httpx.Response(200, json={"value": [_site()]}))
    options = await fetch_options(catalog.action("sharepoint-get-site"), "siteId", {}, auth=AUTH)
    assert options["options"] == [{"label": "Marketing", "value": SITE}]
    assert dict(route.calls.last.request.url.params) == {"search": "*"}


async def test_list_items_expands_fields_and_filters(catalog, respx_mock):
    route = respx_mock.get(f"{GRAPH}/sites/{SITE}/lists/{LIST}/items").mock(return_value=httpx.Response(200, json={
        "value": [_list_item()], "@odata.nextLink": f"{GRAPH}/sites/{SITE}/lists/{LIST}/items?$skiptoken=UGFnZWQ9VFJVRSZwX0lEPTEy"}))
    result = await run_action(catalog.action("sharepoint-list-items"),
                              {"siteId": SITE, "listId": LIST, "filter": "fields/Status eq 'In progress'", "limit": 1}, auth=AUTH)
    assert result.error is None, result.error
    request = route.calls.last.request
    assert_graph(request, "GET", f"{GRAPH}/sites/{SITE}/lists/{LIST}/items",
                 params={"$expand": "fields", "$top": "1", "$filter": "fields/Status eq 'In progress'"})
    assert request.headers["prefer"] == "HonorNonIndexedQueriesWarningMayFailRandomly"
    assert result.ret["items"] == [{"id": "12", "fields": {"Title": "Order laptops", "Status": "In progress", "id": "12"},
                                    "web_url": "https://contoso.sharepoint.com/sites/marketing/Lists/Tasks/12_.000",
                                    "created": "2026-11-20T10:00:00Z", "modified": "2026-12-01T09:30:00Z",
                                    "modified_by": "Ada Lovelace"}]
    assert result.ret["next_cursor"].endswith("$skiptoken=UGFnZWQ9VFJVRSZwX0lEPTEy")


async def test_create_and_update_list_items(catalog, respx_mock):
    created = respx_mock.post(f"{GRAPH}/sites/{SITE}/lists/{LIST}/items").mock(
        return_value=httpx.Response(201, json=_list_item("13", "Book venue", "Not started")))
    result = await run_action(catalog.action("sharepoint-create-list-item"),
                              {"siteId": SITE, "listId": LIST, "fields": {"Title": "Book venue", "Status": "Not started"}}, auth=AUTH)
    assert result.error is None, result.error
    assert_graph(created.calls.last.request, "POST", f"{GRAPH}/sites/{SITE}/lists/{LIST}/items",
                 body={"fields": {"Title": "Book venue", "Status": "Not started"}})
    assert result.ret["id"] == "13" and result.summary == "Added item 13 to the list"

    updated = respx_mock.patch(f"{GRAPH}/sites/{SITE}/lists/{LIST}/items/13/fields").mock(return_value=httpx.Response(200, json={
        "@odata.etag": "\"2\"", "Title": "Book venue", "Status": "Done", "id": "13"}))
    result = await run_action(catalog.action("sharepoint-update-list-item"),
                              {"siteId": SITE, "listId": LIST, "itemId": "13", "fields": {"Status": "Done"}}, auth=AUTH)
    assert_graph(updated.calls.last.request, "PATCH", f"{GRAPH}/sites/{SITE}/lists/{LIST}/items/13/fields", body={"Status": "Done"})
    assert result.ret == {"Title": "Book venue", "Status": "Done", "id": "13"}

    empty = await run_action(catalog.action("sharepoint-update-list-item"),
                             {"siteId": SITE, "listId": LIST, "itemId": "13", "fields": {}}, auth=AUTH)
    assert empty.error == "give the columns to change in fields, e.g. {\"Status\": \"Done\"}"


def _drive_item(item_id=ITEM, name="Brief.docx", folder=False):
    item = {"id": item_id, "name": name, "size": 35212, "webUrl": f"https://contoso.sharepoint.com/sites/marketing/Shared%20Documents/{name}",
            "createdDateTime": "2026-11-01T10:00:00Z", "lastModifiedDateTime": "2026-12-01T09:30:00Z",
            "lastModifiedBy": {"user": {"displayName": "Ada Lovelace"}},
            "parentReference": {"driveId": DRIVE, "driveType": "documentLibrary", "id": "01BYE5RZ56Y2GOVW7725BZO354PWSELRRZ"}}
    item["folder" if folder else "file"] = {"childCount": 3} if folder else {"mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
    return item


async def test_list_drive_items_of_the_default_library(catalog, respx_mock):
    drive = respx_mock.get(f"{GRAPH}/sites/{SITE}/drive").mock(return_value=httpx.Response(200, json={"id": DRIVE}))
    children = respx_mock.get(f"{GRAPH}/drives/{DRIVE}/items/root/children").mock(return_value=httpx.Response(200, json={
        "value": [_drive_item("01FOLDER", "Campaigns", folder=True), _drive_item()]}))
    result = await run_action(catalog.action("sharepoint-list-drive-items"), {"siteId": SITE}, auth=AUTH)
    assert result.error is None, result.error
    assert_graph(drive.calls.last.request, "GET", f"{GRAPH}/sites/{SITE}/drive", params={"$select": "id"})
    assert_graph(children.calls.last.request, "GET", f"{GRAPH}/drives/{DRIVE}/items/root/children", params={"$select": FIELDS, "$top": "25"})
    assert result.ret["items"][0] == {"id": "01FOLDER", "name": "Campaigns", "kind": "folder", "size": 35212, "mime_type": None,
                                      "child_count": 3, "parent_id": "01BYE5RZ56Y2GOVW7725BZO354PWSELRRZ",
                                      "web_url": "https://contoso.sharepoint.com/sites/marketing/Shared%20Documents/Campaigns",
                                      "modified": "2026-12-01T09:30:00Z", "modified_by": "Ada Lovelace"}

    libraries = respx_mock.get(f"{GRAPH}/sites/{SITE}/drives").mock(return_value=httpx.Response(200, json={
        "value": [{"id": DRIVE, "name": "Documents"}]}))
    options = await fetch_options(catalog.action("sharepoint-list-drive-items"), "driveId", {"siteId": SITE}, auth=AUTH)
    assert options["options"] == [{"label": "Documents", "value": DRIVE}]
    assert dict(libraries.calls.last.request.url.params) == {"$select": "id,name"}


async def test_download_file_from_a_library_into_tmp(catalog, respx_mock, tmp_path):
    respx_mock.get(f"{GRAPH}/drives/{DRIVE}/items/{ITEM}").mock(return_value=httpx.Response(200, json=_drive_item()))
    respx_mock.get(f"{GRAPH}/drives/{DRIVE}/items/{ITEM}/content").mock(
        return_value=httpx.Response(302, headers={"Location": "https://contoso.sharepoint.com/_layouts/15/download.aspx?UniqueId=abc"}))
    respx_mock.get("https://contoso.sharepoint.com/_layouts/15/download.aspx?UniqueId=abc").mock(
        return_value=httpx.Response(200, content=b"PK\x03\x04docx"))
    result = await run_action(catalog.action("sharepoint-download-file"),
                              {"siteId": SITE, "driveId": DRIVE, "itemId": ITEM}, auth=AUTH, tmp_dir=tmp_path)
    assert result.error is None, result.error
    assert result.ret["filePath"] == "/tmp/Brief.docx" and result.ret["size"] == 8
    assert (tmp_path / "Brief.docx").read_bytes() == b"PK\x03\x04docx"


async def test_throttling_gives_the_retry_time(catalog, respx_mock):
    respx_mock.get(f"{GRAPH}/sites/{SITE}").mock(return_value=httpx.Response(429, headers={"Retry-After": "9"}, json={
        "error": {"code": "tooManyRequests", "message": "Too many requests"}}))
    result = await run_action(catalog.action("sharepoint-get-site"), {"siteId": SITE}, auth=AUTH)
    assert "throttled by Microsoft Graph; retry after 9 s" in result.error


async def _account_identity(catalog, slug):
    app = catalog.apps[slug]
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(AUTH), base_url=app.base_url_for(AUTH),
                       allowed_domains=app.allowed_domains_for(AUTH))
        return await app.test(AccountContext(auth=AUTH, http=http, egress=LOCAL_UPSTREAMS))


async def test_the_account_is_the_signed_in_user(catalog, respx_mock):
    route = respx_mock.get(f"{GRAPH}/me").mock(return_value=httpx.Response(200, json={
        "id": "efee1b77-fb3b-4f65-99d6-274c11914d12", "displayName": "Ada Lovelace", "userPrincipalName": "ada@contoso.com",
        "mail": "ada@contoso.com"}))
    identity = await _account_identity(catalog, "sharepoint")
    assert_graph(route.calls.last.request, "GET", f"{GRAPH}/me", params={"$select": "id,displayName,userPrincipalName,mail"})
    assert identity == Identity(name="ada@contoso.com", external_id="efee1b77-fb3b-4f65-99d6-274c11914d12")
