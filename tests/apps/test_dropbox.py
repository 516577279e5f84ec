"""Dropbox actions, options, account test and OAuth settings against the HTTP API v2
(RPC on https://api.dropboxapi.com/2, content on https://content.dropboxapi.com/2).

Responses are shaped like the examples of Dropbox's HTTP documentation
(https://www.dropbox.com/developers/documentation/http/documentation).
"""

import base64
import hashlib
import json
import sys
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from mcp_gateway.catalog import AccountContext, AppHttp, Identity, UpstreamError
from mcp_gateway.connect.oauth import authorization_url
from mcp_gateway.connect.oauth_apps import OAuthClient
from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api.dropboxapi.com/2"
CONTENT = "https://content.dropboxapi.com/2"
AUTH = {"oauth_access_token": "sl.u.AFm2LcBZZ1TTBasc-f1dTKE3nDmUd0jmPjYZlnR5h8VhFqnXfxDvE7wQx"}
FILE_ID = "id:a4ayc_80_OEAAAAAAAAAXw"


def _file(path="/Homework/math/Prime_Numbers.txt", size=7212, file_id=FILE_ID):
    return {
        ".tag": "file",
        "name": path.rsplit("/", 1)[-1],
        "id": file_id,
        "client_modified": "2025-05-12T15:50:38Z",
        "server_modified": "2025-05-12T15:50:38Z",
        "rev": "a1c10ce0dd78",
        "size": size,
        "path_lower": path.lower(),
        "path_display": path,
        "sharing_info": {
            "read_only": False,
            "parent_shared_folder_id": "84528192421",
            "modified_by": "dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc",
        },
        "is_downloadable": True,
        "has_explicit_shared_members": False,
        "content_hash": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    }


def _folder(path="/Homework/math", folder_id="id:a4ayc_80_OEAAAAAAAAAXz"):
    return {
        ".tag": "folder",
        "name": path.rsplit("/", 1)[-1],
        "id": folder_id,
        "path_lower": path.lower(),
        "path_display": path,
    }


def assert_dropbox(request, url, body=None):
    assert request.method == "POST"
    assert str(request.url) == url
    assert request.headers["authorization"] == f"Bearer {AUTH['oauth_access_token']}"
    if body is None:
        assert request.content == b""
    else:
        assert request.headers["content-type"] == "application/json"
        assert json.loads(request.content) == body


def api_arg(request):
    header = request.headers["dropbox-api-arg"]
    assert header.isascii()
    return json.loads(header)


# Listing, search and metadata


async def test_list_folder_sends_the_path_and_options(catalog, respx_mock):
    route = respx_mock.post(f"{API}/files/list_folder").mock(
        return_value=httpx.Response(
            200,
            json={
                "entries": [_folder(), _file()],
                "cursor": "ZtkX9_EHj3x7PMkVuFIhwKYXEpwpLwyxp9vMKomUhllil9q7eWiAu",
                "has_more": True,
            },
        )
    )
    result = await run_action(
        catalog.action("dropbox-list-folder"), {"folder": "Homework/", "recursive": True, "limit": 2}, auth=AUTH
    )
    assert result.error is None, result.error
    assert_dropbox(
        route.calls.last.request,
        f"{API}/files/list_folder",
        {"path": "/Homework", "recursive": True, "include_deleted": False, "limit": 2},
    )
    assert result.ret["next_cursor"] == "ZtkX9_EHj3x7PMkVuFIhwKYXEpwpLwyxp9vMKomUhllil9q7eWiAu"
    assert result.ret["entries"][0] == {
        "type": "folder",
        "name": "math",
        "path_display": "/Homework/math",
        "path_lower": "/homework/math",
        "id": "id:a4ayc_80_OEAAAAAAAAAXz",
    }
    assert result.ret["entries"][1]["size"] == 7212 and result.ret["entries"][1]["rev"] == "a1c10ce0dd78"
    assert result.summary == "Listed 2 entries in /Homework (more available)"
    whole = await run_action(catalog.action("dropbox-list-folder"), {"folder": "/Homework", "limit": 2, "fullResponse": True}, auth=AUTH)
    assert whole.ret["entries"][1] == _file()


async def test_list_folder_continues_until_the_limit_is_reached(catalog, respx_mock):
    respx_mock.post(f"{API}/files/list_folder").mock(
        return_value=httpx.Response(200, json={"entries": [_folder()], "cursor": "C1", "has_more": True}))
    more = respx_mock.post(f"{API}/files/list_folder/continue").mock(side_effect=[
        httpx.Response(200, json={"entries": [_file(), _file("/Homework/math/Fib.txt", file_id="id:a4ayc_80_OEAAAAAAAAAXy")],
                                  "cursor": "C2", "has_more": True}),
        httpx.Response(200, json={"entries": [], "cursor": "C3", "has_more": False}),
    ])
    result = await run_action(catalog.action("dropbox-list-folder"), {"folder": "/Homework", "limit": 2}, auth=AUTH)
    assert result.error is None, result.error
    assert_dropbox(more.calls[0].request, f"{API}/files/list_folder/continue", {"cursor": "C1"})
    # A page is never cut: the third entry comes too, and the cursor goes on after it.
    assert [e["name"] for e in result.ret["entries"]] == ["math", "Prime_Numbers.txt", "Fib.txt"]
    assert result.ret["next_cursor"] == "C2"
    rest = await run_action(catalog.action("dropbox-list-folder"), {"cursor": "C2"}, auth=AUTH)
    assert_dropbox(more.calls[1].request, f"{API}/files/list_folder/continue", {"cursor": "C2"})
    assert rest.ret == {"entries": [], "next_cursor": None}


async def test_list_folder_root_and_continue(catalog, respx_mock):
    first = respx_mock.post(f"{API}/files/list_folder").mock(
        return_value=httpx.Response(200, json={"entries": [], "cursor": "AAA", "has_more": False})
    )
    result = await run_action(catalog.action("dropbox-list-folder"), {}, auth=AUTH)
    assert result.error is None, result.error
    assert json.loads(first.calls.last.request.content)["path"] == ""
    assert result.summary == "Listed 0 entries in /"

    more = respx_mock.post(f"{API}/files/list_folder/continue").mock(
        return_value=httpx.Response(200, json={"entries": [_file()], "cursor": "BBB", "has_more": False})
    )
    result = await run_action(
        catalog.action("dropbox-list-folder"),
        {"cursor": "ZtkX9_EHj3x7PMkVuFIhwKYXEpwpLwyxp9vMKomUhllil9q7eWiAu"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_dropbox(
        more.calls.last.request,
        f"{API}/files/list_folder/continue",
        {"cursor": "ZtkX9_EHj3x7PMkVuFIhwKYXEpwpLwyxp9vMKomUhllil9q7eWiAu"},
    )
    assert result.summary == "Listed 1 entry in the next page"


async def test_search_sends_search_v2_options(catalog, respx_mock):
    route = respx_mock.post(f"{API}/files/search_v2").mock(
        return_value=httpx.Response(
            200,
            json={
                "has_more": True,
                "cursor": "ZtkX9_EHj3x7PMkVuFIhwKYXEpwpLwyxp9vMKomUhllil9q7eWiAu",
                "matches": [
                    {
                        "match_type": {".tag": "filename"},
                        "metadata": {".tag": "metadata", "metadata": _file("/Reports/q2 report.pdf")},
                    }
                ],
            },
        )
    )
    result = await run_action(
        catalog.action("dropbox-search"),
        {
            "query": "q2 report",
            "folder": "/Reports",
            "fileExtensions": [".pdf"],
            "fileCategories": ["pdf"],
            "limit": 1,
        },
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_dropbox(
        route.calls.last.request,
        f"{API}/files/search_v2",
        {
            "query": "q2 report",
            "options": {
                "max_results": 1,
                "file_status": "active",
                "filename_only": False,
                "path": "/Reports",
                "file_extensions": ["pdf"],
                "file_categories": ["pdf"],
            },
        },
    )
    assert result.ret["matches"][0]["path_display"] == "/Reports/q2 report.pdf"
    assert result.ret["matches"][0]["match_type"] == "filename"
    assert result.ret["next_cursor"] == "ZtkX9_EHj3x7PMkVuFIhwKYXEpwpLwyxp9vMKomUhllil9q7eWiAu"
    assert "sharing_info" not in result.ret["matches"][0]
    assert result.summary == "Found 1 match for 'q2 report' (more available)"

    more = respx_mock.post(f"{API}/files/search/continue_v2").mock(
        return_value=httpx.Response(200, json={"has_more": False, "matches": []})
    )
    result = await run_action(
        catalog.action("dropbox-search"), {"query": "q2 report", "cursor": "ZtkX9_EHj3x7"}, auth=AUTH
    )
    assert_dropbox(more.calls.last.request, f"{API}/files/search/continue_v2", {"cursor": "ZtkX9_EHj3x7"})
    assert result.ret == {"matches": [], "next_cursor": None}
    assert result.summary == "Found 0 matches"


async def test_get_metadata(catalog, respx_mock):
    route = respx_mock.post(f"{API}/files/get_metadata").mock(return_value=httpx.Response(200, json=_file()))
    result = await run_action(
        catalog.action("dropbox-get-metadata"), {"path": "/Homework/math/Prime_Numbers.txt"}, auth=AUTH
    )
    assert result.error is None, result.error
    assert_dropbox(
        route.calls.last.request,
        f"{API}/files/get_metadata",
        {"path": "/Homework/math/Prime_Numbers.txt", "include_deleted": True},
    )
    assert result.ret["id"] == FILE_ID and result.ret["content_hash"].startswith("e3b0c442")
    assert result.summary == "/Homework/math/Prime_Numbers.txt is a file"
    assert "sharing_info" not in result.ret and result.ret["read_only"] is False


async def test_get_metadata_with_media_info(catalog, respx_mock):
    photo = {**_file("/Photos/beach.jpg"), "media_info": {".tag": "metadata", "metadata": {
        ".tag": "photo", "dimensions": {"height": 1500, "width": 1500}, "time_taken": "2025-05-10T08:00:00Z"}}}
    route = respx_mock.post(f"{API}/files/get_metadata").mock(return_value=httpx.Response(200, json=photo))
    result = await run_action(catalog.action("dropbox-get-metadata"), {"path": "/Photos/beach.jpg", "includeMediaInfo": True}, auth=AUTH)
    assert_dropbox(route.calls.last.request, f"{API}/files/get_metadata",
                   {"path": "/Photos/beach.jpg", "include_deleted": True, "include_media_info": True})
    assert result.ret["media_info"]["dimensions"] == {"height": 1500, "width": 1500}
    assert result.ret["name"] == "beach.jpg" and "has_explicit_shared_members" not in result.ret


async def test_a_missing_path_explains_dropboxs_error(catalog, respx_mock):
    respx_mock.post(f"{API}/files/get_metadata").mock(
        return_value=httpx.Response(
            409, json={"error_summary": "path/not_found/..", "error": {".tag": "path", "path": {".tag": "not_found"}}}
        )
    )
    result = await run_action(catalog.action("dropbox-get-metadata"), {"path": "/nope.txt"}, auth=AUTH)
    assert result.error.startswith(f"Dropbox API error 409 on POST {API}/files/get_metadata")
    assert "[path/not_found; nothing exists at that path" in result.error


async def test_a_bad_argument_shows_dropboxs_text(catalog, respx_mock):
    respx_mock.post(f"{API}/files/list_folder").mock(
        return_value=httpx.Response(
            400,
            text="Error in call to API function \"files/list_folder\": request body: path: 'x' did not match pattern '(/(.|[\\r\\n])*)?|id:.*|(ns:[0-9]+(/.*)?)'",
        )
    )
    result = await run_action(catalog.action("dropbox-list-folder"), {"folder": "id:"}, auth=AUTH)
    assert "Dropbox API error 400" in result.error
    assert "did not match pattern" in result.error


# Changes


async def test_create_folder(catalog, respx_mock):
    route = respx_mock.post(f"{API}/files/create_folder_v2").mock(
        return_value=httpx.Response(
            200,
            json={
                "metadata": {
                    "name": "Q3",
                    "id": "id:a4ayc_80_OEAAAAAAAAAYa",
                    "path_lower": "/reports/2025/q3",
                    "path_display": "/Reports/2025/Q3",
                    "sharing_info": {"read_only": False},
                }
            },
        )
    )
    result = await run_action(catalog.action("dropbox-create-folder"), {"path": "/Reports/2025/Q3"}, auth=AUTH)
    assert result.error is None, result.error
    assert_dropbox(
        route.calls.last.request, f"{API}/files/create_folder_v2", {"path": "/Reports/2025/Q3", "autorename": False}
    )
    assert result.ret == {
        "name": "Q3",
        "path_display": "/Reports/2025/Q3",
        "path_lower": "/reports/2025/q3",
        "id": "id:a4ayc_80_OEAAAAAAAAAYa",
        "read_only": False,
    }
    assert result.summary == "Created folder /Reports/2025/Q3"


async def test_move_with_autorename(catalog, respx_mock):
    route = respx_mock.post(f"{API}/files/move_v2").mock(
        return_value=httpx.Response(200, json={"metadata": _file("/Reports/2025/q2 (1).pdf")})
    )
    result = await run_action(
        catalog.action("dropbox-move"),
        {"fromPath": "/Inbox/q2.pdf", "toPath": "/Reports/2025/q2.pdf", "autorename": True},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_dropbox(
        route.calls.last.request,
        f"{API}/files/move_v2",
        {
            "from_path": "/Inbox/q2.pdf",
            "to_path": "/Reports/2025/q2.pdf",
            "autorename": True,
            "allow_ownership_transfer": False,
        },
    )
    assert result.ret["path_display"] == "/Reports/2025/q2 (1).pdf"
    assert result.summary == "Moved /Inbox/q2.pdf to /Reports/2025/q2 (1).pdf"


async def test_copy_onto_an_existing_file_is_a_conflict(catalog, respx_mock):
    route = respx_mock.post(f"{API}/files/copy_v2").mock(
        side_effect=[
            httpx.Response(200, json={"metadata": _file("/Clients/Acme/invoice.docx")}),
            httpx.Response(
                409,
                json={
                    "error_summary": "to/conflict/file/..",
                    "error": {".tag": "to", "to": {".tag": "conflict", "conflict": {".tag": "file"}}},
                },
            ),
        ]
    )
    args = {"fromPath": "/Templates/invoice.docx", "toPath": "/Clients/Acme/invoice.docx"}
    result = await run_action(catalog.action("dropbox-copy"), args, auth=AUTH)
    assert result.error is None, result.error
    assert_dropbox(
        route.calls.last.request,
        f"{API}/files/copy_v2",
        {"from_path": "/Templates/invoice.docx", "to_path": "/Clients/Acme/invoice.docx", "autorename": False},
    )
    assert result.summary == "Copied /Templates/invoice.docx to /Clients/Acme/invoice.docx"
    again = await run_action(catalog.action("dropbox-copy"), args, auth=AUTH)
    assert "[to/conflict/file; something already exists at that path" in again.error


async def test_delete(catalog, respx_mock):
    route = respx_mock.post(f"{API}/files/delete_v2").mock(
        return_value=httpx.Response(200, json={"metadata": _file("/Old/draft.docx")})
    )
    result = await run_action(catalog.action("dropbox-delete"), {"path": "/Old/draft.docx"}, auth=AUTH)
    assert result.error is None, result.error
    assert_dropbox(route.calls.last.request, f"{API}/files/delete_v2", {"path": "/Old/draft.docx"})
    assert result.summary == "Deleted file /Old/draft.docx"
    root = await run_action(catalog.action("dropbox-delete"), {"path": "/"}, auth=AUTH)
    assert "give a path below the root" in root.error
    assert route.call_count == 1


def _shared_link(path="/Homework/math/Prime_Numbers.txt"):
    return {
        ".tag": "file",
        "url": "https://www.dropbox.com/scl/fi/2sn712vy1ovegw8/Prime_Numbers.txt?rlkey=x1y2z3&dl=0",
        "name": "Prime_Numbers.txt",
        "link_permissions": {
            "can_revoke": True,
            "resolved_visibility": {".tag": "public"},
            "effective_audience": {".tag": "public"},
            "link_access_level": {".tag": "viewer"},
            "allow_download": True,
        },
        "client_modified": "2025-05-12T15:50:38Z",
        "server_modified": "2025-05-12T15:50:38Z",
        "rev": "a1c10ce0dd78",
        "size": 7212,
        "id": FILE_ID,
        "path_lower": path.lower(),
    }


async def test_create_shared_link(catalog, respx_mock):
    route = respx_mock.post(f"{API}/sharing/create_shared_link_with_settings").mock(
        return_value=httpx.Response(200, json=_shared_link())
    )
    result = await run_action(
        catalog.action("dropbox-create-shared-link"),
        {"path": "/Homework/math/Prime_Numbers.txt", "expires": "2025-12-31T23:59:59Z", "allowDownload": False},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_dropbox(
        route.calls.last.request,
        f"{API}/sharing/create_shared_link_with_settings",
        {
            "path": "/Homework/math/Prime_Numbers.txt",
            "settings": {
                "audience": "public",
                "access": "viewer",
                "expires": "2025-12-31T23:59:59Z",
                "allow_download": False,
            },
        },
    )
    assert result.ret["url"] == "https://www.dropbox.com/scl/fi/2sn712vy1ovegw8/Prime_Numbers.txt?rlkey=x1y2z3&dl=0"
    assert result.ret["audience"] == "public" and result.ret["already_existed"] is False
    assert result.summary == (
        "Created a shared link to /homework/math/prime_numbers.txt: "
        "https://www.dropbox.com/scl/fi/2sn712vy1ovegw8/Prime_Numbers.txt?rlkey=x1y2z3&dl=0"
    )


async def test_create_shared_link_returns_the_existing_link(catalog, respx_mock):
    respx_mock.post(f"{API}/sharing/create_shared_link_with_settings").mock(
        side_effect=[
            httpx.Response(
                409,
                json={
                    "error_summary": "shared_link_already_exists/metadata/..",
                    "error": {
                        ".tag": "shared_link_already_exists",
                        "shared_link_already_exists": {".tag": "metadata", "metadata": _shared_link()},
                    },
                },
            ),
            httpx.Response(
                409,
                json={
                    "error_summary": "shared_link_already_exists/..",
                    "error": {".tag": "shared_link_already_exists"},
                },
            ),
        ]
    )
    listed = respx_mock.post(f"{API}/sharing/list_shared_links").mock(
        return_value=httpx.Response(200, json={"links": [_shared_link()], "has_more": False})
    )
    first = await run_action(
        catalog.action("dropbox-create-shared-link"), {"path": "/Homework/math/Prime_Numbers.txt"}, auth=AUTH
    )
    assert first.error is None, first.error
    assert first.ret["already_existed"] is True
    assert first.summary.startswith("Found the existing shared link to /homework/math/prime_numbers.txt")
    assert not listed.calls
    second = await run_action(
        catalog.action("dropbox-create-shared-link"), {"path": "/Homework/math/Prime_Numbers.txt"}, auth=AUTH
    )
    assert second.error is None, second.error
    assert_dropbox(
        listed.calls.last.request,
        f"{API}/sharing/list_shared_links",
        {"path": "/Homework/math/Prime_Numbers.txt", "direct_only": True},
    )
    assert second.ret["url"].startswith("https://www.dropbox.com/scl/fi/")


# Upload and download


async def test_upload_file_sends_the_bytes_with_the_api_arg(catalog, respx_mock, tmp_path):
    (tmp_path / "résumé.txt").write_bytes(b"Ada Lovelace\nAnalyst\n")
    route = respx_mock.post(f"{CONTENT}/files/upload").mock(
        return_value=httpx.Response(200, json=_file("/CVs/résumé.txt", size=21))
    )
    result = await run_action(
        catalog.action("dropbox-upload-file"),
        {"filePath": "/tmp/résumé.txt", "path": "/CVs/", "mode": "overwrite"},
        auth=AUTH,
        tmp_dir=tmp_path,
    )
    assert result.error is None, result.error
    sent = route.calls.last.request
    assert sent.method == "POST" and str(sent.url) == f"{CONTENT}/files/upload"
    assert sent.headers["authorization"] == f"Bearer {AUTH['oauth_access_token']}"
    assert sent.headers["content-type"] == "application/octet-stream"
    assert (
        sent.headers["dropbox-api-arg"]
        == '{"path":"/CVs/r\\u00e9sum\\u00e9.txt","mode":"overwrite","autorename":false,"mute":false,"strict_conflict":false}'
    )
    assert api_arg(sent)["path"] == "/CVs/résumé.txt"
    assert sent.content == b"Ada Lovelace\nAnalyst\n"
    assert result.ret["path_display"] == "/CVs/résumé.txt" and result.ret["size"] == 21
    assert result.summary == "Uploaded résumé.txt (21 bytes) to /CVs/résumé.txt"


async def test_upload_file_in_a_session_when_it_is_large(catalog, respx_mock, tmp_path, monkeypatch):
    package = catalog.action("dropbox-upload-file").run.__module__
    module = sys.modules[package]
    monkeypatch.setattr(module, "SINGLE_UPLOAD_LIMIT", 8)
    monkeypatch.setattr(module, "CHUNK_SIZE", 4)
    (tmp_path / "big.bin").write_bytes(b"0123456789")
    start = respx_mock.post(f"{CONTENT}/files/upload_session/start").mock(
        return_value=httpx.Response(200, json={"session_id": "1234faaf0678bcde"})
    )
    append = respx_mock.post(f"{CONTENT}/files/upload_session/append_v2").mock(
        return_value=httpx.Response(200, json=None)
    )
    finish = respx_mock.post(f"{CONTENT}/files/upload_session/finish").mock(
        return_value=httpx.Response(200, json=_file("/Backups/big.bin", size=10))
    )
    result = await run_action(
        catalog.action("dropbox-upload-file"),
        {"filePath": "/tmp/big.bin", "path": "/Backups/big.bin"},
        auth=AUTH,
        tmp_dir=tmp_path,
    )
    assert result.error is None, result.error
    assert start.calls.last.request.content == b"0123"
    assert api_arg(start.calls.last.request) == {"close": False}
    assert append.calls.last.request.content == b"4567"
    assert api_arg(append.calls.last.request) == {
        "cursor": {"session_id": "1234faaf0678bcde", "offset": 4},
        "close": False,
    }
    assert finish.calls.last.request.content == b"89"
    assert api_arg(finish.calls.last.request) == {
        "cursor": {"session_id": "1234faaf0678bcde", "offset": 8},
        "commit": {
            "path": "/Backups/big.bin",
            "mode": "add",
            "autorename": False,
            "mute": False,
            "strict_conflict": False,
        },
    }
    assert result.summary == "Uploaded big.bin (10 bytes) to /Backups/big.bin"


async def test_upload_file_needs_a_file_in_tmp(catalog, respx_mock, tmp_path):
    result = await run_action(
        catalog.action("dropbox-upload-file"),
        {"filePath": "/tmp/none.txt", "path": "/x.txt"},
        auth=AUTH,
        tmp_dir=tmp_path,
    )
    assert "/tmp/none.txt is not a file in /tmp" in result.error
    assert not respx_mock.calls


async def test_download_file_saves_the_bytes_in_tmp(catalog, respx_mock, tmp_path):
    metadata = _file()
    route = respx_mock.post(f"{CONTENT}/files/download").mock(
        return_value=httpx.Response(
            200,
            content=b"2\n3\n5\n7\n11\n",
            headers={"Content-Type": "application/octet-stream", "Dropbox-API-Result": json.dumps(metadata)},
        )
    )
    result = await run_action(
        catalog.action("dropbox-download-file"),
        {"path": "/Homework/math/Prime_Numbers.txt"},
        auth=AUTH,
        tmp_dir=tmp_path,
    )
    assert result.error is None, result.error
    sent = route.calls.last.request
    assert sent.method == "POST" and str(sent.url) == f"{CONTENT}/files/download"
    assert sent.headers["authorization"] == f"Bearer {AUTH['oauth_access_token']}"
    assert api_arg(sent) == {"path": "/Homework/math/Prime_Numbers.txt"}
    assert sent.content == b""
    assert (tmp_path / "Prime_Numbers.txt").read_bytes() == b"2\n3\n5\n7\n11\n"
    assert result.ret["filePath"] == "/tmp/Prime_Numbers.txt" and result.ret["size"] == 11
    assert result.ret["metadata"]["rev"] == "a1c10ce0dd78"
    assert result.summary == "Downloaded /Homework/math/Prime_Numbers.txt (11 bytes) to /tmp/Prime_Numbers.txt"

    again = await run_action(
        catalog.action("dropbox-download-file"),
        {"path": FILE_ID, "filePath": "/tmp/out/primes.txt"},
        auth=AUTH,
        tmp_dir=tmp_path,
    )
    assert again.error is None, again.error
    assert api_arg(route.calls.last.request) == {"path": FILE_ID}
    assert (tmp_path / "out" / "primes.txt").read_bytes() == b"2\n3\n5\n7\n11\n"


async def test_download_of_a_folder_is_explained(catalog, respx_mock, tmp_path):
    respx_mock.post(f"{CONTENT}/files/download").mock(
        return_value=httpx.Response(
            409, json={"error_summary": "path/not_file/..", "error": {".tag": "path", "path": {".tag": "not_file"}}}
        )
    )
    result = await run_action(
        catalog.action("dropbox-download-file"), {"path": "/Homework"}, auth=AUTH, tmp_dir=tmp_path
    )
    assert "that path is a folder, not a file" in result.error
    assert not any(tmp_path.iterdir())


# Refresh and rate limits


async def test_a_401_refreshes_the_token_and_retries(catalog, respx_mock):
    route = respx_mock.post(f"{API}/files/create_folder_v2").mock(
        side_effect=[
            httpx.Response(
                401, json={"error_summary": "expired_access_token/", "error": {".tag": "expired_access_token"}}
            ),
            httpx.Response(200, json={"metadata": _folder("/New")}),
        ]
    )
    calls = []

    async def refresh():
        calls.append(1)
        return {"Authorization": "Bearer sl.u.refreshed"}

    result = await run_action(
        catalog.action("dropbox-create-folder"), {"path": "/New"}, auth=AUTH, on_unauthorized=refresh
    )
    assert result.error is None, result.error
    assert calls == [1]
    assert route.calls[0].request.headers["authorization"] == f"Bearer {AUTH['oauth_access_token']}"
    assert route.calls[1].request.headers["authorization"] == "Bearer sl.u.refreshed"
    assert json.loads(route.calls[1].request.content) == {"path": "/New", "autorename": False}


async def test_a_429_says_when_to_retry(catalog, respx_mock):
    respx_mock.post(f"{API}/files/search_v2").mock(
        return_value=httpx.Response(
            429,
            json={
                "error_summary": "too_many_requests/..",
                "error": {"reason": {".tag": "too_many_requests"}, "retry_after": 300},
            },
            headers={"Retry-After": "300"},
        )
    )
    result = await run_action(catalog.action("dropbox-search"), {"query": "report"}, auth=AUTH)
    assert "Dropbox API error 429" in result.error
    assert "retry after 300 s" in result.error


# Remote options


async def test_folder_options_follow_the_cursor(catalog, respx_mock):
    first_page = respx_mock.post(f"{API}/files/list_folder").mock(
        return_value=httpx.Response(
            200, json={"entries": [_folder("/Homework", "id:1"), _file()], "cursor": "AAEr", "has_more": True}
        )
    )
    next_page = respx_mock.post(f"{API}/files/list_folder/continue").mock(
        return_value=httpx.Response(
            200, json={"entries": [_folder("/Homework/math", "id:2")], "cursor": "AAEs", "has_more": False}
        )
    )
    action = catalog.action("dropbox-list-folder")
    first = await fetch_options(action, "folder", {}, auth=AUTH)
    assert first["errors"] == []
    assert first["options"] == [{"label": "/ (root)", "value": "/"}, {"label": "/Homework", "value": "/Homework"}]
    assert first["context"] == {"cursor": "AAEr"}
    assert_dropbox(
        first_page.calls.last.request, f"{API}/files/list_folder", {"path": "", "recursive": True, "limit": 2000}
    )
    second = await fetch_options(action, "folder", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "/Homework/math", "value": "/Homework/math"}]
    assert second["context"] is None
    assert_dropbox(next_page.calls.last.request, f"{API}/files/list_folder/continue", {"cursor": "AAEr"})


async def test_path_options_list_files_and_folders(catalog, respx_mock):
    respx_mock.post(f"{API}/files/list_folder").mock(
        return_value=httpx.Response(200, json={"entries": [_folder("/Homework", "id:1"), _file()], "cursor": "AAEr", "has_more": False}))
    page = await fetch_options(catalog.action("dropbox-get-metadata"), "path", {}, auth=AUTH)
    assert page["options"] == [{"label": "/Homework", "value": "/Homework"},
                               {"label": "/Homework/math/Prime_Numbers.txt", "value": "/Homework/math/Prime_Numbers.txt"}]
    assert page["context"] is None


# Links


async def test_get_temporary_link(catalog, respx_mock):
    link = "https://ucabc123456.dl.dropboxusercontent.com/cd/0/get/abcdefghijklmonpqrstuvwxyz1234567890/file"
    route = respx_mock.post(f"{API}/files/get_temporary_link").mock(
        return_value=httpx.Response(200, json={"metadata": _file(), "link": link}))
    result = await run_action(catalog.action("dropbox-get-temporary-link"), {"path": "Homework/math/Prime_Numbers.txt"}, auth=AUTH)
    assert result.error is None, result.error
    assert_dropbox(route.calls.last.request, f"{API}/files/get_temporary_link", {"path": "/Homework/math/Prime_Numbers.txt"})
    assert result.ret["link"] == link
    assert result.ret["metadata"]["path_display"] == "/Homework/math/Prime_Numbers.txt"
    assert "has_explicit_shared_members" not in result.ret["metadata"]
    assert result.summary == "Got a 4-hour download link to /Homework/math/Prime_Numbers.txt"


async def test_a_missing_scope_names_it(catalog, respx_mock):
    respx_mock.post(f"{API}/files/get_temporary_link").mock(return_value=httpx.Response(401, json={
        "error_summary": "missing_scope/.", "error": {".tag": "missing_scope", "required_scope": "files.content.read"}}))
    result = await run_action(catalog.action("dropbox-get-temporary-link"), {"path": "/a.txt"}, auth=AUTH)
    assert "not granted the `files.content.read` permission; reconnect Dropbox" in result.error


async def test_list_shared_links_pages_with_the_cursor(catalog, respx_mock):
    route = respx_mock.post(f"{API}/sharing/list_shared_links").mock(side_effect=[
        httpx.Response(200, json={"links": [_shared_link()], "has_more": True, "cursor": "ZtkX9_EHj3x7PMkVuFIhwKYXEpwpLwyxp9vMKomUhllil9q7eWiAu"}),
        httpx.Response(200, json={"links": [], "has_more": False}),
    ])
    result = await run_action(catalog.action("dropbox-list-shared-links"),
                              {"path": "/Homework/math/Prime_Numbers.txt", "directOnly": True, "limit": 1}, auth=AUTH)
    assert result.error is None, result.error
    assert_dropbox(route.calls[0].request, f"{API}/sharing/list_shared_links",
                   {"path": "/Homework/math/Prime_Numbers.txt", "direct_only": True})
    assert result.ret["links"] == [{
        "url": "https://www.dropbox.com/scl/fi/2sn712vy1ovegw8/Prime_Numbers.txt?rlkey=x1y2z3&dl=0",
        "name": "Prime_Numbers.txt", "path_lower": "/homework/math/prime_numbers.txt", "id": FILE_ID, "type": "file",
        "expires": None, "audience": "public", "allow_download": True,
    }]
    assert result.ret["next_cursor"] == "ZtkX9_EHj3x7PMkVuFIhwKYXEpwpLwyxp9vMKomUhllil9q7eWiAu"
    rest = await run_action(catalog.action("dropbox-list-shared-links"), {"cursor": result.ret["next_cursor"]}, auth=AUTH)
    assert_dropbox(route.calls[1].request, f"{API}/sharing/list_shared_links",
                   {"cursor": "ZtkX9_EHj3x7PMkVuFIhwKYXEpwpLwyxp9vMKomUhllil9q7eWiAu"})
    assert rest.ret == {"links": [], "next_cursor": None} and rest.summary == "Listed 0 shared links"


# Account test and OAuth settings


async def _account_test(app, creds):
    async with httpx.AsyncClient() as client:
        http = AppHttp(
            client,
            app_name=app.name,
            headers=app.headers_for(creds),
            base_url=app.base_url_for(creds),
            allowed_domains=app.allowed_domains_for(creds),
        )
        return await app.test(AccountContext(auth=creds, http=http))


async def test_account_test_names_the_account(catalog, respx_mock):
    route = respx_mock.post(f"{API}/users/get_current_account").mock(
        return_value=httpx.Response(
            200,
            json={
                "account_id": "dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc",
                "name": {
                    "given_name": "Franz",
                    "surname": "Ferdinand",
                    "familiar_name": "Franz",
                    "display_name": "Franz Ferdinand (Personal)",
                    "abbreviated_name": "FF",
                },
                "email": "franz@dropbox.com",
                "email_verified": True,
                "disabled": False,
                "locale": "en",
                "referral_link": "https://db.tt/ZITNuhtI",
                "is_paired": False,
                "account_type": {".tag": "basic"},
                "root_info": {".tag": "user", "root_namespace_id": "3235641", "home_namespace_id": "3235641"},
                "country": "US",
            },
        )
    )
    identity = await _account_test(catalog.apps["dropbox"], AUTH)
    assert identity == Identity(
        name="Franz Ferdinand (Personal) <franz@dropbox.com>", external_id="dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc"
    )
    assert_dropbox(route.calls.last.request, f"{API}/users/get_current_account")
    assert "content-type" not in route.calls.last.request.headers


async def test_account_test_rejects_a_bad_token(catalog, respx_mock):
    respx_mock.post(f"{API}/users/get_current_account").mock(
        return_value=httpx.Response(
            401, json={"error_summary": "invalid_access_token/..", "error": {".tag": "invalid_access_token"}}
        )
    )
    with pytest.raises(UpstreamError, match="invalid_access_token") as raised:
        await _account_test(catalog.apps["dropbox"], AUTH)
    assert raised.value.status == 401


def test_authorization_url_asks_for_offline_access_with_pkce(catalog):
    verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-verifier-for-tests"
    client = OAuthClient("oa_test", "dropbox", None, None, "k3yd1ezr5kzm3hq", "secret")
    url = authorization_url(
        catalog.apps["dropbox"],
        client,
        redirect_uri="https://gateway.example.com/connect/oauth/callback",
        state="st",
        code_verifier=verifier,
    )
    assert url.startswith("https://www.dropbox.com/oauth2/authorize?")
    query = parse_qs(urlsplit(url).query)
    assert query["token_access_type"] == ["offline"]
    assert query["response_type"] == ["code"]
    assert query["scope"] == [
        "account_info.read files.metadata.read files.metadata.write files.content.read files.content.write sharing.read sharing.write"
    ]
    assert query["code_challenge_method"] == ["S256"]
    assert query["code_challenge"] == [
        base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    ]
