"""Trello actions, options and account test against the REST API (https://api.trello.com/1).

Responses are shaped like the examples of Trello's REST reference
(https://developer.atlassian.com/cloud/trello/rest/).
"""

import json
import sys
from email.parser import BytesParser
from email.policy import HTTP

import httpx
import pytest

from mcp_gateway.catalog import AccountContext, AppHttp, Identity, UpstreamError
from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api.trello.com/1"
AUTH = {
    "api_key": "0471642aefef5fa1fa76530ce1ba4c85",
    "token": "ATTAd6b1f1a2bb7b3e2f34d5c8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3E1F2A3B4",
}
AUTH_HEADER = (
    'OAuth oauth_consumer_key="0471642aefef5fa1fa76530ce1ba4c85", '
    'oauth_token="ATTAd6b1f1a2bb7b3e2f34d5c8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3E1F2A3B4"'
)
BOARD = "5abbe4b7ddc1b351ef961414"
LIST = "5abbe4b7ddc1b351ef961415"
DONE_LIST = "5abbe4b7ddc1b351ef96141c"
CARD = "5abbe4b7ddc1b351ef961416"
LABEL = "5abbe4b7ddc1b351ef961417"
MEMBER = "5abbe4b7ddc1b351ef961418"
CHECKLIST = "5abbe4b7ddc1b351ef961419"
CARD_FIELDS = (
    "name,desc,closed,idBoard,idList,idMembers,idLabels,labels,due,dueComplete,start,pos,"
    "shortLink,shortUrl,url,dateLastActivity,badges"
)


# Fields and parameters Trello's REST reference documents that the published description lacks.
VENDOR_EXEMPT = {
    ("GET", "/search", "idOrganizations"): "the reference marks it optional: without it every board the user sees is searched",
    ("POST", "/cards", "start"): "the reference documents `start`, the card's start date",
    ("PUT", "/cards/{idCard}", "start"): "the reference documents `start`, the card's start date",
    ("PUT", "/cards/{idCard}", "dueComplete"): "the reference documents `dueComplete`",
    ("POST", "/cards/{idCard}/attachments", "setCover"): "the reference documents `setCover`",
    ("POST", "/cards/{idCard}/checklists", "pos"): "the reference documents `pos`, the checklist's position",
}


def _label(label_id=LABEL, name="Urgent", color="red"):
    return {"id": label_id, "idBoard": BOARD, "name": name, "color": color}


def _card(*, name="Fix login redirect", desc="Users land on /home after login.", id_list=LIST, closed=False, **extra):
    card = {
        "id": CARD,
        "badges": {
            "attachmentsByType": {"trello": {"board": 0, "card": 0}},
            "location": False,
            "votes": 0,
            "viewingMemberVoted": False,
            "subscribed": False,
            "fogbugz": "",
            "checkItems": 2,
            "checkItemsChecked": 1,
            "comments": 3,
            "attachments": 1,
            "description": True,
            "due": "2025-07-01T17:00:00.000Z",
            "dueComplete": False,
        },
        "checkItemStates": [],
        "closed": closed,
        "dueComplete": False,
        "dateLastActivity": "2025-06-20T16:19:17.156Z",
        "desc": desc,
        "due": "2025-07-01T17:00:00.000Z",
        "dueReminder": None,
        "email": None,
        "idBoard": BOARD,
        "idChecklists": [CHECKLIST],
        "idList": id_list,
        "idMembers": [MEMBER],
        "idMembersVoted": [],
        "idShort": 12,
        "idAttachmentCover": None,
        "labels": [_label()],
        "idLabels": [LABEL],
        "manualCoverAttachment": False,
        "name": name,
        "pos": 65535,
        "shortLink": "H0TZyzbK",
        "shortUrl": "https://trello.com/c/H0TZyzbK",
        "start": None,
        "subscribed": False,
        "url": "https://trello.com/c/H0TZyzbK/12-fix-login-redirect",
        "cover": {
            "idAttachment": None,
            "color": None,
            "idUploadedBackground": None,
            "size": "normal",
            "brightness": "light",
        },
    }
    card.update(extra)
    return card


def assert_trello(request, method, url, params=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == url
    assert dict(request.url.params.multi_items()) == (params or {})
    assert request.headers["authorization"] == AUTH_HEADER
    # The key and token go in the header only, never in the URL.
    assert "key=" not in str(request.url) and "token=" not in str(request.url)


def body_of(request):
    assert request.headers["content-type"] == "application/json"
    return json.loads(request.content)


def multipart(request):
    """The form fields and files of a multipart/form-data request: name -> (filename, content type, bytes)."""
    raw = b"Content-Type: " + request.headers["content-type"].encode() + b"\r\n\r\n" + request.content
    message = BytesParser(policy=HTTP).parsebytes(raw)
    parts = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        parts[name] = (
            part.get_filename(),
            part.get_content_type() if part.get_filename() else None,
            part.get_payload(decode=True),
        )
    return parts


# Cards


async def test_create_card_posts_json_with_every_field(catalog, respx_mock):
    route = respx_mock.post(f"{API}/cards").mock(return_value=httpx.Response(200, json=_card()))
    result = await run_action(
        catalog.action("trello-create-card"),
        {
            "board": BOARD,
            "list": LIST,
            "name": "Fix login redirect",
            "desc": "Users land on /home after login.",
            "pos": "top",
            "due": "2025-07-01T17:00:00Z",
            "start": "2025-06-24T09:00:00Z",
            "labels": [LABEL, "5abbe4b7ddc1b351ef96141a"],
            "members": [MEMBER],
            "urlSource": "https://example.com/spec",
        },
        auth=AUTH,
    )
    assert result.error is None, result.error
    sent = route.calls.last.request
    assert_trello(sent, "POST", f"{API}/cards")
    assert body_of(sent) == {
        "idList": LIST,
        "name": "Fix login redirect",
        "desc": "Users land on /home after login.",
        "pos": "top",
        "due": "2025-07-01T17:00:00Z",
        "start": "2025-06-24T09:00:00Z",
        "idLabels": f"{LABEL},5abbe4b7ddc1b351ef96141a",
        "idMembers": MEMBER,
        "urlSource": "https://example.com/spec",
    }
    assert result.ret["id"] == CARD
    assert result.ret["url"] == "https://trello.com/c/H0TZyzbK/12-fix-login-redirect"
    assert result.ret["labels"] == [{"id": LABEL, "name": "Urgent", "color": "red"}]
    assert result.ret["checkItems"] == "1/2"
    assert result.summary == "Created card 'Fix login redirect' (https://trello.com/c/H0TZyzbK)"


async def test_create_card_sends_only_list_and_name_by_default_and_checks_the_position(catalog, respx_mock):
    route = respx_mock.post(f"{API}/cards").mock(return_value=httpx.Response(200, json=_card(name="Quick one")))
    result = await run_action(
        catalog.action("trello-create-card"), {"list": LIST, "name": "Quick one", "pos": "2048"}, auth=AUTH
    )
    assert result.error is None
    assert body_of(route.calls.last.request) == {"idList": LIST, "name": "Quick one", "pos": 2048}

    bad = await run_action(
        catalog.action("trello-create-card"), {"list": LIST, "name": "x", "pos": "middle"}, auth=AUTH
    )
    assert "must be `top`, `bottom` or a positive number" in bad.error
    assert route.call_count == 1


async def test_update_card_replaces_labels_and_clears_the_due_date(catalog, respx_mock):
    route = respx_mock.put(f"{API}/cards/{CARD}").mock(
        return_value=httpx.Response(200, json=_card(name="Fix login redirect (web)", due=None, labels=[], idLabels=[]))
    )
    result = await run_action(
        catalog.action("trello-update-card"),
        {
            "card": CARD,
            "name": "Fix login redirect (web)",
            "desc": "",
            "clearDue": True,
            "dueComplete": False,
            "labels": [],
        },
        auth=AUTH,
    )
    assert result.error is None, result.error
    sent = route.calls.last.request
    assert_trello(sent, "PUT", f"{API}/cards/{CARD}")
    assert body_of(sent) == {
        "name": "Fix login redirect (web)",
        "desc": "",
        "due": None,
        "dueComplete": False,
        "idLabels": "",
    }
    assert result.ret["labels"] == [] and result.ret["due"] is None
    assert result.summary == "Updated card 'Fix login redirect (web)' (desc, due, dueComplete, idLabels, name)"


async def test_update_card_needs_something_to_change(catalog, respx_mock):
    result = await run_action(catalog.action("trello-update-card"), {"card": CARD}, auth=AUTH)
    assert result.error.startswith("nothing to change")
    assert not respx_mock.calls


async def test_get_card_reads_checklists_attachments_and_comments_by_url(catalog, respx_mock):
    card = _card(
        list={"id": LIST, "name": "In Progress"},
        board={"id": BOARD, "name": "Platform", "url": "https://trello.com/b/nC8QJJoZ/platform"},
        members=[{"id": MEMBER, "fullName": "Ada Lovelace", "username": "ada"}],
        checklists=[
            {
                "id": CHECKLIST,
                "name": "Release steps",
                "idCard": CARD,
                "checkItems": [
                    {"id": "5abbe4b7ddc1b351ef96141b", "name": "Update docs", "state": "incomplete", "pos": 33792},
                    {"id": "5abbe4b7ddc1b351ef96141d", "name": "Write tests", "state": "complete", "pos": 16896},
                ],
            }
        ],
        attachments=[
            {
                "id": "5abbe4b7ddc1b351ef96141e",
                "name": "trace.log",
                "url": "https://trello.com/1/cards/5abbe4b7ddc1b351ef961416/attachments/5abbe4b7ddc1b351ef96141e/download/trace.log",
                "bytes": 2048,
                "mimeType": "text/plain",
                "date": "2025-06-20T16:00:00.000Z",
                "isUpload": True,
            }
        ],
        actions=[
            {
                "id": "5abbe4b7ddc1b351ef96141f",
                "idMemberCreator": MEMBER,
                "type": "commentCard",
                "date": "2025-06-20T16:19:17.156Z",
                "data": {"text": "Reproduced on staging.", "card": {"id": CARD, "name": "Fix login redirect"}},
                "memberCreator": {"id": MEMBER, "fullName": "Ada Lovelace", "username": "ada"},
            }
        ],
    )
    route = respx_mock.get(f"{API}/cards/H0TZyzbK").mock(return_value=httpx.Response(200, json=card))
    result = await run_action(
        catalog.action("trello-get-card"), {"card": "https://trello.com/c/H0TZyzbK/12-fix-login-redirect"}, auth=AUTH
    )
    assert result.error is None, result.error
    assert_trello(
        route.calls.last.request,
        "GET",
        f"{API}/cards/H0TZyzbK",
        {
            "fields": CARD_FIELDS,
            "list": "true",
            "list_fields": "name",
            "board": "true",
            "board_fields": "name,url",
            "members": "true",
            "member_fields": "fullName,username",
            "checklists": "all",
            "checklist_fields": "name",
            "attachments": "true",
            "attachment_fields": "name,url,bytes,mimeType,date,isUpload",
            "actions": "commentCard",
            "actions_limit": "50",
        },
    )
    assert result.ret["list"] == "In Progress" and result.ret["board"] == "Platform"
    assert result.ret["checklists"] == [
        {
            "id": CHECKLIST,
            "name": "Release steps",
            "items": [
                {"id": "5abbe4b7ddc1b351ef96141d", "name": "Write tests", "state": "complete"},
                {"id": "5abbe4b7ddc1b351ef96141b", "name": "Update docs", "state": "incomplete"},
            ],
        }
    ]
    assert result.ret["commentList"] == [
        {
            "id": "5abbe4b7ddc1b351ef96141f",
            "date": "2025-06-20T16:19:17.156Z",
            "author": "Ada Lovelace",
            "text": "Reproduced on staging.",
        }
    ]
    assert result.ret["attachmentList"][0]["name"] == "trace.log"
    assert result.ret["members"] == [{"id": MEMBER, "fullName": "Ada Lovelace", "username": "ada"}]
    assert result.summary == "Retrieved card 'Fix login redirect' in list 'In Progress'"


async def test_get_card_refuses_something_that_is_not_a_card(catalog, respx_mock):
    result = await run_action(catalog.action("trello-get-card"), {"card": "Fix login redirect"}, auth=AUTH)
    assert "is not a Trello card ID" in result.error
    assert not respx_mock.calls


async def test_search_cards_sends_the_query_boards_and_paging(catalog, respx_mock):
    found = _card(board={"id": BOARD, "name": "Platform"}, list={"id": LIST, "name": "In Progress"})
    route = respx_mock.get(f"{API}/search").mock(
        return_value=httpx.Response(
            200,
            json={
                "options": {"terms": [{"text": "login"}], "modelTypes": ["cards"], "partial": True},
                "cards": [found],
            },
        )
    )
    result = await run_action(
        catalog.action("trello-search-cards"),
        {"query": "login is:open", "boards": [BOARD], "limit": 1, "cursor": "1"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_trello(
        route.calls.last.request,
        "GET",
        f"{API}/search",
        {
            "query": "login is:open",
            "modelTypes": "cards",
            "card_fields": CARD_FIELDS,
            "card_board": "true",
            "board_fields": "name",
            "card_list": "true",
            "cards_limit": "1",
            "cards_page": "1",
            "partial": "true",
            "idBoards": BOARD,
        },
    )
    assert result.ret["next_cursor"] == "2"
    assert [(c["id"], c["board"], c["list"]) for c in result.ret["cards"]] == [(CARD, "Platform", "In Progress")]
    assert result.summary == "Found 1 card for 'login is:open' (more may follow)"

    last = await run_action(catalog.action("trello-search-cards"), {"query": "login", "cursor": "2"}, auth=AUTH)
    assert dict(route.calls.last.request.url.params)["cards_page"] == "2"
    assert last.ret["next_cursor"] is None and last.summary == "Found 1 card for 'login'"

    bad = await run_action(catalog.action("trello-search-cards"), {"query": "login", "cursor": "abc"}, auth=AUTH)
    assert "next_cursor" in bad.error and route.call_count == 2


async def test_list_cards_of_a_list_pages_back_by_id(catalog, respx_mock):
    older = "5abbe4b7ddc1b351ef961410"
    in_list = respx_mock.get(f"{API}/lists/{LIST}/cards").mock(
        side_effect=[
            httpx.Response(200, json=[_card(), _card(id=older, name="Second")]),
            httpx.Response(200, json=[_card(id="5abbe4b7ddc1b351ef961401", name="Third")]),
        ]
    )
    result = await run_action(catalog.action("trello-list-cards"), {"board": BOARD, "list": LIST, "limit": 2}, auth=AUTH)
    assert result.error is None, result.error
    assert_trello(in_list.calls[0].request, "GET", f"{API}/lists/{LIST}/cards",
                  {"filter": "open", "fields": CARD_FIELDS, "limit": "2"})
    assert [c["name"] for c in result.ret["cards"]] == ["Fix login redirect", "Second"]
    assert result.ret["cards"][0]["checkItems"] == "1/2"
    assert result.ret["next_cursor"] == older
    assert result.summary == f"Listed 2 cards on list {LIST} (more available)"

    result = await run_action(
        catalog.action("trello-list-cards"), {"board": BOARD, "list": LIST, "limit": 2, "cursor": older}, auth=AUTH
    )
    assert_trello(in_list.calls[1].request, "GET", f"{API}/lists/{LIST}/cards",
                  {"filter": "open", "fields": CARD_FIELDS, "limit": "2", "before": older})
    assert result.ret["next_cursor"] is None


async def test_list_cards_of_a_board_with_the_full_response(catalog, respx_mock):
    archived = respx_mock.get(f"{API}/boards/{BOARD}/cards").mock(
        return_value=httpx.Response(200, json=[_card(closed=True)])
    )
    result = await run_action(
        catalog.action("trello-list-cards"), {"board": BOARD, "filter": "closed", "fullResponse": True}, auth=AUTH
    )
    assert result.error is None, result.error
    assert_trello(archived.calls.last.request, "GET", f"{API}/boards/{BOARD}/cards",
                  {"filter": "closed", "fields": CARD_FIELDS, "limit": "25"})
    assert result.ret == {"cards": [_card(closed=True)], "next_cursor": None}
    assert result.summary == f"Listed 1 card on board {BOARD}"


async def test_move_card_puts_the_new_list_and_board(catalog, respx_mock):
    moved = respx_mock.put(f"{API}/cards/{CARD}").mock(return_value=httpx.Response(200, json=_card(id_list=DONE_LIST)))
    list_route = respx_mock.get(f"{API}/lists/{DONE_LIST}").mock(
        return_value=httpx.Response(200, json={"id": DONE_LIST, "name": "Done", "closed": False, "pos": 32768, "idBoard": BOARD})
    )
    result = await run_action(
        catalog.action("trello-move-card"),
        {"card": CARD, "board": BOARD, "list": DONE_LIST, "pos": "bottom"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    sent = moved.calls.last.request
    assert_trello(sent, "PUT", f"{API}/cards/{CARD}")
    assert body_of(sent) == {"idList": DONE_LIST, "idBoard": BOARD, "pos": "bottom"}
    assert_trello(list_route.calls.last.request, "GET", f"{API}/lists/{DONE_LIST}", {"fields": "name,closed,pos,idBoard"})
    assert result.ret["idList"] == DONE_LIST and result.ret["list"] == "Done"
    assert result.summary == "Moved card 'Fix login redirect' to list 'Done'"


async def test_add_comment_posts_the_text(catalog, respx_mock):
    route = respx_mock.post(f"{API}/cards/{CARD}/actions/comments").mock(
        return_value=httpx.Response(
            200,
            json={
                "id": "5abbe4b7ddc1b351ef961420",
                "idMemberCreator": MEMBER,
                "data": {
                    "text": "Deployed to staging @ada",
                    "textData": {"emoji": {}},
                    "card": {"id": CARD, "name": "Fix login redirect", "idShort": 12, "shortLink": "H0TZyzbK"},
                    "board": {"id": BOARD, "name": "Platform", "shortLink": "nC8QJJoZ"},
                    "list": {"id": LIST, "name": "In Progress"},
                },
                "type": "commentCard",
                "date": "2025-06-21T10:00:00.000Z",
                "limits": {"reactions": {"perAction": {"status": "ok", "disableAt": 900, "warnAt": 720}}},
                "memberCreator": {"id": MEMBER, "fullName": "Ada Lovelace", "username": "ada"},
            },
        )
    )
    result = await run_action(
        catalog.action("trello-add-comment"), {"card": CARD, "text": "Deployed to staging @ada"}, auth=AUTH
    )
    assert result.error is None, result.error
    sent = route.calls.last.request
    assert_trello(sent, "POST", f"{API}/cards/{CARD}/actions/comments")
    assert body_of(sent) == {"text": "Deployed to staging @ada"}
    assert result.ret == {
        "id": "5abbe4b7ddc1b351ef961420",
        "date": "2025-06-21T10:00:00.000Z",
        "text": "Deployed to staging @ada",
        "card": {"id": CARD, "name": "Fix login redirect", "shortLink": "H0TZyzbK"},
        "author": "ada",
    }
    assert result.summary == "Commented on card 'Fix login redirect'"


async def test_add_checklist_creates_it_then_each_item_in_order(catalog, respx_mock):
    checklist = respx_mock.post(f"{API}/cards/{CARD}/checklists").mock(
        return_value=httpx.Response(
            200,
            json={
                "id": CHECKLIST,
                "name": "Release steps",
                "idBoard": BOARD,
                "idCard": CARD,
                "pos": 16384,
                "checkItems": [],
            },
        )
    )
    items = respx_mock.post(f"{API}/checklists/{CHECKLIST}/checkItems").mock(
        side_effect=[
            httpx.Response(
                200,
                json={
                    "id": "5abbe4b7ddc1b351ef961421",
                    "name": "Write tests",
                    "idChecklist": CHECKLIST,
                    "state": "incomplete",
                    "pos": 16384,
                },
            ),
            httpx.Response(
                200,
                json={
                    "id": "5abbe4b7ddc1b351ef961422",
                    "name": "Update docs",
                    "idChecklist": CHECKLIST,
                    "state": "incomplete",
                    "pos": 32768,
                },
            ),
        ]
    )
    result = await run_action(
        catalog.action("trello-add-checklist"),
        {"card": CARD, "name": "Release steps", "items": ["Write tests", "Update docs"]},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_trello(checklist.calls.last.request, "POST", f"{API}/cards/{CARD}/checklists")
    assert body_of(checklist.calls.last.request) == {"name": "Release steps", "pos": "bottom"}
    assert [body_of(c.request) for c in items.calls] == [
        {"name": "Write tests", "pos": "bottom", "checked": False},
        {"name": "Update docs", "pos": "bottom", "checked": False},
    ]
    assert_trello(items.calls[0].request, "POST", f"{API}/checklists/{CHECKLIST}/checkItems")
    assert result.ret["items"] == [
        {"id": "5abbe4b7ddc1b351ef961421", "name": "Write tests", "state": "incomplete"},
        {"id": "5abbe4b7ddc1b351ef961422", "name": "Update docs", "state": "incomplete"},
    ]
    assert result.summary == "Added checklist 'Release steps' with 2 items"


async def test_archive_card_closes_it(catalog, respx_mock):
    route = respx_mock.put(f"{API}/cards/{CARD}").mock(return_value=httpx.Response(200, json=_card(closed=True)))
    result = await run_action(catalog.action("trello-archive-card"), {"card": CARD}, auth=AUTH)
    assert result.error is None, result.error
    assert_trello(route.calls.last.request, "PUT", f"{API}/cards/{CARD}")
    assert body_of(route.calls.last.request) == {"closed": True}
    assert result.ret["closed"] is True
    assert result.summary == "Archived card 'Fix login redirect'"


async def test_get_board_returns_lists_labels_and_members(catalog, respx_mock):
    route = respx_mock.get(f"{API}/boards/nC8QJJoZ").mock(
        return_value=httpx.Response(
            200,
            json={
                "id": BOARD,
                "name": "Platform",
                "desc": "Platform team work",
                "url": "https://trello.com/b/nC8QJJoZ/platform",
                "shortLink": "nC8QJJoZ",
                "closed": False,
                "lists": [
                    {"id": LIST, "name": "In Progress", "pos": 16384},
                    {"id": DONE_LIST, "name": "Done", "pos": 32768},
                ],
                "labels": [_label(), _label("5abbe4b7ddc1b351ef96141a", "", "green")],
                "members": [{"id": MEMBER, "fullName": "Ada Lovelace", "username": "ada"}],
            },
        )
    )
    result = await run_action(
        catalog.action("trello-get-board"), {"board": "https://trello.com/b/nC8QJJoZ/platform"}, auth=AUTH
    )
    assert result.error is None, result.error
    assert_trello(
        route.calls.last.request,
        "GET",
        f"{API}/boards/nC8QJJoZ",
        {
            "fields": "name,desc,url,shortLink,closed",
            "lists": "open",
            "list_fields": "name,pos,closed,idBoard",
            "labels": "all",
            "label_fields": "name,color",
            "members": "all",
            "member_fields": "fullName,username",
        },
    )
    assert result.ret["lists"] == [
        {"id": LIST, "name": "In Progress", "closed": None, "pos": 16384, "idBoard": None},
        {"id": DONE_LIST, "name": "Done", "closed": None, "pos": 32768, "idBoard": None},
    ]
    assert result.ret["labels"][1] == {"id": "5abbe4b7ddc1b351ef96141a", "name": "", "color": "green"}
    assert result.summary == "Retrieved board 'Platform' with 2 lists"


# Attachments


async def test_add_attachment_uploads_the_file_as_multipart(catalog, respx_mock, tmp_path):
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4 tiny report\n")
    route = respx_mock.post(f"{API}/cards/{CARD}/attachments").mock(
        return_value=httpx.Response(
            200,
            json={
                "id": "5abbe4b7ddc1b351ef961423",
                "bytes": 21,
                "date": "2025-06-21T10:05:00.000Z",
                "edgeColor": None,
                "idMember": MEMBER,
                "isUpload": True,
                "mimeType": "application/pdf",
                "name": "Q2 report",
                "previews": [],
                "url": f"https://trello.com/1/cards/{CARD}/attachments/5abbe4b7ddc1b351ef961423/download/report.pdf",
                "pos": 16384,
                "fileName": "report.pdf",
            },
        )
    )
    result = await run_action(
        catalog.action("trello-add-attachment"),
        {"card": CARD, "filePath": "/tmp/report.pdf", "name": "Q2 report"},
        auth=AUTH,
        tmp_dir=tmp_path,
    )
    assert result.error is None, result.error
    sent = route.calls.last.request
    assert_trello(sent, "POST", f"{API}/cards/{CARD}/attachments")
    assert sent.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert multipart(sent) == {
        "setCover": (None, None, b"false"),
        "name": (None, None, b"Q2 report"),
        "mimeType": (None, None, b"application/pdf"),
        "file": ("report.pdf", "application/pdf", b"%PDF-1.4 tiny report\n"),
    }
    assert result.ret["id"] == "5abbe4b7ddc1b351ef961423" and result.ret["bytes"] == 21
    assert result.summary == f"Attached report.pdf (21 bytes) to card {CARD}"


async def test_add_attachment_attaches_a_link_or_explains_what_is_missing(catalog, respx_mock, tmp_path):
    route = respx_mock.post(f"{API}/cards/{CARD}/attachments").mock(
        return_value=httpx.Response(
            200,
            json={
                "id": "5abbe4b7ddc1b351ef961424",
                "bytes": None,
                "date": "2025-06-21T10:06:00.000Z",
                "isUpload": False,
                "mimeType": "",
                "name": "https://example.com/spec",
                "url": "https://example.com/spec",
                "pos": 32768,
            },
        )
    )
    result = await run_action(
        catalog.action("trello-add-attachment"), {"card": CARD, "url": "https://example.com/spec"}, auth=AUTH
    )
    assert result.error is None, result.error
    assert body_of(route.calls.last.request) == {"setCover": "false", "url": "https://example.com/spec"}
    assert result.summary == f"Attached link https://example.com/spec to card {CARD}"

    missing = await run_action(
        catalog.action("trello-add-attachment"),
        {"card": CARD, "filePath": "/tmp/nope.pdf"},
        auth=AUTH,
        tmp_dir=tmp_path,
    )
    assert "/tmp/nope.pdf is not a file in /tmp" in missing.error
    neither = await run_action(catalog.action("trello-add-attachment"), {"card": CARD}, auth=AUTH)
    assert "give either filePath" in neither.error
    assert route.call_count == 1


# Errors and rate limits


async def test_an_invalid_id_is_explained(catalog, respx_mock):
    respx_mock.put(f"{API}/cards/{CARD}").mock(return_value=httpx.Response(400, text="invalid id"))
    result = await run_action(
        catalog.action("trello-move-card"), {"card": CARD, "board": BOARD, "list": "Done"}, auth=AUTH
    )
    assert result.error.startswith(f"Trello API error 400 on PUT {API}/cards/{CARD}: invalid id")
    assert "use the 24-character IDs" in result.error


async def test_a_missing_card_is_a_404_with_trellos_message(catalog, respx_mock):
    respx_mock.get(f"{API}/cards/{CARD}").mock(
        return_value=httpx.Response(404, text="The requested resource was not found.")
    )
    result = await run_action(catalog.action("trello-get-card"), {"card": CARD}, auth=AUTH)
    assert "Trello API error 404" in result.error
    assert "The requested resource was not found." in result.error
    assert "check that the IDs passed are correct" in result.error


async def test_a_429_without_retry_after_waits_out_trellos_window(catalog, respx_mock):
    respx_mock.post(f"{API}/cards/{CARD}/actions/comments").mock(
        return_value=httpx.Response(429, json={"error": "API_TOKEN_LIMIT_EXCEEDED", "message": "Rate limit exceeded"})
    )
    result = await run_action(catalog.action("trello-add-comment"), {"card": CARD, "text": "hi"}, auth=AUTH)
    assert "exceeded this token's limit of 100 requests per 10 seconds" in result.error
    assert "retry after 10 s" in result.error


async def test_a_429_says_when_to_retry(catalog, respx_mock):
    respx_mock.get(f"{API}/search").mock(
        return_value=httpx.Response(
            429,
            json={"error": "API_KEY_LIMIT_EXCEEDED", "message": "Rate limit exceeded"},
            headers={"Retry-After": "3"},
        )
    )
    result = await run_action(catalog.action("trello-search-cards"), {"query": "bug"}, auth=AUTH)
    assert "the API key's limit of 300 requests per 10 seconds" in result.error
    assert "retry after 3 s" in result.error


# Remote options


async def test_board_options_list_open_boards_on_one_page(catalog, respx_mock):
    route = respx_mock.get(f"{API}/members/me/boards").mock(
        return_value=httpx.Response(
            200,
            json=[
                {"id": BOARD, "name": "Platform", "closed": False},
                {"id": "5abbe4b7ddc1b351ef961425", "name": "Roadmap", "closed": False},
            ],
        )
    )
    action = catalog.action("trello-create-card")
    first = await fetch_options(action, "board", {}, auth=AUTH)
    assert first["errors"] == []
    assert first["options"] == [
        {"label": "Platform", "value": BOARD},
        {"label": "Roadmap", "value": "5abbe4b7ddc1b351ef961425"},
    ]
    assert first["context"] is None
    assert_trello(
        route.calls.last.request, "GET", f"{API}/members/me/boards", {"filter": "open", "fields": "name,closed"}
    )
    second = await fetch_options(action, "board", {}, auth=AUTH, page=1)
    assert second["options"] == [] and route.call_count == 1


async def test_list_label_and_member_options_come_from_the_chosen_board(catalog, respx_mock):
    action = catalog.action("trello-create-card")
    no_board = await fetch_options(action, "list", {}, auth=AUTH)
    assert no_board["options"] == [] and "choose the board first" in no_board["errors"][0]

    lists = respx_mock.get(f"{API}/boards/{BOARD}/lists").mock(
        return_value=httpx.Response(200, json=[{"id": LIST, "name": "In Progress"}])
    )
    labels = respx_mock.get(f"{API}/boards/{BOARD}/labels").mock(
        return_value=httpx.Response(200, json=[_label(), _label("5abbe4b7ddc1b351ef96141a", "", "green")])
    )
    members = respx_mock.get(f"{API}/boards/{BOARD}/members").mock(
        return_value=httpx.Response(200, json=[{"id": MEMBER, "fullName": "Ada Lovelace", "username": "ada"}])
    )
    assert (await fetch_options(action, "list", {"board": BOARD}, auth=AUTH))["options"] == [
        {"label": "In Progress", "value": LIST}
    ]
    assert_trello(lists.calls.last.request, "GET", f"{API}/boards/{BOARD}/lists", {"filter": "open", "fields": "name"})
    assert (await fetch_options(action, "labels", {"board": BOARD}, auth=AUTH))["options"] == [
        {"label": "Urgent (red)", "value": LABEL},
        {"label": "(green)", "value": "5abbe4b7ddc1b351ef96141a"},
    ]
    assert_trello(
        labels.calls.last.request, "GET", f"{API}/boards/{BOARD}/labels", {"fields": "name,color", "limit": "1000"}
    )
    assert (await fetch_options(action, "members", {"board": BOARD}, auth=AUTH))["options"] == [
        {"label": "Ada Lovelace (@ada)", "value": MEMBER}
    ]
    assert_trello(members.calls.last.request, "GET", f"{API}/boards/{BOARD}/members", {"fields": "fullName,username"})


async def test_card_options_page_through_a_board_by_id(catalog, respx_mock, monkeypatch):
    package = catalog.action("trello-get-card").run.__module__.rsplit(".actions.", 1)[0]
    monkeypatch.setattr(sys.modules[f"{package}.app"], "CARD_PAGE", 2)
    route = respx_mock.get(f"{API}/boards/{BOARD}/cards").mock(
        side_effect=[
            httpx.Response(
                200,
                json=[
                    {"id": "5abbe4b7ddc1b351ef961430", "name": "Newest"},
                    {"id": "5abbe4b7ddc1b351ef961429", "name": "Older"},
                ],
            ),
            httpx.Response(200, json=[{"id": "5abbe4b7ddc1b351ef961428", "name": "Oldest"}]),
        ]
    )
    action = catalog.action("trello-update-card")
    first = await fetch_options(action, "card", {"board": BOARD}, auth=AUTH)
    assert first["options"] == [
        {"label": "Newest", "value": "5abbe4b7ddc1b351ef961430"},
        {"label": "Older", "value": "5abbe4b7ddc1b351ef961429"},
    ]
    assert first["context"] == {"before": "5abbe4b7ddc1b351ef961429"}
    assert_trello(route.calls[0].request, "GET", f"{API}/boards/{BOARD}/cards", {"filter": "open", "fields": "name", "limit": "2"})
    second = await fetch_options(action, "card", {"board": BOARD}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Oldest", "value": "5abbe4b7ddc1b351ef961428"}]
    assert second["context"] is None
    assert_trello(
        route.calls[1].request,
        "GET",
        f"{API}/boards/{BOARD}/cards",
        {"filter": "open", "fields": "name", "limit": "2", "before": "5abbe4b7ddc1b351ef961429"},
    )


async def test_card_options_without_a_board_list_the_users_cards(catalog, respx_mock):
    route = respx_mock.get(f"{API}/members/me/cards").mock(
        return_value=httpx.Response(200, json=[{"id": CARD, "name": "Fix login redirect"}])
    )
    response = await fetch_options(catalog.action("trello-get-card"), "card", {}, auth=AUTH)
    assert response["options"] == [{"label": "Fix login redirect", "value": CARD}]
    assert_trello(route.calls.last.request, "GET", f"{API}/members/me/cards", {"filter": "open", "fields": "name"})


# Account test


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


async def test_account_test_names_the_member(catalog, respx_mock):
    route = respx_mock.get(f"{API}/members/me").mock(
        return_value=httpx.Response(200, json={"id": MEMBER, "username": "ada", "fullName": "Ada Lovelace"})
    )
    identity = await _account_test(catalog.apps["trello"], AUTH)
    assert identity == Identity(name="Ada Lovelace (@ada)", external_id=MEMBER)
    assert_trello(route.calls.last.request, "GET", f"{API}/members/me", {"fields": "username,fullName"})


async def test_account_test_rejects_a_bad_token(catalog, respx_mock):
    respx_mock.get(f"{API}/members/me").mock(return_value=httpx.Response(401, text="invalid token"))
    with pytest.raises(UpstreamError, match="invalid token") as raised:
        await _account_test(catalog.apps["trello"], AUTH)
    assert raised.value.status == 401


# Boards, lists, labels and deletion


def _board(board_id=BOARD, name="Platform"):
    return {"id": board_id, "name": name, "desc": "Platform team work", "closed": False, "shortLink": "nC8QJJoZ",
            "url": f"https://trello.com/b/nC8QJJoZ/{name.lower()}"}


async def test_list_boards_pages_through_the_members_boards(catalog, respx_mock):
    boards = [_board(), _board("5abbe4b7ddc1b351ef961425", "Roadmap"), _board("5abbe4b7ddc1b351ef961426", "Ops")]
    route = respx_mock.get(f"{API}/members/me/boards").mock(return_value=httpx.Response(200, json=boards))
    first = await run_action(catalog.action("trello-list-boards"), {"limit": 2}, auth=AUTH)
    assert first.error is None, first.error
    assert_trello(route.calls.last.request, "GET", f"{API}/members/me/boards",
                  {"filter": "open", "fields": "name,desc,url,shortLink,closed"})
    assert [b["name"] for b in first.ret["boards"]] == ["Platform", "Roadmap"]
    assert first.ret["boards"][0] == {"id": BOARD, "name": "Platform", "desc": "Platform team work",
                                      "url": "https://trello.com/b/nC8QJJoZ/platform", "shortLink": "nC8QJJoZ",
                                      "closed": False}
    assert first.ret["next_cursor"] == "2" and first.summary == "Listed 2 boards"
    second = await run_action(
        catalog.action("trello-list-boards"), {"limit": 2, "cursor": first.ret["next_cursor"], "filter": "starred"},
        auth=AUTH,
    )
    assert dict(route.calls.last.request.url.params)["filter"] == "starred"
    assert [b["name"] for b in second.ret["boards"]] == ["Ops"] and second.ret["next_cursor"] is None


async def test_create_list_posts_name_board_and_position(catalog, respx_mock):
    created = {"id": DONE_LIST, "name": "In Review", "closed": False, "pos": 140737488355328, "idBoard": BOARD,
               "subscribed": False}
    route = respx_mock.post(f"{API}/lists").mock(return_value=httpx.Response(200, json=created))
    result = await run_action(
        catalog.action("trello-create-list"), {"board": BOARD, "name": "In Review", "pos": "top"}, auth=AUTH
    )
    assert result.error is None, result.error
    assert_trello(route.calls.last.request, "POST", f"{API}/lists")
    assert body_of(route.calls.last.request) == {"name": "In Review", "idBoard": BOARD, "pos": "top"}
    assert result.ret == {"id": DONE_LIST, "name": "In Review", "closed": False, "pos": 140737488355328, "idBoard": BOARD}
    assert result.summary == "Created list 'In Review'"


async def test_delete_card_deletes_it_by_short_link(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/cards/H0TZyzbK").mock(return_value=httpx.Response(200, json={"limits": {}}))
    result = await run_action(
        catalog.action("trello-delete-card"), {"card": "https://trello.com/c/H0TZyzbK/12-fix"}, auth=AUTH
    )
    assert result.error is None, result.error
    assert_trello(route.calls.last.request, "DELETE", f"{API}/cards/H0TZyzbK")
    assert result.ret == {"id": "H0TZyzbK", "deleted": True}
    assert result.summary == "Deleted card H0TZyzbK"
    annotations = catalog.action("trello-delete-card").annotations
    assert annotations.destructive and annotations.idempotent


async def test_add_label_to_card_posts_the_label_id(catalog, respx_mock):
    other = "5abbe4b7ddc1b351ef96141a"
    route = respx_mock.post(f"{API}/cards/{CARD}/idLabels").mock(return_value=httpx.Response(200, json=[LABEL, other]))
    result = await run_action(catalog.action("trello-add-label-to-card"), {"card": CARD, "label": other}, auth=AUTH)
    assert result.error is None, result.error
    assert_trello(route.calls.last.request, "POST", f"{API}/cards/{CARD}/idLabels")
    assert body_of(route.calls.last.request) == {"value": other}
    assert result.ret == {"id": CARD, "idLabels": [LABEL, other]}
    assert result.summary == f"Added label {other} to card {CARD}"


async def test_label_choices_of_add_label_come_from_the_board(catalog, respx_mock):
    respx_mock.get(f"{API}/boards/{BOARD}/labels").mock(return_value=httpx.Response(200, json=[_label()]))
    options = await fetch_options(catalog.action("trello-add-label-to-card"), "label", {"board": BOARD}, auth=AUTH)
    assert options["options"] == [{"label": "Urgent (red)", "value": LABEL}]


async def test_edits_trim_the_card_and_overwrites_are_marked(catalog, respx_mock):
    respx_mock.put(f"{API}/cards/{CARD}").mock(return_value=httpx.Response(200, json=_card(closed=True)))
    result = await run_action(catalog.action("trello-archive-card"), {"card": CARD}, auth=AUTH)
    assert result.ret["closed"] is True and "badges" not in result.ret
    assert catalog.action("trello-update-card").annotations.destructive
    full = await run_action(catalog.action("trello-archive-card"), {"card": CARD, "fullResponse": True}, auth=AUTH)
    assert full.ret == _card(closed=True)
