"""Reddit: read subreddits, listings, searches and threads, and post, comment and vote as the connected user."""

import re

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, UpstreamError, props

API = "https://oauth.reddit.com"

# Reddit refuses API calls without a descriptive User-Agent of the form platform:app:version.
USER_AGENT = "server:mcp-gateway-reddit:1.0 (self-hosted MCP gateway)"

SCOPES = ["identity", "read", "submit", "vote", "mysubreddits"]

# Listings return 100 things at most a call.
MAX_PAGE = 100

_SUBREDDIT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_]{1,20}$")
_FULLNAME = re.compile(r"^t[1-6]_[a-z0-9]+$")


def _headers(auth):
    token = auth.get("oauth_access_token")
    headers = {"User-Agent": USER_AGENT}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return headers


async def _account_test(ctx):
    """The connected Reddit user (`GET /api/v1/me`)."""
    me = await api(ctx, "GET", "/api/v1/me")
    return Identity(name=f"u/{me['name']}" if me.get("name") else None, external_id=me.get("id"))


app = App(
    "reddit",
    "Reddit",
    "Browse Reddit as the connected user (subreddit info, hot, new and top posts, search, threads with comments) "
    "and take part: submit posts, comment and vote.",
    auth=OAuth(
        authorize_url="https://www.reddit.com/api/v1/authorize",
        token_url="https://www.reddit.com/api/v1/access_token",
        scopes=SCOPES,
        token_auth_method="client_secret_basic",
        # Without it Reddit's token lasts an hour and comes with no refresh token.
        extra_authorize_params={"duration": "permanent"},
    ),
    categories=["Social Media"],
    featured_weight=60,
    base_url=API,
    allowed_domains=["oauth.reddit.com"],
    auth_headers=_headers,
    test=_account_test,
)


# Errors. HTTP errors come as `{"message": "Forbidden", "error": 403, "reason": "private"}`; a refused submit or
# comment comes back 200 with `{"json": {"errors": [["CODE", "message", "field"]]}}`.

_REASONS = {
    "private": "the subreddit is private; only its approved members can read it",
    "banned": "the subreddit is banned on Reddit",
    "quarantined": "the subreddit is quarantined; the user must opt in on reddit.com before the API can read it",
    "gold_only": "the subreddit is for Reddit Premium members only",
}

_CODES = {
    "SUBREDDIT_NOEXIST": "no subreddit has that name; check the spelling (without `r/`)",
    "SUBREDDIT_NOTALLOWED": "the user may not post in this subreddit (it is restricted to approved users)",
    "NO_SELFS": "this subreddit takes only link posts; submit with kind `link` and a url",
    "NO_LINKS": "this subreddit takes only text posts; submit with kind `self` and text",
    "ALREADY_SUB": "that link was already posted in this subreddit; set resubmit to post it again",
    "BAD_URL": "the url is not a valid web address",
    "NO_TEXT": "the comment or post needs text",
    "TOO_LONG": "the text is too long for Reddit (titles 300 characters, bodies 40,000)",
    "THREAD_LOCKED": "the post is locked; no one can comment on it",
    "SUBMIT_VALIDATION_FLAIR_REQUIRED": "this subreddit requires a post flair, which this action does not set; post on reddit.com",
}


def _rate_limit_wait(response):
    # Reddit's x-ratelimit-reset counts seconds to the end of the window, not a clock time.
    for name in ("retry-after", "x-ratelimit-reset"):
        try:
            return max(0.0, float(response.headers[name]))
        except (KeyError, ValueError):
            continue
    return None


def reddit_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    data = data if isinstance(data, dict) else {}
    message = data.get("message") or data.get("explanation") or response.text[:300] or response.reason_phrase
    retry_after = _rate_limit_wait(response) if status == 429 else None
    if status == 429:
        hint = f"rate limited by Reddit; {'retry after %g s' % retry_after if retry_after is not None else 'retry in a minute'}"
    elif data.get("reason") in _REASONS:
        hint = _REASONS[data["reason"]]
    elif status == 401:
        hint = "Reddit rejected the token; the user should reconnect Reddit"
    elif status == 403:
        hint = "the user may not see or do this on Reddit (a private or restricted subreddit, or a missing scope)"
    elif status == 404:
        hint = "nothing has that name or ID on Reddit; check the subreddit name and the post ID"
    elif status >= 500:
        hint = "Reddit had a server error; retrying later may work"
    else:
        hint = "fix the values named in the message"
    return UpstreamError(f"Reddit API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


def refused(action, errors):
    """A submit, comment or vote Reddit answered with `json.errors`: the first error in words."""
    code, message, field = (list(errors[0]) + [None, None, None])[:3]
    hint = _CODES.get(code) or "fix the value named"
    if code == "RATELIMIT":
        hint = "Reddit limits how often an account may post; wait the time it names, then retry"
    where = f" (field `{field}`)" if field else ""
    return UpstreamError(f"Reddit refused to {action}: {code}: {message}{where} ({hint})", status=400, body=str(errors)[:500])


async def api(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise reddit_error(method, path, response)
    return response.json() if response.content else {}


def subreddit_name(value):
    name = re.sub(r"^/?r/", "", str(value or "").strip()).strip("/")
    if not _SUBREDDIT.match(name):
        raise ActionError(f"subreddit {value!r} is not a subreddit name; give it as `python` (for r/python)")
    return name


def fullname(value, kinds=("t1_", "t3_")):
    text = str(value or "").strip()
    if not _FULLNAME.match(text) or not text.startswith(kinds):
        raise ActionError(
            f"{value!r} is not a Reddit fullname; give a post as `t3_` and its ID (e.g. `t3_1h2k3l4`) or a comment as "
            "`t1_` and its ID, as the `name` field of the list and get actions returns them"
        )
    return text


def post_id(value):
    """A post's base-36 ID, from `t3_abc123` or `abc123`."""
    text = str(value or "").strip()
    text = text[3:] if text.startswith("t3_") else text
    if not re.fullmatch(r"[a-z0-9]+", text):
        raise ActionError(f"{value!r} is not a post ID; give it as `1h2k3l4` or `t3_1h2k3l4`, the `id` or `name` of a listed post")
    return text


async def listing(ctx, path, *, limit, cursor, params=None):
    """Up to `limit` things of a Reddit listing from `cursor` (the `after` fullname) on, and the cursor after them."""
    things, after = [], cursor or None
    while len(things) < limit:
        query = {**(params or {}), "limit": min(MAX_PAGE, limit - len(things)), "raw_json": 1}
        if after:
            query["after"] = after
        data = (await api(ctx, "GET", path, params=query)).get("data") or {}
        things.extend(child.get("data") or {} for child in data.get("children") or [])
        after = data.get("after")
        if not after or not data.get("children"):
            break
    return things[:limit], after


def post_summary(post):
    return {
        "id": post.get("id"),
        "name": post.get("name"),
        "title": post.get("title"),
        "subreddit": post.get("subreddit"),
        "author": post.get("author"),
        "selftext": post.get("selftext") or None,
        "url": post.get("url"),
        "permalink": f"https://www.reddit.com{post['permalink']}" if post.get("permalink") else None,
        "score": post.get("score"),
        "upvote_ratio": post.get("upvote_ratio"),
        "num_comments": post.get("num_comments"),
        "created_utc": post.get("created_utc"),
        "over_18": post.get("over_18"),
        "link_flair_text": post.get("link_flair_text"),
        "is_self": post.get("is_self"),
        "stickied": post.get("stickied"),
        "locked": post.get("locked"),
    }


def comment_summary(comment):
    # A comment without replies has `replies: ""`; one with them nests a listing.
    replies = comment.get("replies")
    children = (replies.get("data") or {}).get("children") or [] if isinstance(replies, dict) else []
    return {
        "id": comment.get("id"),
        "name": comment.get("name"),
        "author": comment.get("author"),
        "body": comment.get("body"),
        "score": comment.get("score"),
        "created_utc": comment.get("created_utc"),
        "parent_id": comment.get("parent_id"),
        "replies": [comment_summary(c["data"]) for c in children if c.get("kind") == "t1"],
    }


async def _subreddit_options(ctx):
    query = {"limit": MAX_PAGE}
    if ctx.prev_context.get("after"):
        query["after"] = ctx.prev_context["after"]
    data = (await api(ctx, "GET", "/subreddits/mine/subscriber", params=query)).get("data") or {}
    options = [Option(label=c["data"].get("display_name_prefixed") or c["data"]["display_name"], value=c["data"]["display_name"])
               for c in data.get("children") or []]
    return OptionsPage(options=options, context={"after": data["after"]} if data.get("after") else None)


app.define(
    "subreddit",
    props.string(
        "Subreddit",
        "The subreddit's name without `r/`, e.g. `python` for reddit.com/r/python. The choices are the subreddits "
        "the user has joined; any public subreddit works.",
        options=_subreddit_options,
    ),
)

app.define(
    "time",
    props.string(
        "Time Range",
        "For `top` (and search): the period, `hour`, `day`, `week`, `month`, `year` or `all`.",
        options=["hour", "day", "week", "month", "year", "all"],
        optional=True,
    ),
)
