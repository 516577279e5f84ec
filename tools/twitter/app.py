"""X (formerly Twitter) API v2: the connected user's posts, likes, and public users and posts."""

import time
from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API = "https://api.x.com/2"

SCOPES = ["tweet.read", "tweet.write", "users.read", "like.write", "offline.access"]

# Fields asked for on every post and user, so summaries have times, authors and counts.
TWEET_FIELDS = "created_at,author_id,conversation_id,in_reply_to_user_id,lang,public_metrics,referenced_tweets"
USER_FIELDS = "created_at,description,location,profile_image_url,protected,public_metrics,url,verified"

# X pages timelines and searches 100 posts at most; search wants at least 10, timelines 5.
MAX_PAGE = 100


async def _account_test(ctx):
    """The signed-in user (`GET /users/me`)."""
    me = (await api(ctx, "GET", "/users/me")).get("data") or {}
    return Identity(name=f"@{me.get('username')}" if me.get("username") else None, external_id=me.get("id"))


app = App(
    "twitter",
    "X (Twitter)",
    "Post, delete and like posts on X as the connected user, read posts and user profiles, search recent posts "
    "and read a user's timeline.",
    auth=OAuth(
        authorize_url="https://twitter.com/i/oauth2/authorize",
        token_url="https://api.x.com/2/oauth2/token",
        scopes=SCOPES,
        pkce=True,
        token_auth_method="client_secret_basic",
    ),
    categories=["Social Media"],
    featured_weight=60,
    base_url=API,
    allowed_domains=["api.x.com"],
    test=_account_test,
)


def _retry_after(response):
    # X gives the end of the rate-limit window as epoch seconds in `x-rate-limit-reset`.
    seconds = retry_after_seconds(response)
    reset = response.headers.get("x-rate-limit-reset")
    if seconds is None and reset:
        try:
            seconds = max(0.0, float(reset) - time.time())
        except ValueError:
            return None
    return seconds


def _problem(data):
    """The first words of X's error body: a Problem (`title`, `detail`) or an `errors` list."""
    if not isinstance(data, dict):
        return None, None
    errors = data.get("errors") if isinstance(data.get("errors"), list) else []
    first = errors[0] if errors and isinstance(errors[0], dict) else {}
    detail = data.get("detail") or first.get("detail") or first.get("message") or data.get("title")
    kind = data.get("type") or first.get("type") or ""
    return detail, kind.rsplit("/", 1)[-1]


_TYPE_HINTS = {
    "resource-not-found": "nothing has that ID or username on X; check it, or look the user up with twitter-get-user-by-username",
    "not-authorized-for-resource": "the connected user may not see this (a protected account, or a post they cannot read)",
    "duplicate": "X refuses a post with the same text as a recent one; change the text",
    "usage-capped": "the X app's monthly post cap for its access tier is used up; wait for the next period or upgrade the tier",
    "client-forbidden": "the X developer app is not allowed this endpoint at its access tier or is not attached to a project",
    "invalid-request": "some values are not what X expects; see the message",
}


def twitter_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    detail, kind = _problem(data)
    message = detail or response.text[:300] or response.reason_phrase
    retry_after = _retry_after(response)
    if status == 429:
        hint = "rate limited by X; " + (f"retry after {retry_after:.0f} s" if retry_after is not None else "retry in 15 minutes")
    elif kind in _TYPE_HINTS:
        hint = _TYPE_HINTS[kind]
    elif "duplicate content" in str(message).lower():
        hint = _TYPE_HINTS["duplicate"]
    elif status == 401:
        hint = "X rejected the token; the user should reconnect X"
    elif status == 403:
        hint = "X refused this for the connected user; if a scope is missing, reconnect X and approve it"
    elif status == 404:
        hint = _TYPE_HINTS["resource-not-found"]
    elif status >= 500:
        hint = "X had a server error; retrying later may work"
    else:
        hint = "fix the values named in the message"
    return UpstreamError(f"X API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    # X answers some failures with 200 and only an `errors` list (a post that was deleted).
    data = response.json() if response.content else {}
    if response.status_code >= 400 or (isinstance(data, dict) and data.get("errors") and "data" not in data):
        raise twitter_error(method, path, response)
    return data


def seg(value):
    return quote(str(value).strip(), safe="")


def post_id(value):
    """A post's ID, from the ID itself or a post's link (`https://x.com/user/status/123`)."""
    text = str(value or "").strip().rstrip("/")
    if "/status/" in text:
        text = text.split("/status/", 1)[1].split("?", 1)[0].split("/", 1)[0]
    if not text.isdigit():
        raise ActionError(f"{value!r} is not a post ID; give the digits, e.g. `1460323737035677698`, or the post's link")
    return text


async def my_id(ctx):
    return ((await api(ctx, "GET", "/users/me")).get("data") or {}).get("id")


def tweet_summary(tweet):
    metrics = tweet.get("public_metrics") or {}
    return {
        "id": tweet.get("id"),
        "text": tweet.get("text"),
        "author_id": tweet.get("author_id"),
        "created_at": tweet.get("created_at"),
        "conversation_id": tweet.get("conversation_id"),
        "in_reply_to_user_id": tweet.get("in_reply_to_user_id"),
        "referenced_tweets": tweet.get("referenced_tweets"),
        "likes": metrics.get("like_count"),
        "reposts": metrics.get("retweet_count"),
        "replies": metrics.get("reply_count"),
    }


def user_summary(user):
    metrics = user.get("public_metrics") or {}
    return {
        "id": user.get("id"),
        "username": user.get("username"),
        "name": user.get("name"),
        "description": user.get("description"),
        "location": user.get("location"),
        "url": user.get("url"),
        "protected": user.get("protected"),
        "verified": user.get("verified"),
        "created_at": user.get("created_at"),
        "followers": metrics.get("followers_count"),
        "following": metrics.get("following_count"),
        "posts": metrics.get("tweet_count"),
    }


def in_data(summary):
    """Trim a `{"data": {...}}` answer to the summary of its record."""
    return lambda payload: summary(payload.get("data") or {})


async def collect(ctx, path, *, limit, cursor, params, cursor_name, minimum):
    """About `limit` posts from `cursor` on, following X's `meta.next_token`. X pages hold at least
    `minimum` posts, and a page is kept whole so the cursor skips none."""
    posts, token = [], cursor or None
    while len(posts) < limit:
        query = {**params, "max_results": max(minimum, min(MAX_PAGE, limit - len(posts)))}
        if token:
            query[cursor_name] = token
        page = await api(ctx, "GET", path, params=query)
        posts.extend(page.get("data") or [])
        token = (page.get("meta") or {}).get("next_token")
        if not token:
            break
    return posts, token


async def _my_post_options(ctx):
    user_id = ctx.prev_context.get("userId") or await my_id(ctx)
    query = {"max_results": MAX_PAGE}
    if ctx.prev_context.get("token"):
        query["pagination_token"] = ctx.prev_context["token"]
    page = await api(ctx, "GET", f"/users/{seg(user_id)}/tweets", params=query)
    options = [Option(label=(t.get("text") or t["id"])[:80], value=t["id"]) for t in page.get("data") or []]
    token = (page.get("meta") or {}).get("next_token")
    return OptionsPage(options=options, context={"userId": user_id, "token": token} if token else None)


app.define(
    "tweetId",
    props.string(
        "Post ID",
        "The numeric ID of a post, e.g. `1460323737035677698`: the digits after /status/ in its link "
        "(https://x.com/XDevelopers/status/1460323737035677698), or the `id` from twitter-search-recent-posts, "
        "twitter-list-user-posts or twitter-create-post. The link itself works too.",
    ),
)

app.define(
    "myTweetId",
    props.string(
        "Post ID",
        "The numeric ID of one of the connected user's own posts, e.g. `1460323737035677698`: the digits after "
        "/status/ in its link, or the `id` from twitter-create-post or twitter-list-user-posts. The link works too.",
        options=_my_post_options,
    ),
)

app.define(
    "limit",
    props.limit("posts").but(description=(
        "How many posts to return in this call (default 25, at most 100; X sends at least 10 from a search and 5 "
        "from a timeline). When more exist, the result has a `next_cursor` for the next call."
    )),
)

app.define(
    "username",
    props.string("Username", "An X handle without the @, e.g. `XDevelopers` (from https://x.com/XDevelopers)."),
)
