import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api.webflow.com/v2"
AUTH = {"oauth_access_token": "wf-token-123"}
SITE_ID = "580e63e98c9a982ac9b8b741"
COLLECTION_ID = "580e63fc8c9a982ac9b8b745"
ITEM_ID = "580e64008c9a982ac9b8b754"


def _site(site_id=SITE_ID, name="Acme Marketing"):
    return {
        "id": site_id, "workspaceId": "580e63e98c9a982ac9b8b740", "createdOn": "2026-01-10T16:00:00Z",
        "displayName": name, "shortName": "acme-marketing", "lastPublished": "2026-12-01T10:00:00Z",
        "lastUpdated": "2026-12-02T10:00:00Z", "previewUrl": "https://screenshots.webflow.com/sites/acme.png",
        "timeZone": "Europe/London", "parentFolderId": None,
        "customDomains": [{"id": "589a331aa51e760df7ccb89d", "url": "acme.com", "lastPublished": "2026-12-01T10:00:00Z"}],
        "locales": {"primary": {"id": "653fd9af6a07fc9cfd7a5e57", "displayName": "English", "tag": "en"}},
    }


def _collection(with_fields=False):
    collection = {"id": COLLECTION_ID, "displayName": "Blog Posts", "singularName": "Blog Post", "slug": "post",
                  "createdOn": "2026-01-10T16:05:00Z", "lastUpdated": "2026-11-10T16:05:00Z"}
    if with_fields:
        collection["fields"] = [
            {"id": "7f62a9781291109b9e428fb47239fd35", "isEditable": True, "isRequired": True, "type": "PlainText",
             "slug": "name", "displayName": "Name", "helpText": None},
            {"id": "3f62a9781291109b9e428fb47239fd36", "isEditable": True, "isRequired": False, "type": "RichText",
             "slug": "post-body", "displayName": "Post Body", "helpText": "The article"},
        ]
    return collection


def _item(item_id=ITEM_ID, name="Spring launch"):
    return {"id": item_id, "cmsLocaleId": "653ad57de882f528b32e810e", "lastPublished": None,
            "lastUpdated": "2026-12-03T09:00:00Z", "createdOn": "2026-12-03T09:00:00Z", "isArchived": False,
            "isDraft": False, "fieldData": {"name": name, "slug": name.lower().replace(" ", "-")}}


def _item_summary(item):
    return {"id": item["id"], "field_data": item["fieldData"], "is_draft": item["isDraft"],
            "is_archived": item["isArchived"], "last_published": item["lastPublished"],
            "last_updated": item["lastUpdated"], "created_on": item["createdOn"]}


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer wf-token-123"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


async def test_list_sites_pages_through_the_sites_with_a_cursor(catalog, respx_mock):
    route = respx_mock.get(f"{API}/sites").mock(return_value=httpx.Response(200, json={
        "sites": [_site(), _site("580e63e98c9a982ac9b8b742", "Acme Docs")]}))
    action = catalog.action("webflow-list-sites")
    first = await run_action(action, {"limit": 1}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls.last.request, "GET", "/sites")
    assert first.ret == {"sites": [{
        "id": SITE_ID, "display_name": "Acme Marketing", "short_name": "acme-marketing",
        "workspace_id": "580e63e98c9a982ac9b8b740", "preview_url": "https://screenshots.webflow.com/sites/acme.png",
        "last_published": "2026-12-01T10:00:00Z", "last_updated": "2026-12-02T10:00:00Z",
        "custom_domains": [{"id": "589a331aa51e760df7ccb89d", "url": "acme.com"}]}], "next_cursor": "1"}
    second = await run_action(action, {"limit": 1, "cursor": "1"}, auth=AUTH)
    assert [s["display_name"] for s in second.ret["sites"]] == ["Acme Docs"] and second.ret["next_cursor"] is None


async def test_publish_site_to_a_custom_domain_and_the_subdomain(catalog, respx_mock):
    route = respx_mock.post(f"{API}/sites/{SITE_ID}/publish").mock(return_value=httpx.Response(202, json={
        "customDomains": [{"id": "589a331aa51e760df7ccb89d", "url": "acme.com"}], "publishToWebflowSubdomain": True}))
    result = await run_action(catalog.action("webflow-publish-site"), {
        "siteId": SITE_ID, "customDomains": ["589a331aa51e760df7ccb89d"], "publishToWebflowSubdomain": True}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"/sites/{SITE_ID}/publish",
                   body={"customDomains": ["589a331aa51e760df7ccb89d"], "publishToWebflowSubdomain": True})
    assert result.summary == "Queued the site for publishing to 1 custom domain(s) and webflow.io"


async def test_publish_site_needs_a_destination(catalog, respx_mock):
    result = await run_action(catalog.action("webflow-publish-site"), {"siteId": SITE_ID}, auth=AUTH)
    assert "say where to publish" in result.error
    assert not respx_mock.calls


async def test_list_collections_and_get_a_collections_fields(catalog, respx_mock):
    listed = respx_mock.get(f"{API}/sites/{SITE_ID}/collections").mock(
        return_value=httpx.Response(200, json={"collections": [_collection()]}))
    got = respx_mock.get(f"{API}/collections/{COLLECTION_ID}").mock(
        return_value=httpx.Response(200, json=_collection(with_fields=True)))
    result = await run_action(catalog.action("webflow-list-collections"), {"siteId": SITE_ID}, auth=AUTH)
    assert_request(listed.calls.last.request, "GET", f"/sites/{SITE_ID}/collections")
    assert result.ret == {"collections": [{"id": COLLECTION_ID, "display_name": "Blog Posts", "singular_name": "Blog Post",
                                           "slug": "post", "last_updated": "2026-11-10T16:05:00Z"}], "next_cursor": None}
    result = await run_action(catalog.action("webflow-get-collection"),
                              {"siteId": SITE_ID, "collectionId": COLLECTION_ID}, auth=AUTH)
    assert_request(got.calls.last.request, "GET", f"/collections/{COLLECTION_ID}")
    assert result.ret["fields"][1] == {"slug": "post-body", "display_name": "Post Body", "type": "RichText",
                                       "required": False, "editable": True, "help_text": "The article"}
    assert result.summary == "Read the collection 'Blog Posts' (2 fields)"
    whole = await run_action(catalog.action("webflow-get-collection"),
                             {"siteId": SITE_ID, "collectionId": COLLECTION_ID, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _collection(with_fields=True)


async def test_list_collection_items_follows_offsets_and_returns_a_cursor(catalog, respx_mock):
    route = respx_mock.get(f"{API}/collections/{COLLECTION_ID}/items").mock(side_effect=[
        httpx.Response(200, json={"items": [_item()], "pagination": {"limit": 2, "offset": 10, "total": 14}}),
        httpx.Response(200, json={"items": [_item("580e64008c9a982ac9b8b755", "Summer sale")],
                                  "pagination": {"limit": 1, "offset": 11, "total": 14}}),
    ])
    result = await run_action(catalog.action("webflow-list-collection-items"),
                              {"siteId": SITE_ID, "collectionId": COLLECTION_ID, "limit": 2, "cursor": "10"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls[0].request, "GET", f"/collections/{COLLECTION_ID}/items", params={"offset": "10", "limit": "2"})
    assert_request(route.calls[1].request, "GET", f"/collections/{COLLECTION_ID}/items", params={"offset": "11", "limit": "1"})
    assert result.ret == {"items": [_item_summary(_item()), _item_summary(_item("580e64008c9a982ac9b8b755", "Summer sale"))],
                          "total": 14, "next_cursor": "12"}


async def test_create_collection_item_sends_the_field_data(catalog, respx_mock):
    route = respx_mock.post(f"{API}/collections/{COLLECTION_ID}/items").mock(return_value=httpx.Response(202, json=_item()))
    result = await run_action(catalog.action("webflow-create-collection-item"), {
        "siteId": SITE_ID, "collectionId": COLLECTION_ID, "isDraft": True,
        "fieldData": {"name": "Spring launch", "slug": "spring-launch", "post-body": "<p>Hello</p>"}}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"/collections/{COLLECTION_ID}/items", body={
        "isArchived": False, "isDraft": True,
        "fieldData": {"name": "Spring launch", "slug": "spring-launch", "post-body": "<p>Hello</p>"}})
    assert result.ret == _item_summary(_item()) and result.summary == "Created the item 'Spring launch'"


async def test_create_collection_item_needs_name_and_slug(catalog, respx_mock):
    result = await run_action(catalog.action("webflow-create-collection-item"),
                              {"siteId": SITE_ID, "collectionId": COLLECTION_ID, "fieldData": {"name": "x"}}, auth=AUTH)
    assert "fieldData needs slug" in result.error
    assert not respx_mock.calls


async def test_update_collection_item_sends_only_what_changes(catalog, respx_mock):
    route = respx_mock.patch(f"{API}/collections/{COLLECTION_ID}/items/{ITEM_ID}").mock(
        return_value=httpx.Response(200, json=_item(name="Spring launch v2")))
    result = await run_action(catalog.action("webflow-update-collection-item"), {
        "siteId": SITE_ID, "collectionId": COLLECTION_ID, "itemId": ITEM_ID,
        "fieldData": {"name": "Spring launch v2"}, "isArchived": False}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "PATCH", f"/collections/{COLLECTION_ID}/items/{ITEM_ID}",
                   body={"fieldData": {"name": "Spring launch v2"}, "isArchived": False})
    assert result.summary == "Updated the item 'Spring launch v2'"


async def test_publish_collection_items(catalog, respx_mock):
    route = respx_mock.post(f"{API}/collections/{COLLECTION_ID}/items/publish").mock(
        return_value=httpx.Response(202, json={"publishedItemIds": [ITEM_ID], "errors": []}))
    result = await run_action(catalog.action("webflow-publish-collection-items"),
                              {"siteId": SITE_ID, "collectionId": COLLECTION_ID, "itemIds": [ITEM_ID]}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", f"/collections/{COLLECTION_ID}/items/publish", body={"itemIds": [ITEM_ID]})
    assert result.ret == {"publishedItemIds": [ITEM_ID], "errors": []} and result.summary == "Published 1 item"


async def test_site_collection_and_item_options(catalog, respx_mock):
    respx_mock.get(f"{API}/sites").mock(return_value=httpx.Response(200, json={"sites": [_site()]}))
    respx_mock.get(f"{API}/sites/{SITE_ID}/collections").mock(return_value=httpx.Response(200, json={"collections": [_collection()]}))
    items = respx_mock.get(f"{API}/collections/{COLLECTION_ID}/items").mock(side_effect=[
        httpx.Response(200, json={"items": [_item()], "pagination": {"limit": 100, "offset": 0, "total": 2}}),
        httpx.Response(200, json={"items": [_item("580e64008c9a982ac9b8b755", "Summer sale")],
                                  "pagination": {"limit": 100, "offset": 1, "total": 2}}),
    ])
    action = catalog.action("webflow-update-collection-item")
    sites = await fetch_options(action, "siteId", {}, auth=AUTH)
    assert sites["options"] == [{"label": "Acme Marketing", "value": SITE_ID}]
    collections = await fetch_options(action, "collectionId", {"siteId": SITE_ID}, auth=AUTH)
    assert collections["options"] == [{"label": "Blog Posts", "value": COLLECTION_ID}]
    first = await fetch_options(action, "itemId", {"siteId": SITE_ID, "collectionId": COLLECTION_ID}, auth=AUTH)
    assert first["options"] == [{"label": "Spring launch", "value": ITEM_ID}] and first["context"] == {"offset": 1}
    second = await fetch_options(action, "itemId", {"siteId": SITE_ID, "collectionId": COLLECTION_ID}, auth=AUTH,
                                 page=1, prev_context=first["context"])
    assert second["context"] is None
    assert dict(items.calls[1].request.url.params) == {"offset": "1", "limit": "100"}


async def test_collection_options_ask_for_the_site_first(catalog, respx_mock):
    response = await fetch_options(catalog.action("webflow-get-collection"), "collectionId", {}, auth=AUTH)
    assert response["options"] == [] and "choose the site (siteId) first" in response["errors"][0]


async def test_errors_say_what_to_do(catalog, respx_mock):
    respx_mock.post(f"{API}/collections/{COLLECTION_ID}/items").mock(side_effect=[
        httpx.Response(400, json={"code": "validation_error", "message": "Validation Error", "externalReference": None,
                                  "details": [{"param": "fieldData.slug", "description": "Unique value is already in database"}]}),
        httpx.Response(429, headers={"Retry-After": "60"}, json={"code": "too_many_requests", "message": "Too Many Requests"}),
        httpx.Response(403, json={"code": "missing_scopes", "message": "OAuthForbidden: You are missing the following scopes - cms:write"}),
    ])
    action = catalog.action("webflow-create-collection-item")
    props = {"siteId": SITE_ID, "collectionId": COLLECTION_ID, "fieldData": {"name": "A", "slug": "a"}}
    invalid = await run_action(action, props, auth=AUTH)
    assert "fieldData.slug: Unique value is already in database" in invalid.error
    assert "compare them with webflow-get-collection" in invalid.error
    limited = await run_action(action, props, auth=AUTH)
    assert "rate limited by Webflow; retry after 60 s" in limited.error
    scopes = await run_action(action, props, auth=AUTH)
    assert "reconnect Webflow and approve it" in scopes.error
