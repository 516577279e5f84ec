import base64
import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

SITE = "https://blog.example.com"
API = f"{SITE}/wp-json/wp/v2"
AUTH = {"username": "ada", "application_password": "abcd EFGH 1234 ijkl MNOP 6789", "site_url": SITE + "/"}
BASIC = "Basic " + base64.b64encode(b"ada:abcd EFGH 1234 ijkl MNOP 6789").decode()


def _post(post_id=123, title="Hello world", status="publish", **extra):
    return {
        "id": post_id, "date": "2026-12-01T09:00:00", "date_gmt": "2026-12-01T09:00:00",
        "guid": {"rendered": f"{SITE}/?p={post_id}"}, "modified": "2026-12-02T09:00:00",
        "modified_gmt": "2026-12-02T09:00:00", "slug": "hello-world", "status": status, "type": "post",
        "link": f"{SITE}/2026/12/01/hello-world/", "title": {"rendered": title},
        "content": {"rendered": "<p>Welcome to WordPress.</p>\n", "protected": False},
        "excerpt": {"rendered": "<p>Welcome</p>\n", "protected": False}, "author": 1, "featured_media": 0,
        "comment_status": "open", "ping_status": "open", "sticky": False, "template": "", "format": "standard",
        "meta": [], "categories": [1], "tags": [], **extra,
    }


def _summary(post):
    return {"id": post["id"], "title": post["title"]["rendered"], "status": post["status"], "link": post["link"],
            "slug": post["slug"], "date": post["date"], "modified": post["modified"], "author": post["author"],
            "excerpt": post["excerpt"]["rendered"], "categories": post.get("categories"), "tags": post.get("tags"),
            "parent": post.get("parent")}


def _category(category_id=4, name="News"):
    return {"id": category_id, "count": 3, "description": "", "link": f"{SITE}/category/news/", "name": name,
            "slug": name.lower(), "taxonomy": "category", "parent": 0, "meta": []}


def _listing(records, total, pages):
    return httpx.Response(200, json=records, headers={"X-WP-Total": str(total), "X-WP-TotalPages": str(pages)})


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == BASIC
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


async def test_list_posts_filters_and_pages_with_an_offset_cursor(catalog, respx_mock):
    route = respx_mock.get(f"{API}/posts").mock(return_value=_listing([_post(), _post(124, "Second")], 5, 3))
    result = await run_action(catalog.action("wordpress_org-list-posts"), {
        "search": "hello", "status": ["publish", "draft"], "categories": [4, 7], "orderby": "modified", "limit": 2,
        "cursor": "2"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", "/posts", params={
        "search": "hello", "status": "publish,draft", "categories": "4,7", "orderby": "modified", "per_page": "2",
        "offset": "2"})
    assert result.ret == {"posts": [_summary(_post()), _summary(_post(124, "Second"))], "total": 5, "next_cursor": "4"}
    assert result.summary == "Listed 2 of 5 posts"


async def test_list_pages_categories_and_media_end_without_a_cursor(catalog, respx_mock):
    pages = respx_mock.get(f"{API}/pages").mock(return_value=_listing([_post(2, "About", type="page", parent=0)], 1, 1))
    categories = respx_mock.get(f"{API}/categories").mock(return_value=_listing([_category()], 1, 1))
    media = respx_mock.get(f"{API}/media").mock(return_value=_listing([{
        "id": 55, "date": "2026-11-01T10:00:00", "slug": "logo", "type": "attachment", "title": {"rendered": "logo"},
        "alt_text": "Acme logo", "media_type": "image", "mime_type": "image/png", "post": None,
        "source_url": f"{SITE}/wp-content/uploads/2026/11/logo.png"}], 1, 1))
    result = await run_action(catalog.action("wordpress_org-list-pages"), {"parent": 0}, auth=AUTH)
    assert_request(pages.calls.last.request, "GET", "/pages", params={"parent": "0", "per_page": "25", "offset": "0"})
    assert result.ret["pages"][0]["title"] == "About" and result.ret["next_cursor"] is None
    result = await run_action(catalog.action("wordpress_org-list-categories"), {"search": "new"}, auth=AUTH)
    assert_request(categories.calls.last.request, "GET", "/categories", params={"search": "new", "per_page": "25", "offset": "0"})
    assert result.ret["categories"] == [{"id": 4, "name": "News", "slug": "news", "count": 3, "parent": 0,
                                         "description": "", "link": f"{SITE}/category/news/"}]
    assert result.summary == "Listed 1 of 1 category"
    result = await run_action(catalog.action("wordpress_org-list-media"), {"mediaType": "image", "limit": 5}, auth=AUTH)
    assert_request(media.calls.last.request, "GET", "/media", params={"media_type": "image", "per_page": "5", "offset": "0"})
    assert result.ret["media"] == [{"id": 55, "title": "logo", "media_type": "image", "mime_type": "image/png",
                                    "source_url": f"{SITE}/wp-content/uploads/2026/11/logo.png", "alt_text": "Acme logo",
                                    "date": "2026-11-01T10:00:00", "post": None}]


async def test_get_post_returns_the_content_and_the_whole_post_on_request(catalog, respx_mock):
    route = respx_mock.get(f"{API}/posts/123").mock(return_value=httpx.Response(200, json=_post()))
    result = await run_action(catalog.action("wordpress_org-get-post"), {"postId": 123}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/posts/123")
    assert result.ret == {**_summary(_post()), "content": "<p>Welcome to WordPress.</p>\n", "featured_media": 0}
    assert result.summary == "Read the post 'Hello world'"
    whole = await run_action(catalog.action("wordpress_org-get-post"), {"postId": 123, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _post()


async def test_create_post_sends_the_fields_by_their_rest_names(catalog, respx_mock):
    route = respx_mock.post(f"{API}/posts").mock(return_value=httpx.Response(201, json=_post(130, "Spring launch", "draft")))
    result = await run_action(catalog.action("wordpress_org-create-post"), {
        "title": "Spring launch", "content": "<p>Hi</p>", "status": "draft", "categories": [4], "featuredMedia": 55},
        auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/posts", body={
        "title": "Spring launch", "content": "<p>Hi</p>", "status": "draft", "featured_media": 55, "categories": [4]})
    assert result.summary == "Created the draft post 'Spring launch' (ID 130)"


async def test_a_future_post_needs_a_date(catalog, respx_mock):
    result = await run_action(catalog.action("wordpress_org-create-post"), {"title": "Later", "status": "future"}, auth=AUTH)
    assert "needs a date to publish on" in result.error
    assert not respx_mock.calls


async def test_update_post_sends_only_what_changes(catalog, respx_mock):
    route = respx_mock.post(f"{API}/posts/123").mock(return_value=httpx.Response(200, json=_post()))
    result = await run_action(catalog.action("wordpress_org-update-post"), {"postId": 123, "status": "publish"}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", "/posts/123", body={"status": "publish"})
    assert result.summary == "Updated the post 'Hello world' (ID 123)"
    empty = await run_action(catalog.action("wordpress_org-update-post"), {"postId": 123}, auth=AUTH)
    assert empty.error.startswith("nothing to change")


async def test_delete_post_trashes_or_deletes_for_good(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/posts/123").mock(side_effect=[
        httpx.Response(200, json=_post(status="trash")),
        httpx.Response(200, json={"deleted": True, "previous": _post(status="trash")}),
    ])
    trashed = await run_action(catalog.action("wordpress_org-delete-post"), {"postId": 123}, auth=AUTH)
    assert_request(route.calls[0].request, "DELETE", "/posts/123")
    assert trashed.ret == {"id": 123, "deleted": False, "trashed": True}
    gone = await run_action(catalog.action("wordpress_org-delete-post"), {"postId": 123, "force": True}, auth=AUTH)
    assert_request(route.calls[1].request, "DELETE", "/posts/123", params={"force": "true"})
    assert gone.ret == {"id": 123, "deleted": True, "trashed": False} and gone.summary == "Deleted post 123 for good"


async def test_post_and_category_options_page_by_page(catalog, respx_mock):
    posts = respx_mock.get(f"{API}/posts").mock(return_value=_listing([_post()], 1, 1))
    categories = respx_mock.get(f"{API}/categories").mock(side_effect=[
        _listing([_category()], 2, 2), _listing([_category(7, "Events")], 2, 2)])
    action = catalog.action("wordpress_org-update-post")
    page = await fetch_options(action, "postId", {}, auth=AUTH)
    assert page["options"] == [{"label": "Hello world", "value": 123}] and page["context"] is None
    assert dict(posts.calls.last.request.url.params) == {"per_page": "100", "page": "1", "status": "any", "context": "edit"}
    first = await fetch_options(action, "categories", {}, auth=AUTH)
    assert first["options"] == [{"label": "News", "value": 4}] and first["context"] == {"page": 2}
    second = await fetch_options(action, "categories", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Events", "value": 7}] and second["context"] is None
    assert categories.calls[1].request.url.params["page"] == "2"


async def test_a_plain_http_site_is_refused(catalog, respx_mock):
    result = await run_action(catalog.action("wordpress_org-get-post"), {"postId": 1},
                              auth={**AUTH, "site_url": "http://blog.example.com"})
    assert "must be the site's https address" in result.error
    assert not respx_mock.calls


async def test_wordpress_error_codes_say_what_to_do(catalog, respx_mock):
    respx_mock.post(f"{API}/posts").mock(side_effect=[
        httpx.Response(403, json={"code": "rest_cannot_create", "message": "Sorry, you are not allowed to create posts as this user.",
                                  "data": {"status": 403}}),
        httpx.Response(400, json={"code": "rest_invalid_param", "message": "Invalid parameter(s): status",
                                  "data": {"status": 400, "params": {"status": "status is not one of publish, future, draft, pending, private."}}}),
        httpx.Response(429, headers={"Retry-After": "20"}, text="Too Many Requests"),
    ])
    action = catalog.action("wordpress_org-create-post")
    denied = await run_action(action, {"title": "A"}, auth=AUTH)
    assert "use an Editor or Administrator account" in denied.error
    invalid = await run_action(action, {"title": "A"}, auth=AUTH)
    assert "status: status is not one of publish" in invalid.error
    limited = await run_action(action, {"title": "A"}, auth=AUTH)
    assert "rate limited by the site; retry after 20 s" in limited.error
