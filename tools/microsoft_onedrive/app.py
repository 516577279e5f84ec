"""Files in the connected user's OneDrive, through Microsoft Graph (`/me/drive`)."""

import re
from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, Identity, Option, OptionsPage, props

from .. import _microsoft

GRAPH = _microsoft.GRAPH
SCOPES = ["offline_access", "User.Read", "Files.ReadWrite"]
# Graph takes a file's bytes in one PUT up to this size; larger files need an upload session.
SIMPLE_UPLOAD_LIMIT = 250 * 1024 * 1024
ITEM_FIELDS = "id,name,size,file,folder,parentReference,webUrl,createdDateTime,lastModifiedDateTime,lastModifiedBy"


async def _account_test(ctx):
    """The signed-in user (`GET /me`)."""
    me = await graph(ctx, "GET", "/me", params={"$select": "id,displayName,userPrincipalName,mail"})
    return Identity(name=me.get("userPrincipalName") or me.get("mail") or me.get("displayName"), external_id=me.get("id"))


app = App(
    "microsoft_onedrive",
    "Microsoft OneDrive",
    "Work with files in the connected user's OneDrive: list and search folders, read file details, download and "
    "upload files, create folders, move, rename, copy and delete items, and make sharing links.",
    auth=_microsoft.graph_oauth(SCOPES),
    categories=["File Storage"],
    featured_weight=75,
    base_url=GRAPH,
    allowed_domains=["graph.microsoft.com"],
    test=_account_test,
)


ERROR_HINTS = {
    "itemnotfound": "no file or folder has that ID in the user's OneDrive; find it with microsoft_onedrive-search-files",
    "namealreadyexists": "an item with that name is already in the folder; pick another name",
    "invalidrequest": "a value is not accepted; see the message",
    "accessdenied": "the user may not change this item",
    "quotalimitreached": "the OneDrive is full; free space or buy more storage",
}


def graph_error(method, response):
    return _microsoft.graph_error(
        app.name, method, response, hints=ERROR_HINTS, forbidden="the account lacks permission for this file or folder",
        not_found=ERROR_HINTS["itemnotfound"],
    )


async def graph(ctx, method, path, **kw):
    return await _microsoft.graph(ctx, method, path, error=graph_error, **kw)


_ID = re.compile(r"^[A-Za-z0-9!._-]+$")


def item_path(item_id):
    """`/me/drive/items/{id}`, or the drive's top folder for `root`."""
    value = str(item_id or "").strip()
    if value in ("", "root", "/"):
        return "/me/drive/root"
    if not _ID.match(value):
        raise ActionError(f"{item_id!r} is not a OneDrive item ID; find the item with microsoft_onedrive-search-files")
    return f"/me/drive/items/{quote(value, safe='!')}"


def item_summary(item):
    parent = item.get("parentReference") or {}
    return {
        "id": item.get("id"),
        "name": item.get("name"),
        "kind": "folder" if "folder" in item else "file",
        "size": item.get("size"),
        "mime_type": (item.get("file") or {}).get("mimeType"),
        "child_count": (item.get("folder") or {}).get("childCount"),
        "parent_id": parent.get("id"),
        "path": parent.get("path"),
        "web_url": item.get("webUrl"),
        "modified": item.get("lastModifiedDateTime"),
        "modified_by": ((item.get("lastModifiedBy") or {}).get("user") or {}).get("displayName"),
    }


graph_cursor = _microsoft.graph_cursor


async def _folder_options(ctx):
    """The folders at the top of the OneDrive (and the top itself), a page at a time."""
    following = ctx.prev_context.get("next")
    if following:
        page = await graph(ctx, "GET", graph_cursor(following))
    else:
        page = await graph(ctx, "GET", "/me/drive/root/children", params={"$select": "id,name,folder", "$top": 200})
    options = [Option(label=i["name"], value=i["id"]) for i in page.get("value") or [] if "folder" in i]
    if not following:
        options.insert(0, Option(label="(top of OneDrive)", value="root"))
    more = page.get("@odata.nextLink")
    return OptionsPage(options=options, context={"next": more} if more else None)


app.define(
    "itemId",
    props.string(
        "Item",
        "The ID of a file or folder in the user's OneDrive, from microsoft_onedrive-list-files or "
        "microsoft_onedrive-search-files (its `id`), e.g. `01BYE5RZ6QN3ZWBTUFOFD3GSPGOHDJD36K`.",
    ),
)

app.define(
    "folderId",
    props.string(
        "Folder",
        "The ID of a folder in the user's OneDrive (its `id` from microsoft_onedrive-list-files or "
        "microsoft_onedrive-search-files), or `root` for the top. The choices are the top-level folders.",
        options=_folder_options,
        optional=True,
        default="root",
    ),
)
