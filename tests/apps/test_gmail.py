import base64
import email
import json
from email import policy

import httpx
import pytest

from mcp_gateway.catalog import AccountContext, AppHttp, Identity, UpstreamError
from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://gmail.googleapis.com/gmail/v1/users/me"
AUTH = {"oauth_access_token": "ya29.a0AfB_byC-gmail-test"}
ME = "grace@example.com"
MSG = "18f2a3b4c5d6e7f8"
THREAD = "18f2a3b4c5d6e7f0"
METADATA = [("format", "metadata"), ("metadataHeaders", "From"), ("metadataHeaders", "To"),
            ("metadataHeaders", "Subject"), ("metadataHeaders", "Date")]


# Bodies shaped like the Gmail API reference (users.messages, users.labels, users.drafts).


def b64(data):
    return base64.urlsafe_b64encode(data if isinstance(data, bytes) else data.encode()).decode()


def headers(**values):
    names = {"from_": "From", "to": "To", "cc": "Cc", "subject": "Subject", "date": "Date", "message_id": "Message-ID",
             "reply_to": "Reply-To", "references": "References", "content_type": "Content-Type"}
    return [{"name": names[k], "value": v} for k, v in values.items()]


def metadata_message(gmail_id, subject, sender, *, thread=THREAD, labels=("INBOX", "UNREAD"), **extra_headers):
    return {
        "id": gmail_id,
        "threadId": thread,
        "labelIds": list(labels),
        "snippet": f"About {subject.lower()}",
        "payload": {
            "partId": "",
            "mimeType": "multipart/alternative",
            "filename": "",
            "headers": headers(from_=sender, to=f"Grace Hopper <{ME}>", subject=subject,
                               date="Mon, 3 Jun 2024 09:15:02 -0700", **extra_headers),
        },
        "sizeEstimate": 5812,
        "historyId": "2314122",
        "internalDate": "1717431302000",
    }


def full_message():
    """A multipart/mixed email: text and HTML alternatives, and a PDF attachment stored separately."""
    return {
        "id": MSG,
        "threadId": THREAD,
        "labelIds": ["INBOX", "UNREAD", "CATEGORY_PERSONAL"],
        "snippet": "Hi Grace, the invoice for May is attached.",
        "payload": {
            "partId": "",
            "mimeType": "multipart/mixed",
            "filename": "",
            "headers": headers(from_="Ada Lovelace <ada@example.com>", to=ME, cc="alan@example.com",
                               subject="Invoice 0042", date="Mon, 3 Jun 2024 09:15:02 -0700",
                               message_id="<CAF=abc123@mail.gmail.com>"),
            "body": {"size": 0},
            "parts": [
                {
                    "partId": "0",
                    "mimeType": "multipart/alternative",
                    "filename": "",
                    "headers": [{"name": "Content-Type", "value": "multipart/alternative; boundary=\"000b\""}],
                    "body": {"size": 0},
                    "parts": [
                        {
                            "partId": "0.0",
                            "mimeType": "text/plain",
                            "filename": "",
                            "headers": [{"name": "Content-Type", "value": "text/plain; charset=\"UTF-8\""}],
                            "body": {"size": 44, "data": b64("Hi Grace,\r\nthe invoice for May is attached. €42\r\n")},
                        },
                        {
                            "partId": "0.1",
                            "mimeType": "text/html",
                            "filename": "",
                            "headers": [{"name": "Content-Type", "value": "text/html; charset=\"UTF-8\""}],
                            "body": {"size": 70, "data": b64("<div>Hi Grace,<br>the invoice for May is attached.</div>")},
                        },
                    ],
                },
                {
                    "partId": "1",
                    "mimeType": "application/pdf",
                    "filename": "invoice-0042.pdf",
                    "headers": [{"name": "Content-Type", "value": "application/pdf; name=\"invoice-0042.pdf\""}],
                    "body": {"attachmentId": "ANGjdJ8wXk0Yb3-attachment", "size": 13},
                },
            ],
        },
        "sizeEstimate": 48213,
        "historyId": "2314122",
        "internalDate": "1717431302000",
    }


def google_error(code, message, reason, status):
    return {"error": {"code": code, "message": message, "errors": [{"message": message, "domain": "global", "reason": reason}],
                      "status": status}}


def assert_request(request, method, url, params=(), token=AUTH["oauth_access_token"]):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == url
    assert list(request.url.params.multi_items()) == list(params)
    assert request.headers["authorization"] == f"Bearer {token}"


def sent_mime(request, key="raw"):
    """The RFC 2822 message inside a send or draft request."""
    body = json.loads(request.content)
    raw = body[key] if key == "raw" else body["message"]["raw"]
    return body, email.message_from_bytes(base64.urlsafe_b64decode(raw), policy=policy.default)


def mock_profile(respx_mock):
    return respx_mock.get(f"{API}/profile").mock(return_value=httpx.Response(
        200, json={"emailAddress": ME, "messagesTotal": 2981, "threadsTotal": 1920, "historyId": "2314122"}))


# The app


def test_app_declares_google_oauth_with_the_gmail_scope(catalog):
    app = catalog.app("gmail")
    assert app.auth.authorize_url == "https://accounts.google.com/o/oauth2/v2/auth"
    assert app.auth.token_url == "https://oauth2.googleapis.com/token"
    assert list(app.auth.scopes) == [
        "https://www.googleapis.com/auth/gmail.modify",
        "https://www.googleapis.com/auth/gmail.settings.basic",
    ]
    assert app.auth.pkce is True
    assert dict(app.auth.extra_authorize_params) == {"access_type": "offline", "prompt": "consent"}
    assert app.base_url == API
    assert app.allowed_domains == ["gmail.googleapis.com"]
    assert app.headers_for(AUTH) == {"Authorization": f"Bearer {AUTH['oauth_access_token']}"}


def test_annotations(catalog):
    actions = catalog.actions_of("gmail")
    assert len(actions) >= 20
    assert {a.key for a in actions if a.annotations.read_only} == {
        "gmail-find-email", "gmail-get-email", "gmail-list-labels", "gmail-list-threads", "gmail-get-thread",
        "gmail-list-drafts", "gmail-get-profile", "gmail-list-filters", "gmail-get-vacation-settings"}
    assert {a.key for a in actions if a.annotations.destructive} == {
        "gmail-trash-email", "gmail-delete-draft", "gmail-delete-label", "gmail-delete-filter"}
    assert {a.key for a in actions if a.stash == "optional"} == {
        "gmail-send-email", "gmail-create-draft", "gmail-reply-to-email", "gmail-download-attachment"}


async def account_identity(catalog, creds):
    app = catalog.app("gmail")
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(creds), base_url=app.base_url_for(creds),
                       allowed_domains=app.allowed_domains_for(creds))
        return await app.test(AccountContext(auth=creds, http=http))


async def test_account_test_reads_the_profile(catalog, respx_mock):
    route = mock_profile(respx_mock)
    assert await account_identity(catalog, AUTH) == Identity(name=ME, external_id=ME)
    assert_request(route.calls.last.request, "GET", f"{API}/profile")


async def test_account_test_raises_on_a_rejected_token(catalog, respx_mock):
    respx_mock.get(f"{API}/profile").mock(return_value=httpx.Response(401, json=google_error(
        401, "Request had invalid authentication credentials. Expected OAuth 2 access token.", "authError",
        "UNAUTHENTICATED")))
    with pytest.raises(UpstreamError, match="invalid authentication credentials") as raised:
        await account_identity(catalog, AUTH)
    assert raised.value.status == 401
    assert "reconnect" in str(raised.value)


# Sending


async def test_send_email_builds_a_plain_text_message_with_attachments(catalog, respx_mock, tmp_path):
    (tmp_path / "report.csv").write_bytes(b"month,total\nmay,42\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\nchart")
    profile = mock_profile(respx_mock)
    route = respx_mock.post(f"{API}/messages/send").mock(return_value=httpx.Response(
        200, json={"id": "18f2b0c1d2e3f4a5", "threadId": "18f2b0c1d2e3f4a5", "labelIds": ["SENT"]}))

    result = await run_action(catalog.action("gmail-send-email"), {
        "to": ["Ada Lovelace <ada@example.com>, alan@example.com"],
        "cc": ["charles@example.com"],
        "bcc": ["audit@example.com"],
        "subject": "May numbers",
        "body": "Hi both,\nthe numbers are attached.\n",
        "fromName": "Grace Hopper",
        "replyTo": ["team@example.com"],
        "attachments": ["/tmp/report.csv", "/tmp/docs/chart.png"],
    }, auth=AUTH, tmp_dir=tmp_path)

    assert result.error is None
    assert result.ret == {"id": "18f2b0c1d2e3f4a5", "threadId": "18f2b0c1d2e3f4a5", "labelIds": ["SENT"]}
    assert result.summary == 'Sent "May numbers" to Ada Lovelace <ada@example.com>, alan@example.com with 2 attachments'
    assert profile.called
    request = route.calls.last.request
    assert_request(request, "POST", f"{API}/messages/send")
    body, mime = sent_mime(request)
    assert list(body) == ["raw"]
    assert mime["From"] == f"Grace Hopper <{ME}>"
    assert mime["To"] == "Ada Lovelace <ada@example.com>, alan@example.com"
    assert mime["Cc"] == "charles@example.com"
    assert mime["Bcc"] == "audit@example.com"
    assert mime["Reply-To"] == "team@example.com"
    assert mime["Subject"] == "May numbers"
    assert mime.get_body(("plain",)).get_content() == "Hi both,\r\nthe numbers are attached.\r\n"
    files = {p.get_filename(): (p.get_content_type(), p.get_payload(decode=True)) for p in mime.iter_attachments()}
    assert files == {
        "report.csv": ("text/csv", b"month,total\nmay,42\n"),
        "chart.png": ("image/png", b"\x89PNG\r\n\x1a\nchart"),
    }


async def test_send_email_as_html_adds_a_text_alternative(catalog, respx_mock):
    route = respx_mock.post(f"{API}/messages/send").mock(return_value=httpx.Response(
        200, json={"id": "18f2b0c1d2e3f4a6", "threadId": "18f2b0c1d2e3f4a6", "labelIds": ["SENT"]}))
    result = await run_action(catalog.action("gmail-send-email"), {
        "to": ["ada@example.com"], "subject": "Hello", "body": "<p>Hello <b>Ada</b></p><p>Bye</p>", "bodyType": "html",
    }, auth=AUTH)
    assert result.error is None
    _, mime = sent_mime(route.calls.last.request)
    assert "From" not in mime
    assert mime.get_content_type() == "multipart/alternative"
    assert mime.get_body(("html",)).get_content().strip() == "<p>Hello <b>Ada</b></p><p>Bye</p>"
    assert mime.get_body(("plain",)).get_content().strip() == "Hello Ada\r\n\r\nBye"


async def test_send_email_refuses_bad_addresses_and_missing_files(catalog, respx_mock, tmp_path):
    route = respx_mock.post(f"{API}/messages/send")
    bad = await run_action(catalog.action("gmail-send-email"), {"to": ["ada at example"], "subject": "s", "body": "b"},
                           auth=AUTH)
    assert "is not an email address" in bad.error
    missing = await run_action(catalog.action("gmail-send-email"), {
        "to": ["ada@example.com"], "subject": "s", "body": "b", "attachments": ["/tmp/nope.pdf"]}, auth=AUTH,
        tmp_dir=tmp_path)
    assert "/tmp/nope.pdf is not a file in /tmp" in missing.error
    assert not route.called


async def test_create_draft_saves_without_sending(catalog, respx_mock, tmp_path):
    (tmp_path / "notes.txt").write_text("draft notes")
    route = respx_mock.post(f"{API}/drafts").mock(return_value=httpx.Response(200, json={
        "id": "r-5812345678901234567",
        "message": {"id": "18f2b0c1d2e3f4a7", "threadId": "18f2b0c1d2e3f4a7", "labelIds": ["DRAFT"]},
    }))
    result = await run_action(catalog.action("gmail-create-draft"), {
        "subject": "Plan", "body": "Rough plan", "attachments": ["/tmp/notes.txt"],
    }, auth=AUTH, tmp_dir=tmp_path)
    assert result.error is None
    assert result.ret == {"id": "r-5812345678901234567", "messageId": "18f2b0c1d2e3f4a7", "threadId": "18f2b0c1d2e3f4a7"}
    assert result.summary == 'Saved draft "Plan"'
    request = route.calls.last.request
    assert_request(request, "POST", f"{API}/drafts")
    body, mime = sent_mime(request, key="message")
    assert list(body) == ["message"] and list(body["message"]) == ["raw"]
    assert "To" not in mime
    assert mime["Subject"] == "Plan"
    assert [(p.get_filename(), p.get_payload(decode=True)) for p in mime.iter_attachments()] == [
        ("notes.txt", b"draft notes")]


# Replying


REPLY_HEADERS = [("format", "metadata"), *[("metadataHeaders", h) for h in
                 ["Subject", "From", "To", "Cc", "Reply-To", "Message-ID", "References"]]]


def mock_original(respx_mock, **extra):
    original = metadata_message(MSG, "Invoice 0042", "Ada Lovelace <ada@example.com>",
                                message_id="<CAF=abc123@mail.gmail.com>", **extra)
    original["payload"]["headers"][1] = {"name": "To", "value": f"{ME}, Alan Turing <alan@example.com>"}
    return respx_mock.get(f"{API}/messages/{MSG}").mock(return_value=httpx.Response(200, json=original))


async def test_reply_goes_to_the_sender_in_the_same_thread(catalog, respx_mock):
    original = mock_original(respx_mock, references="<CAF=root1@mail.gmail.com>")
    mock_profile(respx_mock)
    send = respx_mock.post(f"{API}/messages/send").mock(return_value=httpx.Response(
        200, json={"id": "18f2b0c1d2e3f4b0", "threadId": THREAD, "labelIds": ["SENT"]}))

    result = await run_action(catalog.action("gmail-reply-to-email"), {"messageId": MSG, "body": "Paid, thanks!"},
                              auth=AUTH)

    assert result.error is None
    assert result.ret == {"id": "18f2b0c1d2e3f4b0", "threadId": THREAD, "to": ["Ada Lovelace <ada@example.com>"],
                          "cc": [], "subject": "Re: Invoice 0042"}
    assert result.summary == 'Replied to "Invoice 0042" (Ada Lovelace <ada@example.com>)'
    assert_request(original.calls.last.request, "GET", f"{API}/messages/{MSG}", REPLY_HEADERS)
    request = send.calls.last.request
    assert_request(request, "POST", f"{API}/messages/send")
    body, mime = sent_mime(request)
    assert body["threadId"] == THREAD
    assert mime["To"] == "Ada Lovelace <ada@example.com>"
    assert "Cc" not in mime
    assert mime["Subject"] == "Re: Invoice 0042"
    assert mime["In-Reply-To"] == "<CAF=abc123@mail.gmail.com>"
    assert mime["References"] == "<CAF=root1@mail.gmail.com> <CAF=abc123@mail.gmail.com>"
    assert mime.get_body(("plain",)).get_content().strip() == "Paid, thanks!"


async def test_reply_all_as_a_draft_copies_the_others_but_not_me(catalog, respx_mock):
    mock_original(respx_mock, cc=f"Charles Babbage <charles@example.com>, {ME.upper()}", reply_to="billing@example.com")
    mock_profile(respx_mock)
    drafts = respx_mock.post(f"{API}/drafts").mock(return_value=httpx.Response(200, json={
        "id": "r-77", "message": {"id": "18f2b0c1d2e3f4b1", "threadId": THREAD, "labelIds": ["DRAFT"]}}))
    send = respx_mock.post(f"{API}/messages/send")

    result = await run_action(catalog.action("gmail-reply-to-email"), {
        "messageId": MSG, "body": "Looping in finance.", "replyAll": True, "cc": ["finance@example.com"],
        "saveAsDraft": True,
    }, auth=AUTH)

    assert result.error is None
    assert not send.called
    assert result.ret["draftId"] == "r-77"
    assert result.ret["to"] == ["billing@example.com", "Alan Turing <alan@example.com>"]
    assert result.ret["cc"] == ["Charles Babbage <charles@example.com>", "finance@example.com"]
    body, mime = sent_mime(drafts.calls.last.request, key="message")
    assert body["message"]["threadId"] == THREAD
    assert mime["To"] == "billing@example.com, Alan Turing <alan@example.com>"
    assert mime["Cc"] == "Charles Babbage <charles@example.com>, finance@example.com"
    assert mime["References"] == "<CAF=abc123@mail.gmail.com>"


# Reading


async def test_find_email_searches_then_reads_each_match(catalog, respx_mock):
    listing = respx_mock.get(f"{API}/messages").mock(return_value=httpx.Response(200, json={
        "messages": [{"id": "18f2a3b4c5d6e7f8", "threadId": THREAD}, {"id": "18f29c8d7e6f5a4b", "threadId": "18f29c8d7e6f5a40"}],
        "nextPageToken": "09876543210987654321",
        "resultSizeEstimate": 14,
    }))
    first = respx_mock.get(f"{API}/messages/18f2a3b4c5d6e7f8").mock(return_value=httpx.Response(
        200, json=metadata_message("18f2a3b4c5d6e7f8", "Invoice 0042", "Ada Lovelace <ada@example.com>")))
    respx_mock.get(f"{API}/messages/18f29c8d7e6f5a4b").mock(return_value=httpx.Response(
        200, json=metadata_message("18f29c8d7e6f5a4b", "Invoice 0041", "ada@example.com",
                                   thread="18f29c8d7e6f5a40", labels=("INBOX",))))

    result = await run_action(catalog.action("gmail-find-email"), {
        "q": "from:ada@example.com subject:invoice", "labelIds": ["INBOX", "Label_3"], "limit": 2,
        "includeSpamTrash": True, "cursor": "12345678901234567890",
    }, auth=AUTH)

    assert result.error is None
    assert_request(listing.calls.last.request, "GET", f"{API}/messages", [
        ("q", "from:ada@example.com subject:invoice"), ("labelIds", "INBOX"), ("labelIds", "Label_3"),
        ("includeSpamTrash", "true"), ("maxResults", "2"), ("pageToken", "12345678901234567890")])
    assert_request(first.calls.last.request, "GET", f"{API}/messages/18f2a3b4c5d6e7f8", METADATA)
    assert result.ret["next_cursor"] == "09876543210987654321"
    assert result.ret["resultSizeEstimate"] == 14
    assert result.ret["messages"] == [
        {"id": "18f2a3b4c5d6e7f8", "threadId": THREAD, "from": "Ada Lovelace <ada@example.com>",
         "to": f"Grace Hopper <{ME}>", "subject": "Invoice 0042", "date": "Mon, 3 Jun 2024 09:15:02 -0700",
         "snippet": "About invoice 0042", "labelIds": ["INBOX", "UNREAD"]},
        {"id": "18f29c8d7e6f5a4b", "threadId": "18f29c8d7e6f5a40", "from": "ada@example.com",
         "to": f"Grace Hopper <{ME}>", "subject": "Invoice 0041", "date": "Mon, 3 Jun 2024 09:15:02 -0700",
         "snippet": "About invoice 0041", "labelIds": ["INBOX"]},
    ]
    assert result.summary == "Found 2 emails matching `from:ada@example.com subject:invoice` (more with next_cursor)"


async def test_find_email_with_no_matches(catalog, respx_mock):
    listing = respx_mock.get(f"{API}/messages").mock(return_value=httpx.Response(200, json={"resultSizeEstimate": 0}))
    result = await run_action(catalog.action("gmail-find-email"), {}, auth=AUTH)
    assert result.ret == {"messages": [], "next_cursor": None, "resultSizeEstimate": 0}
    assert_request(listing.calls.last.request, "GET", f"{API}/messages", [("maxResults", "25")])
    assert result.summary == "Found 0 emails"


async def test_get_email_decodes_the_body_and_lists_attachments(catalog, respx_mock):
    route = respx_mock.get(f"{API}/messages/{MSG}").mock(return_value=httpx.Response(200, json=full_message()))
    result = await run_action(catalog.action("gmail-get-email"), {"messageId": MSG}, auth=AUTH)
    assert result.error is None
    assert_request(route.calls.last.request, "GET", f"{API}/messages/{MSG}", [("format", "full")])
    assert result.ret == {
        "id": MSG,
        "threadId": THREAD,
        "from": "Ada Lovelace <ada@example.com>",
        "to": ME,
        "cc": "alan@example.com",
        "subject": "Invoice 0042",
        "date": "Mon, 3 Jun 2024 09:15:02 -0700",
        "messageIdHeader": "<CAF=abc123@mail.gmail.com>",
        "labelIds": ["INBOX", "UNREAD", "CATEGORY_PERSONAL"],
        "snippet": "Hi Grace, the invoice for May is attached.",
        "body": "Hi Grace,\r\nthe invoice for May is attached. €42\r\n",
        "bodyTruncated": False,
        "attachments": [{"filename": "invoice-0042.pdf", "mimeType": "application/pdf", "size": 13,
                         "attachmentId": "ANGjdJ8wXk0Yb3-attachment", "partId": "1"}],
    }
    assert result.summary == 'Read email "Invoice 0042" from Ada Lovelace <ada@example.com>'

    whole = await run_action(catalog.action("gmail-get-email"), {"messageId": MSG, "fullResponse": True}, auth=AUTH)
    assert whole.ret == full_message()


async def test_get_email_falls_back_to_the_html_text(catalog, respx_mock):
    message = full_message()
    message["payload"]["parts"][0]["parts"].pop(0)  # HTML only
    respx_mock.get(f"{API}/messages/{MSG}").mock(return_value=httpx.Response(200, json=message))
    result = await run_action(catalog.action("gmail-get-email"), {"messageId": MSG}, auth=AUTH)
    assert result.ret["body"] == "Hi Grace,\nthe invoice for May is attached."
    assert result.ret["bodyTruncated"] is False
    assert "html" not in result.ret


async def test_get_email_cuts_long_bodies(catalog, respx_mock):
    message = full_message()
    message["payload"]["parts"][0]["parts"][0]["body"] = {"size": 25000, "data": b64("0123456789" * 2500)}
    respx_mock.get(f"{API}/messages/{MSG}").mock(return_value=httpx.Response(200, json=message))
    result = await run_action(catalog.action("gmail-get-email"), {"messageId": MSG}, auth=AUTH)
    assert result.ret["body"] == "0123456789" * 2000
    assert result.ret["bodyTruncated"] is True


async def test_download_attachment_saves_the_bytes(catalog, respx_mock, tmp_path):
    respx_mock.get(f"{API}/messages/{MSG}").mock(return_value=httpx.Response(200, json=full_message()))
    attachment = respx_mock.get(f"{API}/messages/{MSG}/attachments/ANGjdJ8wXk0Yb3-attachment").mock(
        return_value=httpx.Response(200, json={"size": 13, "data": b64(b"%PDF-1.7 data")}))

    result = await run_action(catalog.action("gmail-download-attachment"), {
        "messageId": MSG, "attachment": "invoice-0042.pdf"}, auth=AUTH, tmp_dir=tmp_path)

    assert result.error is None
    assert_request(attachment.calls.last.request, "GET", f"{API}/messages/{MSG}/attachments/ANGjdJ8wXk0Yb3-attachment")
    assert (tmp_path / "invoice-0042.pdf").read_bytes() == b"%PDF-1.7 data"
    assert result.ret == {"filePath": "/tmp/invoice-0042.pdf", "filename": "invoice-0042.pdf",
                          "mimeType": "application/pdf", "size": 13}
    assert result.summary == "Saved attachment invoice-0042.pdf (13 bytes) to /tmp/invoice-0042.pdf"


async def test_download_attachment_by_id_to_a_chosen_path_and_unknown_names(catalog, respx_mock, tmp_path):
    respx_mock.get(f"{API}/messages/{MSG}").mock(return_value=httpx.Response(200, json=full_message()))
    respx_mock.get(f"{API}/messages/{MSG}/attachments/ANGjdJ8wXk0Yb3-attachment").mock(
        return_value=httpx.Response(200, json={"size": 13, "data": b64(b"%PDF-1.7 data")}))
    saved = await run_action(catalog.action("gmail-download-attachment"), {
        "messageId": MSG, "attachment": "ANGjdJ8wXk0Yb3-attachment", "filePath": "/tmp/in/may.pdf"},
        auth=AUTH, tmp_dir=tmp_path)
    assert saved.error is None
    assert (tmp_path / "in" / "may.pdf").read_bytes() == b"%PDF-1.7 data"
    unknown = await run_action(catalog.action("gmail-download-attachment"), {
        "messageId": MSG, "attachment": "photo.jpg"}, auth=AUTH, tmp_dir=tmp_path)
    assert unknown.error == "the email has no attachment 'photo.jpg'; its attachments are: invoice-0042.pdf"


# Labels and trash

LABELS = {"labels": [
    {"id": "INBOX", "name": "INBOX", "messageListVisibility": "hide", "labelListVisibility": "labelShow", "type": "system"},
    {"id": "Label_3", "name": "Receipts", "messageListVisibility": "show", "labelListVisibility": "labelShow",
     "type": "user"},
    {"id": "UNREAD", "name": "UNREAD", "type": "system"},
    {"id": "Label_7", "name": "clients", "type": "user"},
]}


async def test_list_labels_puts_user_labels_first(catalog, respx_mock):
    route = respx_mock.get(f"{API}/labels").mock(return_value=httpx.Response(200, json=LABELS))
    result = await run_action(catalog.action("gmail-list-labels"), {}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{API}/labels")
    assert result.ret == {"labels": [
        {"id": "Label_7", "name": "clients", "type": "user"},
        {"id": "Label_3", "name": "Receipts", "type": "user", "messageListVisibility": "show",
         "labelListVisibility": "labelShow"},
        {"id": "INBOX", "name": "INBOX", "type": "system", "messageListVisibility": "hide",
         "labelListVisibility": "labelShow"},
        {"id": "UNREAD", "name": "UNREAD", "type": "system"},
    ]}
    assert result.summary == "Listed 4 labels (2 created by the user)"


@pytest.mark.parametrize(("key", "field", "labels_after", "summary"), [
    ("gmail-add-label-to-email", "addLabelIds", ["INBOX", "UNREAD", "STARRED", "Label_3"],
     f"Added STARRED, Label_3 to email {MSG}"),
    ("gmail-remove-label-from-email", "removeLabelIds", ["INBOX"], f"Removed STARRED, Label_3 from email {MSG}"),
])
async def test_label_changes_modify_the_message(catalog, respx_mock, key, field, labels_after, summary):
    route = respx_mock.post(f"{API}/messages/{MSG}/modify").mock(return_value=httpx.Response(
        200, json={"id": MSG, "threadId": THREAD, "labelIds": labels_after}))
    result = await run_action(catalog.action(key), {"messageId": MSG, "labelIds": ["STARRED", " Label_3 "]}, auth=AUTH)
    request = route.calls.last.request
    assert_request(request, "POST", f"{API}/messages/{MSG}/modify")
    assert json.loads(request.content) == {field: ["STARRED", "Label_3"]}
    assert result.ret == {"id": MSG, "threadId": THREAD, "labelIds": labels_after}
    assert result.summary == summary


async def test_label_changes_need_a_label(catalog, respx_mock):
    route = respx_mock.post(f"{API}/messages/{MSG}/modify")
    result = await run_action(catalog.action("gmail-add-label-to-email"), {"messageId": MSG, "labelIds": [" "]}, auth=AUTH)
    assert "labelIds is empty" in result.error
    assert not route.called


async def test_trash_email(catalog, respx_mock):
    route = respx_mock.post(f"{API}/messages/{MSG}/trash").mock(return_value=httpx.Response(
        200, json={"id": MSG, "threadId": THREAD, "labelIds": ["TRASH"]}))
    result = await run_action(catalog.action("gmail-trash-email"), {"messageId": MSG}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", f"{API}/messages/{MSG}/trash")
    assert route.calls.last.request.content == b""
    assert result.ret == {"id": MSG, "threadId": THREAD, "labelIds": ["TRASH"]}
    assert result.summary == f"Moved email {MSG} to the Trash"


# Errors


async def test_a_missing_message_says_how_to_find_ids(catalog, respx_mock):
    respx_mock.get(f"{API}/messages/nope").mock(return_value=httpx.Response(
        404, json=google_error(404, "Requested entity was not found.", "notFound", "NOT_FOUND")))
    result = await run_action(catalog.action("gmail-get-email"), {"messageId": "nope"}, auth=AUTH)
    assert result.ret is None
    assert result.error == (
        f"Gmail API error 404 on GET {API}/messages/nope: Requested entity was not found. (no message, thread, label "
        "or attachment has that ID in this mailbox; find IDs with gmail-find-email or gmail-list-labels)"
    )


async def test_an_invalid_recipient_is_reported(catalog, respx_mock):
    respx_mock.post(f"{API}/messages/send").mock(return_value=httpx.Response(
        400, json=google_error(400, "Invalid To header", "invalidArgument", "INVALID_ARGUMENT")))
    result = await run_action(catalog.action("gmail-send-email"), {"to": ["ada@example"], "subject": "s", "body": "b"},
                              auth=AUTH)
    assert "Gmail API error 400" in result.error
    assert "Invalid To header" in result.error
    assert "some values are not what Gmail expects" in result.error


async def test_a_401_refreshes_the_token_and_retries(catalog, respx_mock):
    route = respx_mock.get(f"{API}/labels").mock(side_effect=[
        httpx.Response(401, json=google_error(
            401, "Request had invalid authentication credentials. Expected OAuth 2 access token.", "authError",
            "UNAUTHENTICATED")),
        httpx.Response(200, json=LABELS),
    ])
    calls = []

    async def refresh():
        calls.append(1)
        return {"Authorization": "Bearer ya29.refreshed"}

    result = await run_action(catalog.action("gmail-list-labels"), {}, auth=AUTH, on_unauthorized=refresh)
    assert result.error is None
    assert calls == [1]
    assert [c.request.headers["authorization"] for c in route.calls] == [
        f"Bearer {AUTH['oauth_access_token']}", "Bearer ya29.refreshed"]
    assert len(result.ret["labels"]) == 4


async def test_a_429_says_when_to_retry(catalog, respx_mock):
    respx_mock.get(f"{API}/labels").mock(return_value=httpx.Response(
        429, headers={"Retry-After": "17"},
        json=google_error(429, "Too many concurrent requests for user.", "rateLimitExceeded", "RESOURCE_EXHAUSTED")))
    result = await run_action(catalog.action("gmail-list-labels"), {}, auth=AUTH)
    assert result.ret is None
    assert "Too many concurrent requests for user." in result.error
    assert "rate limited by Gmail; retry after 17 s" in result.error


async def test_a_403_user_rate_limit_is_a_rate_limit_not_a_permission_problem(catalog, respx_mock):
    respx_mock.post(f"{API}/messages/{MSG}/trash").mock(return_value=httpx.Response(
        403, json=google_error(403, "User-rate limit exceeded.", "userRateLimitExceeded", "PERMISSION_DENIED")))
    result = await run_action(catalog.action("gmail-trash-email"), {"messageId": MSG}, auth=AUTH)
    assert "rate limited by Gmail; wait a minute and retry" in result.error
    assert "lacks permission" not in result.error


async def test_a_missing_scope_asks_to_reconnect(catalog, respx_mock):
    respx_mock.get(f"{API}/labels").mock(return_value=httpx.Response(403, json={"error": {
        "code": 403, "message": "Request had insufficient authentication scopes.", "status": "PERMISSION_DENIED",
        "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
                     "domain": "googleapis.com", "metadata": {"service": "gmail.googleapis.com"}}]}}))
    result = await run_action(catalog.action("gmail-list-labels"), {}, auth=AUTH)
    assert "insufficient authentication scopes" in result.error
    assert "reconnect Gmail and approve all requested access" in result.error


# Remote options


async def test_message_options_page_through_recent_mail(catalog, respx_mock):
    listing = respx_mock.get(f"{API}/messages").mock(side_effect=[
        httpx.Response(200, json={"messages": [{"id": "18f2a3b4c5d6e7f8", "threadId": THREAD}],
                                  "nextPageToken": "04950983471893", "resultSizeEstimate": 201}),
        httpx.Response(200, json={"messages": [{"id": "18f29c8d7e6f5a4b", "threadId": "18f29c8d7e6f5a40"}],
                                  "resultSizeEstimate": 201}),
    ])
    respx_mock.get(f"{API}/messages/18f2a3b4c5d6e7f8").mock(return_value=httpx.Response(
        200, json=metadata_message("18f2a3b4c5d6e7f8", "Invoice 0042", "Ada Lovelace <ada@example.com>")))
    respx_mock.get(f"{API}/messages/18f29c8d7e6f5a4b").mock(return_value=httpx.Response(
        200, json=metadata_message("18f29c8d7e6f5a4b", "Lunch?", "alan@example.com")))
    action = catalog.action("gmail-get-email")

    first = await fetch_options(action, "messageId", {}, auth=AUTH, query="is:unread")
    assert first["options"] == [{"label": "Invoice 0042 — Ada Lovelace <ada@example.com>", "value": "18f2a3b4c5d6e7f8"}]
    assert first["context"] == {"pageToken": "04950983471893"}
    assert_request(listing.calls[0].request, "GET", f"{API}/messages", [("maxResults", "20"), ("q", "is:unread")])

    second = await fetch_options(action, "messageId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Lunch? — alan@example.com", "value": "18f29c8d7e6f5a4b"}]
    assert second["context"] is None
    assert_request(listing.calls[1].request, "GET", f"{API}/messages",
                   [("maxResults", "20"), ("pageToken", "04950983471893")])

    after_last = await fetch_options(action, "messageId", {}, auth=AUTH, page=2, prev_context={})
    assert after_last["options"] == []
    assert listing.call_count == 2


async def test_label_options_are_one_page(catalog, respx_mock):
    route = respx_mock.get(f"{API}/labels").mock(return_value=httpx.Response(200, json=LABELS))
    action = catalog.action("gmail-add-label-to-email")
    first = await fetch_options(action, "labelIds", {}, auth=AUTH)
    assert first["options"] == [
        {"label": "clients", "value": "Label_7"}, {"label": "Receipts", "value": "Label_3"},
        {"label": "INBOX", "value": "INBOX"}, {"label": "UNREAD", "value": "UNREAD"}]
    second = await fetch_options(action, "labelIds", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == []
    assert route.call_count == 1


async def test_attachment_options_come_from_the_chosen_email(catalog, respx_mock):
    respx_mock.get(f"{API}/messages/{MSG}").mock(return_value=httpx.Response(200, json=full_message()))
    action = catalog.action("gmail-download-attachment")
    response = await fetch_options(action, "attachment", {"messageId": MSG}, auth=AUTH)
    assert response["options"] == [
        {"label": "invoice-0042.pdf (application/pdf, 13 bytes)", "value": "invoice-0042.pdf"}]
    missing = await fetch_options(action, "attachment", {}, auth=AUTH)
    assert missing["options"] == []
    assert "choose the email (messageId) first" in missing["errors"][0]
