import json

import httpx

from mcp_gateway.catalog import AccountContext, AppHttp, Identity
from mcp_gateway.runtime.engine import fetch_options, run_action
from tests.support import LOCAL_UPSTREAMS

API = "https://api.figma.com/v1"
AUTH = {"oauth_access_token": "figu_token-1"}
KEY = "FigmaKeyAbC123"


def assert_figma(request, method, url, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == url
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer figu_token-1"
    if body is not None:
        assert json.loads(request.content) == body


def _file():
    return {"name": "Landing page", "role": "editor", "lastModified": "2026-12-01T09:30:00Z", "editorType": "figma",
            "thumbnailUrl": "https://s3-alpha.figma.com/thumbnails/abc", "version": "2154837563", "schemaVersion": 0,
            "document": {"id": "0:0", "name": "Document", "type": "DOCUMENT", "children": [
                {"id": "0:1", "name": "Desktop", "type": "CANVAS", "children": [
                    {"id": "1:2", "name": "Hero", "type": "FRAME"}, {"id": "1:9", "name": "Logo", "type": "COMPONENT"}]},
                {"id": "0:2", "name": "Mobile", "type": "CANVAS", "children": []}]},
            "components": {}, "componentSets": {}, "styles": {}}


def _comment(comment_id="1001", parent_id="", message="Can we make the button bigger?"):
    return {"id": comment_id, "file_key": KEY, "parent_id": parent_id,
            "user": {"id": "813845097374535682", "handle": "Ada", "img_url": "https://s3-alpha.figma.com/profile/ada"},
            "created_at": "2026-12-02T10:00:00Z", "resolved_at": None, "message": message,
            "client_meta": {"node_id": "1:2", "node_offset": {"x": 10, "y": 20}}, "order_id": "3", "reactions": []}


async def test_get_file_outlines_pages_and_frames_from_a_pasted_url(catalog, respx_mock):
    route = respx_mock.get(f"{API}/files/{KEY}").mock(return_value=httpx.Response(200, json=_file()))
    action = catalog.action("figma-get-file")
    result = await run_action(action, {"fileKey": f"https://www.figma.com/design/{KEY}/Landing-page?node-id=1-2"}, auth=AUTH)
    assert result.error is None, result.error
    assert_figma(route.calls.last.request, "GET", f"{API}/files/{KEY}", params={"depth": "2"})
    assert result.ret == {"name": "Landing page", "last_modified": "2026-12-01T09:30:00Z", "version": "2154837563",
                          "editor_type": "figma", "thumbnail_url": "https://s3-alpha.figma.com/thumbnails/abc", "role": "editor",
                          "pages": [{"id": "0:1", "name": "Desktop", "frames": [{"id": "1:2", "name": "Hero", "type": "FRAME"},
                                                                                 {"id": "1:9", "name": "Logo", "type": "COMPONENT"}]},
                                    {"id": "0:2", "name": "Mobile", "frames": []}]}
    assert result.summary == "Read 'Landing page': 2 pages"
    whole = await run_action(action, {"fileKey": KEY, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _file()


async def test_a_file_key_that_is_not_one_is_refused(catalog, respx_mock):
    result = await run_action(catalog.action("figma-get-file"), {"fileKey": "my landing page"}, auth=AUTH)
    assert "is not a Figma file key" in result.error
    assert not respx_mock.calls


async def test_get_file_nodes_trims_each_node(catalog, respx_mock):
    route = respx_mock.get(f"{API}/files/{KEY}/nodes").mock(return_value=httpx.Response(200, json={
        "name": "Landing page", "lastModified": "2026-12-01T09:30:00Z", "thumbnailUrl": "https://s3-alpha.figma.com/t",
        "version": "2154837563", "role": "editor", "editorType": "figma", "linkAccess": "view",
        "nodes": {"1:2": {"document": {"id": "1:2", "name": "Hero", "type": "FRAME",
                                       "absoluteBoundingBox": {"x": 0, "y": 0, "width": 1440, "height": 800},
                                       "children": [{"id": "1:3", "name": "Title", "type": "TEXT", "characters": "Ship faster"}]},
                          "components": {}, "styles": {}},
                  "9:9": None}}))
    result = await run_action(catalog.action("figma-get-file-nodes"), {"fileKey": KEY, "ids": ["1-2", "9:9"], "depth": 1}, auth=AUTH)
    assert result.error is None, result.error
    assert_figma(route.calls.last.request, "GET", f"{API}/files/{KEY}/nodes", params={"ids": "1:2,9:9", "depth": "1"})
    assert result.ret == {"name": "Landing page", "last_modified": "2026-12-01T09:30:00Z", "nodes": {
        "1:2": {"id": "1:2", "name": "Hero", "type": "FRAME", "bounds": {"x": 0, "y": 0, "width": 1440, "height": 800},
                "children": [{"id": "1:3", "name": "Title", "type": "TEXT"}]},
        "9:9": None}}


async def test_render_images_returns_a_url_per_node(catalog, respx_mock):
    route = respx_mock.get(f"{API}/images/{KEY}").mock(return_value=httpx.Response(200, json={
        "err": None, "images": {"1:2": "https://figma-alpha-api.s3.us-west-2.amazonaws.com/images/abc", "1:9": None}}))
    result = await run_action(catalog.action("figma-render-images"),
                              {"fileKey": KEY, "ids": ["1:2", "1:9"], "format": "png", "scale": "2"}, auth=AUTH)
    assert_figma(route.calls.last.request, "GET", f"{API}/images/{KEY}", params={"ids": "1:2,1:9", "format": "png", "scale": "2"})
    assert result.ret == {"images": {"1:2": "https://figma-alpha-api.s3.us-west-2.amazonaws.com/images/abc", "1:9": None}}
    assert result.summary == "Rendered 1 of 2 images"
    bad = await run_action(catalog.action("figma-render-images"), {"fileKey": KEY, "ids": ["1:2"], "scale": "9"}, auth=AUTH)
    assert bad.error == "scale must be a number between 0.01 and 4, e.g. `2`"


async def test_list_comments_pages_with_a_cursor(catalog, respx_mock):
    route = respx_mock.get(f"{API}/files/{KEY}/comments").mock(return_value=httpx.Response(200, json={"comments": [
        _comment(), _comment("1002", "1001", "Done"), _comment("1003", "", "Typo in the footer")]}))
    action = catalog.action("figma-list-comments")
    first = await run_action(action, {"fileKey": KEY, "asMarkdown": True, "limit": 2}, auth=AUTH)
    assert first.error is None, first.error
    assert_figma(route.calls.last.request, "GET", f"{API}/files/{KEY}/comments", params={"as_md": "true"})
    assert first.ret["comments"][0] == {"id": "1001", "message": "Can we make the button bigger?", "author": "Ada",
                                        "created_at": "2026-12-02T10:00:00Z", "resolved_at": None, "parent_id": None,
                                        "order_id": "3", "node_id": "1:2"}
    assert first.ret["comments"][1]["parent_id"] == "1001" and first.ret["next_cursor"] == "2"
    second = await run_action(action, {"fileKey": KEY, "limit": 2, "cursor": "2"}, auth=AUTH)
    assert [c["id"] for c in second.ret["comments"]] == ["1003"] and second.ret["next_cursor"] is None


async def test_post_comment_pinned_to_a_frame_and_a_reply(catalog, respx_mock):
    route = respx_mock.post(f"{API}/files/{KEY}/comments").mock(return_value=httpx.Response(200, json=_comment()))
    action = catalog.action("figma-post-comment")
    result = await run_action(action, {"fileKey": KEY, "message": "Can we make the button bigger?", "nodeId": "1-2", "x": 10, "y": 20}, auth=AUTH)
    assert result.error is None, result.error
    assert_figma(route.calls.last.request, "POST", f"{API}/files/{KEY}/comments", body={
        "message": "Can we make the button bigger?", "client_meta": {"node_id": "1:2", "node_offset": {"x": 10, "y": 20}}})
    assert result.ret["id"] == "1001" and result.summary == "Posted a comment"
    await run_action(action, {"fileKey": KEY, "message": "Done", "commentId": "1001"}, auth=AUTH)
    assert json.loads(route.calls.last.request.content) == {"message": "Done", "comment_id": "1001"}


async def test_team_projects_project_files_and_their_options(catalog, respx_mock):
    projects = respx_mock.get(f"{API}/teams/1234567890/projects").mock(return_value=httpx.Response(200, json={
        "name": "Acme", "projects": [{"id": "98765", "name": "Website"}, {"id": "98766", "name": "App"}]}))
    result = await run_action(catalog.action("figma-list-team-projects"), {"teamId": "1234567890"}, auth=AUTH)
    assert_figma(projects.calls.last.request, "GET", f"{API}/teams/1234567890/projects")
    assert result.ret == {"team": "Acme", "projects": [{"id": "98765", "name": "Website"}, {"id": "98766", "name": "App"}]}

    action = catalog.action("figma-list-project-files")
    options = await fetch_options(action, "projectId", {"teamId": "1234567890"}, auth=AUTH)
    assert options["options"] == [{"label": "Website", "value": "98765"}, {"label": "App", "value": "98766"}]

    files = respx_mock.get(f"{API}/projects/98765/files").mock(return_value=httpx.Response(200, json={
        "name": "Website", "files": [{"key": KEY, "name": "Landing page", "thumbnail_url": "https://s3-alpha.figma.com/t",
                                      "last_modified": "2026-12-01T09:30:00Z"}]}))
    result = await run_action(action, {"projectId": "98765"}, auth=AUTH)
    assert_figma(files.calls.last.request, "GET", f"{API}/projects/98765/files")
    assert result.ret == {"project": "Website", "files": [{"key": KEY, "name": "Landing page",
                                                           "last_modified": "2026-12-01T09:30:00Z", "thumbnail_url": "https://s3-alpha.figma.com/t"}]}


async def test_get_current_user(catalog, respx_mock):
    route = respx_mock.get(f"{API}/me").mock(return_value=httpx.Response(200, json={
        "id": "813845097374535682", "handle": "Ada", "img_url": "https://s3-alpha.figma.com/profile/ada", "email": "ada@example.com"}))
    result = await run_action(catalog.action("figma-get-current-user"), {}, auth=AUTH)
    assert_figma(route.calls.last.request, "GET", f"{API}/me")
    assert result.summary == "Connected as Ada (ada@example.com)"


async def test_a_rate_limit_and_a_missing_file(catalog, respx_mock):
    respx_mock.get(f"{API}/files/{KEY}").mock(side_effect=[
        httpx.Response(429, headers={"Retry-After": "30"}, json={"status": 429, "err": "Rate limit exceeded"}),
        httpx.Response(404, json={"status": 404, "err": "Not found"}),
    ])
    action = catalog.action("figma-get-file")
    assert "rate limited by Figma; retry after 30 s" in (await run_action(action, {"fileKey": KEY}, auth=AUTH)).error
    assert "check the key in the Figma URL" in (await run_action(action, {"fileKey": KEY}, auth=AUTH)).error


async def _account_identity(catalog, slug):
    app = catalog.apps[slug]
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(AUTH), base_url=app.base_url_for(AUTH),
                       allowed_domains=app.allowed_domains_for(AUTH))
        return await app.test(AccountContext(auth=AUTH, http=http, egress=LOCAL_UPSTREAMS))


async def test_the_account_is_the_signed_in_user(catalog, respx_mock):
    respx_mock.get(f"{API}/me").mock(return_value=httpx.Response(200, json={
        "id": "813845097374535682", "handle": "Ada", "img_url": "https://s3-alpha.figma.com/profile/ada", "email": "ada@example.com"}))
    identity = await _account_identity(catalog, "figma")
    assert identity == Identity(name="ada@example.com", external_id="813845097374535682")
