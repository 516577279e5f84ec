import html
import json
import re
from urllib.parse import unquote

from mcp_gateway.catalog import ActionError, App, Identity, Option, OptionsPage, UpstreamError, props, status_hint

from .. import _atlassian

# Granular scopes: the v2 REST API (pages, spaces, comments, attachments) only accepts these.
# `search:confluence` and `read:content-details:confluence` cover the v1 CQL search and attachment
# upload, which have no v2 equivalent; `read:me` is for the account test.
SCOPES = [
    "read:page:confluence",
    "write:page:confluence",
    "delete:page:confluence",
    "read:space:confluence",
    "read:comment:confluence",
    "write:comment:confluence",
    "read:attachment:confluence",
    "write:attachment:confluence",
    "read:content-details:confluence",
    "search:confluence",
    "read:me",
    "offline_access",
]


async def _account_test(ctx):
    """The Atlassian account behind the token (`GET /me`, the user identity API)."""
    me = (await ctx.http.get("/me")).json()
    return Identity(name=me.get("name") or me.get("email"), external_id=me.get("account_id"))


app = App(
    "confluence",
    "Confluence",
    "Search, read, create and update Confluence Cloud pages, list spaces, comment, and upload or download "
    "attachments in the connected user's Atlassian sites.",
    auth=_atlassian.atlassian_oauth(SCOPES),
    categories=["Productivity"],
    featured_weight=80,
    base_url=_atlassian.API,
    allowed_domains=["api.atlassian.com"],
    test=_account_test,
)

async def resolve_site(ctx):
    """The Confluence site this run calls (see `_atlassian`)."""
    return await _atlassian.resolve_site(ctx, "confluence", "Confluence")


_HINTS = {
    403: "the account lacks permission for this operation in Confluence",
    404: "check that the page, space or attachment ID is correct and visible to this account",
    409: "the content changed meanwhile or a title is taken; read it again and retry",
}


def _confluence_detail(body):
    """v2 errors are `{"errors": [{"title", "detail"}]}`; v1 errors are `{"message": ...}`."""
    try:
        data = json.loads(body) if body else None
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    errors = data.get("errors")
    if isinstance(errors, list) and errors:
        parts = []
        for error in errors[:5]:
            if isinstance(error, dict):
                text = error.get("detail") or error.get("title") or error.get("code")
                title = error.get("title")
                parts.append(f"{title}: {text}" if title and text != title else str(text))
            else:
                parts.append(str(error))
        return "; ".join(parts)
    if data.get("message"):
        return str(data["message"])
    return None


async def confluence(ctx, method, path, **kw):
    """A Confluence request on the chosen site; `path` starts after `/wiki`, e.g. `/api/v2/pages/123`."""
    site = await resolve_site(ctx)
    url = f"/ex/confluence/{site['id']}/wiki{path}"
    try:
        return await ctx.http.request(method, url, **kw)
    except UpstreamError as exc:
        detail = _confluence_detail(exc.body)
        if not detail:
            raise
        if exc.status in (401, 403) and "scope" in detail.lower():
            hint = "the connection lacks a permission this needs; reconnect the Confluence account and approve every scope asked"
        else:
            hint = status_hint("Confluence", exc.status, exc.retry_after, _HINTS)
        raise UpstreamError(
            f"Confluence API error {exc.status} on {method} {path}: {detail} ({hint})",
            status=exc.status,
            retry_after=exc.retry_after,
            body=exc.body,
        ) from None


def site_base(ctx, data=None):
    """The site's `/wiki` URL: the answer's own `_links.base`, else the chosen site's."""
    base = ((data or {}).get("_links") or {}).get("base")
    if base:
        return base
    site = _atlassian.chosen_site(ctx)
    return f"{site['url'].rstrip('/')}/wiki" if site.get("url") else None


def with_base(record, base):
    """The record with `_links.base` filled in: v2 lists give it once for all their results, and the
    summaries build browser URLs from it."""
    links = record.get("_links") or {}
    if links.get("base") or not base:
        return record
    return {**record, "_links": {**links, "base": base}}


def web_url(links):
    """The browser URL of a page or comment from its `_links.webui` (relative to the site's `/wiki`)."""
    webui = (links or {}).get("webui")
    if not webui:
        return None
    if webui.startswith("http"):
        return webui
    base = (links or {}).get("base")
    return f"{base.rstrip('/')}{webui}" if base else webui


def page_id(value):
    """A page ID such as `123456` (a page URL with `/pages/123456/` works too)."""
    text = str(value or "").strip()
    found = re.search(r"/pages/(\d+)", text) or re.search(r"[?&]pageId=(\d+)", text)
    if found:
        text = found.group(1)
    if not text.isdigit():
        raise ActionError(f"page {value!r} must be a numeric page ID such as `123456` (it appears in the page URL)")
    return text


_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|tr|div|pre|blockquote)>|<br\s*/?>", re.IGNORECASE)


def storage_to_text(value):
    """Readable text from Confluence storage format (XHTML): tags dropped, blocks on their own lines."""
    if not value:
        return ""
    text = _BLOCK_END.sub("\n", value)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def text_to_storage(text):
    """Plain text as storage format: paragraphs on blank lines, line breaks kept, characters escaped."""
    paragraphs = re.split(r"\n\s*\n", str(text).strip())
    return "".join(f"<p>{html.escape(p).replace(chr(10), '<br/>')}</p>" for p in paragraphs if p.strip())


BODY_FORMATS = ["storage", "wiki", "plain_text"]


def body_for(text, body_format):
    """The `body` of a v2 write request for text written in `body_format`."""
    if body_format == "plain_text":
        return {"representation": "storage", "value": text_to_storage(text)}
    if body_format not in ("storage", "wiki"):
        raise ActionError(f"bodyFormat {body_format!r} must be one of {', '.join(BODY_FORMATS)}")
    return {"representation": body_format, "value": text}


def page_summary(page, *, with_body=False):
    version = page.get("version") or {}
    result = {
        "id": page.get("id"),
        "title": page.get("title"),
        "status": page.get("status"),
        "space_id": page.get("spaceId"),
        "parent_id": page.get("parentId"),
        "version": version.get("number"),
        "created_at": page.get("createdAt"),
        "updated_at": version.get("createdAt"),
        "url": web_url(page.get("_links")),
    }
    if with_body:
        storage = ((page.get("body") or {}).get("storage") or {}).get("value")
        result["body_text"] = storage_to_text(storage)
        result["body_storage"] = storage
    return result


def page_with_body(page):
    return page_summary(page, with_body=True)


def space_summary(space):
    return {
        "id": space.get("id"),
        "key": space.get("key"),
        "name": space.get("name"),
        "type": space.get("type"),
        "status": space.get("status"),
        "homepage_id": space.get("homepageId"),
        "url": web_url(space.get("_links")),
    }


def attachment_summary(attachment):
    return {
        "id": attachment.get("id"),
        "title": attachment.get("title"),
        "media_type": attachment.get("mediaType"),
        "file_size": attachment.get("fileSize"),
        "comment": attachment.get("comment"),
        "version": (attachment.get("version") or {}).get("number"),
        "created_at": attachment.get("createdAt"),
        "url": web_url(attachment.get("_links")),
    }


def comment_summary(comment):
    storage = ((comment.get("body") or {}).get("storage") or {}).get("value")
    return {
        "id": comment.get("id"),
        "page_id": comment.get("pageId"),
        "text": storage_to_text(storage) if storage else None,
        "url": web_url(comment.get("_links")),
    }


async def space_id(ctx, value):
    """A space's numeric ID from its ID or its key (e.g. `ENG`)."""
    text = str(value or "").strip()
    if text.isdigit():
        return text
    data = (await confluence(ctx, "GET", "/api/v2/spaces", params={"keys": text, "limit": 1})).json()
    results = data.get("results") or []
    if not results:
        raise ActionError(f"no Confluence space has the key {text!r}; confluence-list-spaces lists the spaces")
    return results[0]["id"]


def next_cursor(data):
    """The `cursor` of the next page from a v2 list's `_links.next`."""
    following = (data.get("_links") or {}).get("next")
    if not following:
        return None
    found = re.search(r"[?&]cursor=([^&]+)", following)
    return unquote(found.group(1)) if found else None


# Remote options


async def site_options(ctx):
    return await _atlassian.site_options(ctx, "confluence")


async def _cursor_options(ctx, path, to_option, params=None):
    cursor = ctx.prev_context.get("cursor")
    if ctx.page > 0 and not cursor:
        return []
    query = {**(params or {}), "limit": 250}
    if cursor:
        query["cursor"] = cursor
    data = (await confluence(ctx, "GET", path, params=query)).json()
    options = [to_option(item) for item in data.get("results") or []]
    following = next_cursor(data)
    return OptionsPage(options=options, context={"cursor": following} if following else None)


async def space_options(ctx):
    return await _cursor_options(
        ctx, "/api/v2/spaces", lambda s: Option(label=f"{s.get('name')} ({s.get('key')})", value=s["id"]), {"sort": "name"}
    )


async def page_options(ctx):
    params = {"sort": "title"}
    if ctx.query:
        params["title"] = ctx.query
    # Within the chosen space when there is one, else every page the user can see.
    if ctx.props.get("spaceId"):
        path = f"/api/v2/spaces/{await space_id(ctx, ctx.props.spaceId)}/pages"
    else:
        path = "/api/v2/pages"
    return await _cursor_options(ctx, path, lambda p: Option(label=p.get("title"), value=p["id"]), params)


async def attachment_options(ctx):
    if not ctx.props.get("pageId"):
        raise ActionError("choose the page first; the choices list its attachments")
    return await _cursor_options(
        ctx,
        f"/api/v2/pages/{page_id(ctx.props.pageId)}/attachments",
        lambda a: Option(label=a.get("title"), value=a["id"]),
    )


app.define(
    "site",
    props.string(
        "Site",
        "Which Confluence site to use: its cloud ID, its URL (e.g. `https://acme.atlassian.net`) or its name. Leave "
        "empty when the account reaches a single Confluence site. The choices list the sites the account was granted.",
        options=site_options,
        optional=True,
    ),
)

app.define(
    "spaceId",
    props.string(
        "Space",
        "The Confluence space: its key (e.g. `ENG`, as in `/wiki/spaces/ENG/...`) or its numeric ID, as "
        "confluence-list-spaces returns them. The choices list the spaces the user can see.",
        options=space_options,
    ),
)

app.define(
    "pageId",
    props.string(
        "Page",
        "The page's numeric ID, e.g. `123456` (it appears in the page URL, `/wiki/spaces/ENG/pages/123456/Title`; a "
        "page URL works too). confluence-search finds pages by title or text, confluence-list-pages lists a space's. "
        "The choices list pages by title (type to filter by the exact title).",
        options=page_options,
        use_query=True,
    ),
)

app.define(
    "bodyFormat",
    props.string(
        "Body Format",
        "How the body is written: `storage` (Confluence's XHTML, e.g. `<p>Hello</p><h2>Plan</h2><ul><li>One</li></ul>`), "
        "`wiki` (wiki markup, e.g. `h2. Plan` and `* One`) or `plain_text` (paragraphs on blank lines).",
        options=BODY_FORMATS,
        default="storage",
    ),
)
