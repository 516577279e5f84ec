"""Box: files and folders in the connected user's Box account (Content API 2.0)."""

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API = "https://api.box.com/2.0"
UPLOAD = "https://upload.box.com/api/2.0"
# Box takes a file in one multipart upload up to 50 MB; larger ones need chunked upload sessions.
SIMPLE_UPLOAD_LIMIT = 50 * 1024 * 1024
ITEM_FIELDS = "id,type,name,size,parent,path_collection,modified_at,created_at,shared_link,description,modified_by"


async def _account_test(ctx):
    """The signed-in user (`GET /users/me`)."""
    me = await api(ctx, "GET", "/users/me", params={"fields": "id,name,login"})
    return Identity(name=me.get("login") or me.get("name"), external_id=me.get("id"))


app = App(
    "box",
    "Box",
    "Work with the connected user's Box files: list folders, search, read file details, download and upload "
    "through /tmp, create folders, share links and comment on files.",
    auth=OAuth(
        authorize_url="https://account.box.com/api/oauth2/authorize",
        token_url="https://api.box.com/oauth2/token",
    ),
    categories=["File Storage"],
    featured_weight=60,
    base_url=API,
    allowed_domains=["api.box.com", "upload.box.com"],
    test=_account_test,
)


# Box answers errors as `{"type": "error", "status": n, "code": "...", "message": "..."}`.
_CODE_HINTS = {
    "not_found": "no file or folder has that ID for this user; find it with box-list-folder-items or box-search",
    "item_name_in_use": "an item with that name is already in the folder; pick another name",
    "item_name_invalid": "the name is not allowed: no `/` or `\\`, no leading or trailing spaces, not `.` or `..`",
    "item_name_too_long": "the name is longer than Box's 255 characters",
    "insufficient_scope": "the connection lacks the scope this needs; enable it for the Box app, then reconnect Box",
    "access_denied_insufficient_permissions": "the user's role on this item does not allow it",
    "access_denied_item_locked": "the file is locked; its owner must unlock it first",
    "storage_limit_exceeded": "the Box account is out of storage",
    "file_size_limit_exceeded": "the file is larger than the user's Box plan allows",
    "invalid_parameter": "some values are not what Box expects; see the message",
    "bad_request": "some values are not what Box expects; see the message",
}


def box_error(method, response):
    status = response.status_code
    where = f"{method} {response.request.url.copy_with(query=None)}"
    try:
        data = response.json()
    except ValueError:
        data = {}
    code = data.get("code") if isinstance(data, dict) else None
    message = (data.get("message") if isinstance(data, dict) else None) or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    if status == 429:
        hint = f"rate limited by Box; {'retry after %g s' % retry_after if retry_after is not None else 'retry in a minute'}"
    elif code in _CODE_HINTS:
        hint = _CODE_HINTS[code]
    elif status == 401:
        hint = "Box rejected the connection's token; the user should reconnect Box"
    elif status == 404:
        hint = _CODE_HINTS["not_found"]
    elif status >= 500:
        hint = "Box had a server error; retrying later may work"
    else:
        hint = "fix the values named in the message"
    detail = f"{message} [{code}]" if code else message
    return UpstreamError(f"Box API error {status} on {where}: {detail} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise box_error(method, response)
    return response.json() if response.content else {}


def box_id(value, what="file"):
    text = str(value or "").strip()
    if not text.isdigit():
        raise ActionError(f"{value!r} is not a Box {what} ID: it is the number in the item's URL, e.g. `/{what}/12345`")
    return text


def offset(cursor):
    if not cursor:
        return 0
    try:
        return max(0, int(cursor))
    except ValueError:
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged") from None


def item_summary(item):
    parent = item.get("parent") or {}
    path = [p.get("name") for p in (item.get("path_collection") or {}).get("entries") or []]
    return {
        "id": item.get("id"),
        "type": item.get("type"),
        "name": item.get("name"),
        "size": item.get("size"),
        "parent_id": parent.get("id"),
        "path": "/".join(path + [item.get("name") or ""]) if path else None,
        "modified_at": item.get("modified_at"),
        "modified_by": (item.get("modified_by") or {}).get("name"),
        "shared_link": (item.get("shared_link") or {}).get("url"),
    }


async def _folder_options(ctx):
    """The folders in the user's top folder, a page at a time (Box's marker paging)."""
    query = {"fields": "id,type,name", "usemarker": "true", "limit": 1000}
    if ctx.prev_context.get("marker"):
        query["marker"] = ctx.prev_context["marker"]
    page = await api(ctx, "GET", "/folders/0/items", params=query)
    options = [Option(label=e["name"], value=e["id"]) for e in page.get("entries") or [] if e.get("type") == "folder"]
    if not ctx.prev_context.get("marker"):
        options.insert(0, Option(label="(All Files)", value="0"))
    marker = page.get("next_marker")
    return OptionsPage(options=options, context={"marker": marker} if marker else None)


app.define(
    "fileId",
    props.string(
        "File",
        "The ID of a Box file, from box-list-folder-items or box-search (its `id`), or the number in the file's URL "
        "`https://app.box.com/file/12345`.",
    ),
)

app.define(
    "folderId",
    props.string(
        "Folder",
        "The ID of a Box folder, from box-list-folder-items or box-search (its `id`), or the number in the folder's URL "
        "`https://app.box.com/folder/12345`. `0` is the user's top folder, All Files. The choices are the top-level folders.",
        options=_folder_options,
        optional=True,
        default="0",
    ),
)
