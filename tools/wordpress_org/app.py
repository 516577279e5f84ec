"""WordPress (self-hosted): posts, pages, categories and media through a site's REST API."""

import base64
from urllib.parse import urlsplit

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds

# The REST API pages collections 100 at most a call.
MAX_PAGE = 100

STATUSES = ["publish", "future", "draft", "pending", "private"]


def _headers(auth):
    # Application Passwords are HTTP Basic credentials: the user name and the generated password.
    username, password = auth.get("username"), auth.get("application_password")
    if not username or not password:
        return {}
    return {"Authorization": "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()}


def site_root(auth):
    """The site's address, checked to be https: the password travels with every request."""
    raw = str(auth.get("site_url") or "").strip().rstrip("/")
    parts = urlsplit(raw)
    if parts.scheme != "https" or not parts.hostname:
        raise ActionError(
            f"site URL {raw!r} must be the site's https address, e.g. `https://blog.example.com`; WordPress sends the "
            "Application Password with every request, so plain http is refused"
        )
    return raw


async def _account_test(ctx):
    """The user the Application Password signs in as (`GET /users/me`)."""
    me = await api(ctx, "GET", "/users/me", params={"context": "edit"})
    host = urlsplit(site_root(ctx.auth)).hostname
    return Identity(name=f"{me.get('name') or me.get('slug')} @ {host}", external_id=None if me.get("id") is None else str(me["id"]))


app = App(
    "wordpress_org",
    "WordPress.org",
    "Write and manage a self-hosted WordPress site: list, read, create, update and delete posts, and list its pages, "
    "categories and media library.",
    auth=Keys([
        KeyField("username", "Username", "The WordPress user name the Application Password belongs to.", secret=False),
        KeyField(
            "application_password",
            "Application Password",
            "An Application Password for that user: in WordPress go to Users > Profile > Application Passwords, name "
            "it and click Add New (e.g. `abcd EFGH 1234 ijkl MNOP 6789`).",
        ),
    ]),
    custom_fields=[
        KeyField("site_url", "Site URL", "The site's https address, e.g. `https://blog.example.com`.", secret=False),
    ],
    categories=["Website Builders"],
    featured_weight=50,
    base_url="{{custom_fields.site_url}}/wp-json/wp/v2",
    auth_headers=_headers,
    test=_account_test,
)


# Errors: WordPress answers `{"code": "rest_...", "message": "...", "data": {"status": n, "params": {...}}}`.

_CODE_HINTS = {
    "incorrect_password": "WordPress rejected the Application Password; the user should reconnect with a new one",
    "invalid_username": "WordPress has no such user name; reconnect with the right one",
    "rest_not_logged_in": "the request was not signed in: the site or its host may strip the Authorization header, "
                          "or Application Passwords are turned off",
    "rest_cannot_create": "the WordPress user's role may not create this; use an Editor or Administrator account",
    "rest_cannot_edit": "the WordPress user's role may not edit this post",
    "rest_cannot_delete": "the WordPress user's role may not delete this post",
    "rest_cannot_publish": "the user may not publish; save it as `draft` or `pending` instead",
    "rest_post_invalid_id": "no post has that ID; find it with wordpress_org-list-posts",
    "rest_already_trashed": "the post is already in the trash; pass force to delete it for good",
    "rest_trash_not_supported": "this post type has no trash; pass force to delete it for good",
    "rest_post_invalid_page_number": "that page is past the last one; start again without a cursor",
}


def wordpress_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    data = data if isinstance(data, dict) else {}
    code = data.get("code")
    message = data.get("message") or response.text[:300] or response.reason_phrase
    params = (data.get("data") or {}).get("params") if isinstance(data.get("data"), dict) else None
    if isinstance(params, dict) and params:
        message += ": " + "; ".join(f"{k}: {v}" for k, v in params.items())
    retry_after = retry_after_seconds(response)
    if status == 429:
        hint = f"rate limited by the site; {'retry after %g s' % retry_after if retry_after is not None else 'retry later'}"
    elif code in _CODE_HINTS:
        hint = _CODE_HINTS[code]
    elif code == "rest_invalid_param":
        hint = "fix the parameters named in the message"
    elif status == 401:
        hint = _CODE_HINTS["incorrect_password"]
    elif status == 404:
        hint = "nothing has that ID on this site, or the site's REST API is not at /wp-json; check the site URL"
    elif status >= 500:
        hint = "the WordPress site had a server error; retrying later may work"
    else:
        hint = "fix the values named in the message"
    return UpstreamError(f"WordPress API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def request(ctx, method, path, **kw):
    url = f"{site_root(ctx.auth)}/wp-json/wp/v2{path}"
    response = await ctx.http.request(method, url, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise wordpress_error(method, path, response)
    return response


async def api(ctx, method, path, **kw):
    response = await request(ctx, method, path, **kw)
    return response.json() if response.content else {}


def _offset(cursor):
    if not cursor:
        return 0
    try:
        return max(0, int(cursor))
    except ValueError:
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged") from None


async def collect(ctx, path, *, limit, cursor, params=None):
    """Up to `limit` records from the cursor (an offset) on, the total, and the cursor after them."""
    offset = _offset(cursor)
    response = await request(ctx, "GET", path, params={**(params or {}), "per_page": min(MAX_PAGE, limit), "offset": offset})
    records = response.json() if response.content else []
    total = int(response.headers.get("x-wp-total") or 0)
    following = offset + len(records)
    return records, total, (str(following) if records and following < total else None)


def _rendered(value):
    return value.get("rendered") if isinstance(value, dict) else value


def post_summary(post):
    return {
        "id": post.get("id"),
        "title": _rendered(post.get("title")),
        "status": post.get("status"),
        "link": post.get("link"),
        "slug": post.get("slug"),
        "date": post.get("date"),
        "modified": post.get("modified"),
        "author": post.get("author"),
        "excerpt": _rendered(post.get("excerpt")),
        "categories": post.get("categories"),
        "tags": post.get("tags"),
        "parent": post.get("parent"),
    }


def post_detail(post):
    return {**post_summary(post), "content": _rendered(post.get("content")), "featured_media": post.get("featured_media")}


def category_summary(category):
    return {"id": category.get("id"), "name": category.get("name"), "slug": category.get("slug"),
            "count": category.get("count"), "parent": category.get("parent"), "description": category.get("description"),
            "link": category.get("link")}


def media_summary(media):
    return {"id": media.get("id"), "title": _rendered(media.get("title")), "media_type": media.get("media_type"),
            "mime_type": media.get("mime_type"), "source_url": media.get("source_url"), "alt_text": media.get("alt_text"),
            "date": media.get("date"), "post": media.get("post")}


async def _post_options(ctx):
    number = ctx.prev_context.get("page") or 1
    response = await request(ctx, "GET", "/posts", params={"per_page": MAX_PAGE, "page": number, "status": "any",
                                                            "context": "edit"})
    posts = response.json() if response.content else []
    options = [Option(label=_rendered(p.get("title")) or f"(no title) #{p['id']}", value=p["id"]) for p in posts]
    more = number < int(response.headers.get("x-wp-totalpages") or 0)
    return OptionsPage(options=options, context={"page": number + 1} if more else None)


async def _category_options(ctx):
    number = ctx.prev_context.get("page") or 1
    response = await request(ctx, "GET", "/categories", params={"per_page": MAX_PAGE, "page": number})
    categories = response.json() if response.content else []
    options = [Option(label=c.get("name") or str(c["id"]), value=c["id"]) for c in categories]
    more = number < int(response.headers.get("x-wp-totalpages") or 0)
    return OptionsPage(options=options, context={"page": number + 1} if more else None)


app.define(
    "postId",
    props.integer(
        "Post",
        "The numeric ID of a post, from wordpress_org-list-posts (its `id`) or the `post=` number in the editor's "
        "URL, e.g. `123` for /wp-admin/post.php?post=123&action=edit.",
        options=_post_options,
    ),
)

app.define(
    "categories",
    props.integer_list(
        "Categories",
        "IDs of the post's categories, from wordpress_org-list-categories, e.g. `[4, 7]`.",
        optional=True,
        options=_category_options,
    ),
)

app.define(
    "status",
    props.string(
        "Status",
        "`publish` (live now), `draft`, `pending` (awaiting review), `private`, or `future` (with a date to publish on).",
        options=STATUSES,
        optional=True,
    ),
)


def post_body(ctx):
    """The post fields the props give, by the REST API's names."""
    body = {}
    for prop, field in (("title", "title"), ("content", "content"), ("excerpt", "excerpt"), ("status", "status"),
                        ("slug", "slug"), ("date", "date"), ("featuredMedia", "featured_media")):
        if ctx.props.get(prop) not in (None, ""):
            body[field] = ctx.props[prop]
    for prop in ("categories", "tags"):
        if ctx.props.get(prop):
            body[prop] = [int(v) for v in ctx.props[prop]]
    return body


POST_PROPS = {
    "content": props.string("Content", "The body, as HTML (block markup works too), e.g. `<p>Hello</p>`.", optional=True),
    "excerpt": props.string("Excerpt", "A short summary shown in lists and feeds.", optional=True),
    "status": app.definition("status"),
    "categories": app.definition("categories"),
    "tags": props.integer_list("Tags", "IDs of existing tags.", optional=True),
    "slug": props.string("Slug", "The URL part, e.g. `spring-launch`; WordPress makes one from the title if left empty.", optional=True),
    "date": props.string("Publish Date", "When the post is (or was) published, in the site's time zone, e.g. `2026-12-24T09:00:00`.",
                         optional=True),
    "featuredMedia": props.integer("Featured Image", "The media ID of the featured image, from wordpress_org-list-media.", optional=True),
}
