import json
import re
import uuid
from pathlib import PurePosixPath

from mcp_gateway.catalog import ActionError, App, Identity, Option, OptionsPage, UpstreamError, props

from .. import _google

SERVICE = "Google Drive"
DRIVE_API = "https://www.googleapis.com/drive/v3"
UPLOAD_API = "https://www.googleapis.com/upload/drive/v3"
FOLDER_MIME = "application/vnd.google-apps.folder"
GOOGLE_APPS_PREFIX = "application/vnd.google-apps."

# The full Drive scope: the actions list, read, move, share and delete any of the user's files,
# not only the ones this app created (which is all `drive.file` would allow).
SCOPES = ["https://www.googleapis.com/auth/drive"]

# The file fields the actions return.
FILE_FIELDS = "id,name,mimeType,size,createdTime,modifiedTime,parents,webViewLink,owners(displayName,emailAddress),trashed"


# Drive answers comment requests only with an explicit field list.
COMMENT_FIELDS = (
    "id,content,createdTime,modifiedTime,resolved,deleted,author(displayName,emailAddress),quotedFileContent,"
    "replies(id,content,action,createdTime,author(displayName,emailAddress))"
)


async def _account_test(ctx):
    """The Google account's email and Drive user ID (`about.get`)."""
    user = (await api(ctx, "GET", "/about", params={"fields": "user"})).get("user") or {}
    return Identity(name=user.get("emailAddress") or user.get("displayName"), external_id=user.get("permissionId"))


app = App(
    "google_drive",
    "Google Drive",
    "Find, read and organize files in the connected user's Google Drive: search and list files and folders, upload "
    "from and download to /tmp (exporting Google Docs, Sheets and Slides), create files from text and folders, "
    "rename, move, copy, trash, restore and delete files, share them and manage who has access, read and write "
    "comments, list revisions and shared drives, and check the storage quota.",
    auth=_google.google_oauth(SCOPES),
    categories=["Productivity", "File Storage"],
    featured_weight=95,
    base_url=DRIVE_API,
    allowed_domains=["www.googleapis.com"],
    test=_account_test,
)


# Errors

ERROR_HINTS = {
    "fileNotDownloadable": "Google Docs, Sheets and Slides cannot be downloaded as they are; export them with exportFormat",
    "exportSizeLimitExceeded": "the document is too large to export (10 MB at most); export a smaller part or use its web link",
    "cannotExportFile": "the owner has turned off downloading and copying for this file",
    "storageQuotaExceeded": "the user's Google Drive storage is full; free up space first",
    "teamDriveFileLimitExceeded": "the shared drive has reached its file limit",
    "insufficientFilePermissions": "the user does not have enough access to this file (e.g. only view access); ask the owner for edit access",
    "cannotShareTeamDriveTopFolderWithAnyoneOrDomains": "a shared drive's top folder cannot be shared with anyone or a domain",
    "invalidSharingRequest": "Google refused the sharing request; check the email address, role and type",
    "cannotAddParent": "the file cannot be put in that folder",
    "teamDrivesParentLimit": "items in a shared drive must have exactly one parent folder",
    "cannotMoveTrashedItemIntoTeamDrive": "restore the item from the trash before moving it",
    "appNotAuthorizedToFile": "the connection cannot reach this file; reconnect Google Drive and approve full Drive access",
}


def google_error(method, response, not_found):
    return _google.google_error(
        method, response, service=SERVICE, not_found=not_found, hints=ERROR_HINTS,
        forbidden="the account lacks permission for this file or folder",
        scope="the connection was not granted the Drive access this needs; reconnect Google Drive and approve all requested access",
    )


_NOT_FOUND = (
    "no file or folder with that ID is visible to this account; find IDs with google_drive-list-files "
    "(the ID is also the long string in the file's URL)"
)


async def request(ctx, method, path, *, not_found=_NOT_FOUND, **kw):
    """Send a request to the Drive API; Google's error bodies become clear `UpstreamError`s."""
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise google_error(method, response, not_found)
    return response


async def api(ctx, method, path, **kw):
    """A Drive API call's JSON answer (`{}` for an empty one)."""
    response = await request(ctx, method, path, **kw)
    return response.json() if response.content else {}


seg = _google.seg


_ID_IN_URL = re.compile(r"(?:/d/|/folders/|[?&]id=)([A-Za-z0-9_-]{10,})")


def file_id(value, field="fileId"):
    """A file ID, also accepted as the file's Drive, Docs or Sheets URL."""
    text = str(value or "").strip()
    if text.startswith(("http://", "https://")):
        match = _ID_IN_URL.search(text)
        if not match:
            raise ActionError(f"{field}: cannot find a file ID in the URL {text!r}; pass the ID itself")
        return match.group(1)
    if not text:
        raise ActionError(f"{field} is empty; give a file ID such as `1aBcD2eFgH3iJkL4mNoP5qRsT6uVwX7yZ`")
    return text


def file_summary(item):
    """The file fields a model needs, from a Drive File resource."""
    out = {
        "id": item.get("id"),
        "name": item.get("name"),
        "mimeType": item.get("mimeType"),
        "isFolder": item.get("mimeType") == FOLDER_MIME,
        "size": int(item["size"]) if str(item.get("size", "")).isdigit() else None,
        "createdTime": item.get("createdTime"),
        "modifiedTime": item.get("modifiedTime"),
        "parents": item.get("parents"),
        "webViewLink": item.get("webViewLink"),
        "owners": [o.get("emailAddress") or o.get("displayName") for o in item.get("owners") or []] or None,
        "trashed": item.get("trashed"),
    }
    return {k: v for k, v in out.items() if v is not None}


def permission_summary(item):
    """Who has access to a file and how, from a Drive Permission resource."""
    out = {
        "id": item.get("id"),
        "type": item.get("type"),
        "role": item.get("role"),
        "emailAddress": item.get("emailAddress"),
        "domain": item.get("domain"),
        "displayName": item.get("displayName"),
        "allowFileDiscovery": item.get("allowFileDiscovery"),
        "expirationTime": item.get("expirationTime"),
    }
    return {k: v for k, v in out.items() if v is not None}


def _person(user):
    user = user or {}
    return user.get("emailAddress") or user.get("displayName")


def reply_summary(item):
    out = {
        "id": item.get("id"),
        "author": _person(item.get("author")),
        "content": item.get("content"),
        "action": item.get("action"),
        "createdTime": item.get("createdTime"),
    }
    return {k: v for k, v in out.items() if v is not None}


def comment_summary(item):
    """A comment's ID, author, text, state and replies, from a Drive Comment resource."""
    out = {
        "id": item.get("id"),
        "author": _person(item.get("author")),
        "content": item.get("content"),
        "quotedText": (item.get("quotedFileContent") or {}).get("value"),
        "resolved": item.get("resolved"),
        "createdTime": item.get("createdTime"),
        "modifiedTime": item.get("modifiedTime"),
        "replies": [reply_summary(r) for r in item.get("replies") or []] or None,
    }
    return {k: v for k, v in out.items() if v is not None}


def revision_summary(item):
    out = {
        "id": item.get("id"),
        "modifiedTime": item.get("modifiedTime"),
        "lastModifiedBy": _person(item.get("lastModifyingUser")),
        "size": int(item["size"]) if str(item.get("size", "")).isdigit() else None,
        "originalFilename": item.get("originalFilename"),
        "mimeType": item.get("mimeType"),
        "keepForever": item.get("keepForever"),
    }
    return {k: v for k, v in out.items() if v is not None}


def drive_summary(item):
    out = {"id": item.get("id"), "name": item.get("name"), "createdTime": item.get("createdTime"), "hidden": item.get("hidden")}
    return {k: v for k, v in out.items() if v is not None}


async def collect(ctx, path, key, *, limit, cursor, params=None):
    """Up to `limit` records under `key` of a Drive list, from `cursor` (a page token) on, and the
    token of the page after them."""
    items, token = [], cursor or None
    while len(items) < limit:
        query = {**(params or {}), "pageSize": limit - len(items)}
        if token:
            query["pageToken"] = token
        page = await api(ctx, "GET", path, params=query)
        items.extend(page.get(key) or [])
        token = page.get("nextPageToken")
        if not token:
            break
    return items[:limit], token


def plural(count, noun):
    return f"{count} {noun}{'' if count == 1 else 's'}"


def multipart_body(metadata, data, mime):
    """A `multipart/related` upload body: the JSON metadata part, then the file's bytes."""
    boundary = f"mcp-gateway-{uuid.uuid4().hex}"
    head = (
        f"--{boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n"
        f"{json.dumps(metadata)}\r\n"
        f"--{boundary}\r\nContent-Type: {mime}\r\n\r\n"
    ).encode()
    return boundary, head + data + f"\r\n--{boundary}--\r\n".encode()


def query_literal(text):
    """A string literal for Drive's `q` language."""
    return "'" + str(text).replace("\\", "\\\\").replace("'", "\\'") + "'"


def safe_filename(name, fallback="download"):
    cleaned = PurePosixPath(str(name or "").replace("\\", "/")).name
    cleaned = re.sub(r"[\x00-\x1f]", "", cleaned).strip()
    return cleaned if cleaned not in ("", ".", "..") else fallback


# Remote options

MY_DRIVE = "root"


async def folder_options(ctx):
    token = ctx.prev_context.get("pageToken")
    if ctx.page > 0 and not token:
        return []
    q = f"mimeType='{FOLDER_MIME}' and trashed=false"
    if ctx.query:
        q += f" and name contains {query_literal(ctx.query)}"
    params = {
        "q": q,
        "fields": "nextPageToken,files(id,name)",
        "orderBy": "name",
        "pageSize": 100,
        "corpora": "allDrives",
        "includeItemsFromAllDrives": "true",
        "supportsAllDrives": "true",
    }
    if token:
        params["pageToken"] = token
    data = await api(ctx, "GET", "/files", params=params)
    options = [] if token else [Option(label="My Drive (top level)", value=MY_DRIVE)]
    options += [Option(label=f["name"], value=f["id"]) for f in data.get("files") or []]
    following = data.get("nextPageToken")
    return OptionsPage(options=options, context={"pageToken": following} if following else None)


async def file_options(ctx):
    token = ctx.prev_context.get("pageToken")
    if ctx.page > 0 and not token:
        return []
    q = "trashed=false"
    if ctx.query:
        q += f" and name contains {query_literal(ctx.query)}"
    params = {
        "q": q,
        "fields": "nextPageToken,files(id,name,mimeType)",
        "orderBy": "modifiedTime desc",
        "pageSize": 100,
        "corpora": "allDrives",
        "includeItemsFromAllDrives": "true",
        "supportsAllDrives": "true",
    }
    if token:
        params["pageToken"] = token
    data = await api(ctx, "GET", "/files", params=params)
    options = [
        Option(label=f"{f['name']}/" if f.get("mimeType") == FOLDER_MIME else f["name"], value=f["id"])
        for f in data.get("files") or []
    ]
    following = data.get("nextPageToken")
    return OptionsPage(options=options, context={"pageToken": following} if following else None)


def _needs_file(ctx):
    if not ctx.props.get("fileId"):
        raise ActionError("choose the file (fileId) first; the choices are read from it")
    return file_id(ctx.props.fileId)


async def permission_options(ctx):
    fid = _needs_file(ctx)
    params = {"fields": "nextPageToken,permissions(id,type,role,emailAddress,domain,displayName)",
              "pageSize": 100, "supportsAllDrives": "true"}
    if ctx.prev_context.get("pageToken"):
        params["pageToken"] = ctx.prev_context["pageToken"]
    elif ctx.page > 0:
        return []
    data = await api(ctx, "GET", f"/files/{seg(fid)}/permissions", params=params)
    options = []
    for p in data.get("permissions") or []:
        who = p.get("emailAddress") or p.get("domain") or p.get("displayName") or p.get("type")
        options.append(Option(label=f"{who} ({p.get('role')})", value=p["id"]))
    following = data.get("nextPageToken")
    return OptionsPage(options=options, context={"pageToken": following} if following else None)


async def comment_options(ctx):
    fid = _needs_file(ctx)
    params = {"fields": "nextPageToken,comments(id,content,author(displayName))", "pageSize": 100}
    if ctx.prev_context.get("pageToken"):
        params["pageToken"] = ctx.prev_context["pageToken"]
    elif ctx.page > 0:
        return []
    data = await api(ctx, "GET", f"/files/{seg(fid)}/comments", params=params)
    options = []
    for c in data.get("comments") or []:
        text = " ".join(str(c.get("content") or "").split())
        author = (c.get("author") or {}).get("displayName")
        label = f"{author}: {text}" if author else text
        options.append(Option(label=label[:80] or c["id"], value=c["id"]))
    following = data.get("nextPageToken")
    return OptionsPage(options=options, context={"pageToken": following} if following else None)


async def drive_options(ctx):
    token = ctx.prev_context.get("pageToken")
    if ctx.page > 0 and not token:
        return []
    params = {"pageSize": 100}
    if token:
        params["pageToken"] = token
    data = await api(ctx, "GET", "/drives", params=params)
    options = [Option(label=d.get("name") or d["id"], value=d["id"]) for d in data.get("drives") or []]
    following = data.get("nextPageToken")
    return OptionsPage(options=options, context={"pageToken": following} if following else None)


app.define(
    "fileId",
    props.string(
        "File",
        "The Drive ID of the file or folder, e.g. `1aBcD2eFgH3iJkL4mNoP5qRsT6uVwX7yZ` (the long string in its URL; the "
        "full URL works too). google_drive-list-files returns it as `id`; the choices can be searched by name.",
        options=file_options,
        use_query=True,
    ),
)

app.define(
    "permissionId",
    props.string(
        "Permission",
        "The ID of one of the file's permissions (who has access), e.g. `13160372637464856911`, or `anyoneWithLink` "
        "for link sharing. google_drive-list-permissions returns it as `id`; the choices list the file's permissions.",
        options=permission_options,
    ),
)

app.define(
    "commentId",
    props.string(
        "Comment",
        "The ID of a comment on the file, e.g. `AAAA1bCdEfG`. google_drive-list-comments returns it as `id`; the "
        "choices list the file's comments.",
        options=comment_options,
    ),
)

app.define(
    "folderId",
    props.string(
        "Folder",
        "The ID of a folder, e.g. `0BwwA4oUTeiV1TGRPeTVjaWRDY1E`, or `root` for the top of My Drive. The choices "
        "list the folders the user can see and can be searched by name.",
        options=folder_options,
        use_query=True,
    ),
)

app.define(
    "driveId",
    props.string(
        "Shared Drive",
        "The ID of a shared drive to work in, e.g. `0AFcK9Ju3ePbGUk9PVA`. Leave empty for the user's My Drive and the "
        "files shared with them.",
        options=drive_options,
        optional=True,
    ),
)
