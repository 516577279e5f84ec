import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://oauth.reddit.com"
AUTH = {"oauth_access_token": "eyJhbGciOi-reddit-token"}


def _post(post_id="1h2k3l4", title="Async runtimes compared", **extra):
    return {
        "id": post_id, "name": f"t3_{post_id}", "title": title, "subreddit": "rust", "subreddit_id": "t5_2s7lj",
        "author": "ferris", "selftext": "Which one do you use?", "url": f"https://www.reddit.com/r/rust/comments/{post_id}/x/",
        "permalink": f"/r/rust/comments/{post_id}/x/", "score": 412, "ups": 412, "upvote_ratio": 0.97,
        "num_comments": 88, "created_utc": 1764900000.0, "over_18": False, "link_flair_text": "discussion",
        "is_self": True, "stickied": False, "locked": False, "thumbnail": "self", "domain": "self.rust", **extra,
    }


def _summary(post):
    return {"id": post["id"], "name": post["name"], "title": post["title"], "subreddit": post["subreddit"],
            "author": post["author"], "selftext": post["selftext"], "url": post["url"],
            "permalink": f"https://www.reddit.com{post['permalink']}", "score": post["score"],
            "upvote_ratio": post["upvote_ratio"], "num_comments": post["num_comments"], "created_utc": post["created_utc"],
            "over_18": post["over_18"], "link_flair_text": post["link_flair_text"], "is_self": post["is_self"],
            "stickied": post["stickied"], "locked": post["locked"]}


def _listing(posts, after=None):
    return {"kind": "Listing", "data": {"after": after, "dist": len(posts), "modhash": None, "geo_filter": "",
                                        "children": [{"kind": "t3", "data": p} for p in posts], "before": None}}


def _comment(comment_id, body, replies=""):
    return {"kind": "t1", "data": {"id": comment_id, "name": f"t1_{comment_id}", "author": "crab", "body": body,
                                   "score": 12, "created_utc": 1764900500.0, "parent_id": "t3_1h2k3l4",
                                   "link_id": "t3_1h2k3l4", "replies": replies}}


def assert_request(request, method, path, *, params=None, form=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer eyJhbGciOi-reddit-token"
    assert request.headers["user-agent"] == "server:mcp-gateway-reddit:1.0 (self-hosted MCP gateway)"
    if form is None:
        assert request.content == b""
    else:
        assert dict(httpx.QueryParams(request.content.decode())) == form


async def test_get_me(catalog, respx_mock):
    me = {"id": "1w72", "name": "ferris", "total_karma": 5120, "link_karma": 3000, "comment_karma": 2120,
          "created_utc": 1400000000.0, "has_verified_email": True, "is_mod": False, "over_18": False,
          "icon_img": "https://styles.redditmedia.com/t5_1/avatar.png", "pref_nightmode": True}
    route = respx_mock.get(f"{API}/api/v1/me").mock(return_value=httpx.Response(200, json=me))
    result = await run_action(catalog.action("reddit-get-me"), {}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/api/v1/me")
    assert result.ret == {"id": "1w72", "name": "ferris", "total_karma": 5120, "link_karma": 3000, "comment_karma": 2120,
                          "created_utc": 1400000000.0, "has_verified_email": True, "is_mod": False, "over_18": False}
    whole = await run_action(catalog.action("reddit-get-me"), {"fullResponse": True}, auth=AUTH)
    assert whole.ret == me


async def test_get_subreddit_takes_a_name_with_or_without_r(catalog, respx_mock):
    route = respx_mock.get(f"{API}/r/rust/about").mock(return_value=httpx.Response(200, json={"kind": "t5", "data": {
        "name": "t5_2s7lj", "display_name": "rust", "display_name_prefixed": "r/rust", "title": "The Rust Programming Language",
        "public_description": "A place for all things Rust", "subscribers": 350000, "active_user_count": 900,
        "subreddit_type": "public", "over18": False, "submission_type": "any", "url": "/r/rust/",
        "created_utc": 1292000000.0, "user_is_subscriber": True, "user_is_banned": False}}))
    result = await run_action(catalog.action("reddit-get-subreddit"), {"subreddit": "r/rust"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", "/r/rust/about", params={"raw_json": "1"})
    assert result.ret["url"] == "https://www.reddit.com/r/rust/" and result.ret["submission_type"] == "any"
    assert result.summary == "Read r/rust"


async def test_list_posts_top_follows_after_until_the_limit(catalog, respx_mock):
    route = respx_mock.get(f"{API}/r/rust/top").mock(side_effect=[
        httpx.Response(200, json=_listing([_post()], after="t3_1h2k3l4")),
        httpx.Response(200, json=_listing([_post("1h2k3l5", "Second")], after="t3_1h2k3l5")),
    ])
    result = await run_action(catalog.action("reddit-list-posts"),
                              {"subreddit": "rust", "sort": "top", "time": "week", "limit": 2, "cursor": "t3_0abc"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls[0].request, "GET", "/r/rust/top", params={"t": "week", "limit": "2", "raw_json": "1", "after": "t3_0abc"})
    assert_request(route.calls[1].request, "GET", "/r/rust/top", params={"t": "week", "limit": "1", "raw_json": "1", "after": "t3_1h2k3l4"})
    assert result.ret == {"posts": [_summary(_post()), _summary(_post("1h2k3l5", "Second"))], "next_cursor": "t3_1h2k3l5"}
    assert result.summary == "Listed 2 top posts of r/rust"


async def test_list_posts_hot_by_default_ends_without_a_cursor(catalog, respx_mock):
    route = respx_mock.get(f"{API}/r/rust/hot").mock(return_value=httpx.Response(200, json=_listing([_post()])))
    result = await run_action(catalog.action("reddit-list-posts"), {"subreddit": "rust", "time": "week"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/r/rust/hot", params={"limit": "25", "raw_json": "1"})
    assert result.ret["next_cursor"] is None


async def test_search_posts_within_a_subreddit_and_across_reddit(catalog, respx_mock):
    within = respx_mock.get(f"{API}/r/rust/search").mock(return_value=httpx.Response(200, json=_listing([_post()])))
    everywhere = respx_mock.get(f"{API}/search").mock(return_value=httpx.Response(200, json=_listing([])))
    result = await run_action(catalog.action("reddit-search-posts"),
                              {"query": "tokio", "subreddit": "rust", "sort": "new", "limit": 10}, auth=AUTH)
    assert_request(within.calls.last.request, "GET", "/r/rust/search", params={
        "q": "tokio", "type": "link", "sort": "new", "restrict_sr": "true", "limit": "10", "raw_json": "1"})
    assert result.ret["posts"] == [_summary(_post())] and result.summary == "Found 1 post on r/rust for 'tokio'"
    result = await run_action(catalog.action("reddit-search-posts"), {"query": "tokio", "time": "year"}, auth=AUTH)
    assert_request(everywhere.calls.last.request, "GET", "/search", params={
        "q": "tokio", "type": "link", "t": "year", "limit": "25", "raw_json": "1"})
    assert result.ret == {"posts": [], "next_cursor": None}


async def test_get_post_nests_replies_and_counts_the_rest(catalog, respx_mock):
    reply = {"kind": "Listing", "data": {"after": None, "children": [_comment("k2", "Same here")], "before": None}}
    thread = [
        _listing([_post()]),
        {"kind": "Listing", "data": {"after": None, "before": None, "children": [
            _comment("k1", "Tokio, mostly", replies=reply),
            {"kind": "more", "data": {"count": 40, "name": "t1_k9", "id": "k9", "parent_id": "t3_1h2k3l4", "depth": 0,
                                      "children": ["k9", "k10"]}},
        ]}},
    ]
    route = respx_mock.get(f"{API}/comments/1h2k3l4").mock(return_value=httpx.Response(200, json=thread))
    result = await run_action(catalog.action("reddit-get-post"), {"postId": "t3_1h2k3l4", "sort": "top"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", "/comments/1h2k3l4",
                   params={"limit": "50", "depth": "3", "raw_json": "1", "sort": "top"})
    comment = {"id": "k1", "name": "t1_k1", "author": "crab", "body": "Tokio, mostly", "score": 12,
               "created_utc": 1764900500.0, "parent_id": "t3_1h2k3l4"}
    assert result.ret == {"post": _summary(_post()), "more_comments": 40, "comments": [{**comment, "replies": [
        {**comment, "id": "k2", "name": "t1_k2", "body": "Same here", "replies": []}]}]}


async def test_submit_a_text_post_and_a_link_post(catalog, respx_mock):
    route = respx_mock.post(f"{API}/api/submit").mock(return_value=httpx.Response(200, json={"json": {"errors": [], "data": {
        "url": "https://www.reddit.com/r/rust/comments/1h2k3l9/launch/", "drafts_count": 0, "id": "1h2k3l9",
        "name": "t3_1h2k3l9"}}}))
    result = await run_action(catalog.action("reddit-submit-post"), {
        "subreddit": "rust", "kind": "self", "title": "Launch", "text": "We shipped **1.0**", "spoiler": True}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/api/submit", form={
        "api_type": "json", "sr": "rust", "kind": "self", "title": "Launch", "text": "We shipped **1.0**", "spoiler": "true"})
    assert result.ret == {"id": "1h2k3l9", "name": "t3_1h2k3l9", "url": "https://www.reddit.com/r/rust/comments/1h2k3l9/launch/"}
    await run_action(catalog.action("reddit-submit-post"), {
        "subreddit": "rust", "kind": "link", "title": "Blog", "url": "https://example.com/post", "resubmit": True}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", "/api/submit", form={
        "api_type": "json", "sr": "rust", "kind": "link", "title": "Blog", "url": "https://example.com/post", "resubmit": "true"})


async def test_submit_errors_in_the_body_say_what_to_do(catalog, respx_mock):
    respx_mock.post(f"{API}/api/submit").mock(side_effect=[
        httpx.Response(200, json={"json": {"errors": [["NO_SELFS", "This community doesn't allow text posts.", "sr"]]}}),
        httpx.Response(200, json={"json": {"errors": [["RATELIMIT", "Take a break for 9 minutes before trying that again.", "ratelimit"]]}}),
    ])
    props = {"subreddit": "pics", "kind": "self", "title": "Hi", "text": "x"}
    result = await run_action(catalog.action("reddit-submit-post"), props, auth=AUTH)
    assert "NO_SELFS" in result.error and "submit with kind `link` and a url" in result.error
    result = await run_action(catalog.action("reddit-submit-post"), props, auth=AUTH)
    assert "Take a break for 9 minutes" in result.error and "wait the time it names" in result.error


async def test_create_comment_replies_to_a_post(catalog, respx_mock):
    route = respx_mock.post(f"{API}/api/comment").mock(return_value=httpx.Response(200, json={"json": {"errors": [], "data": {
        "things": [_comment("k7", "Congrats!")]}}}))
    result = await run_action(catalog.action("reddit-create-comment"), {"thingId": "t3_1h2k3l4", "text": "Congrats!"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/api/comment",
                   form={"api_type": "json", "thing_id": "t3_1h2k3l4", "text": "Congrats!"})
    assert result.ret["name"] == "t1_k7" and result.summary == "Replied to t3_1h2k3l4"


async def test_vote_up_and_take_it_back(catalog, respx_mock):
    route = respx_mock.post(f"{API}/api/vote").mock(return_value=httpx.Response(200, json={}))
    result = await run_action(catalog.action("reddit-vote"), {"thingId": "t1_k7", "direction": "up"}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", "/api/vote", form={"id": "t1_k7", "dir": "1"})
    assert result.ret == {"id": "t1_k7", "direction": "up"}
    result = await run_action(catalog.action("reddit-vote"), {"thingId": "t1_k7", "direction": "none"}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", "/api/vote", form={"id": "t1_k7", "dir": "0"})
    assert result.summary == "Cleared the vote on t1_k7"


async def test_ids_are_checked_before_sending(catalog, respx_mock):
    result = await run_action(catalog.action("reddit-vote"), {"thingId": "1h2k3l4", "direction": "up"}, auth=AUTH)
    assert "is not a Reddit fullname" in result.error
    result = await run_action(catalog.action("reddit-list-posts"), {"subreddit": "not a name"}, auth=AUTH)
    assert "is not a subreddit name" in result.error
    assert not respx_mock.calls


async def test_subreddit_options_page_through_joined_subreddits(catalog, respx_mock):
    route = respx_mock.get(f"{API}/subreddits/mine/subscriber").mock(side_effect=[
        httpx.Response(200, json={"kind": "Listing", "data": {"after": "t5_2s7lj", "children": [
            {"kind": "t5", "data": {"display_name": "rust", "display_name_prefixed": "r/rust", "name": "t5_2s7lj"}}]}}),
        httpx.Response(200, json={"kind": "Listing", "data": {"after": None, "children": [
            {"kind": "t5", "data": {"display_name": "python", "display_name_prefixed": "r/python", "name": "t5_2qh0y"}}]}}),
    ])
    action = catalog.action("reddit-submit-post")
    first = await fetch_options(action, "subreddit", {}, auth=AUTH)
    assert first["options"] == [{"label": "r/rust", "value": "rust"}] and first["context"] == {"after": "t5_2s7lj"}
    second = await fetch_options(action, "subreddit", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "r/python", "value": "python"}] and second["context"] is None
    assert dict(route.calls[1].request.url.params) == {"limit": "100", "after": "t5_2s7lj"}


async def test_http_errors_say_what_to_do(catalog, respx_mock):
    respx_mock.get(f"{API}/r/secret/about").mock(return_value=httpx.Response(403, json={
        "reason": "private", "message": "Forbidden", "error": 403}))
    respx_mock.get(f"{API}/r/rust/hot").mock(return_value=httpx.Response(429, headers={
        "x-ratelimit-remaining": "0", "x-ratelimit-used": "100", "x-ratelimit-reset": "42"}, text="Too Many Requests"))
    private = await run_action(catalog.action("reddit-get-subreddit"), {"subreddit": "secret"}, auth=AUTH)
    assert "the subreddit is private" in private.error
    limited = await run_action(catalog.action("reddit-list-posts"), {"subreddit": "rust"}, auth=AUTH)
    assert "rate limited by Reddit; retry after 42 s" in limited.error
