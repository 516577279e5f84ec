"""SharePoint sites, lists and document libraries, through Microsoft Graph (`/sites/{site-id}/...`)."""

import re
from urllib.parse import quote, urlsplit

from mcp_gateway.catalog import ActionError, App, Identity, Option, OptionsPage, props

from .. import _microsoft

GRAPH = _microsoft.GRAPH
SCOPES = ["offline_access", "User.Read", "Sites.ReadWrite.All"]
ITEM_FIELDS = "id,name,size,file,folder,parentReference,webUrl,createdDateTime,lastModifiedDateTime,lastModifiedBy"


async def _account_test(ctx):
    """The signed-in user (`GET /me`)."""
    me = await graph(ctx, "GET", "/me", params={"$select": "id,displayName,userPrincipalName,mail"})
    return Identity(name=me.get("userPrincipalName") or me.get("mail") or me.get("displayName"), external_id=me.get("id"))


app = App(
    "sharepoint",
    "Microsoft SharePoint",
    "Work with SharePoint Online sites the connected user can reach: find sites, read and add list items, change "
    "their fields, and browse and download the files in a site's document libraries.",
    auth=_microsoft.graph_oauth(SCOPES),
    categories=["File Storage", "Productivity"],
    featured_weight=60,
    base_url=GRAPH,
    allowed_domains=["graph.microsoft.com"],
    test=_account_test,
)


ERROR_HINTS = {
    "itemnotfound": "nothing has that ID in this site; find sites with sharepoint-search-sites, lists with "
                    "sharepoint-list-lists and items with sharepoint-list-items",
    "invalidrequest": "a value is not accepted; see the message",
    "accessdenied": "the user may not change this list or library",
    "namealreadyexists": "an item with that name is already there; pick another name",
}


def graph_error(method, response):
    return _microsoft.graph_error(
        app.name, method, response, hints=ERROR_HINTS,
        forbidden="the account lacks permission on this site, or the connection lacks Sites.ReadWrite.All; reconnect SharePoint",
        not_found=ERROR_HINTS["itemnotfound"],
    )


async def graph(ctx, method, path, **kw):
    return await _microsoft.graph(ctx, method, path, error=graph_error, **kw)


_SEGMENT = re.compile(r"^[^/?#\\]+$")


def site_path(site_id):
    """`/sites/{id}`; a pasted site URL (`https://contoso.sharepoint.com/sites/marketing`) is addressed by its path."""
    text = str(site_id or "").strip()
    if text.startswith("https://"):
        parts = urlsplit(text)
        path = parts.path.rstrip("/")
        if not parts.hostname or not parts.hostname.endswith(".sharepoint.com"):
            raise ActionError(f"{site_id!r} is not a SharePoint site URL such as https://contoso.sharepoint.com/sites/marketing")
        return f"/sites/{parts.hostname}:{quote(path)}:" if path else f"/sites/{parts.hostname}"
    return f"/sites/{segment(text, 'site')}"


def segment(value, what):
    text = str(value or "").strip()
    if not _SEGMENT.match(text) or text in (".", ".."):
        raise ActionError(f"{value!r} is not a SharePoint {what} ID; find it with the list actions")
    return quote(text, safe="!,")


graph_cursor = _microsoft.graph_cursor


async def drive_id(ctx):
    """The chosen library, or the site's default one (Documents)."""
    if ctx.props.get("driveId"):
        return segment(ctx.props.driveId, "library")
    drive = await graph(ctx, "GET", f"{site_path(ctx.props.siteId)}/drive", params={"$select": "id"})
    return segment(drive.get("id"), "library")


def fields_summary(fields):
    """A list item's own columns, without Graph's annotations and SharePoint's hidden ones."""
    return {k: v for k, v in (fields or {}).items() if not k.startswith(("@", "_"))}


def site_summary(site):
    return {
        "id": site.get("id"),
        "name": site.get("name"),
        "display_name": site.get("displayName"),
        "description": site.get("description"),
        "web_url": site.get("webUrl"),
        "created": site.get("createdDateTime"),
        "modified": site.get("lastModifiedDateTime"),
    }


def list_item_summary(item):
    return {
        "id": item.get("id"),
        "fields": fields_summary(item.get("fields")),
        "web_url": item.get("webUrl"),
        "created": item.get("createdDateTime"),
        "modified": item.get("lastModifiedDateTime"),
        "modified_by": ((item.get("lastModifiedBy") or {}).get("user") or {}).get("displayName"),
    }


def drive_item_summary(item):
    parent = item.get("parentReference") or {}
    return {
        "id": item.get("id"),
        "name": item.get("name"),
        "kind": "folder" if "folder" in item else "file",
        "size": item.get("size"),
        "mime_type": (item.get("file") or {}).get("mimeType"),
        "child_count": (item.get("folder") or {}).get("childCount"),
        "parent_id": parent.get("id"),
        "web_url": item.get("webUrl"),
        "modified": item.get("lastModifiedDateTime"),
        "modified_by": ((item.get("lastModifiedBy") or {}).get("user") or {}).get("displayName"),
    }


async def _paged_options(ctx, path, params, label, value="id"):
    following = ctx.prev_context.get("next")
    page = await graph(ctx, "GET", graph_cursor(following)) if following else await graph(ctx, "GET", path, params=params)
    options = [Option(label=label(v) or v[value], value=v[value]) for v in page.get("value") or []]
    more = page.get("@odata.nextLink")
    return OptionsPage(options=options, context={"next": more} if more else None)


async def _site_options(ctx):
    # Graph's site search with `*` lists the sites the user can reach.
    return await _paged_options(ctx, "/sites", {"search": "*"}, lambda s: s.get("displayName") or s.get("name"))


def _needs_site(ctx):
    if not ctx.props.get("siteId"):
        raise ActionError("choose the site (siteId) first")


async def _list_options(ctx):
    _needs_site(ctx)
    return await _paged_options(ctx, f"{site_path(ctx.props.siteId)}/lists", {"$select": "id,displayName", "$top": 200},
                                lambda lst: lst.get("displayName"))


async def _drive_options(ctx):
    _needs_site(ctx)
    return await _paged_options(ctx, f"{site_path(ctx.props.siteId)}/drives", {"$select": "id,name"}, lambda d: d.get("name"))


app.define(
    "siteId",
    props.string(
        "Site",
        "The site's ID, from sharepoint-search-sites (its `id`, e.g. "
        "`contoso.sharepoint.com,2c712604-1370-44e7-a1f5-426573fda80a,2d2244c3-251a-49ea-93a8-39e1c3a060fe`), or the "
        "site's URL, e.g. `https://contoso.sharepoint.com/sites/marketing`.",
        options=_site_options,
    ),
)

app.define(
    "listId",
    props.string(
        "List",
        "The ID of a list in the site (a GUID, its `id` from sharepoint-list-lists), or the list's name as in its URL, "
        "e.g. `Tasks`. Choose the site first.",
        options=_list_options,
    ),
)

app.define(
    "listItemId",
    props.string("Item", "The ID of a list item, a number such as `12`, from sharepoint-list-items (its `id`)."),
)

app.define(
    "driveId",
    props.string(
        "Library",
        "The ID of a document library of the site (its `id`), e.g. `b!-RIj2DuyvEyV1T4NlOaMHk8XkS_I8MdFlUCq1BlcjgmhRfAj3-Z8RY2VpuvV_tpd`; "
        "the site's default library, Documents, when empty. Choose the site first.",
        options=_drive_options,
        optional=True,
    ),
)

app.define(
    "fields",
    props.obj(
        "Fields",
        "Column values by the columns' internal names, e.g. `{\"Title\": \"Order laptops\", \"Status\": \"In progress\", "
        "\"DueDate\": \"2026-12-24\"}`. sharepoint-list-items shows an item's columns under those names.",
    ),
)
