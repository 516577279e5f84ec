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
    assert len(actions) >= 20
    assert {a.key for a in actions if a.annotations.read_only} == {
        "google_drive-list-files", "google_drive-get-file", "google_drive-list-permissions", "google_drive-list-comments",
        "google_drive-list-revisions", "google_drive-list-shared-drives", "google_drive-get-storage-quota",
    }
    assert {a.key for a in actions if a.annotations.destructive} == {
        "google_drive-trash-file", "google_drive-delete-file", "google_drive-remove-permission", "google_drive-update-file",
    }
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
        "q": "starred = true", "driveId": SHARED_DRIVE, "orderBy": "name", "limit": 2, "cursor": "~!!~prev",
    }, auth=AUTH)
    assert result.error is None
    assert_request(route.calls.last.request, "GET", f"{API}/files", [
        ("fields", f"nextPageToken,files({FIELDS})"),
        ("supportsAllDrives", "true"), ("includeItemsFromAllDrives", "true"),
        ("q", f"trashed = false and '{FOLDER}' in parents and name contains 'Bob\\'s' and "
              "mimeType = 'application/vnd.google-apps.document' and (starred = true)"),
        ("orderBy", "name"), ("corpora", "drive"), ("driveId", SHARED_DRIVE), ("pageSize", "2"), ("pageToken", "~!!~prev"),
    ])
    assert result.ret == {
        "files": [summary_of(), summary_of("1Sheet000", "Budget", "application/vnd.google-apps.spreadsheet", None)],
        "next_cursor": "~!!~AI9FV7Tn",
    }
    assert result.summary == "Found 2 items in Google Drive (more with next_cursor)"


async def test_list_files_follows_pages_up_to_the_limit_and_returns_the_cursor(catalog, respx_mock):
    route = respx_mock.get(f"{API}/files").mock(side_effect=[
        httpx.Response(200, json={"kind": "drive#fileList", "nextPageToken": "tok2", "files": [drive_file("1a"), drive_file("1b")]}),
        httpx.Response(200, json={"kind": "drive#fileList", "nextPageToken": "tok3", "files": [drive_file("1c")]}),
        httpx.Response(200, json={"kind": "drive#fileList", "files": [drive_file("1d")]}),
    ])
    action = catalog.action("google_drive-list-files")
    first = await run_action(action, {"limit": 3}, auth=AUTH)
    assert [f["id"] for f in first.ret["files"]] == ["1a", "1b", "1c"]
    assert first.ret["next_cursor"] == "tok3"
    assert route.calls[0].request.url.params["pageSize"] == "3"
    assert "pageToken" not in route.calls[0].request.url.params
    assert route.calls[1].request.url.params["pageSize"] == "1"
    assert route.calls[1].request.url.params["pageToken"] == "tok2"
    second = await run_action(action, {"limit": 3, "cursor": first.ret["next_cursor"], "fullResponse": True}, auth=AUTH)
    assert route.calls[2].request.url.params["pageToken"] == "tok3"
    assert second.ret == {"files": [drive_file("1d")], "next_cursor": None}


async def test_list_files_full_text_sorts_by_relevance(catalog, respx_mock):
    route = respx_mock.get(f"{API}/files").mock(return_value=httpx.Response(200, json={"files": []}))
    result = await run_action(catalog.action("google_drive-list-files"), {
        "fullText": "quarterly revenue", "type": "image/png", "includeTrashed": True}, auth=AUTH)
    assert result.error is None
    assert_request(route.calls.last.request, "GET", f"{API}/files", [
        ("fields", f"nextPageToken,files({FIELDS})"),
        ("supportsAllDrives", "true"), ("includeItemsFromAllDrives", "true"),
        ("q", "fullText contains 'quarterly revenue' and mimeType = 'image/png'"), ("pageSize", "25"),
    ])
    assert result.ret == {"files": [], "next_cursor": None}


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
    route = respx_mock.patch(f"{API}/files/{FILE}").mock(return_value=httpx.Response(200, json=drive_file(trashed=True)))
    result = await run_action(catalog.action("google_drive-trash-file"), {"fileId": FILE}, auth=AUTH)
    assert_request(route.calls.last.request, "PATCH", f"{API}/files/{FILE}",
                   [("supportsAllDrives", "true"), ("fields", FIELDS)])
    assert body(route.calls.last.request) == {"trashed": True}
    assert result.ret == {**summary_of(), "trashed": True}
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


async def test_file_options_search_by_name_and_mark_folders(catalog, respx_mock):
    route = respx_mock.get(f"{API}/files").mock(return_value=httpx.Response(200, json={
        "nextPageToken": "tok2", "files": [
            {"id": FILE, "name": "Q3 report.pdf", "mimeType": "application/pdf"},
            {"id": FOLDER, "name": "Reports", "mimeType": "application/vnd.google-apps.folder"},
        ]}))
    result = await fetch_options(catalog.action("google_drive-get-file"), "fileId", {}, auth=AUTH, query="report")
    assert result["options"] == [{"label": "Q3 report.pdf", "value": FILE}, {"label": "Reports/", "value": FOLDER}]
    assert result["context"] == {"pageToken": "tok2"}
    assert_request(route.calls.last.request, "GET", f"{API}/files", [
        ("q", "trashed=false and name contains 'report'"), ("fields", "nextPageToken,files(id,name,mimeType)"),
        ("orderBy", "modifiedTime desc"), ("pageSize", "100"), ("corpora", "allDrives"),
        ("includeItemsFromAllDrives", "true"), ("supportsAllDrives", "true"),
    ])


# Editing metadata


async def test_update_file_renames_and_stars(catalog, respx_mock):
    route = respx_mock.patch(f"{API}/files/{FILE}").mock(return_value=httpx.Response(200, json=drive_file(
        name="Q3 report (final).pdf", starred=True)))
    result = await run_action(catalog.action("google_drive-update-file"), {
        "fileId": FILE, "name": "Q3 report (final).pdf", "starred": True}, auth=AUTH)
    assert result.error is None
    assert_request(route.calls.last.request, "PATCH", f"{API}/files/{FILE}",
                   [("supportsAllDrives", "true"), ("fields", FIELDS)])
    assert body(route.calls.last.request) == {"name": "Q3 report (final).pdf", "starred": True}
    assert result.ret == summary_of(name="Q3 report (final).pdf")
    assert result.summary == "Updated Q3 report (final).pdf (name, starred)"


async def test_update_file_needs_something_to_change(catalog, respx_mock):
    result = await run_action(catalog.action("google_drive-update-file"), {"fileId": FILE}, auth=AUTH)
    assert result.error == "nothing to change: give a new name, description or starred"
    assert not respx_mock.calls


async def test_restore_file_untrashes_it(catalog, respx_mock):
    route = respx_mock.patch(f"{API}/files/{FILE}").mock(return_value=httpx.Response(200, json=drive_file()))
    result = await run_action(catalog.action("google_drive-restore-file"), {"fileId": FILE}, auth=AUTH)
    assert_request(route.calls.last.request, "PATCH", f"{API}/files/{FILE}",
                   [("supportsAllDrives", "true"), ("fields", FIELDS)])
    assert body(route.calls.last.request) == {"trashed": False}
    assert result.ret["trashed"] is False
    assert result.summary == "Restored Q3 report.pdf from the trash"


async def test_create_file_from_text_as_a_google_doc(catalog, respx_mock):
    route = respx_mock.post(UPLOAD).mock(return_value=httpx.Response(200, json=drive_file(
        "1NewDoc", "Summary", "application/vnd.google-apps.document", size=None)))
    result = await run_action(catalog.action("google_drive-create-file-from-text"), {
        "name": "Summary", "content": "# Summary\n\nAll good.", "mimeType": "text/markdown",
        "convertToGoogleDoc": True, "folderId": FOLDER}, auth=AUTH)
    assert result.error is None
    request = route.calls.last.request
    assert_request(request, "POST", UPLOAD, [("uploadType", "multipart"), ("supportsAllDrives", "true"),
                                             ("fields", FIELDS)])
    (_, meta), (file_head, data) = multipart_parts(request)
    assert json.loads(meta) == {"name": "Summary", "mimeType": "application/vnd.google-apps.document",
                                "parents": [FOLDER]}
    assert file_head == "Content-Type: text/markdown; charset=UTF-8"
    assert data == b"# Summary\n\nAll good."
    assert result.ret["id"] == "1NewDoc"
    assert result.summary == "Created Google Doc Summary (1NewDoc)"


# Access


PERMISSION = {"kind": "drive#permission", "id": "13160372637464856911", "type": "user", "role": "writer",
              "emailAddress": "ada@example.com", "displayName": "Ada Lovelace"}
ANYONE = {"kind": "drive#permission", "id": "anyoneWithLink", "type": "anyone", "role": "reader",
          "allowFileDiscovery": False}
PERMISSIONS_FIELDS = ("nextPageToken,permissions(id,type,role,emailAddress,domain,displayName,allowFileDiscovery,"
                      "expirationTime)")


async def test_list_permissions_pages_with_the_cursor(catalog, respx_mock):
    route = respx_mock.get(f"{API}/files/{FILE}/permissions").mock(side_effect=[
        httpx.Response(200, json={"kind": "drive#permissionList", "nextPageToken": "p2", "permissions": [PERMISSION]}),
        httpx.Response(200, json={"kind": "drive#permissionList", "permissions": [ANYONE]}),
    ])
    action = catalog.action("google_drive-list-permissions")
    first = await run_action(action, {"fileId": FILE, "limit": 1}, auth=AUTH)
    assert_request(route.calls[0].request, "GET", f"{API}/files/{FILE}/permissions",
                   [("fields", PERMISSIONS_FIELDS), ("supportsAllDrives", "true"), ("pageSize", "1")])
    assert first.ret == {"permissions": [{"id": "13160372637464856911", "type": "user", "role": "writer",
                                          "emailAddress": "ada@example.com", "displayName": "Ada Lovelace"}],
                         "next_cursor": "p2"}
    second = await run_action(action, {"fileId": FILE, "limit": 1, "cursor": "p2"}, auth=AUTH)
    assert_request(route.calls[1].request, "GET", f"{API}/files/{FILE}/permissions", [
        ("fields", PERMISSIONS_FIELDS), ("supportsAllDrives", "true"), ("pageSize", "1"), ("pageToken", "p2")])
    assert second.ret == {"permissions": [{"id": "anyoneWithLink", "type": "anyone", "role": "reader",
                                           "allowFileDiscovery": False}], "next_cursor": None}
    assert second.summary == f"Found 1 permission on {FILE}"


async def test_permission_options_need_the_file_then_list_its_permissions(catalog, respx_mock):
    action = catalog.action("google_drive-remove-permission")
    missing = await fetch_options(action, "permissionId", {}, auth=AUTH)
    assert "choose the file (fileId) first" in missing["errors"][0]
    route = respx_mock.get(f"{API}/files/{FILE}/permissions").mock(return_value=httpx.Response(200, json={
        "permissions": [PERMISSION, ANYONE]}))
    result = await fetch_options(action, "permissionId", {"fileId": FILE}, auth=AUTH)
    assert result["options"] == [{"label": "ada@example.com (writer)", "value": "13160372637464856911"},
                                 {"label": "anyone (reader)", "value": "anyoneWithLink"}]
    assert_request(route.calls.last.request, "GET", f"{API}/files/{FILE}/permissions", [
        ("fields", "nextPageToken,permissions(id,type,role,emailAddress,domain,displayName)"), ("pageSize", "100"),
        ("supportsAllDrives", "true")])


async def test_remove_permission(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/files/{FILE}/permissions/anyoneWithLink").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("google_drive-remove-permission"), {
        "fileId": FILE, "permissionId": "anyoneWithLink"}, auth=AUTH)
    assert result.error is None
    assert_request(route.calls.last.request, "DELETE", f"{API}/files/{FILE}/permissions/anyoneWithLink",
                   [("supportsAllDrives", "true")])
    assert result.ret == {"removed": True, "fileId": FILE, "permissionId": "anyoneWithLink"}
    assert result.summary == f"Removed permission anyoneWithLink from {FILE}"


# Comments and revisions

COMMENT = {
    "kind": "drive#comment", "id": "AAAA1bCdEfG", "createdTime": "2024-06-02T09:00:00.000Z",
    "modifiedTime": "2024-06-02T10:00:00.000Z", "resolved": False, "deleted": False,
    "author": {"kind": "drive#user", "displayName": "Ada Lovelace", "emailAddress": "ada@example.com"},
    "content": "Please check the totals.", "htmlContent": "Please check the totals.",
    "quotedFileContent": {"mimeType": "text/html", "value": "Total: 42"},
    "replies": [{"kind": "drive#reply", "id": "AAAA1bCdEfH", "createdTime": "2024-06-02T10:00:00.000Z",
                 "author": {"kind": "drive#user", "displayName": "Grace Hopper"}, "content": "Done."}],
}
COMMENT_FIELDS = (
    "id,content,createdTime,modifiedTime,resolved,deleted,author(displayName,emailAddress),quotedFileContent,"
    "replies(id,content,action,createdTime,author(displayName,emailAddress))"
)


async def test_list_comments_with_replies(catalog, respx_mock):
    route = respx_mock.get(f"{API}/files/{FILE}/comments").mock(return_value=httpx.Response(200, json={
        "kind": "drive#commentList", "comments": [COMMENT]}))
    result = await run_action(catalog.action("google_drive-list-comments"), {
        "fileId": FILE, "startModifiedTime": "2024-06-01T00:00:00Z"}, auth=AUTH)
    assert result.error is None
    assert_request(route.calls.last.request, "GET", f"{API}/files/{FILE}/comments", [
        ("fields", f"nextPageToken,comments({COMMENT_FIELDS})"), ("startModifiedTime", "2024-06-01T00:00:00Z"),
        ("pageSize", "25")])
    assert result.ret == {"comments": [{
        "id": "AAAA1bCdEfG", "author": "ada@example.com", "content": "Please check the totals.",
        "quotedText": "Total: 42", "resolved": False, "createdTime": "2024-06-02T09:00:00.000Z",
        "modifiedTime": "2024-06-02T10:00:00.000Z",
        "replies": [{"id": "AAAA1bCdEfH", "author": "Grace Hopper", "content": "Done.",
                     "createdTime": "2024-06-02T10:00:00.000Z"}],
    }], "next_cursor": None}
    assert result.summary == f"Found 1 comment on {FILE}"


async def test_comment_options_label_by_author_and_text(catalog, respx_mock):
    route = respx_mock.get(f"{API}/files/{FILE}/comments").mock(return_value=httpx.Response(200, json={
        "comments": [COMMENT]}))
    result = await fetch_options(catalog.action("google_drive-reply-to-comment"), "commentId", {"fileId": FILE},
                                 auth=AUTH)
    assert result["options"] == [{"label": "Ada Lovelace: Please check the totals.", "value": "AAAA1bCdEfG"}]
    assert_request(route.calls.last.request, "GET", f"{API}/files/{FILE}/comments", [
        ("fields", "nextPageToken,comments(id,content,author(displayName))"), ("pageSize", "100")])


async def test_add_comment(catalog, respx_mock):
    route = respx_mock.post(f"{API}/files/{FILE}/comments").mock(return_value=httpx.Response(200, json={
        **COMMENT, "replies": [], "quotedFileContent": None}))
    result = await run_action(catalog.action("google_drive-add-comment"), {
        "fileId": FILE, "content": "Please check the totals."}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", f"{API}/files/{FILE}/comments", [("fields", COMMENT_FIELDS)])
    assert body(route.calls.last.request) == {"content": "Please check the totals."}
    assert result.ret["id"] == "AAAA1bCdEfG"
    assert "htmlContent" not in result.ret
    assert result.summary == f"Commented on {FILE} (comment AAAA1bCdEfG)"


async def test_reply_to_comment_and_resolve(catalog, respx_mock):
    route = respx_mock.post(f"{API}/files/{FILE}/comments/AAAA1bCdEfG/replies").mock(return_value=httpx.Response(
        200, json={"kind": "drive#reply", "id": "AAAA1bCdEfI", "createdTime": "2024-06-03T08:00:00.000Z",
                   "author": {"kind": "drive#user", "displayName": "Grace Hopper", "emailAddress": "grace@example.com"},
                   "content": "Fixed.", "action": "resolve"}))
    result = await run_action(catalog.action("google_drive-reply-to-comment"), {
        "fileId": FILE, "commentId": "AAAA1bCdEfG", "content": "Fixed.", "action": "resolve"}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", f"{API}/files/{FILE}/comments/AAAA1bCdEfG/replies",
                   [("fields", "id,content,action,createdTime,author(displayName,emailAddress)")])
    assert body(route.calls.last.request) == {"content": "Fixed.", "action": "resolve"}
    assert result.ret == {"id": "AAAA1bCdEfI", "author": "grace@example.com", "content": "Fixed.", "action": "resolve",
                          "createdTime": "2024-06-03T08:00:00.000Z"}
    assert result.summary == "Replied to comment AAAA1bCdEfG and resolved it"


async def test_list_revisions(catalog, respx_mock):
    route = respx_mock.get(f"{API}/files/{FILE}/revisions").mock(return_value=httpx.Response(200, json={
        "kind": "drive#revisionList", "revisions": [{
            "kind": "drive#revision", "id": "0B1rev", "mimeType": "application/pdf",
            "modifiedTime": "2024-06-01T12:30:00.000Z", "keepForever": False, "size": "48213",
            "originalFilename": "report.pdf",
            "lastModifyingUser": {"kind": "drive#user", "displayName": "Grace Hopper", "emailAddress": "grace@example.com"},
        }]}))
    result = await run_action(catalog.action("google_drive-list-revisions"), {"fileId": FILE}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{API}/files/{FILE}/revisions", [
        ("fields", "nextPageToken,revisions(id,mimeType,modifiedTime,keepForever,size,originalFilename,"
                   "lastModifyingUser(displayName,emailAddress))"), ("pageSize", "25")])
    assert result.ret == {"revisions": [{
        "id": "0B1rev", "modifiedTime": "2024-06-01T12:30:00.000Z", "lastModifiedBy": "grace@example.com",
        "size": 48213, "originalFilename": "report.pdf", "mimeType": "application/pdf", "keepForever": False,
    }], "next_cursor": None}


# Shared drives and the account


async def test_list_shared_drives_by_name(catalog, respx_mock):
    route = respx_mock.get(f"{API}/drives").mock(return_value=httpx.Response(200, json={
        "kind": "drive#driveList", "nextPageToken": "d2", "drives": [
            {"kind": "drive#drive", "id": SHARED_DRIVE, "name": "Marketing", "createdTime": "2023-01-05T08:00:00.000Z",
             "hidden": False}]}))
    result = await run_action(catalog.action("google_drive-list-shared-drives"), {
        "nameContains": "Market", "limit": 1}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{API}/drives", [
        ("fields", "nextPageToken,drives(id,name,createdTime,hidden)"), ("q", "name contains 'Market'"),
        ("pageSize", "1")])
    assert result.ret == {"drives": [{"id": SHARED_DRIVE, "name": "Marketing", "createdTime": "2023-01-05T08:00:00.000Z",
                                      "hidden": False}], "next_cursor": "d2"}
    assert result.summary == "Found 1 shared drive"


async def test_create_shared_drive_sends_a_request_id(catalog, respx_mock):
    route = respx_mock.post(f"{API}/drives").mock(return_value=httpx.Response(200, json={
        "kind": "drive#drive", "id": SHARED_DRIVE, "name": "Marketing", "createdTime": "2024-06-01T08:00:00.000Z",
        "hidden": False}))
    result = await run_action(catalog.action("google_drive-create-shared-drive"), {"name": "Marketing"}, auth=AUTH)
    request = route.calls.last.request
    params = dict(request.url.params)
    assert list(params) == ["requestId", "fields"]
    assert len(params["requestId"]) == 32
    assert params["fields"] == "id,name,createdTime,hidden"
    assert request.headers["authorization"] == f"Bearer {AUTH['oauth_access_token']}"
    assert body(request) == {"name": "Marketing"}
    assert result.ret["id"] == SHARED_DRIVE
    assert result.summary == f"Created shared drive Marketing ({SHARED_DRIVE})"


async def test_get_storage_quota(catalog, respx_mock):
    about = {"kind": "drive#about", "user": {"kind": "drive#user", "displayName": "Grace Hopper",
                                             "emailAddress": "grace@example.com"},
             "storageQuota": {"limit": "16106127360", "usage": "5368709120", "usageInDrive": "4294967296",
                              "usageInDriveTrash": "1073741824"},
             "maxUploadSize": "5242880000000"}
    route = respx_mock.get(f"{API}/about").mock(return_value=httpx.Response(200, json=about))
    action = catalog.action("google_drive-get-storage-quota")
    result = await run_action(action, {}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{API}/about",
                   [("fields", "user(displayName,emailAddress),storageQuota,maxUploadSize")])
    assert result.ret == {"user": "grace@example.com", "limit": 16106127360, "usage": 5368709120,
                          "usageInDrive": 4294967296, "usageInDriveTrash": 1073741824, "free": 10737418240,
                          "unlimited": False, "maxUploadSize": 5242880000000}
    assert result.summary == "5.37 GB used of 16.11 GB"
    whole = await run_action(action, {"fullResponse": True}, auth=AUTH)
    assert whole.ret == about
