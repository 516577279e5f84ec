import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api.x.com/2"
AUTH = {"oauth_access_token": "x-access-token-1"}
ME = {"id": "2244994945", "name": "Developers", "username": "XDevelopers"}
TWEET_FIELDS = "created_at,author_id,conversation_id,in_reply_to_user_id,lang,public_metrics,referenced_tweets"
USER_FIELDS = "created_at,description,location,profile_image_url,protected,public_metrics,url,verified"


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer x-access-token-1"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _tweet(tweet_id="1460323737035677698", text="Introducing a new era for the Twitter Developer Platform!"):
    return {"id": tweet_id, "text": text, "edit_history_tweet_ids": [tweet_id], "author_id": "2244994945",
            "created_at": "2021-11-15T19:08:05.000Z", "conversation_id": tweet_id, "lang": "en",
            "public_metrics": {"retweet_count": 10, "reply_count": 2, "like_count": 40, "quote_count": 1}}


def _user():
    return {**ME, "created_at": "2013-12-14T04:35:55.000Z", "description": "The voice of the X Dev team",
            "location": "127.0.0.1", "protected": False, "verified": True, "url": "https://t.co/3ZX3TNiZCY",
            "public_metrics": {"followers_count": 570842, "following_count": 2048, "tweet_count": 14052, "listed_count": 1672}}


def _me_route(respx_mock):
    return respx_mock.get(f"{API}/users/me").mock(return_value=httpx.Response(200, json={"data": ME}))


async def test_get_me_and_full_response(catalog, respx_mock):
    route = respx_mock.get(f"{API}/users/me").mock(return_value=httpx.Response(200, json={"data": _user()}))
    result = await run_action(catalog.action("twitter-get-me"), {}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", "/users/me", params={"user.fields": USER_FIELDS})
    assert result.ret == {"id": "2244994945", "username": "XDevelopers", "name": "Developers",
                          "description": "The voice of the X Dev team", "location": "127.0.0.1",
                          "url": "https://t.co/3ZX3TNiZCY", "protected": False, "verified": True,
                          "created_at": "2013-12-14T04:35:55.000Z", "followers": 570842, "following": 2048, "posts": 14052}
    assert result.summary == "Signed in as @XDevelopers"
    whole = await run_action(catalog.action("twitter-get-me"), {"fullResponse": True}, auth=AUTH)
    assert whole.ret == {"data": _user()}


async def test_get_user_by_username_drops_the_at(catalog, respx_mock):
    route = respx_mock.get(f"{API}/users/by/username/XDevelopers").mock(return_value=httpx.Response(200, json={"data": _user()}))
    result = await run_action(catalog.action("twitter-get-user-by-username"), {"username": "@XDevelopers"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/users/by/username/XDevelopers", params={"user.fields": USER_FIELDS})
    assert result.ret["id"] == "2244994945" and result.summary == "Found @XDevelopers"


async def test_create_post_as_a_reply_quoting_a_link(catalog, respx_mock):
    route = respx_mock.post(f"{API}/tweets").mock(return_value=httpx.Response(201, json={"data": {
        "id": "1445880548472328192", "text": "Agreed!", "edit_history_tweet_ids": ["1445880548472328192"]}}))
    result = await run_action(catalog.action("twitter-create-post"), {
        "text": "Agreed!", "inReplyToTweetId": "1460323737035677698",
        "quoteTweetId": "https://x.com/XDevelopers/status/1455953449422516226?s=20"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/tweets", body={
        "text": "Agreed!", "reply": {"in_reply_to_tweet_id": "1460323737035677698"}, "quote_tweet_id": "1455953449422516226"})
    assert result.ret == {"id": "1445880548472328192", "text": "Agreed!"} and result.summary == "Posted 1445880548472328192"


async def test_create_post_refuses_an_empty_text_and_a_bad_id(catalog, respx_mock):
    action = catalog.action("twitter-create-post")
    assert (await run_action(action, {"text": "  "}, auth=AUTH)).error == "give the post some text"
    result = await run_action(action, {"text": "hi", "inReplyToTweetId": "abc"}, auth=AUTH)
    assert "is not a post ID" in result.error
    assert not respx_mock.calls


async def test_delete_post(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/tweets/1460323737035677698").mock(
        return_value=httpx.Response(200, json={"data": {"deleted": True}}))
    result = await run_action(catalog.action("twitter-delete-post"), {"tweetId": "1460323737035677698"}, auth=AUTH)
    assert_request(route.calls.last.request, "DELETE", "/tweets/1460323737035677698")
    assert result.ret == {"id": "1460323737035677698", "deleted": True}
    assert result.summary == "Deleted the post 1460323737035677698"


async def test_delete_post_options_are_the_users_own_posts(catalog, respx_mock):
    _me_route(respx_mock)
    route = respx_mock.get(f"{API}/users/2244994945/tweets").mock(side_effect=[
        httpx.Response(200, json={"data": [_tweet()], "meta": {"result_count": 1, "next_token": "7140dibdnow9c7btw3w29grvxfcgvpb9n9coehpk7xz5i"}}),
        httpx.Response(200, json={"data": [_tweet("1455953449422516226", "Second")], "meta": {"result_count": 1}}),
    ])
    action = catalog.action("twitter-delete-post")
    first = await fetch_options(action, "tweetId", {}, auth=AUTH)
    assert first["options"] == [{"label": "Introducing a new era for the Twitter Developer Platform!",
                                 "value": "1460323737035677698"}]
    second = await fetch_options(action, "tweetId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Second", "value": "1455953449422516226"}] and second["context"] is None
    assert_request(route.calls[1].request, "GET", "/users/2244994945/tweets",
                   params={"max_results": "100", "pagination_token": "7140dibdnow9c7btw3w29grvxfcgvpb9n9coehpk7xz5i"})


async def test_get_post_names_its_author(catalog, respx_mock):
    route = respx_mock.get(f"{API}/tweets/1460323737035677698").mock(return_value=httpx.Response(200, json={
        "data": _tweet(), "includes": {"users": [ME]}}))
    result = await run_action(catalog.action("twitter-get-post"),
                              {"tweetId": "https://x.com/XDevelopers/status/1460323737035677698"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/tweets/1460323737035677698", params={
        "tweet.fields": TWEET_FIELDS, "expansions": "author_id", "user.fields": "username,name"})
    assert result.ret["author_username"] == "XDevelopers" and result.ret["likes"] == 40 and result.ret["reposts"] == 10


async def test_search_recent_posts_follows_next_token(catalog, respx_mock):
    route = respx_mock.get(f"{API}/tweets/search/recent").mock(side_effect=[
        httpx.Response(200, json={"data": [_tweet(str(n)) for n in range(100, 110)],
                                  "meta": {"newest_id": "109", "oldest_id": "100", "result_count": 10, "next_token": "b26v89c19zqg8o3fpzbkk"}}),
        httpx.Response(200, json={"data": [_tweet("99")], "meta": {"newest_id": "99", "oldest_id": "99", "result_count": 1}}),
    ])
    action = catalog.action("twitter-search-recent-posts")
    first = await run_action(action, {"query": "from:XDevelopers -is:retweet", "sortOrder": "recency",
                                      "startTime": "2026-12-01T00:00:00Z", "limit": 10}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls[0].request, "GET", "/tweets/search/recent", params={
        "query": "from:XDevelopers -is:retweet", "tweet.fields": TWEET_FIELDS, "sort_order": "recency",
        "start_time": "2026-12-01T00:00:00Z", "max_results": "10"})
    assert len(first.ret["posts"]) == 10 and first.ret["next_cursor"] == "b26v89c19zqg8o3fpzbkk"
    second = await run_action(action, {"query": "from:XDevelopers -is:retweet", "limit": 3, "cursor": first.ret["next_cursor"]}, auth=AUTH)
    # X sends at least 10 posts from a search.
    assert route.calls[1].request.url.params["max_results"] == "10"
    assert route.calls[1].request.url.params["next_token"] == "b26v89c19zqg8o3fpzbkk"
    assert [p["id"] for p in second.ret["posts"]] == ["99"] and second.ret["next_cursor"] is None


async def test_list_user_posts_defaults_to_the_connected_user(catalog, respx_mock):
    me = _me_route(respx_mock)
    route = respx_mock.get(f"{API}/users/2244994945/tweets").mock(return_value=httpx.Response(200, json={
        "data": [_tweet()], "meta": {"result_count": 1, "newest_id": "1460323737035677698", "oldest_id": "1460323737035677698"}}))
    result = await run_action(catalog.action("twitter-list-user-posts"), {"exclude": ["replies", "retweets"], "limit": 2,
                                                                          "cursor": "7140dibdnow9c7btw3w29grvxfcgvpb9n9coehpk7xz5i"}, auth=AUTH)
    assert result.error is None, result.error
    assert me.called
    assert_request(route.calls.last.request, "GET", "/users/2244994945/tweets", params={
        "tweet.fields": TWEET_FIELDS, "exclude": "replies,retweets", "max_results": "5",
        "pagination_token": "7140dibdnow9c7btw3w29grvxfcgvpb9n9coehpk7xz5i"})
    assert result.ret["posts"][0]["id"] == "1460323737035677698" and result.ret["next_cursor"] is None
    assert result.summary == "Listed 1 post"


async def test_like_post_as_the_connected_user(catalog, respx_mock):
    _me_route(respx_mock)
    route = respx_mock.post(f"{API}/users/2244994945/likes").mock(return_value=httpx.Response(200, json={"data": {"liked": True}}))
    result = await run_action(catalog.action("twitter-like-post"), {"tweetId": "1460323737035677698"}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", "/users/2244994945/likes", body={"tweet_id": "1460323737035677698"})
    assert result.ret == {"id": "1460323737035677698", "liked": True} and result.summary == "Liked the post 1460323737035677698"


async def test_rate_limit_says_when_to_retry_and_a_duplicate_post(catalog, respx_mock, monkeypatch):
    monkeypatch.setattr("time.time", lambda: 1_700_000_000.0)
    respx_mock.post(f"{API}/tweets").mock(side_effect=[
        httpx.Response(429, headers={"x-rate-limit-limit": "200", "x-rate-limit-remaining": "0", "x-rate-limit-reset": "1700000090"},
                       json={"title": "Too Many Requests", "detail": "Too Many Requests", "type": "about:blank", "status": 429}),
        httpx.Response(403, json={"detail": "You are not allowed to create a Tweet with duplicate content.",
                                  "type": "about:blank", "title": "Forbidden", "status": 403}),
    ])
    action = catalog.action("twitter-create-post")
    assert "rate limited by X; retry after 90 s" in (await run_action(action, {"text": "hi"}, auth=AUTH)).error
    error = (await run_action(action, {"text": "hi"}, auth=AUTH)).error
    assert "duplicate content" in error and "change the text" in error


async def test_a_missing_post_in_a_200_answer(catalog, respx_mock):
    respx_mock.get(f"{API}/tweets/1").mock(return_value=httpx.Response(200, json={"errors": [{
        "value": "1", "detail": "Could not find tweet with id: [1].", "title": "Not Found Error", "resource_type": "tweet",
        "parameter": "id", "resource_id": "1", "type": "https://api.twitter.com/2/problems/resource-not-found"}]}))
    error = (await run_action(catalog.action("twitter-get-post"), {"tweetId": "1"}, auth=AUTH)).error
    assert "Could not find tweet" in error and "nothing has that ID" in error
