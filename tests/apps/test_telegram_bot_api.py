"""Telegram Bot API actions at the HTTP boundary: the token in the URL, JSON and multipart
bodies, `ok: false` answers turned into messages that never show the token."""

import email.parser
import email.policy
import json

import httpx
import pytest

from mcp_gateway.catalog import AppHttp, Identity, UpstreamError
from mcp_gateway.catalog.context import AccountContext
from mcp_gateway.runtime.engine import fetch_options, run_action

# Fields of later Bot API versions than the directory's description.
VENDOR_EXEMPT = {
    ("POST", "/sendMessage", "message_thread_id"): "forum topics, Bot API 6.3",
    ("POST", "/sendMessage", "link_preview_options"): "Bot API 7.0, replacing disable_web_page_preview",
    ("POST", "/sendMessage", "reply_parameters"): "Bot API 7.0, replacing reply_to_message_id",
}

TOKEN = "110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
AUTH = {"token": TOKEN}
API = f"https://api.telegram.org/bot{TOKEN}"
CHAT = 123456789
GROUP = -1001234567890
BOT = {"id": 110201543, "is_bot": True, "first_name": "Acme Shop", "username": "acme_shop_bot"}
ADA = {"id": CHAT, "first_name": "Ada", "last_name": "Lovelace", "username": "ada", "type": "private"}


def assert_json_call(request, method, body):
    assert request.method == "POST"
    assert str(request.url) == f"{API}/{method}"
    assert request.headers["content-type"] == "application/json"
    assert "authorization" not in request.headers
    assert json.loads(request.content) == body


def multipart(request):
    """The fields of a multipart/form-data request: text values, and (filename, type, bytes) for files."""
    head = f"Content-Type: {request.headers['content-type']}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + request.content)
    fields = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        data = part.get_payload(decode=True)
        fields[name] = (part.get_filename(), part.get_content_type(), data) if part.get_filename() else data.decode()
    return fields


def ok(result):
    return httpx.Response(200, json={"ok": True, "result": result})


def _message(message_id=42, chat=ADA, **extra):
    return {"message_id": message_id, "from": BOT, "chat": chat, "date": 1712345678, **extra}


def _group(chat_id=GROUP, title="Acme Team"):
    return {"id": chat_id, "title": title, "type": "supergroup"}


# Messages


async def test_send_message_with_html_reply_and_options(catalog, respx_mock):
    route = respx_mock.post(f"{API}/sendMessage").mock(return_value=ok(_message(text="Order shipped", entities=[{"offset": 0, "length": 5, "type": "bold"}])))
    result = await run_action(
        catalog.action("telegram_bot_api-send-message"),
        {"chatId": str(CHAT), "text": "<b>Order</b> shipped", "parseMode": "HTML", "disableLinkPreview": True,
         "disableNotification": True, "replyToMessageId": 41},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_json_call(route.calls.last.request, "sendMessage", {
        "chat_id": CHAT, "text": "<b>Order</b> shipped", "parse_mode": "HTML", "link_preview_options": {"is_disabled": True},
        "disable_notification": True, "reply_parameters": {"message_id": 41},
    })
    assert result.ret == {
        "message_id": 42, "date": 1712345678,
        "chat": {"id": CHAT, "type": "private", "username": "ada", "first_name": "Ada", "last_name": "Lovelace"},
        "from": {"id": 110201543, "is_bot": True, "first_name": "Acme Shop", "username": "acme_shop_bot"},
        "text": "Order shipped",
    }
    assert result.summary == f"Sent message 42 to chat {CHAT}"


async def test_send_message_to_a_channel_username_in_a_topic(catalog, respx_mock):
    route = respx_mock.post(f"{API}/sendMessage").mock(
        return_value=ok(_message(7, {"id": -1009876543210, "title": "Acme News", "username": "acmenews", "type": "channel"}, text="*Hi*"))
    )
    result = await run_action(
        catalog.action("telegram_bot_api-send-message"),
        {"chatId": "acmenews", "text": "*Hi*", "parseMode": "MarkdownV2", "messageThreadId": 3}, auth=AUTH,
    )
    assert result.error is None, result.error
    assert_json_call(route.calls.last.request, "sendMessage",
                     {"chat_id": "@acmenews", "text": "*Hi*", "parse_mode": "MarkdownV2", "message_thread_id": 3})
    assert result.summary == "Sent message 7 to chat -1009876543210"


async def test_edit_message_text(catalog, respx_mock):
    route = respx_mock.post(f"{API}/editMessageText").mock(return_value=ok(_message(text="Order delivered", edit_date=1712349999)))
    result = await run_action(
        catalog.action("telegram_bot_api-edit-message-text"), {"chatId": str(CHAT), "messageId": 42, "text": "Order delivered"}, auth=AUTH,
    )
    assert result.error is None, result.error
    assert_json_call(route.calls.last.request, "editMessageText", {"chat_id": CHAT, "message_id": 42, "text": "Order delivered"})
    assert result.ret["text"] == "Order delivered" and result.ret["edit_date"] == 1712349999
    assert result.summary == f"Edited message 42 in chat {CHAT}"


async def test_delete_message(catalog, respx_mock):
    route = respx_mock.post(f"{API}/deleteMessage").mock(return_value=ok(True))
    result = await run_action(catalog.action("telegram_bot_api-delete-message"), {"chatId": str(GROUP), "messageId": 42}, auth=AUTH)
    assert result.error is None, result.error
    assert_json_call(route.calls.last.request, "deleteMessage", {"chat_id": GROUP, "message_id": 42})
    assert result.ret == {"chat_id": str(GROUP), "message_id": 42, "deleted": True}
    assert result.summary == f"Deleted message 42 from chat {GROUP}"
    assert catalog.action("telegram_bot_api-delete-message").annotations.destructive is True


async def test_forward_message(catalog, respx_mock):
    route = respx_mock.post(f"{API}/forwardMessage").mock(
        return_value=ok(_message(99, text="Order shipped", forward_origin={"type": "user", "sender_user": BOT, "date": 1712345678}))
    )
    result = await run_action(
        catalog.action("telegram_bot_api-forward-message"),
        {"chatId": str(CHAT), "fromChatId": str(GROUP), "messageId": 42, "disableNotification": False}, auth=AUTH,
    )
    assert result.error is None, result.error
    assert_json_call(route.calls.last.request, "forwardMessage",
                     {"chat_id": CHAT, "from_chat_id": GROUP, "message_id": 42, "disable_notification": False})
    assert result.ret["forward_origin"]["type"] == "user"
    assert result.summary == f"Forwarded message 42 from chat {GROUP} to chat {CHAT} (message 99)"


async def test_pin_chat_message(catalog, respx_mock):
    route = respx_mock.post(f"{API}/pinChatMessage").mock(return_value=ok(True))
    result = await run_action(
        catalog.action("telegram_bot_api-pin-chat-message"), {"chatId": str(GROUP), "messageId": 42, "disableNotification": True}, auth=AUTH,
    )
    assert result.error is None, result.error
    assert_json_call(route.calls.last.request, "pinChatMessage", {"chat_id": GROUP, "message_id": 42, "disable_notification": True})
    assert result.ret == {"chat_id": str(GROUP), "message_id": 42, "pinned": True}
    assert result.summary == f"Pinned message 42 in chat {GROUP}"


async def test_send_location(catalog, respx_mock):
    route = respx_mock.post(f"{API}/sendLocation").mock(
        return_value=ok(_message(43, location={"latitude": 51.500729, "longitude": -0.124625}))
    )
    result = await run_action(
        catalog.action("telegram_bot_api-send-location"), {"chatId": str(CHAT), "latitude": 51.500729, "longitude": -0.124625}, auth=AUTH,
    )
    assert result.error is None, result.error
    assert_json_call(route.calls.last.request, "sendLocation", {"chat_id": CHAT, "latitude": 51.500729, "longitude": -0.124625})
    assert result.ret["location"] == {"latitude": 51.500729, "longitude": -0.124625}
    assert result.summary == f"Sent location 51.500729, -0.124625 to chat {CHAT}"


async def test_send_location_rejects_an_impossible_latitude(catalog):
    from mcp_gateway.runtime.errors import ConfigurationError

    with pytest.raises(ConfigurationError, match="latitude"):
        await run_action(catalog.action("telegram_bot_api-send-location"), {"chatId": "1", "latitude": 95, "longitude": 0}, auth=AUTH)


async def test_send_poll(catalog, respx_mock):
    poll = {"id": "5172698286914322436", "question": "Lunch?", "options": [{"text": "Pizza", "voter_count": 0}, {"text": "Sushi", "voter_count": 0}],
            "total_voter_count": 0, "is_closed": False, "is_anonymous": False, "type": "regular", "allows_multiple_answers": True}
    route = respx_mock.post(f"{API}/sendPoll").mock(return_value=ok(_message(44, _group(), poll=poll)))
    result = await run_action(
        catalog.action("telegram_bot_api-send-poll"),
        {"chatId": str(GROUP), "question": "Lunch?", "options": ["Pizza", "Sushi"], "isAnonymous": False, "allowsMultipleAnswers": True},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_json_call(route.calls.last.request, "sendPoll", {
        "chat_id": GROUP, "question": "Lunch?", "options": [{"text": "Pizza"}, {"text": "Sushi"}],
        "is_anonymous": False, "allows_multiple_answers": True,
    })
    assert result.ret["poll"] == {"id": "5172698286914322436", "question": "Lunch?", "options": ["Pizza", "Sushi"]}
    assert result.summary == f"Sent poll 'Lunch?' with 2 answers to chat {GROUP}"
    one = await run_action(catalog.action("telegram_bot_api-send-poll"), {"chatId": "1", "question": "?", "options": ["Only"]}, auth=AUTH)
    assert "2 to 10 answers" in one.error and route.call_count == 1


# Chats and updates


async def test_get_chat(catalog, respx_mock):
    route = respx_mock.post(f"{API}/getChat").mock(return_value=ok({
        "id": GROUP, "title": "Acme Team", "type": "supergroup", "description": "Where the team talks", "invite_link": "https://t.me/+AbCdEf",
        "accent_color_id": 3, "max_reaction_count": 11, "permissions": {"can_send_messages": True},
        "pinned_message": _message(42, _group(), text="Welcome!"),
    }))
    result = await run_action(catalog.action("telegram_bot_api-get-chat"), {"chatId": str(GROUP)}, auth=AUTH)
    assert result.error is None, result.error
    assert_json_call(route.calls.last.request, "getChat", {"chat_id": GROUP})
    assert result.ret["title"] == "Acme Team" and result.ret["invite_link"] == "https://t.me/+AbCdEf"
    assert result.ret["pinned_message"]["text"] == "Welcome!"
    assert "accent_color_id" not in result.ret
    assert result.summary == f"Got chat {GROUP}: Acme Team, supergroup"
    whole = await run_action(catalog.action("telegram_bot_api-get-chat"), {"chatId": str(GROUP), "fullResponse": True}, auth=AUTH)
    assert whole.ret["accent_color_id"] == 3 and whole.ret["pinned_message"]["from"] == BOT


async def test_unpin_a_message_or_the_latest_pinned_one(catalog, respx_mock):
    route = respx_mock.post(f"{API}/unpinChatMessage").mock(return_value=ok(True))
    action = catalog.action("telegram_bot_api-unpin-chat-message")
    result = await run_action(action, {"chatId": str(GROUP), "messageId": 42}, auth=AUTH)
    assert result.error is None, result.error
    assert_json_call(route.calls.last.request, "unpinChatMessage", {"chat_id": GROUP, "message_id": 42})
    assert result.ret == {"chat_id": str(GROUP), "message_id": 42, "unpinned": True}
    assert result.summary == f"Unpinned message 42 in chat {GROUP}"
    latest = await run_action(action, {"chatId": str(GROUP)}, auth=AUTH)
    assert_json_call(route.calls.last.request, "unpinChatMessage", {"chat_id": GROUP})
    assert latest.summary == f"Unpinned the latest pinned message in chat {GROUP}"
    assert action.annotations.idempotent is True


async def test_unpin_without_admin_rights_says_so(catalog, respx_mock):
    respx_mock.post(f"{API}/unpinChatMessage").mock(return_value=httpx.Response(400, json={
        "ok": False, "error_code": 400, "description": "Bad Request: not enough rights to manage pinned messages in the chat"}))
    result = await run_action(catalog.action("telegram_bot_api-unpin-chat-message"), {"chatId": str(GROUP)}, auth=AUTH)
    assert "the bot needs admin rights in that chat" in result.error


async def test_copy_message_with_a_new_caption(catalog, respx_mock):
    route = respx_mock.post(f"{API}/copyMessage").mock(return_value=ok({"message_id": 77}))
    result = await run_action(
        catalog.action("telegram_bot_api-copy-message"),
        {"chatId": "@acme_news", "fromChatId": str(GROUP), "messageId": 12, "caption": "<b>Q3 report</b>", "parseMode": "HTML",
         "disableNotification": True},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_json_call(route.calls.last.request, "copyMessage", {
        "chat_id": "@acme_news", "from_chat_id": GROUP, "message_id": 12, "caption": "<b>Q3 report</b>", "parse_mode": "HTML",
        "disable_notification": True})
    assert result.ret == {"chat_id": "@acme_news", "message_id": 77}
    assert result.summary == f"Copied message 12 from chat {GROUP} to chat @acme_news (message 77)"


async def test_message_options_list_the_chosen_chats_recent_messages(catalog, respx_mock):
    route = respx_mock.post(f"{API}/getUpdates").mock(return_value=ok(_updates()))
    page = await fetch_options(catalog.action("telegram_bot_api-pin-chat-message"), "messageId", {"chatId": str(GROUP)}, auth=AUTH)
    assert page["errors"] == [] and page["options"] == [{"label": "12: hello team", "value": 12}]
    assert_json_call(route.calls.last.request, "getUpdates", {"limit": 100, "timeout": 0})
    source = await fetch_options(catalog.action("telegram_bot_api-copy-message"), "messageId",
                                 {"chatId": str(GROUP), "fromChatId": str(CHAT)}, auth=AUTH)
    assert source["options"] == [{"label": "40: /start", "value": 40}]
    unchosen = await fetch_options(catalog.action("telegram_bot_api-delete-message"), "messageId", {}, auth=AUTH)
    assert unchosen["options"] == [] and "choose the chat (chatId) first" in unchosen["errors"][0]
    assert route.call_count == 2


def _updates():
    return [
        {"update_id": 721000001, "message": {"message_id": 40, "from": {"id": CHAT, "is_bot": False, "first_name": "Ada", "username": "ada"},
                                             "chat": ADA, "date": 1712340000, "text": "/start"}},
        {"update_id": 721000002, "message": {"message_id": 12, "from": {"id": CHAT, "is_bot": False, "first_name": "Ada"},
                                             "chat": _group(), "date": 1712340100, "text": "hello team",
                                             "document": {"file_name": "report.pdf", "mime_type": "application/pdf",
                                                          "file_id": "BQACAgIAAxkBAAIBX2Zk", "file_unique_id": "AgADrw", "file_size": 12}}},
        {"update_id": 721000003, "callback_query": {"id": "4382bfdwdsb323b2d9", "from": {"id": CHAT, "is_bot": False, "first_name": "Ada"},
                                                    "message": {"message_id": 42, "chat": ADA, "date": 1712340200}, "data": "confirm:6735",
                                                    "chat_instance": "-7419325372098764"}},
    ]


async def test_get_updates_summarises_each_kind(catalog, respx_mock):
    route = respx_mock.post(f"{API}/getUpdates").mock(return_value=ok(_updates()))
    result = await run_action(catalog.action("telegram_bot_api-get-updates"), {"limit": 10, "offset": 721000001}, auth=AUTH)
    assert result.error is None, result.error
    assert_json_call(route.calls.last.request, "getUpdates", {"limit": 10, "timeout": 0, "offset": 721000001})
    updates = result.ret["updates"]
    assert [u["type"] for u in updates] == ["message", "message", "callback_query"]
    assert updates[1]["chat_id"] == GROUP
    assert updates[1]["message"]["document"] == {"file_id": "BQACAgIAAxkBAAIBX2Zk", "file_name": "report.pdf",
                                                 "mime_type": "application/pdf", "file_size": 12}
    assert updates[2]["callback_query"] == {"id": "4382bfdwdsb323b2d9", "data": "confirm:6735", "from": CHAT, "message_id": 42}
    assert result.ret["next_offset"] == 721000004
    assert result.summary == "Got 3 updates (last update_id 721000003)"
    whole = await run_action(catalog.action("telegram_bot_api-get-updates"), {"limit": 10, "fullResponse": True}, auth=AUTH)
    assert whole.ret["updates"] == _updates()


async def test_get_updates_without_offset_confirms_nothing(catalog, respx_mock):
    route = respx_mock.post(f"{API}/getUpdates").mock(return_value=ok([]))
    result = await run_action(catalog.action("telegram_bot_api-get-updates"), {}, auth=AUTH)
    assert_json_call(route.calls.last.request, "getUpdates", {"limit": 100, "timeout": 0})
    assert result.ret == {"updates": [], "next_offset": None}
    assert result.summary == "Got 0 updates"


async def test_chat_options_list_recent_chats_newest_first_on_one_page(catalog, respx_mock):
    route = respx_mock.post(f"{API}/getUpdates").mock(return_value=ok(_updates()))
    action = catalog.action("telegram_bot_api-send-message")
    first = await fetch_options(action, "chatId", {}, auth=AUTH)
    assert first["errors"] == []
    assert first["options"] == [
        {"label": "Ada Lovelace (@ada), private chat", "value": str(CHAT)},
        {"label": "Acme Team, supergroup", "value": str(GROUP)},
    ]
    assert first["context"] is None
    assert_json_call(route.calls.last.request, "getUpdates", {"limit": 100, "timeout": 0})
    second = await fetch_options(action, "chatId", {}, auth=AUTH, page=1, prev_context={})
    assert second["options"] == [] and route.call_count == 1


async def test_file_options_list_files_in_recent_updates(catalog, respx_mock):
    updates = _updates() + [{"update_id": 721000004, "message": {
        "message_id": 43, "from": {"id": CHAT, "is_bot": False, "first_name": "Ada"}, "chat": ADA, "date": 1712340300,
        "photo": [{"file_id": "AgACAgIAAxkBAAIBYGZk-small", "file_unique_id": "AQADs", "file_size": 1200, "width": 90, "height": 60},
                  {"file_id": "AgACAgIAAxkBAAIBYGZk-large", "file_unique_id": "AQADl", "file_size": 52000, "width": 1280, "height": 853}]}}]
    route = respx_mock.post(f"{API}/getUpdates").mock(return_value=ok(updates))
    page = await fetch_options(catalog.action("telegram_bot_api-download-file"), "fileId", {}, auth=AUTH)
    assert page["errors"] == []
    assert page["options"] == [
        {"label": "photo 1280x853 in Ada Lovelace (@ada), private chat", "value": "AgACAgIAAxkBAAIBYGZk-large"},
        {"label": "document report.pdf in Acme Team, supergroup", "value": "BQACAgIAAxkBAAIBX2Zk"},
    ]
    assert_json_call(route.calls.last.request, "getUpdates", {"limit": 100, "timeout": 0})


async def test_chat_options_explain_a_webhook_conflict(catalog, respx_mock):
    respx_mock.post(f"{API}/getUpdates").mock(
        return_value=httpx.Response(409, json={"ok": False, "error_code": 409,
                                               "description": "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"})
    )
    response = await fetch_options(catalog.action("telegram_bot_api-send-message"), "chatId", {}, auth=AUTH)
    assert response["options"] == []
    assert "the bot uses a webhook" in response["errors"][0]
    assert TOKEN not in response["errors"][0]


# Files


async def test_send_photo_uploads_a_file_from_tmp(catalog, respx_mock, tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01"
    (tmp_path / "chart.png").write_bytes(png)
    route = respx_mock.post(f"{API}/sendPhoto").mock(return_value=ok(_message(45, caption="Q3 sales", photo=[
        {"file_id": "AgACAgIAAxkBAAIBYGZk-small", "file_unique_id": "AQADs", "file_size": 1200, "width": 90, "height": 60},
        {"file_id": "AgACAgIAAxkBAAIBYGZk-large", "file_unique_id": "AQADl", "file_size": 8800, "width": 800, "height": 533},
    ])))
    result = await run_action(
        catalog.action("telegram_bot_api-send-photo"),
        {"chatId": str(CHAT), "filePath": "/tmp/chart.png", "caption": "Q3 sales", "parseMode": "HTML", "replyToMessageId": 41},
        auth=AUTH, tmp_dir=tmp_path,
    )
    assert result.error is None, result.error
    request = route.calls.last.request
    assert str(request.url) == f"{API}/sendPhoto"
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert multipart(request) == {
        "chat_id": str(CHAT), "caption": "Q3 sales", "parse_mode": "HTML", "reply_parameters": '{"message_id": 41}',
        "photo": ("chart.png", "image/png", png),
    }
    assert result.ret["photo"] == {"file_id": "AgACAgIAAxkBAAIBYGZk-large", "width": 800, "height": 533}
    assert result.summary == f"Sent chart.png ({len(png)} bytes) to chat {CHAT} (message 45)"
    assert catalog.action("telegram_bot_api-send-photo").stash == "optional"


async def test_send_photo_by_url(catalog, respx_mock):
    route = respx_mock.post(f"{API}/sendPhoto").mock(return_value=ok(_message(46, photo=[{"file_id": "AgAC-url", "file_unique_id": "u", "width": 640, "height": 480}])))
    result = await run_action(
        catalog.action("telegram_bot_api-send-photo"), {"chatId": str(CHAT), "fileUrlOrId": "https://example.com/cat.jpg"}, auth=AUTH,
    )
    assert result.error is None, result.error
    assert_json_call(route.calls.last.request, "sendPhoto", {"chat_id": CHAT, "photo": "https://example.com/cat.jpg"})
    assert result.summary == f"Sent a photo to chat {CHAT} (message 46)"
    both = await run_action(catalog.action("telegram_bot_api-send-photo"),
                            {"chatId": "1", "fileUrlOrId": "x", "filePath": "/tmp/a.png"}, auth=AUTH)
    assert "either filePath" in both.error


async def test_send_document_uploads_a_file_and_reports_missing_ones(catalog, respx_mock, tmp_path):
    pdf = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "q3.pdf").write_bytes(pdf)
    route = respx_mock.post(f"{API}/sendDocument").mock(return_value=ok(_message(47, _group(), document={
        "file_name": "q3.pdf", "mime_type": "application/pdf", "file_id": "BQACAgIAAxkBAAIBZGZk", "file_unique_id": "AgADsA", "file_size": len(pdf)})))
    result = await run_action(
        catalog.action("telegram_bot_api-send-document"),
        {"chatId": str(GROUP), "filePath": "/tmp/reports/q3.pdf", "disableNotification": True},
        auth=AUTH, tmp_dir=tmp_path,
    )
    assert result.error is None, result.error
    assert multipart(route.calls.last.request) == {
        "chat_id": str(GROUP), "disable_notification": "true", "document": ("q3.pdf", "application/pdf", pdf),
    }
    assert result.ret["document"]["file_id"] == "BQACAgIAAxkBAAIBZGZk"
    assert result.summary == f"Sent q3.pdf ({len(pdf)} bytes) to chat {GROUP} (message 47)"
    missing = await run_action(catalog.action("telegram_bot_api-send-document"), {"chatId": "1", "filePath": "/tmp/nope.pdf"},
                               auth=AUTH, tmp_dir=tmp_path)
    assert "/tmp/nope.pdf is not a file in /tmp" in missing.error
    assert route.call_count == 1


async def test_download_file_saves_it_under_tmp(catalog, respx_mock, tmp_path):
    content = b"%PDF-1.7 quarterly report\n"
    get_file = respx_mock.post(f"{API}/getFile").mock(return_value=ok({
        "file_id": "BQACAgIAAxkBAAIBX2Zk", "file_unique_id": "AgADrw", "file_size": len(content), "file_path": "documents/file_7.pdf"}))
    download = respx_mock.get(f"https://api.telegram.org/file/bot{TOKEN}/documents/file_7.pdf").mock(
        return_value=httpx.Response(200, content=content, headers={"Content-Type": "application/octet-stream"})
    )
    result = await run_action(
        catalog.action("telegram_bot_api-download-file"), {"fileId": "BQACAgIAAxkBAAIBX2Zk", "filePath": "/tmp/in/report.pdf"},
        auth=AUTH, tmp_dir=tmp_path,
    )
    assert result.error is None, result.error
    assert_json_call(get_file.calls.last.request, "getFile", {"file_id": "BQACAgIAAxkBAAIBX2Zk"})
    assert download.calls.last.request.method == "GET"
    assert (tmp_path / "in" / "report.pdf").read_bytes() == content
    assert result.ret == {"filePath": "/tmp/in/report.pdf", "size": len(content), "telegramPath": "documents/file_7.pdf", "fileUniqueId": "AgADrw"}
    assert result.summary == f"Downloaded {len(content)} bytes to /tmp/in/report.pdf"
    assert catalog.action("telegram_bot_api-download-file").stash == "optional"


async def test_download_file_defaults_to_telegrams_name_and_hides_the_token_on_failure(catalog, respx_mock, tmp_path):
    respx_mock.post(f"{API}/getFile").mock(return_value=ok({"file_id": "AgAC", "file_unique_id": "AQAD", "file_size": 3, "file_path": "photos/file_3.jpg"}))
    download = respx_mock.get(f"https://api.telegram.org/file/bot{TOKEN}/photos/file_3.jpg").mock(return_value=httpx.Response(200, content=b"jpg"))
    result = await run_action(catalog.action("telegram_bot_api-download-file"), {"fileId": "AgAC"}, auth=AUTH, tmp_dir=tmp_path)
    assert result.error is None, result.error
    assert (tmp_path / "file_3.jpg").read_bytes() == b"jpg"
    assert result.ret["filePath"] == "/tmp/file_3.jpg"
    download.mock(return_value=httpx.Response(404, json={"ok": False, "error_code": 404, "description": "Not Found"}))
    failed = await run_action(catalog.action("telegram_bot_api-download-file"), {"fileId": "AgAC"}, auth=AUTH, tmp_dir=tmp_path)
    assert "Telegram refused the download (HTTP 404)" in failed.error
    assert TOKEN not in failed.error


# Errors, rejected tokens and rate limits


async def test_an_ok_false_answer_becomes_a_clear_error_without_the_token(catalog, respx_mock):
    respx_mock.post(f"{API}/sendMessage").mock(
        return_value=httpx.Response(400, json={"ok": False, "error_code": 400, "description": "Bad Request: chat not found"})
    )
    result = await run_action(catalog.action("telegram_bot_api-send-message"), {"chatId": "987654321", "text": "hi"}, auth=AUTH)
    assert result.ret is None
    assert result.error.startswith("Telegram sendMessage failed (400): Bad Request: chat not found (the chat ID is wrong")
    assert TOKEN not in result.error
    assert all(TOKEN not in json.dumps(o) for o in result.os)


async def test_a_markdown_mistake_explains_escaping(catalog, respx_mock):
    respx_mock.post(f"{API}/editMessageText").mock(return_value=httpx.Response(400, json={
        "ok": False, "error_code": 400, "description": "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'"}))
    result = await run_action(catalog.action("telegram_bot_api-edit-message-text"),
                              {"chatId": "1", "messageId": 2, "text": "v1.2", "parseMode": "MarkdownV2"}, auth=AUTH)
    assert "can't parse entities" in result.error and "escape" in result.error


async def test_a_migrated_group_names_the_new_chat_id(catalog, respx_mock):
    respx_mock.post(f"{API}/sendMessage").mock(return_value=httpx.Response(400, json={
        "ok": False, "error_code": 400, "description": "Bad Request: group chat was upgraded to a supergroup chat",
        "parameters": {"migrate_to_chat_id": -1001987654321}}))
    result = await run_action(catalog.action("telegram_bot_api-send-message"), {"chatId": "-4000001", "text": "hi"}, auth=AUTH)
    assert "use that chat ID" in result.error and "-1001987654321" in result.error


async def test_a_401_says_the_bot_token_was_rejected(catalog, respx_mock):
    bad = {"token": "110201543:wrong"}
    respx_mock.post("https://api.telegram.org/bot110201543:wrong/getChat").mock(
        return_value=httpx.Response(401, json={"ok": False, "error_code": 401, "description": "Unauthorized"})
    )
    result = await run_action(catalog.action("telegram_bot_api-get-chat"), {"chatId": "1"}, auth=bad)
    assert result.error == (
        "Telegram getChat failed (401): Unauthorized (Telegram rejected the bot token; the user should reconnect the "
        "Telegram bot with the token from @BotFather)"
    )


async def test_a_429_says_when_to_retry(catalog, respx_mock):
    respx_mock.post(f"{API}/sendMessage").mock(return_value=httpx.Response(429, json={
        "ok": False, "error_code": 429, "description": "Too Many Requests: retry after 35", "parameters": {"retry_after": 35}}))
    result = await run_action(catalog.action("telegram_bot_api-send-message"), {"chatId": "1", "text": "hi"}, auth=AUTH)
    assert "Too Many Requests" in result.error
    assert "rate limited by Telegram; retry after 35 s" in result.error


async def test_a_network_failure_does_not_leak_the_token(catalog, respx_mock):
    respx_mock.post(f"{API}/getChat").mock(side_effect=httpx.ConnectError(f"connection refused for {API}/getChat"))
    result = await run_action(catalog.action("telegram_bot_api-get-chat"), {"chatId": "1"}, auth=AUTH)
    assert "could not reach Telegram for getChat: ConnectError" in result.error
    assert TOKEN not in result.error


# Account test


async def _account_test(app, creds):
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(creds), base_url=app.base_url_for(creds),
                       allowed_domains=app.allowed_domains_for(creds))
        return await app.test(AccountContext(auth=creds, http=http))


async def test_account_test_names_the_bot(catalog, respx_mock):
    route = respx_mock.post(f"{API}/getMe").mock(return_value=ok({
        **BOT, "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": False}))
    identity = await _account_test(catalog.apps["telegram_bot_api"], AUTH)
    assert identity == Identity(name="@acme_shop_bot", external_id="110201543")
    assert_json_call(route.calls.last.request, "getMe", {})


async def test_account_test_raises_on_a_rejected_token(catalog, respx_mock):
    respx_mock.post("https://api.telegram.org/botnope/getMe").mock(
        return_value=httpx.Response(401, json={"ok": False, "error_code": 401, "description": "Unauthorized"})
    )
    with pytest.raises(UpstreamError, match="Telegram rejected the bot token") as raised:
        await _account_test(catalog.apps["telegram_bot_api"], {"token": "nope"})
    assert raised.value.status == 401
