import json

import httpx
import pytest

from mcp_gateway.catalog import AccountContext, AppHttp, Identity, UpstreamError
from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://www.googleapis.com/drive/v3"
UPLOAD = "https://www.googleapis.com/upload/drive/v3/files"
AUTH = {"oauth_access_token": "ya29.a0AfB_byC-drive-test"}
FILE = "1aBcD2eFgH3iJkL4mNoP5qRsT6uVwX7yZ"
FOLDER = "0BwwA4oUTeiV1TGRPeTVjaWRDY1E"
OTHER_FOLDER = "1XyZfolder0987654321abcdEFGH"
SHARED_DRIVE = "0AFcK9Ju3ePbGUk9PVA"
FIELDS = ("id,name,mimeType,size,createdTime,modifiedTime,parents,webViewLink,owners(displayName,emailAddress),"
          "trashed")


# Bodies shaped like the Drive API v3 reference (File, FileList, Permission, About, DriveList).


def drive_file(file_id=FILE, name="Q3 report.pdf", mime="application/pdf", *, size="48213", parents=(FOLDER,), **extra):
    body = {
        "kind": "drive#file",
        "id": file_id,
        "name": name,
        "mimeType": mime,
        "parents": list(parents),
        "webViewLink": f"https://drive.google.com/file/d/{file_id}/view?usp=drivesdk",
        "createdTime": "2024-05-01T10:00:00.000Z",
        "modifiedTime": "2024-06-01T12:30:00.000Z",
        "owners": [{"kind": "drive#user", "displayName": "Grace Hopper", "emailAddress": "grace@example.com",
                    "permissionId": "06931526416549043920", "me": True}],
        "trashed": False,
    }
    if size is not None:
        body["size"] = size
    body.update(extra)
    return body


def summary_of(file_id=FILE, name="Q3 report.pdf", mime="application/pdf", size=48213, parents=(FOLDER,)):
    out = {
        "id": file_id, "name": name, "mimeType": mime, "isFolder": mime == "application/vnd.google-apps.folder",
        "size": size, "createdTime": "2024-05-01T10:00:00.000Z", "modifiedTime": "2024-06-01T12:30:00.000Z",
        "parents": list(parents), "webViewLink": f"https://drive.google.com/file/d/{file_id}/view?usp=drivesdk",
        "owners": ["grace@example.com"], "trashed": False,
    }
    return {k: v for k, v in out.items() if v is not None}


def google_error(code, message, reason, location=None):
    error = {"message": message, "domain": "global", "reason": reason}
    if location:
        error.update(location=location, locationType="parameter")
    return {"error": {"code": code, "message": message, "errors": [error]}}


def assert_request(request, method, url, params=(), token=AUTH["oauth_access_token"]):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == url
    assert list(request.url.params.multi_items()) == list(params)
    assert request.headers["authorization"] == f"Bearer {token}"


def body(request):
    return json.loads(request.content)


def multipart_parts(request):
    """The (headers, body) parts of a multipart/related upload, and its boundary."""
    content_type = request.headers["content-type"]
    assert content_type.startswith("multipart/related; boundary=")
    boundary = content_type.split("boundary=", 1)[1].encode()
    raw = request.content
    assert raw.endswith(b"\r\n--" + boundary + b"--\r\n")
    chunks = raw.split(b"--" + boundary)
    assert chunks[0] == b"" and chunks[-1] == b"--\r\n"
    parts = []
    for chunk in chunks[1:-1]:
        head, _, payload = chunk.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        parts.append((head.decode(), payload.removesuffix(b"\r\n")))
    return parts


# The app


def test_app_declares_google_oauth_with_the_drive_scope(catalog):
    app = catalog.app("google_drive")
    assert app.auth.authorize_url == "https://accounts.google.com/o/oauth2/v2/auth"
    assert app.auth.token_url == "https://oauth2.googleapis.com/token"
    assert list(app.auth.scopes) == ["https://www.googleapis.com/auth/drive"]
    assert app.auth.pkce is True
    assert dict(app.auth.extra_authorize_params) == {"access_type": "offline", "prompt": "consent"}
    assert app.base_url == API
    assert app.allowed_domains == ["www.googleapis.com"]
    assert app.prop_name == "googleDrive"


def test_annotations(catalog):
    actions = catalog.actions_of("google_drive")
    assert len(actions) >= 9
    assert {a.key for a in actions if a.annotations.read_only} == {"google_drive-list-files", "google_drive-get-file"}
    assert {a.key for a in actions if a.annotations.destructive} == {"google_drive-trash-file", "google_drive-delete-file"}
    assert {a.key for a in actions if a.stash == "optional"} == {"google_drive-upload-file", "google_drive-download-file"}


async def account_identity(catalog, creds):
    app = catalog.app("google_drive")
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(creds), base_url=app.base_url_for(creds),
                       allowed_domains=app.allowed_domains_for(creds))
        return await app.test(AccountContext(auth=creds, http=http))


async def test_account_test_reads_the_drive_user(catalog, respx_mock):
    route = respx_mock.get(f"{API}/about").mock(return_value=httpx.Response(200, json={"user": {
        "kind": "drive#user", "displayName": "Grace Hopper", "photoLink": "https://lh3.googleusercontent.com/a/x=s64",
        "me": True, "permissionId": "06931526416549043920", "emailAddress": "grace@example.com"}}))
    identity = await account_identity(catalog, AUTH)
    assert identity == Identity(name="grace@example.com", external_id="06931526416549043920")
    assert_request(route.calls.last.request, "GET", f"{API}/about", [("fields", "user")])


async def test_account_test_raises_on_a_rejected_token(catalog, respx_mock):
    respx_mock.get(f"{API}/about").mock(return_value=httpx.Response(
        401, json=google_error(401, "Invalid Credentials", "authError", "Authorization")))
    with pytest.raises(UpstreamError, match="Invalid Credentials") as raised:
        await account_identity(catalog, AUTH)
    assert raised.value.status == 401


# Listing and reading


async def test_list_files_combines_the_filters(catalog, respx_mock):
    route = respx_mock.get(f"{API}/files").mock(return_value=httpx.Response(200, json={
        "kind": "drive#fileList", "nextPageToken": "~!!~AI9FV7Tn", "incompleteSearch": False,
        "files": [drive_file(), drive_file("1Sheet000", "Budget", "application/vnd.google-apps.spreadsheet", size=None)],
    }))
    result = await run_action(catalog.action("google_drive-list-files"), {
        "folderId": f"https://drive.google.com/drive/folders/{FOLDER}", "nameContains": "Bob's", "type": "document",
        "q": "starred = true", "driveId": SHARED_DRIVE, "orderBy": "name", "pageSize": 2, "pageToken": "~!!~prev",
    }, auth=AUTH)
    assert result.error is None
    assert_request(route.calls.last.request, "GET", f"{API}/files", [
        ("fields", f"nextPageToken,incompleteSearch,files({FIELDS})"), ("pageSize", "2"),
        ("supportsAllDrives", "true"), ("includeItemsFromAllDrives", "true"),
        ("q", f"trashed = false and '{FOLDER}' in parents and name contains 'Bob\\'s' and "
              "mimeType = 'application/vnd.google-apps.document' and (starred = true)"),
        ("orderBy", "name"), ("corpora", "drive"), ("driveId", SHARED_DRIVE), ("pageToken", "~!!~prev"),
    ])
    assert result.ret == {
        "files": [summary_of(), summary_of("1Sheet000", "Budget", "application/vnd.google-apps.spreadsheet", None)],
        "nextPageToken": "~!!~AI9FV7Tn",
        "incompleteSearch": False,
    }
    assert result.summary == "Found 2 items in Google Drive (more with nextPageToken)"


async def test_list_files_full_text_sorts_by_relevance(catalog, respx_mock):
    route = respx_mock.get(f"{API}/files").mock(return_value=httpx.Response(200, json={"files": []}))
    result = await run_action(catalog.action("google_drive-list-files"), {
        "fullText": "quarterly revenue", "type": "image/png", "includeTrashed": True}, auth=AUTH)
    assert result.error is None
    assert_request(route.calls.last.request, "GET", f"{API}/files", [
        ("fields", f"nextPageToken,incompleteSearch,files({FIELDS})"), ("pageSize", "50"),
        ("supportsAllDrives", "true"), ("includeItemsFromAllDrives", "true"),
        ("q", "fullText contains 'quarterly revenue' and mimeType = 'image/png'"),
    ])
    assert result.ret == {"files": [], "nextPageToken": None, "incompleteSearch": False}


async def test_get_file(catalog, respx_mock):
    route = respx_mock.get(f"{API}/files/{FILE}").mock(return_value=httpx.Response(200, json=drive_file(
        description="Numbers for Q3", starred=False, shared=True,
        webContentLink=f"https://drive.google.com/uc?id={FILE}&export=download",
        lastModifyingUser={"kind": "drive#user", "displayName": "Ada Lovelace", "emailAddress": "ada@example.com"},
        capabilities={"canEdit": True, "canShare": True, "canDownload": True, "canTrash": True, "canDelete": True})))
    result = await run_action(catalog.action("google_drive-get-file"), {
        "fileId": f"https://drive.google.com/file/d/{FILE}/view?usp=sharing"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{API}/files/{FILE}", [
        ("fields", f"{FIELDS},description,starred,shared,webContentLink,lastModifyingUser(displayName,emailAddress),"
                   "capabilities(canEdit,canShare,canDownload,canTrash,canDelete)"),
        ("supportsAllDrives", "true")])
    assert result.ret == {
        **summary_of(), "description": "Numbers for Q3", "starred": False, "shared": True,
        "webContentLink": f"https://drive.google.com/uc?id={FILE}&export=download",
        "capabilities": {"canEdit": True, "canShare": True, "canDownload": True, "canTrash": True, "canDelete": True},
        "lastModifiedBy": "ada@example.com",
    }
    assert result.summary == "Read the details of Q3 report.pdf (application/pdf)"


# Uploads


async def test_upload_file_sends_metadata_and_bytes_in_one_multipart_request(catalog, respx_mock, tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "report.pdf").write_bytes(b"%PDF-1.7\n\x00\x01binary")
    route = respx_mock.post(UPLOAD).mock(return_value=httpx.Response(200, json=drive_file(
        "1NewUpload", "Q3 report.pdf", size="17")))
    result = await run_action(catalog.action("google_drive-upload-file"), {
        "filePath": "/tmp/out/report.pdf", "folderId": FOLDER, "name": "Q3 report.pdf", "description": "Final numbers",
    }, auth=AUTH, tmp_dir=tmp_path)
    assert result.error is None
    request = route.calls.last.request
    assert_request(request, "POST", UPLOAD, [("uploadType", "multipart"), ("supportsAllDrives", "true"),
                                             ("fields", FIELDS)])
    (meta_head, meta), (file_head, data) = multipart_parts(request)
    assert meta_head == "Content-Type: application/json; charset=UTF-8"
    assert json.loads(meta) == {"name": "Q3 report.pdf", "parents": [FOLDER], "description": "Final numbers"}
    assert file_head == "Content-Type: application/pdf"
    assert data == b"%PDF-1.7\n\x00\x01binary"
    assert result.ret == summary_of("1NewUpload", size=17)
    assert result.summary == "Uploaded report.pdf (17 bytes) to Google Drive as Q3 report.pdf"


async def test_upload_file_can_convert_to_a_google_sheet(catalog, respx_mock, tmp_path):
    (tmp_path / "sales.csv").write_text("region,total\nwest,42\n")
    route = respx_mock.post(UPLOAD).mock(return_value=httpx.Response(200, json=drive_file(
        "1Converted", "sales", "application/vnd.google-apps.spreadsheet", size=None, parents=("root0",))))
    result = await run_action(catalog.action("google_drive-upload-file"), {
        "filePath": "/tmp/sales.csv", "convertToGoogleFormat": True}, auth=AUTH, tmp_dir=tmp_path)
    assert result.error is None
    (_, meta), (file_head, data) = multipart_parts(route.calls.last.request)
    assert json.loads(meta) == {"name": "sales", "mimeType": "application/vnd.google-apps.spreadsheet"}
    assert file_head == "Content-Type: text/csv"
    assert data == b"region,total\nwest,42\n"
    assert result.ret["mimeType"] == "application/vnd.google-apps.spreadsheet"


async def test_upload_file_uses_a_resumable_session_for_large_files(catalog, respx_mock, tmp_path, monkeypatch):
    action = catalog.action("google_drive-upload-file")
    monkeypatch.setitem(action.run.__globals__, "MULTIPART_LIMIT", 8)
    (tmp_path / "big.bin").write_bytes(b"0123456789abcdef")
    session_url = f"{UPLOAD}?uploadType=resumable&upload_id=ADPycdvAbC123"
    start = respx_mock.post(UPLOAD).mock(return_value=httpx.Response(200, headers={"Location": session_url}))
    put = respx_mock.put(UPLOAD).mock(return_value=httpx.Response(200, json=drive_file(
        "1Big", "big.bin", "application/octet-stream", size="16")))
    result = await run_action(action, {"filePath": "/tmp/big.bin"}, auth=AUTH, tmp_dir=tmp_path)
    assert result.error is None
    opening = start.calls.last.request
    assert_request(opening, "POST", UPLOAD, [("uploadType", "resumable"), ("supportsAllDrives", "true"),
                                             ("fields", FIELDS)])
    assert body(opening) == {"name": "big.bin"}
    assert opening.headers["x-upload-content-type"] == "application/octet-stream"
    assert opening.headers["x-upload-content-length"] == "16"
    sending = put.calls.last.request
    assert_request(sending, "PUT", UPLOAD, [("uploadType", "resumable"), ("upload_id", "ADPycdvAbC123")])
    assert sending.content == b"0123456789abcdef"
    assert result.ret["id"] == "1Big"


async def test_upload_file_refusals(catalog, respx_mock, tmp_path):
    route = respx_mock.post(UPLOAD)
    missing = await run_action(catalog.action("google_drive-upload-file"), {"filePath": "/tmp/nope.pdf"}, auth=AUTH,
                               tmp_dir=tmp_path)
    assert "/tmp/nope.pdf is not a file in /tmp" in missing.error
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    unconvertible = await run_action(catalog.action("google_drive-upload-file"), {
        "filePath": "/tmp/photo.png", "convertToGoogleFormat": True}, auth=AUTH, tmp_dir=tmp_path)
    assert unconvertible.error == (
        "image/png files cannot be converted to a Google format; upload without convertToGoogleFormat")
    outside = await run_action(catalog.action("google_drive-upload-file"), {"filePath": "/tmp/../etc/passwd"},
                               auth=AUTH, tmp_dir=tmp_path)
    assert "must stay inside /tmp" in outside.error
    assert not route.called


# Downloads


async def test_download_file_saves_a_binary_file(catalog, respx_mock, tmp_path):
    route = respx_mock.get(f"{API}/files/{FILE}").mock(side_effect=[
        httpx.Response(200, json={"id": FILE, "name": "Q3 report.pdf", "mimeType": "application/pdf", "size": "13"}),
        httpx.Response(200, content=b"%PDF-1.7 data", headers={"Content-Type": "application/pdf"}),
    ])
    result = await run_action(catalog.action("google_drive-download-file"), {"fileId": FILE}, auth=AUTH,
                              tmp_dir=tmp_path)
    assert result.error is None
    assert_request(route.calls[0].request, "GET", f"{API}/files/{FILE}",
                   [("fields", "id,name,mimeType,size"), ("supportsAllDrives", "true")])
    assert_request(route.calls[1].request, "GET", f"{API}/files/{FILE}", [("alt", "media"), ("supportsAllDrives", "true")])
    assert (tmp_path / "Q3 report.pdf").read_bytes() == b"%PDF-1.7 data"
    assert result.ret == {"filePath": "/tmp/Q3 report.pdf", "name": "Q3 report.pdf", "mimeType": "application/pdf",
                          "size": 13, "fileId": FILE}
    assert result.summary == "Downloaded Q3 report.pdf (13 bytes) to /tmp/Q3 report.pdf"


async def test_download_file_exports_google_docs(catalog, respx_mock, tmp_path):
    respx_mock.get(f"{API}/files/1DocId").mock(return_value=httpx.Response(200, json={
        "id": "1DocId", "name": "Meeting notes", "mimeType": "application/vnd.google-apps.document"}))
    export = respx_mock.get(f"{API}/files/1DocId/export").mock(return_value=httpx.Response(
        200, content=b"%PDF-1.4 exported", headers={"Content-Type": "application/pdf"}))
    result = await run_action(catalog.action("google_drive-download-file"), {"fileId": "1DocId"}, auth=AUTH,
                              tmp_dir=tmp_path)
    assert result.error is None
    assert_request(export.calls.last.request, "GET", f"{API}/files/1DocId/export", [("mimeType", "application/pdf")])
    assert (tmp_path / "Meeting notes.pdf").read_bytes() == b"%PDF-1.4 exported"
    assert result.ret["mimeType"] == "application/pdf"
    assert result.summary == (
        "Downloaded Meeting notes (17 bytes) to /tmp/Meeting notes.pdf (exported as application/pdf)")


async def test_download_file_exports_a_sheet_as_csv_to_a_chosen_path(catalog, respx_mock, tmp_path):
    respx_mock.get(f"{API}/files/1SheetId").mock(return_value=httpx.Response(200, json={
        "id": "1SheetId", "name": "Budget", "mimeType": "application/vnd.google-apps.spreadsheet"}))
    export = respx_mock.get(f"{API}/files/1SheetId/export").mock(return_value=httpx.Response(
        200, content=b"item,cost\nrent,1200\n", headers={"Content-Type": "text/csv"}))
    result = await run_action(catalog.action("google_drive-download-file"), {
        "fileId": "1SheetId", "exportFormat": "CSV", "filePath": "/tmp/data/budget.csv"}, auth=AUTH, tmp_dir=tmp_path)
    assert result.error is None
    assert_request(export.calls.last.request, "GET", f"{API}/files/1SheetId/export", [("mimeType", "text/csv")])
    assert (tmp_path / "data" / "budget.csv").read_bytes() == b"item,cost\nrent,1200\n"


async def test_download_file_refuses_folders_and_unsupported_formats(catalog, respx_mock, tmp_path):
    respx_mock.get(f"{API}/files/{FOLDER}").mock(return_value=httpx.Response(200, json={
        "id": FOLDER, "name": "Invoices", "mimeType": "application/vnd.google-apps.folder"}))
    respx_mock.get(f"{API}/files/1SlidesId").mock(return_value=httpx.Response(200, json={
        "id": "1SlidesId", "name": "Pitch", "mimeType": "application/vnd.google-apps.presentation"}))
    export = respx_mock.get(f"{API}/files/1SlidesId/export")
    folder = await run_action(catalog.action("google_drive-download-file"), {"fileId": FOLDER}, auth=AUTH,
                              tmp_dir=tmp_path)
    assert folder.error.startswith("Invoices is a folder")
    slides = await run_action(catalog.action("google_drive-download-file"), {"fileId": "1SlidesId", "exportFormat": "xlsx"},
                              auth=AUTH, tmp_dir=tmp_path)
    assert slides.error == "a Google presentation can be exported as pdf, pptx, odp, txt, not 'xlsx'"
    assert not export.called


# Organizing


async def test_create_folder(catalog, respx_mock):
    route = respx_mock.post(f"{API}/files").mock(return_value=httpx.Response(200, json=drive_file(
        OTHER_FOLDER, "2024 Invoices", "application/vnd.google-apps.folder", size=None)))
    result = await run_action(catalog.action("google_drive-create-folder"), {"name": "2024 Invoices",
                                                                           "parentId": FOLDER}, auth=AUTH)
    request = route.calls.last.request
    assert_request(request, "POST", f"{API}/files", [("supportsAllDrives", "true"), ("fields", FIELDS)])
    assert body(request) == {"name": "2024 Invoices", "mimeType": "application/vnd.google-apps.folder",
                             "parents": [FOLDER]}
    assert result.ret["isFolder"] is True
    assert result.summary == f"Created folder 2024 Invoices ({OTHER_FOLDER})"


async def test_move_file_swaps_its_parent(catalog, respx_mock):
    get = respx_mock.get(f"{API}/files/{FILE}").mock(return_value=httpx.Response(200, json={
        "id": FILE, "name": "Q3 report.pdf", "parents": [FOLDER]}))
    patch = respx_mock.patch(f"{API}/files/{FILE}").mock(return_value=httpx.Response(200, json=drive_file(
        parents=(OTHER_FOLDER,))))
    result = await run_action(catalog.action("google_drive-move-file"), {"fileId": FILE, "folderId": OTHER_FOLDER},
                              auth=AUTH)
    assert result.error is None
    assert_request(get.calls.last.request, "GET", f"{API}/files/{FILE}",
                   [("fields", "id,name,parents"), ("supportsAllDrives", "true")])
    assert_request(patch.calls.last.request, "PATCH", f"{API}/files/{FILE}", [
        ("addParents", OTHER_FOLDER), ("supportsAllDrives", "true"), ("fields", FIELDS), ("removeParents", FOLDER)])
    assert body(patch.calls.last.request) == {}
    assert result.ret["parents"] == [OTHER_FOLDER]
    assert result.summary == f"Moved Q3 report.pdf to folder {OTHER_FOLDER}"


async def test_copy_file(catalog, respx_mock):
    route = respx_mock.post(f"{API}/files/{FILE}/copy").mock(return_value=httpx.Response(200, json=drive_file(
        "1CopyId", "Q3 report (copy).pdf", parents=(OTHER_FOLDER,))))
    result = await run_action(catalog.action("google_drive-copy-file"), {
        "fileId": FILE, "name": "Q3 report (copy).pdf", "folderId": OTHER_FOLDER}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", f"{API}/files/{FILE}/copy",
                   [("supportsAllDrives", "true"), ("fields", FIELDS)])
    assert body(route.calls.last.request) == {"name": "Q3 report (copy).pdf", "parents": [OTHER_FOLDER]}
    assert result.ret == summary_of("1CopyId", "Q3 report (copy).pdf", parents=(OTHER_FOLDER,))
    assert result.summary == "Copied the file to Q3 report (copy).pdf (1CopyId)"


PERMISSION_FIELDS = "id,type,role,emailAddress,domain,displayName,allowFileDiscovery"


def mock_link(respx_mock):
    return respx_mock.get(f"{API}/files/{FILE}").mock(return_value=httpx.Response(200, json={
        "id": FILE, "name": "Q3 report.pdf", "webViewLink": f"https://drive.google.com/file/d/{FILE}/view?usp=drivesdk"}))


async def test_share_file_with_a_person(catalog, respx_mock):
    route = respx_mock.post(f"{API}/files/{FILE}/permissions").mock(return_value=httpx.Response(200, json={
        "id": "13160372637464856911", "type": "user", "role": "writer", "emailAddress": "ada@example.com",
        "displayName": "Ada Lovelace"}))
    link = mock_link(respx_mock)
    result = await run_action(catalog.action("google_drive-share-file"), {
        "fileId": FILE, "role": "writer", "emailAddress": "ada@example.com", "emailMessage": "Please review"}, auth=AUTH)
    assert result.error is None
    assert_request(route.calls.last.request, "POST", f"{API}/files/{FILE}/permissions", [
        ("supportsAllDrives", "true"), ("fields", PERMISSION_FIELDS), ("sendNotificationEmail", "true"),
        ("emailMessage", "Please review")])
    assert body(route.calls.last.request) == {"role": "writer", "type": "user", "emailAddress": "ada@example.com"}
    assert_request(link.calls.last.request, "GET", f"{API}/files/{FILE}",
                   [("fields", "id,name,webViewLink"), ("supportsAllDrives", "true")])
    assert result.ret["webViewLink"] == f"https://drive.google.com/file/d/{FILE}/view?usp=drivesdk"
    assert result.ret["permission"]["id"] == "13160372637464856911"
    assert result.summary == "Shared Q3 report.pdf with ada@example.com as writer"


async def test_share_file_with_anyone_with_the_link(catalog, respx_mock):
    route = respx_mock.post(f"{API}/files/{FILE}/permissions").mock(return_value=httpx.Response(200, json={
        "id": "anyoneWithLink", "type": "anyone", "role": "reader", "allowFileDiscovery": False}))
    mock_link(respx_mock)
    result = await run_action(catalog.action("google_drive-share-file"), {"fileId": FILE, "type": "anyone"}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", f"{API}/files/{FILE}/permissions",
                   [("supportsAllDrives", "true"), ("fields", PERMISSION_FIELDS)])
    assert body(route.calls.last.request) == {"role": "reader", "type": "anyone", "allowFileDiscovery": False}
    assert result.summary == "Shared Q3 report.pdf with anyone with the link as reader"


async def test_share_file_needs_an_address_for_a_person(catalog, respx_mock):
    route = respx_mock.post(f"{API}/files/{FILE}/permissions")
    result = await run_action(catalog.action("google_drive-share-file"), {"fileId": FILE}, auth=AUTH)
    assert result.error == "sharing with a user needs its emailAddress, e.g. `ada@example.com`"
    wrong = await run_action(catalog.action("google_drive-share-file"), {"fileId": FILE, "role": "owner",
                                                                        "emailAddress": "ada@example.com"}, auth=AUTH)
    assert wrong.error.startswith("role 'owner' must be one of reader")
    assert not route.called


async def test_trash_file(catalog, respx_mock):
    route = respx_mock.patch(f"{API}/files/{FILE}").mock(return_value=httpx.Response(200, json={
        "id": FILE, "name": "Q3 report.pdf", "trashed": True}))
    result = await run_action(catalog.action("google_drive-trash-file"), {"fileId": FILE}, auth=AUTH)
    assert_request(route.calls.last.request, "PATCH", f"{API}/files/{FILE}",
                   [("supportsAllDrives", "true"), ("fields", "id,name,trashed")])
    assert body(route.calls.last.request) == {"trashed": True}
    assert result.ret == {"id": FILE, "name": "Q3 report.pdf", "trashed": True}
    assert result.summary == "Moved Q3 report.pdf to the trash"


async def test_delete_file(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/files/{FILE}").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("google_drive-delete-file"), {"fileId": FILE}, auth=AUTH)
    assert result.error is None
    assert_request(route.calls.last.request, "DELETE", f"{API}/files/{FILE}", [("supportsAllDrives", "true")])
    assert result.ret == {"deleted": True, "id": FILE}
    assert result.summary == f"Permanently deleted {FILE}"


# Errors


async def test_a_missing_file_says_how_to_find_ids(catalog, respx_mock):
    respx_mock.get(f"{API}/files/nope123456").mock(return_value=httpx.Response(404, json=google_error(
        404, "File not found: nope123456.", "notFound", "fileId")))
    result = await run_action(catalog.action("google_drive-get-file"), {"fileId": "nope123456"}, auth=AUTH)
    assert result.error == (
        f"Google Drive API error 404 on GET {API}/files/nope123456: File not found: nope123456. (no file or folder "
        "with that ID is visible to this account; find IDs with google_drive-list-files (the ID is also the long "
        "string in the file's URL))"
    )


async def test_a_full_drive_is_explained(catalog, respx_mock, tmp_path):
    (tmp_path / "a.txt").write_text("hi")
    respx_mock.post(UPLOAD).mock(return_value=httpx.Response(403, json=google_error(
        403, "The user's Drive storage quota has been exceeded.", "storageQuotaExceeded")))
    result = await run_action(catalog.action("google_drive-upload-file"), {"filePath": "/tmp/a.txt"}, auth=AUTH,
                              tmp_dir=tmp_path)
    assert "The user's Drive storage quota has been exceeded." in result.error
    assert "storage is full; free up space first" in result.error


async def test_a_401_refreshes_the_token_and_retries(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/files/{FILE}").mock(side_effect=[
        httpx.Response(401, json=google_error(401, "Invalid Credentials", "authError", "Authorization")),
        httpx.Response(204),
    ])
    calls = []

    async def refresh():
        calls.append(1)
        return {"Authorization": "Bearer ya29.refreshed"}

    result = await run_action(catalog.action("google_drive-delete-file"), {"fileId": FILE}, auth=AUTH,
                              on_unauthorized=refresh)
    assert result.error is None
    assert calls == [1]
    assert [c.request.headers["authorization"] for c in route.calls] == [
        f"Bearer {AUTH['oauth_access_token']}", "Bearer ya29.refreshed"]


async def test_a_429_says_when_to_retry(catalog, respx_mock):
    respx_mock.get(f"{API}/files").mock(return_value=httpx.Response(429, headers={"Retry-After": "12"}, json=google_error(
        429, "Rate limit exceeded. User message: \"Sorry, you have exceeded your sharing quota.\"", "rateLimitExceeded")))
    result = await run_action(catalog.action("google_drive-list-files"), {}, auth=AUTH)
    assert result.ret is None
    assert "Rate limit exceeded." in result.error
    assert "rate limited by Google Drive; retry after 12 s" in result.error


async def test_a_403_user_rate_limit_is_a_rate_limit(catalog, respx_mock):
    respx_mock.get(f"{API}/files").mock(return_value=httpx.Response(403, headers={"Retry-After": "5"}, json=google_error(
        403, "User Rate Limit Exceeded.", "userRateLimitExceeded")))
    result = await run_action(catalog.action("google_drive-list-files"), {}, auth=AUTH)
    assert "rate limited by Google Drive; retry after 5 s" in result.error


# Remote options


async def test_folder_options_search_by_name_and_page(catalog, respx_mock):
    route = respx_mock.get(f"{API}/files").mock(side_effect=[
        httpx.Response(200, json={"nextPageToken": "~!!~AI9FV7Q", "files": [{"id": FOLDER, "name": "Invoices"}]}),
        httpx.Response(200, json={"files": [{"id": OTHER_FOLDER, "name": "Invoices 2023"}]}),
    ])
    action = catalog.action("google_drive-upload-file")
    first = await fetch_options(action, "folderId", {}, auth=AUTH, query="Invoice's")
    assert first["options"] == [{"label": "My Drive (top level)", "value": "root"}, {"label": "Invoices", "value": FOLDER}]
    assert first["context"] == {"pageToken": "~!!~AI9FV7Q"}
    expected = [
        ("q", "mimeType='application/vnd.google-apps.folder' and trashed=false and name contains 'Invoice\\'s'"),
        ("fields", "nextPageToken,files(id,name)"), ("orderBy", "name"), ("pageSize", "100"), ("corpora", "allDrives"),
        ("includeItemsFromAllDrives", "true"), ("supportsAllDrives", "true"),
    ]
    assert_request(route.calls[0].request, "GET", f"{API}/files", expected)
    second = await fetch_options(action, "folderId", {}, auth=AUTH, query="Invoice's", page=1,
                                 prev_context=first["context"])
    assert second["options"] == [{"label": "Invoices 2023", "value": OTHER_FOLDER}]
    assert second["context"] is None
    assert_request(route.calls[1].request, "GET", f"{API}/files", expected + [("pageToken", "~!!~AI9FV7Q")])


async def test_shared_drive_options_page(catalog, respx_mock):
    route = respx_mock.get(f"{API}/drives").mock(side_effect=[
        httpx.Response(200, json={"kind": "drive#driveList", "nextPageToken": "tok2",
                                  "drives": [{"kind": "drive#drive", "id": SHARED_DRIVE, "name": "Marketing"}]}),
        httpx.Response(200, json={"kind": "drive#driveList", "drives": [{"kind": "drive#drive", "id": "0AL2", "name": "Finance"}]}),
    ])
    action = catalog.action("google_drive-list-files")
    first = await fetch_options(action, "driveId", {}, auth=AUTH)
    assert first["options"] == [{"label": "Marketing", "value": SHARED_DRIVE}]
    second = await fetch_options(action, "driveId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Finance", "value": "0AL2"}]
    assert_request(route.calls[1].request, "GET", f"{API}/drives", [("pageSize", "100"), ("pageToken", "tok2")])
