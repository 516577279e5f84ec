"""Webflow (Data API v2): the connected user's sites, their CMS collections and items, and publishing."""

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API = "https://api.webflow.com/v2"

# Webflow pages CMS items 100 at most a call.
MAX_PAGE = 100

SCOPES = ["sites:read", "sites:write", "cms:read", "cms:write", "authorized_user:read"]


async def _account_test(ctx):
    """The user who authorized the token (`GET /token/authorized_by`)."""
    user = await api(ctx, "GET", "/token/authorized_by")
    name = " ".join(p for p in (user.get("firstName"), user.get("lastName")) if p) or None
    label = f"{name} <{user['email']}>" if name and user.get("email") else (user.get("email") or name)
    return Identity(name=label, external_id=user.get("id"))


app = App(
    "webflow",
    "Webflow",
    "Manage the connected user's Webflow sites: list and publish sites, read CMS collections and their fields, and "
    "list, create, update and publish collection items.",
    auth=OAuth(
        authorize_url="https://webflow.com/oauth/authorize",
        token_url="https://api.webflow.com/oauth/access_token",
        scopes=SCOPES,
    ),
    categories=["Website Builders"],
    featured_weight=50,
    base_url=API,
    allowed_domains=["api.webflow.com"],
    test=_account_test,
)


# Errors: Webflow answers `{"code": "...", "message": "...", "details": [...]}`.

_CODE_HINTS = {
    "missing_scopes": "the connection was not granted the scope this needs; reconnect Webflow and approve it",
    "not_authorized": "Webflow rejected the token; the user should reconnect Webflow",
    "forbidden": "the token may not do this on this site; reconnect Webflow and grant access to the site",
    "validation_error": "some fields are not what the collection expects; compare them with webflow-get-collection",
    "resource_not_found": "nothing has that ID for this token; find sites with webflow-list-sites, collections with "
                          "webflow-list-collections and items with webflow-list-collection-items",
    "conflict": "the item or site changed at the same time; read it again and retry",
}


def webflow_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    data = data if isinstance(data, dict) else {}
    code = data.get("code")
    message = data.get("message") or response.text[:300] or response.reason_phrase
    details = data.get("details") or []
    if details:
        message += ": " + "; ".join(
            f"{d.get('param')}: {d.get('description')}" if isinstance(d, dict) else str(d) for d in details[:5]
        )
    retry_after = retry_after_seconds(response)
    if status == 429 or code == "too_many_requests":
        wait = f"retry after {retry_after:g} s" if retry_after is not None else "retry in a minute"
        hint = f"rate limited by Webflow; {wait}"
    elif code in _CODE_HINTS:
        hint = _CODE_HINTS[code]
    elif status == 401:
        hint = "Webflow rejected the token; the user should reconnect Webflow"
    elif status == 404:
        hint = _CODE_HINTS["resource_not_found"]
    elif status >= 500:
        hint = "Webflow had a server error; retrying later may work"
    else:
        hint = "fix the values named in the message"
    return UpstreamError(f"Webflow API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise webflow_error(method, path, response)
    return response.json() if response.content else {}


def offset_of(cursor):
    if not cursor:
        return 0
    try:
        return max(0, int(cursor))
    except ValueError:
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged") from None


def site_summary(site):
    return {
        "id": site.get("id"),
        "display_name": site.get("displayName"),
        "short_name": site.get("shortName"),
        "workspace_id": site.get("workspaceId"),
        "preview_url": site.get("previewUrl"),
        "last_published": site.get("lastPublished"),
        "last_updated": site.get("lastUpdated"),
        "custom_domains": [{"id": d.get("id"), "url": d.get("url")} for d in site.get("customDomains") or []],
    }


def collection_summary(collection):
    summary = {
        "id": collection.get("id"),
        "display_name": collection.get("displayName"),
        "singular_name": collection.get("singularName"),
        "slug": collection.get("slug"),
        "last_updated": collection.get("lastUpdated"),
    }
    if "fields" in collection:
        summary["fields"] = [
            {"slug": f.get("slug"), "display_name": f.get("displayName"), "type": f.get("type"),
             "required": f.get("isRequired"), "editable": f.get("isEditable"), "help_text": f.get("helpText")}
            for f in collection.get("fields") or []
        ]
    return summary


def item_summary(item):
    return {
        "id": item.get("id"),
        "field_data": item.get("fieldData"),
        "is_draft": item.get("isDraft"),
        "is_archived": item.get("isArchived"),
        "last_published": item.get("lastPublished"),
        "last_updated": item.get("lastUpdated"),
        "created_on": item.get("createdOn"),
    }


async def _site_options(ctx):
    data = await api(ctx, "GET", "/sites")
    return [Option(label=s.get("displayName") or s["id"], value=s["id"]) for s in data.get("sites") or []]


async def _collection_options(ctx):
    if not ctx.props.get("siteId"):
        raise ActionError("choose the site (siteId) first; its collections are the choices")
    data = await api(ctx, "GET", f"/sites/{ctx.props.siteId}/collections")
    return [Option(label=c.get("displayName") or c["id"], value=c["id"]) for c in data.get("collections") or []]


async def _item_options(ctx):
    if not ctx.props.get("collectionId"):
        raise ActionError("choose the collection (collectionId) first; its items are the choices")
    offset = ctx.prev_context.get("offset") or 0
    data = await api(ctx, "GET", f"/collections/{ctx.props.collectionId}/items", params={"offset": offset, "limit": MAX_PAGE})
    items = data.get("items") or []
    options = [Option(label=(i.get("fieldData") or {}).get("name") or i["id"], value=i["id"]) for i in items]
    following = offset + len(items)
    more = items and following < ((data.get("pagination") or {}).get("total") or 0)
    return OptionsPage(options=options, context={"offset": following} if more else None)


app.define(
    "siteId",
    props.string(
        "Site",
        "The ID of a Webflow site, from webflow-list-sites (its `id`), e.g. `580e63e98c9a982ac9b8b741`. In Webflow it "
        "shows under Site settings > General.",
        options=_site_options,
    ),
)

# Calls on a collection need only its ID; the site narrows the collections offered to choose from.
SITE_FOR_CHOICES = "The site the collection belongs to, from webflow-list-sites; needed only to pick the collection from a list."

app.define(
    "collectionId",
    props.string(
        "Collection",
        "The ID of a CMS collection of the site, from webflow-list-collections (its `id`), e.g. "
        "`580e63fc8c9a982ac9b8b745`.",
        options=_collection_options,
    ),
)

app.define(
    "itemId",
    props.string(
        "Item",
        "The ID of an item in the collection, from webflow-list-collection-items or webflow-create-collection-item "
        "(its `id`), e.g. `580e64008c9a982ac9b8b754`.",
        options=_item_options,
    ),
)

app.define(
    "fieldData",
    props.obj(
        "Field Data",
        "The item's fields by their slug, as webflow-get-collection lists them, e.g. "
        "`{\"name\": \"Spring launch\", \"slug\": \"spring-launch\", \"post-body\": \"<p>Hello</p>\"}`. "
        "Reference fields take item IDs; option fields take the option's ID.",
    ),
)
