import re
from pathlib import PurePosixPath

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, UpstreamError, props

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


async def _account_test(ctx):
    """The Google account's email and Drive user ID (`about.get`)."""
    user = (await api(ctx, "GET", "/about", params={"fields": "user"})).get("user") or {}
    return Identity(name=user.get("emailAddress") or user.get("displayName"), external_id=user.get("permissionId"))


app = App(
    "google_drive",
    "Google Drive",
    "Find, read and organize files in the connected user's Google Drive: search and list files and folders, upload "
    "from and download to /tmp (exporting Google Docs, Sheets and Slides), create folders, move, copy, share, trash "
    "and delete files.",
    auth=OAuth(
        authorize_url="https://accounts.google.com/o/oauth2/v2/auth",
        token_url="https://oauth2.googleapis.com/token",
        scopes=SCOPES,
        pkce=True,
        extra_authorize_params={"access_type": "offline", "prompt": "consent"},
    ),
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
        "full URL works too). google_drive-list-files returns it as `id`.",
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
