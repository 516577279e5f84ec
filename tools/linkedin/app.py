"""LinkedIn (member): the signed-in member's profile, and posts, comments and reactions as that member."""

from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, UpstreamError, props, retry_after_seconds

API = "https://api.linkedin.com"

# The versioned (`/rest`) APIs answer for the month named; LinkedIn keeps each version about a year.
LINKEDIN_VERSION = "202609"

SCOPES = ["openid", "profile", "email", "w_member_social"]


async def _account_test(ctx):
    """The member the token belongs to (OpenID Connect `userinfo`)."""
    me = await userinfo(ctx)
    label = f"{me.get('name')} <{me['email']}>" if me.get("email") and me.get("name") else (me.get("name") or me.get("email"))
    return Identity(name=label, external_id=me.get("sub"))


app = App(
    "linkedin",
    "LinkedIn",
    "Post on LinkedIn as the connected member: share text or a link, edit, read or delete their posts, comment on "
    "and react to posts, and read the member's name and email.",
    auth=OAuth(
        authorize_url="https://www.linkedin.com/oauth/v2/authorization",
        token_url="https://www.linkedin.com/oauth/v2/accessToken",
        scopes=SCOPES,
    ),
    categories=["Social Media"],
    featured_weight=60,
    base_url=API,
    allowed_domains=["api.linkedin.com"],
    test=_account_test,
)


# Errors: LinkedIn answers `{"status": n, "serviceErrorCode": n, "code": "...", "message": "..."}`.

_CODE_HINTS = {
    "ACCESS_DENIED": "the connection's permissions do not cover this: a member token (openid, profile, email, "
                     "w_member_social) may post, comment, react and delete its own posts; reading posts needs LinkedIn's "
                     "restricted r_member_social permission",
    "INVALID_ACCESS_TOKEN": "LinkedIn rejected the token (tokens last 60 days); the user should reconnect LinkedIn",
    "EXPIRED_ACCESS_TOKEN": "the LinkedIn token expired (they last 60 days); the user should reconnect LinkedIn",
    "REVOKED_ACCESS_TOKEN": "the member revoked this app's access; the user should reconnect LinkedIn",
    "NONEXISTENT_VERSION": "LinkedIn no longer serves the API version this app asks for; the app needs a newer LinkedIn-Version",
    "VERSION_MISSING": "LinkedIn wants a LinkedIn-Version header on this call",
}


def linkedin_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    data = data if isinstance(data, dict) else {}
    code = data.get("code")
    message = data.get("message") or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    if status == 429:
        wait = f"retry after {retry_after:g} s" if retry_after is not None else "LinkedIn's limits are daily; retry tomorrow"
        hint = f"rate limited by LinkedIn; {wait}"
    elif code in _CODE_HINTS:
        hint = _CODE_HINTS[code]
    elif status == 422 and "duplicate" in message.lower():
        hint = "LinkedIn refuses a post identical to a recent one; change the text"
    elif status == 426:
        hint = _CODE_HINTS["NONEXISTENT_VERSION"]
    elif status == 401:
        hint = _CODE_HINTS["INVALID_ACCESS_TOKEN"]
    elif status == 403:
        hint = _CODE_HINTS["ACCESS_DENIED"]
    elif status == 404:
        hint = "no post has that URN, or it was deleted; post URNs look like `urn:li:share:7123...`"
    elif status >= 500:
        hint = "LinkedIn had a server error; retrying later may work"
    else:
        hint = "fix the values named in the message"
    return UpstreamError(f"LinkedIn API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def send(ctx, method, path, **kw):
    """A call to a versioned (`/rest`) API; the raw response, errors raised in words."""
    headers = {"LinkedIn-Version": LINKEDIN_VERSION, "X-Restli-Protocol-Version": "2.0.0", **(kw.pop("headers", None) or {})}
    response = await ctx.http.request(method, path, headers=headers, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise linkedin_error(method, path, response)
    return response


async def userinfo(ctx):
    response = await ctx.http.request("GET", "/v2/userinfo", raise_for_status=False)
    if response.status_code >= 400:
        raise linkedin_error("GET", "/v2/userinfo", response)
    return response.json()


async def member_urn(ctx):
    """The person URN posts are written as: `urn:li:person:` and the member's OpenID subject."""
    sub = (await userinfo(ctx)).get("sub")
    if not sub:
        raise ActionError("LinkedIn did not say who the member is; reconnect LinkedIn with the openid scope")
    return f"urn:li:person:{sub}"


def post_path(urn):
    return f"/rest/posts/{quote(check_post_urn(urn), safe='')}"


def check_post_urn(urn):
    value = str(urn or "").strip()
    if not value.startswith(("urn:li:share:", "urn:li:ugcPost:")):
        raise ActionError(
            f"{value!r} is not a post URN; give one like `urn:li:share:7123456789012345678` (from linkedin-create-text-post "
            "or linkedin-create-link-post) or `urn:li:ugcPost:...`"
        )
    return value


def new_post(author, text, visibility):
    return {
        "author": author,
        "commentary": text,
        "visibility": visibility or "PUBLIC",
        "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [], "thirdPartyDistributionChannels": []},
        "lifecycleState": "PUBLISHED",
        "isReshareDisabledByAuthor": False,
    }


def created_post(response, author):
    urn = response.headers.get("x-restli-id")
    return {"id": urn, "author": author, "url": f"https://www.linkedin.com/feed/update/{urn}/" if urn else None}


def post_summary(post):
    content = post.get("content") or {}
    article = content.get("article") or {}
    return {
        "id": post.get("id"),
        "author": post.get("author"),
        "commentary": post.get("commentary"),
        "visibility": post.get("visibility"),
        "lifecycle_state": post.get("lifecycleState"),
        "article": {"source": article.get("source"), "title": article.get("title")} if article else None,
        "created_at": post.get("createdAt"),
        "published_at": post.get("publishedAt"),
        "last_modified_at": post.get("lastModifiedAt"),
    }


app.define(
    "postUrn",
    props.string(
        "Post",
        "The post's URN, e.g. `urn:li:share:7123456789012345678`: the `id` linkedin-create-text-post or "
        "linkedin-create-link-post returned, or the part after /feed/update/ in the post's LinkedIn address.",
    ),
)

app.define(
    "text",
    props.string(
        "Text",
        "The post's text, up to 3,000 characters. Hashtags are written inline, e.g. `#hiring`. Characters LinkedIn "
        "treats as markup (`( ) [ ] { } < > @ | ~ _ *`) are sent escaped so they show as typed.",
    ),
)

app.define(
    "visibility",
    props.string(
        "Visibility",
        "`PUBLIC` (anyone, the default) or `CONNECTIONS` (the member's network only).",
        options=["PUBLIC", "CONNECTIONS"],
        optional=True,
    ),
)


_RESERVED = "\\|{}@[]()<>#*_~"


def little_text(text):
    """Post text in LinkedIn's "little" format, where these characters are markup unless escaped.
    Hashtags stay live: a `#` before a word is kept as written."""
    out = []
    for i, ch in enumerate(text):
        tag = ch == "#" and i + 1 < len(text) and (text[i + 1].isalnum() or text[i + 1] == "_")
        out.append("\\" + ch if ch in _RESERVED and not tag else ch)
    return "".join(out)
