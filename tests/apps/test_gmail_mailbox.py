"""Gmail conversations, drafts, labels, filters, settings and the actions on many emails."""

import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action
from tests.apps.test_gmail import (
    API,
    AUTH,
    ME,
    MSG,
    THREAD,
    assert_request,
    b64,
    full_message,
    headers,
    metadata_message,
    sent_mime,
)

THREAD_METADATA = [("format", "metadata"), ("metadataHeaders", "From"), ("metadataHeaders", "Subject"),
                   ("metadataHeaders", "Date")]


def body_of(request):
    return json.loads(request.content)


# Forwarding, restoring, deleting


async def test_forward_email_quotes_the_original_and_sends_its_attachment(catalog, respx_mock):
    original = respx_mock.get(f"{API}/messages/{MSG}").mock(return_value=httpx.Response(200, json=full_message()))
    attachment = respx_mock.get(f"{API}/messages/{MSG}/attachments/ANGjdJ8wXk0Yb3-attachment").mock(
        return_value=httpx.Response(200, json={"size": 13, "data": b64(b"%PDF-1.7 data")}))
    send = respx_mock.post(f"{API}/messages/send").mock(return_value=httpx.Response(
        200, json={"id": "18f2b0c1d2e3f4c0", "threadId": "18f2b0c1d2e3f4c0", "labelIds": ["SENT"]}))

    result = await run_action(catalog.action("gmail-forward-email"), {
        "messageId": MSG, "to": ["Charles Babbage <charles@example.com>"], "body": "FYI, for the books.",
    }, auth=AUTH)

    assert result.error is None
    assert result.ret == {"id": "18f2b0c1d2e3f4c0", "threadId": "18f2b0c1d2e3f4c0", "labelIds": ["SENT"]}
    assert result.summary == 'Forwarded "Invoice 0042" to Charles Babbage <charles@example.com> with 1 attachment'
    assert_request(original.calls.last.request, "GET", f"{API}/messages/{MSG}", [("format", "full")])
    assert_request(attachment.calls.last.request, "GET", f"{API}/messages/{MSG}/attachments/ANGjdJ8wXk0Yb3-attachment")
    request = send.calls.last.request
    assert_request(request, "POST", f"{API}/messages/send")
    body, mime = sent_mime(request)
    assert list(body) == ["raw"]
    assert mime["To"] == "Charles Babbage <charles@example.com>"
    assert mime["Subject"] == "Fwd: Invoice 0042"
    text = mime.get_body(("plain",)).get_content()
    assert text.startswith("FYI, for the books.\r\n\r\n---------- Forwarded message ---------\r\n")
    assert "From: Ada Lovelace <ada@example.com>\r\nDate: Mon, 3 Jun 2024 09:15:02 -0700\r\nSubject: Invoice 0042" in text
    assert "the invoice for May is attached. €42" in text
    assert [(p.get_filename(), p.get_content_type(), p.get_payload(decode=True)) for p in mime.iter_attachments()] == [
        ("invoice-0042.pdf", "application/pdf", b"%PDF-1.7 data")]


async def test_forward_email_without_attachments_as_html(catalog, respx_mock):
    respx_mock.get(f"{API}/messages/{MSG}").mock(return_value=httpx.Response(200, json=full_message()))
    attachment = respx_mock.get(f"{API}/messages/{MSG}/attachments/ANGjdJ8wXk0Yb3-attachment")
    send = respx_mock.post(f"{API}/messages/send").mock(return_value=httpx.Response(
        200, json={"id": "18f2b0c1d2e3f4c1", "threadId": "18f2b0c1d2e3f4c1", "labelIds": ["SENT"]}))
    result = await run_action(catalog.action("gmail-forward-email"), {
        "messageId": MSG, "to": ["charles@example.com"], "body": "<p>See below</p>", "bodyType": "html",
        "includeAttachments": False,
    }, auth=AUTH)
    assert result.error is None
    assert not attachment.called
    _, mime = sent_mime(send.calls.last.request)
    html = mime.get_body(("html",)).get_content()
    assert html.startswith("<p>See below</p><br><br><div>---------- Forwarded message ---------<br>From: Ada Lovelace "
                           "&lt;ada@example.com&gt;")
    assert "<div>Hi Grace,<br>the invoice for May is attached.</div>" in html
    assert list(mime.iter_attachments()) == []


async def test_untrash_email(catalog, respx_mock):
    route = respx_mock.post(f"{API}/messages/{MSG}/untrash").mock(return_value=httpx.Response(
        200, json={"id": MSG, "threadId": THREAD, "labelIds": ["INBOX", "UNREAD"]}))
    result = await run_action(catalog.action("gmail-untrash-email"), {"messageId": MSG}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", f"{API}/messages/{MSG}/untrash")
    assert result.ret == {"id": MSG, "threadId": THREAD, "labelIds": ["INBOX", "UNREAD"]}
    assert result.summary == f"Restored email {MSG} from the Trash"


async def test_batch_modify_emails(catalog, respx_mock):
    route = respx_mock.post(f"{API}/messages/batchModify").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("gmail-batch-modify-emails"), {
        "messageIds": [MSG, " 18f29c8d7e6f5a4b ", ""], "addLabelIds": ["Label_3"], "removeLabelIds": ["UNREAD", "INBOX"],
    }, auth=AUTH)
    request = route.calls.last.request
    assert_request(request, "POST", f"{API}/messages/batchModify")
    assert body_of(request) == {"ids": [MSG, "18f29c8d7e6f5a4b"], "addLabelIds": ["Label_3"],
                                "removeLabelIds": ["UNREAD", "INBOX"]}
    assert result.ret == {"modified": 2, "addLabelIds": ["Label_3"], "removeLabelIds": ["UNREAD", "INBOX"]}
    assert result.summary == "Changed 2 emails: added Label_3; removed UNREAD, INBOX"


async def test_batch_modify_emails_needs_ids_and_a_change(catalog, respx_mock):
    route = respx_mock.post(f"{API}/messages/batchModify")
    no_change = await run_action(catalog.action("gmail-batch-modify-emails"), {"messageIds": [MSG]}, auth=AUTH)
    assert "give addLabelIds, removeLabelIds or both" in no_change.error
    too_many = await run_action(catalog.action("gmail-batch-modify-emails"), {
        "messageIds": [f"m{i}" for i in range(1001)], "removeLabelIds": ["UNREAD"]}, auth=AUTH)
    assert "at most 1000" in too_many.error
    assert not route.called


# Conversations


def thread_metadata(thread_id, *messages):
    return {"id": thread_id, "historyId": "2314122", "messages": list(messages)}


async def test_list_threads_follows_pages_and_hands_back_a_cursor(catalog, respx_mock):
    listing = respx_mock.get(f"{API}/threads").mock(side_effect=[
        httpx.Response(200, json={"threads": [{"id": THREAD, "snippet": "Paid, thanks!", "historyId": "2314122"}],
                                  "nextPageToken": "07293858114125", "resultSizeEstimate": 3}),
        httpx.Response(200, json={"threads": [{"id": "18f29c8d7e6f5a40", "snippet": "Lunch?", "historyId": "2314100"}],
                                  "nextPageToken": "07293858114126", "resultSizeEstimate": 3}),
    ])
    first = respx_mock.get(f"{API}/threads/{THREAD}").mock(return_value=httpx.Response(200, json=thread_metadata(
        THREAD,
        metadata_message(MSG, "Invoice 0042", "Ada Lovelace <ada@example.com>"),
        {**metadata_message("18f2b0c1d2e3f4b0", "Re: Invoice 0042", f"Grace Hopper <{ME}>", labels=("SENT",)),
         "snippet": "Paid, thanks!"},
    )))
    respx_mock.get(f"{API}/threads/18f29c8d7e6f5a40").mock(return_value=httpx.Response(200, json=thread_metadata(
        "18f29c8d7e6f5a40", metadata_message("18f29c8d7e6f5a4b", "Lunch?", "alan@example.com", thread="18f29c8d7e6f5a40"))))

    result = await run_action(catalog.action("gmail-list-threads"), {
        "q": "newer_than:30d", "labelIds": ["INBOX"], "limit": 2}, auth=AUTH)

    assert result.error is None
    assert_request(listing.calls[0].request, "GET", f"{API}/threads",
                   [("q", "newer_than:30d"), ("labelIds", "INBOX"), ("maxResults", "2")])
    assert_request(listing.calls[1].request, "GET", f"{API}/threads",
                   [("q", "newer_than:30d"), ("labelIds", "INBOX"), ("maxResults", "1"), ("pageToken", "07293858114125")])
    assert_request(first.calls.last.request, "GET", f"{API}/threads/{THREAD}", THREAD_METADATA)
    assert result.ret == {
        "threads": [
            {"id": THREAD, "subject": "Invoice 0042", "senders": ["Ada Lovelace <ada@example.com>", f"Grace Hopper <{ME}>"],
             "messageCount": 2, "lastDate": "Mon, 3 Jun 2024 09:15:02 -0700", "snippet": "Paid, thanks!",
             "labelIds": ["INBOX", "SENT", "UNREAD"]},
            {"id": "18f29c8d7e6f5a40", "subject": "Lunch?", "senders": ["alan@example.com"], "messageCount": 1,
             "lastDate": "Mon, 3 Jun 2024 09:15:02 -0700", "snippet": "About lunch?", "labelIds": ["INBOX", "UNREAD"]},
        ],
        "next_cursor": "07293858114126",
        "resultSizeEstimate": 3,
    }
    assert result.summary == "Found 2 conversations matching `newer_than:30d` (more with next_cursor)"

    listing.side_effect = [httpx.Response(200, json={"resultSizeEstimate": 0})]
    following = await run_action(catalog.action("gmail-list-threads"), {"cursor": result.ret["next_cursor"]}, auth=AUTH)
    assert_request(listing.calls.last.request, "GET", f"{API}/threads",
                   [("maxResults", "25"), ("pageToken", "07293858114126")])
    assert following.ret == {"threads": [], "next_cursor": None, "resultSizeEstimate": 0}


async def test_get_thread_decodes_every_message(catalog, respx_mock):
    reply = full_message()
    reply.update(id="18f2b0c1d2e3f4b0", labelIds=["SENT"], snippet="Paid, thanks!")
    reply["payload"] = {"partId": "", "mimeType": "text/plain", "filename": "",
                        "headers": headers(from_=ME, to="ada@example.com", subject="Re: Invoice 0042",
                                           date="Mon, 3 Jun 2024 10:02:11 -0700"),
                        "body": {"size": 13, "data": b64("Paid, thanks!")}}
    thread = {"id": THREAD, "historyId": "2314130", "messages": [full_message(), reply]}
    route = respx_mock.get(f"{API}/threads/{THREAD}").mock(return_value=httpx.Response(200, json=thread))

    result = await run_action(catalog.action("gmail-get-thread"), {"threadId": THREAD}, auth=AUTH)

    assert_request(route.calls.last.request, "GET", f"{API}/threads/{THREAD}", [("format", "full")])
    assert result.ret["id"] == THREAD
    assert result.ret["subject"] == "Invoice 0042"
    assert result.ret["messageCount"] == 2
    assert [m["body"] for m in result.ret["messages"]] == [
        "Hi Grace,\r\nthe invoice for May is attached. €42\r\n", "Paid, thanks!"]
    assert result.ret["messages"][1] == {
        "id": "18f2b0c1d2e3f4b0", "threadId": THREAD, "from": ME, "to": "ada@example.com", "subject": "Re: Invoice 0042",
        "date": "Mon, 3 Jun 2024 10:02:11 -0700", "labelIds": ["SENT"], "snippet": "Paid, thanks!",
        "body": "Paid, thanks!", "bodyTruncated": False, "attachments": []}
    assert result.summary == 'Read conversation "Invoice 0042" (2 messages)'


async def test_modify_thread(catalog, respx_mock):
    route = respx_mock.post(f"{API}/threads/{THREAD}/modify").mock(return_value=httpx.Response(200, json={
        "id": THREAD, "historyId": "2314140",
        "messages": [{"id": MSG, "threadId": THREAD, "labelIds": ["STARRED"]},
                     {"id": "18f2b0c1d2e3f4b0", "threadId": THREAD, "labelIds": ["SENT", "STARRED"]}]}))
    result = await run_action(catalog.action("gmail-modify-thread"), {
        "threadId": THREAD, "addLabelIds": ["STARRED"], "removeLabelIds": ["INBOX", "UNREAD"]}, auth=AUTH)
    request = route.calls.last.request
    assert_request(request, "POST", f"{API}/threads/{THREAD}/modify")
    assert body_of(request) == {"addLabelIds": ["STARRED"], "removeLabelIds": ["INBOX", "UNREAD"]}
    assert result.ret == {"id": THREAD, "messages": [{"id": MSG, "labelIds": ["STARRED"]},
                                                     {"id": "18f2b0c1d2e3f4b0", "labelIds": ["SENT", "STARRED"]}]}
    assert result.summary == f"Conversation {THREAD}: added STARRED; removed INBOX, UNREAD"


async def test_thread_options_use_the_snippet(catalog, respx_mock):
    route = respx_mock.get(f"{API}/threads").mock(return_value=httpx.Response(200, json={
        "threads": [{"id": THREAD, "snippet": "Hi Grace, the invoice for May is attached.", "historyId": "2314122"}],
        "resultSizeEstimate": 1}))
    response = await fetch_options(catalog.action("gmail-get-thread"), "threadId", {}, auth=AUTH, query="invoice")
    assert response["options"] == [{"label": "Hi Grace, the invoice for May is attached.", "value": THREAD}]
    assert response["context"] is None
    assert_request(route.calls.last.request, "GET", f"{API}/threads", [("maxResults", "20"), ("q", "invoice")])


# Drafts

DRAFT = "r-5812345678901234567"


def draft_metadata(draft_id=DRAFT, subject="Plan", to="ada@example.com"):
    return {"id": draft_id, "message": {
        "id": "18f2b0c1d2e3f4a7", "threadId": "18f2b0c1d2e3f4a7", "labelIds": ["DRAFT"], "snippet": "Rough plan",
        "payload": {"mimeType": "text/plain", "headers": headers(to=to, subject=subject)}}}


async def test_list_drafts_reads_each_drafts_headers(catalog, respx_mock):
    listing = respx_mock.get(f"{API}/drafts").mock(return_value=httpx.Response(200, json={
        "drafts": [{"id": DRAFT, "message": {"id": "18f2b0c1d2e3f4a7", "threadId": "18f2b0c1d2e3f4a7"}}],
        "resultSizeEstimate": 1}))
    one = respx_mock.get(f"{API}/drafts/{DRAFT}").mock(return_value=httpx.Response(200, json=draft_metadata()))
    result = await run_action(catalog.action("gmail-list-drafts"), {"q": "subject:plan", "limit": 10}, auth=AUTH)
    assert_request(listing.calls.last.request, "GET", f"{API}/drafts", [("q", "subject:plan"), ("maxResults", "10")])
    assert_request(one.calls.last.request, "GET", f"{API}/drafts/{DRAFT}", [("format", "metadata")])
    assert result.ret == {"drafts": [{"id": DRAFT, "messageId": "18f2b0c1d2e3f4a7", "threadId": "18f2b0c1d2e3f4a7",
                                      "to": "ada@example.com", "subject": "Plan", "snippet": "Rough plan"}],
                          "next_cursor": None}
    assert result.summary == "Listed 1 draft"


async def test_draft_options(catalog, respx_mock):
    respx_mock.get(f"{API}/drafts").mock(return_value=httpx.Response(200, json={
        "drafts": [{"id": DRAFT, "message": {"id": "18f2b0c1d2e3f4a7", "threadId": "18f2b0c1d2e3f4a7"}}],
        "nextPageToken": "0123", "resultSizeEstimate": 30}))
    respx_mock.get(f"{API}/drafts/{DRAFT}").mock(return_value=httpx.Response(200, json=draft_metadata()))
    response = await fetch_options(catalog.action("gmail-send-draft"), "draftId", {}, auth=AUTH)
    assert response["options"] == [{"label": "Plan — to ada@example.com", "value": DRAFT}]
    assert response["context"] == {"pageToken": "0123"}


async def test_send_draft(catalog, respx_mock):
    route = respx_mock.post(f"{API}/drafts/send").mock(return_value=httpx.Response(
        200, json={"id": "18f2b0c1d2e3f4a7", "threadId": "18f2b0c1d2e3f4a7", "labelIds": ["SENT"]}))
    result = await run_action(catalog.action("gmail-send-draft"), {"draftId": DRAFT}, auth=AUTH)
    request = route.calls.last.request
    assert_request(request, "POST", f"{API}/drafts/send")
    assert body_of(request) == {"id": DRAFT}
    assert result.ret == {"id": "18f2b0c1d2e3f4a7", "threadId": "18f2b0c1d2e3f4a7", "labelIds": ["SENT"]}
    assert result.summary == f"Sent draft {DRAFT}"


async def test_delete_draft_and_a_missing_one(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/drafts/{DRAFT}").mock(side_effect=[
        httpx.Response(204),
        httpx.Response(404, json={"error": {"code": 404, "message": "Requested entity was not found.",
                                            "errors": [{"reason": "notFound", "domain": "global"}], "status": "NOT_FOUND"}}),
    ])
    result = await run_action(catalog.action("gmail-delete-draft"), {"draftId": DRAFT}, auth=AUTH)
    assert_request(route.calls.last.request, "DELETE", f"{API}/drafts/{DRAFT}")
    assert result.ret == {"deleted": True, "id": DRAFT}
    again = await run_action(catalog.action("gmail-delete-draft"), {"draftId": DRAFT}, auth=AUTH)
    assert "no draft has that ID" in again.error


# Labels


async def test_create_label_with_a_colour(catalog, respx_mock):
    route = respx_mock.post(f"{API}/labels").mock(return_value=httpx.Response(200, json={
        "id": "Label_12", "name": "Clients/Acme", "messageListVisibility": "show", "labelListVisibility": "labelShow",
        "type": "user", "color": {"textColor": "#ffffff", "backgroundColor": "#16a766"}}))
    result = await run_action(catalog.action("gmail-create-label"), {
        "name": "Clients/Acme", "labelListVisibility": "labelShow", "messageListVisibility": "show",
        "backgroundColor": "#16A766", "textColor": "#ffffff"}, auth=AUTH)
    request = route.calls.last.request
    assert_request(request, "POST", f"{API}/labels")
    assert body_of(request) == {"name": "Clients/Acme", "labelListVisibility": "labelShow",
                                "messageListVisibility": "show",
                                "color": {"backgroundColor": "#16a766", "textColor": "#ffffff"}}
    assert result.ret["id"] == "Label_12"
    assert result.summary == 'Created label "Clients/Acme" (Label_12)'


async def test_create_label_refuses_half_a_colour(catalog, respx_mock):
    route = respx_mock.post(f"{API}/labels")
    result = await run_action(catalog.action("gmail-create-label"), {"name": "x", "textColor": "#ffffff"}, auth=AUTH)
    assert "give backgroundColor and textColor together" in result.error
    assert not route.called


async def test_update_label_patches_only_what_is_given(catalog, respx_mock):
    route = respx_mock.patch(f"{API}/labels/Label_3").mock(return_value=httpx.Response(200, json={
        "id": "Label_3", "name": "Receipts 2024", "messageListVisibility": "show", "labelListVisibility": "labelShow",
        "type": "user"}))
    result = await run_action(catalog.action("gmail-update-label"), {"labelId": "Label_3", "name": "Receipts 2024"},
                              auth=AUTH)
    request = route.calls.last.request
    assert_request(request, "PATCH", f"{API}/labels/Label_3")
    assert body_of(request) == {"name": "Receipts 2024"}
    assert result.ret == {"id": "Label_3", "name": "Receipts 2024", "type": "user", "messageListVisibility": "show",
                          "labelListVisibility": "labelShow"}
    assert result.summary == 'Updated label "Receipts 2024" (name)'
    nothing = await run_action(catalog.action("gmail-update-label"), {"labelId": "Label_3"}, auth=AUTH)
    assert "nothing to change" in nothing.error


async def test_delete_label(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/labels/Label_3").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("gmail-delete-label"), {"labelId": "Label_3"}, auth=AUTH)
    assert_request(route.calls.last.request, "DELETE", f"{API}/labels/Label_3")
    assert result.ret == {"deleted": True, "id": "Label_3"}


async def test_user_label_options_leave_out_system_labels(catalog, respx_mock):
    respx_mock.get(f"{API}/labels").mock(return_value=httpx.Response(200, json={"labels": [
        {"id": "INBOX", "name": "INBOX", "type": "system"}, {"id": "Label_3", "name": "Receipts", "type": "user"},
        {"id": "Label_7", "name": "clients", "type": "user"}]}))
    response = await fetch_options(catalog.action("gmail-delete-label"), "labelId", {}, auth=AUTH)
    assert response["options"] == [{"label": "clients", "value": "Label_7"}, {"label": "Receipts", "value": "Label_3"}]


# Profile, filters, vacation


async def test_get_profile(catalog, respx_mock):
    route = respx_mock.get(f"{API}/profile").mock(return_value=httpx.Response(200, json={
        "emailAddress": ME, "messagesTotal": 2981, "threadsTotal": 1920, "historyId": "2314122"}))
    result = await run_action(catalog.action("gmail-get-profile"), {}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{API}/profile")
    assert result.ret == {"emailAddress": ME, "messagesTotal": 2981, "threadsTotal": 1920, "historyId": "2314122"}
    assert result.summary == f"{ME}: 2981 emails in 1920 conversations"


FILTER = {"id": "ANe1BmjkK3N6xF1Yr_Z1R5r2v8fSxT4L0g",
          "criteria": {"from": "billing@example.com", "hasAttachment": True},
          "action": {"addLabelIds": ["Label_3"], "removeLabelIds": ["INBOX"]}}


async def test_list_filters_and_their_options(catalog, respx_mock):
    route = respx_mock.get(f"{API}/settings/filters").mock(return_value=httpx.Response(200, json={"filter": [FILTER]}))
    result = await run_action(catalog.action("gmail-list-filters"), {}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{API}/settings/filters")
    assert result.ret == {"filters": [FILTER]}
    assert result.summary == "Listed 1 filter"
    response = await fetch_options(catalog.action("gmail-delete-filter"), "filterId", {}, auth=AUTH)
    assert response["options"] == [{"label": "from:billing@example.com has:attachment", "value": FILTER["id"]}]


async def test_create_filter(catalog, respx_mock):
    route = respx_mock.post(f"{API}/settings/filters").mock(return_value=httpx.Response(200, json=FILTER))
    result = await run_action(catalog.action("gmail-create-filter"), {
        "from": "billing@example.com", "hasAttachment": True, "addLabelIds": ["Label_3"], "removeLabelIds": ["INBOX"],
    }, auth=AUTH)
    request = route.calls.last.request
    assert_request(request, "POST", f"{API}/settings/filters")
    assert body_of(request) == {"criteria": FILTER["criteria"], "action": FILTER["action"]}
    assert result.ret == FILTER
    assert result.summary == f"Created filter {FILTER['id']} for from=billing@example.com, hasAttachment=True"


async def test_create_filter_needs_criteria_and_an_action(catalog, respx_mock):
    route = respx_mock.post(f"{API}/settings/filters")
    no_criteria = await run_action(catalog.action("gmail-create-filter"), {"addLabelIds": ["STARRED"]}, auth=AUTH)
    assert "give at least one criterion" in no_criteria.error
    no_action = await run_action(catalog.action("gmail-create-filter"), {"subject": "invoice"}, auth=AUTH)
    assert "give at least one thing to do" in no_action.error
    assert not route.called


async def test_delete_filter(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/settings/filters/{FILTER['id']}").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("gmail-delete-filter"), {"filterId": FILTER["id"]}, auth=AUTH)
    assert_request(route.calls.last.request, "DELETE", f"{API}/settings/filters/{FILTER['id']}")
    assert result.ret == {"deleted": True, "id": FILTER["id"]}


VACATION = {"enableAutoReply": False, "responseSubject": "Away", "responseBodyPlainText": "Back soon.",
            "restrictToContacts": False, "restrictToDomain": False}


async def test_get_vacation_settings(catalog, respx_mock):
    route = respx_mock.get(f"{API}/settings/vacation").mock(return_value=httpx.Response(200, json={
        **VACATION, "enableAutoReply": True, "startTime": "1719792000000", "endTime": "1720396800000"}))
    result = await run_action(catalog.action("gmail-get-vacation-settings"), {}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{API}/settings/vacation")
    assert result.ret["startsAt"] == "2024-07-01T00:00:00Z"
    assert result.ret["endsAt"] == "2024-07-08T00:00:00Z"
    assert result.summary == "The vacation responder is on"


async def test_update_vacation_settings_keeps_what_is_not_given(catalog, respx_mock):
    current = respx_mock.get(f"{API}/settings/vacation").mock(return_value=httpx.Response(200, json=VACATION))
    put = respx_mock.put(f"{API}/settings/vacation").mock(side_effect=lambda request: httpx.Response(
        200, json=json.loads(request.content)))
    result = await run_action(catalog.action("gmail-update-vacation-settings"), {
        "enableAutoReply": True, "startTime": "2024-07-01", "endTime": "2024-07-08T02:00:00+02:00",
    }, auth=AUTH)
    assert result.error is None
    assert_request(current.calls.last.request, "GET", f"{API}/settings/vacation")
    request = put.calls.last.request
    assert_request(request, "PUT", f"{API}/settings/vacation")
    assert body_of(request) == {**VACATION, "enableAutoReply": True, "startTime": "1719792000000",
                                "endTime": "1720396800000"}
    assert result.ret["endsAt"] == "2024-07-08T00:00:00Z"
    assert result.summary == "Vacation responder is on (enableAutoReply, startTime, endTime changed)"


async def test_update_vacation_settings_checks_its_times(catalog, respx_mock):
    route = respx_mock.get(f"{API}/settings/vacation")
    bad = await run_action(catalog.action("gmail-update-vacation-settings"), {"startTime": "next monday"}, auth=AUTH)
    assert "is not a date or date-time" in bad.error
    backwards = await run_action(catalog.action("gmail-update-vacation-settings"), {
        "startTime": "2024-07-08", "endTime": "2024-07-01"}, auth=AUTH)
    assert "endTime must be after startTime" in backwards.error
    assert not route.called
