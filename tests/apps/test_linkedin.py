import json

import httpx

from mcp_gateway.runtime.engine import run_action

API = "https://api.linkedin.com"
AUTH = {"oauth_access_token": "AQV-linkedin-token"}
SUB = "782bbtaQ"
PERSON = f"urn:li:person:{SUB}"
SHARE = "urn:li:share:7123456789012345678"
SHARE_PATH = "/rest/posts/urn%3Ali%3Ashare%3A7123456789012345678"
USERINFO = {"sub": SUB, "email_verified": True, "name": "Ada Lovelace", "locale": {"country": "GB", "language": "en"},
            "given_name": "Ada", "family_name": "Lovelace", "email": "ada@example.com",
            "picture": "https://media.licdn.com/dms/image/C4E03AQ/profile.jpg"}


def _userinfo(respx_mock):
    return respx_mock.get(f"{API}/v2/userinfo").mock(return_value=httpx.Response(200, json=USERINFO))


def assert_rest(request, method, path, *, body=None, restli_method=None):
    assert request.method == method
    assert request.url.raw_path.decode() == path
    assert request.headers["authorization"] == "Bearer AQV-linkedin-token"
    assert request.headers["linkedin-version"] == "202609"
    assert request.headers["x-restli-protocol-version"] == "2.0.0"
    assert request.headers.get("x-restli-method") == restli_method
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _distribution():
    return {"feedDistribution": "MAIN_FEED", "targetEntities": [], "thirdPartyDistributionChannels": []}


async def test_get_profile_reads_userinfo(catalog, respx_mock):
    route = _userinfo(respx_mock)
    result = await run_action(catalog.action("linkedin-get-profile"), {}, auth=AUTH)
    assert result.error is None, result.error
    assert route.calls.last.request.headers["authorization"] == "Bearer AQV-linkedin-token"
    assert result.ret == {"sub": SUB, "person_urn": PERSON, "name": "Ada Lovelace", "given_name": "Ada",
                          "family_name": "Lovelace", "email": "ada@example.com", "email_verified": True,
                          "picture": USERINFO["picture"], "locale": {"country": "GB", "language": "en"}}
    whole = await run_action(catalog.action("linkedin-get-profile"), {"fullResponse": True}, auth=AUTH)
    assert whole.ret == USERINFO


async def test_create_text_post_writes_as_the_member_and_escapes_markup(catalog, respx_mock):
    _userinfo(respx_mock)
    route = respx_mock.post(f"{API}/rest/posts").mock(return_value=httpx.Response(201, headers={"x-restli-id": SHARE}))
    result = await run_action(catalog.action("linkedin-create-text-post"),
                              {"text": "We're hiring (remote) #jobs", "visibility": "CONNECTIONS"}, auth=AUTH)
    assert result.error is None, result.error
    assert_rest(route.calls.last.request, "POST", "/rest/posts", body={
        "author": PERSON, "commentary": "We're hiring \\(remote\\) #jobs", "visibility": "CONNECTIONS",
        "distribution": _distribution(), "lifecycleState": "PUBLISHED", "isReshareDisabledByAuthor": False})
    assert result.ret == {"id": SHARE, "author": PERSON, "url": f"https://www.linkedin.com/feed/update/{SHARE}/"}
    assert result.summary == f"Posted on LinkedIn as {SHARE}"


async def test_create_link_post_adds_an_article(catalog, respx_mock):
    _userinfo(respx_mock)
    route = respx_mock.post(f"{API}/rest/posts").mock(return_value=httpx.Response(201, headers={"x-restli-id": SHARE}))
    result = await run_action(catalog.action("linkedin-create-link-post"), {
        "url": "https://example.com/blog/spring", "title": "Spring launch", "description": "What's new",
        "text": "Read this"}, auth=AUTH)
    assert result.error is None, result.error
    assert_rest(route.calls.last.request, "POST", "/rest/posts", body={
        "author": PERSON, "commentary": "Read this", "visibility": "PUBLIC", "distribution": _distribution(),
        "lifecycleState": "PUBLISHED", "isReshareDisabledByAuthor": False,
        "content": {"article": {"source": "https://example.com/blog/spring", "title": "Spring launch",
                                "description": "What's new"}}})
    assert result.ret["id"] == SHARE


async def test_create_link_post_needs_a_web_address(catalog, respx_mock):
    result = await run_action(catalog.action("linkedin-create-link-post"), {"url": "example.com", "title": "x"}, auth=AUTH)
    assert "must be a full web address" in result.error
    assert not respx_mock.calls


async def test_get_post_trims_the_post(catalog, respx_mock):
    post = {"id": SHARE, "author": PERSON, "commentary": "Read this", "visibility": "PUBLIC",
            "distribution": _distribution(), "lifecycleState": "PUBLISHED", "isReshareDisabledByAuthor": False,
            "content": {"article": {"source": "https://example.com/blog/spring", "title": "Spring launch"}},
            "createdAt": 1764928800000, "publishedAt": 1764928800000, "lastModifiedAt": 1764928800000,
            "isEditedByAuthor": False}
    route = respx_mock.get(f"{API}{SHARE_PATH}").mock(return_value=httpx.Response(200, json=post))
    result = await run_action(catalog.action("linkedin-get-post"), {"postUrn": SHARE}, auth=AUTH)
    assert_rest(route.calls.last.request, "GET", SHARE_PATH)
    assert result.ret == {"id": SHARE, "author": PERSON, "commentary": "Read this", "visibility": "PUBLIC",
                          "lifecycle_state": "PUBLISHED",
                          "article": {"source": "https://example.com/blog/spring", "title": "Spring launch"},
                          "created_at": 1764928800000, "published_at": 1764928800000, "last_modified_at": 1764928800000}


async def test_update_post_patches_the_commentary(catalog, respx_mock):
    route = respx_mock.post(f"{API}{SHARE_PATH}").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("linkedin-update-post"), {"postUrn": SHARE, "text": "Fixed typo"}, auth=AUTH)
    assert result.error is None, result.error
    assert_rest(route.calls.last.request, "POST", SHARE_PATH, restli_method="PARTIAL_UPDATE",
                body={"patch": {"$set": {"commentary": "Fixed typo"}}})
    assert result.ret == {"id": SHARE, "updated": True}


async def test_delete_post(catalog, respx_mock):
    route = respx_mock.delete(f"{API}{SHARE_PATH}").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("linkedin-delete-post"), {"postUrn": SHARE}, auth=AUTH)
    assert_rest(route.calls.last.request, "DELETE", SHARE_PATH, restli_method="DELETE")
    assert result.ret == {"id": SHARE, "deleted": True} and result.summary == f"Deleted {SHARE}"


async def test_a_post_urn_is_checked_before_sending(catalog, respx_mock):
    result = await run_action(catalog.action("linkedin-delete-post"), {"postUrn": "7123456789012345678"}, auth=AUTH)
    assert "is not a post URN" in result.error
    assert not respx_mock.calls


async def test_create_comment_as_the_member(catalog, respx_mock):
    _userinfo(respx_mock)
    path = "/rest/socialActions/urn%3Ali%3Ashare%3A7123456789012345678/comments"
    route = respx_mock.post(f"{API}{path}").mock(return_value=httpx.Response(201, json={
        "actor": PERSON, "created": {"actor": PERSON, "time": 1764928900000}, "id": "7130000000000000000",
        "message": {"text": "Congrats!"}, "object": SHARE,
        "$URN": f"urn:li:comment:({SHARE},7130000000000000000)"}))
    result = await run_action(catalog.action("linkedin-create-comment"), {"postUrn": SHARE, "text": "Congrats!"}, auth=AUTH)
    assert result.error is None, result.error
    assert_rest(route.calls.last.request, "POST", path, body={"actor": PERSON, "object": SHARE, "message": {"text": "Congrats!"}})
    assert result.ret == {"id": "7130000000000000000", "urn": f"urn:li:comment:({SHARE},7130000000000000000)",
                          "object": SHARE, "text": "Congrats!", "created": 1764928900000}


async def test_react_to_post_names_the_actor(catalog, respx_mock):
    _userinfo(respx_mock)
    route = respx_mock.post(f"{API}/rest/reactions").mock(return_value=httpx.Response(201))
    result = await run_action(catalog.action("linkedin-react-to-post"), {"postUrn": SHARE, "reactionType": "PRAISE"}, auth=AUTH)
    assert result.error is None, result.error
    assert_rest(route.calls.last.request, "POST", "/rest/reactions?actor=urn%3Ali%3Aperson%3A782bbtaQ",
                body={"root": SHARE, "reactionType": "PRAISE"})
    assert result.ret == {"post": SHARE, "actor": PERSON, "reaction_type": "PRAISE"}


async def test_errors_say_what_to_do(catalog, respx_mock):
    _userinfo(respx_mock)
    respx_mock.post(f"{API}/rest/posts").mock(side_effect=[
        httpx.Response(422, json={"message": f"Content is a duplicate of {SHARE}", "status": 422}),
        httpx.Response(429, headers={"Retry-After": "3600"}, json={"message": "Resource level throttle limit reached", "status": 429}),
    ])
    respx_mock.get(f"{API}{SHARE_PATH}").mock(return_value=httpx.Response(403, json={
        "status": 403, "serviceErrorCode": 100, "code": "ACCESS_DENIED",
        "message": "Not enough permissions to access: partnerApiPostsExternal.GET.20260901"}))
    duplicate = await run_action(catalog.action("linkedin-create-text-post"), {"text": "Hello"}, auth=AUTH)
    assert "identical to a recent one; change the text" in duplicate.error
    limited = await run_action(catalog.action("linkedin-create-text-post"), {"text": "Hello"}, auth=AUTH)
    assert "rate limited by LinkedIn; retry after 3600 s" in limited.error
    denied = await run_action(catalog.action("linkedin-get-post"), {"postUrn": SHARE}, auth=AUTH)
    assert "restricted r_member_social permission" in denied.error
