"""Microsoft Outlook actions at the HTTP boundary, with answers shaped like the Microsoft Graph v1.0
mail, contacts and calendar reference (https://learn.microsoft.com/graph/api/resources/mail-api-overview)."""

import base64
import json

import httpx
import pytest

from mcp_gateway.catalog import AccountContext, AppHttp, Identity, UpstreamError
from mcp_gateway.runtime.engine import fetch_options, run_action

# Microsoft's Graph reference reads an attachment's raw bytes at `$value`, which the description lacks.
VENDOR_EXEMPT = {
    ("GET", "/me/messages/{message}/attachments/{attachment}/$value"): "reference: Get attachment, raw contents",
}

GRAPH = "https://graph.microsoft.com/v1.0"
TOKEN = "EwBoA8l6BAAUkj1oO6Nn4UZ2wd5HeEZ"
AUTH = {"oauth_access_token": TOKEN}
MESSAGE = "AAMkAGVmMDEzMTM4LTZmYWUtNDdkNC1hMDZiLTU1OGY5OTZhYmY4OABGAAAAAAAiQ8W967B7TKBjgx9rVEURBwAiIsqMbYjsT5e-T7KzowPTAAAAAAEMAAAiIsqMbYjsT5e-T7KzowPTAAAYbvZDAAA="
ATTACHMENT = "AAMkAGVmMDEzMTM4LTZmYWUtNDdkNC1hMDZiLTU1OGY5OTZhYmY4OABGAAAAAAAiQ8W967B7TKBjgx9rVEURBwAiIsqMbYjsT5e-T7KzowPTAAAAAAEMAAAiIsqMbYjsT5e-T7KzowPTAAAYbvZDAAABEgAQAE6wQxDSdWNEgTaXVWf5d3I="
FOLDER = "AAMkAGVmMDEzMTM4LTZmYWUtNDdkNC1hMDZiLTU1OGY5OTZhYmY4OAAuAAAAAAAiQ8W967B7TKBjgx9rVEURAQAiIsqMbYjsT5e-T7KzowPTAAAAAAEMAAA="


def assert_graph(request, method, url, *, body=None, token=TOKEN):
    assert request.method == method
    assert str(request.url) == url
    assert request.headers["authorization"] == f"Bearer {token}"
    if body is not None:
        assert request.headers["content-type"] == "application/json"
        assert json.loads(request.content) == body


def _message(message_id=MESSAGE, subject="Quarterly report", **extra):
    return {
        "@odata.etag": 'W/"CQAAABYAAAAiIsqMbYjsT5e/T7KzowPTAAAYc2mB"',
        "id": message_id,
        "createdDateTime": "2024-04-30T09:12:40Z",
        "lastModifiedDateTime": "2024-04-30T09:12:43Z",
        "receivedDateTime": "2024-04-30T09:12:41Z",
        "sentDateTime": "2024-04-30T09:12:39Z",
        "hasAttachments": False,
        "internetMessageId": "<MWHPR2201MB1022E6B1B5D0AF0E2E2C6C1ECB1A9@MWHPR2201MB1022.namprd22.prod.outlook.com>",
        "subject": subject,
        "bodyPreview": "Hi team, the numbers are in.",
        "importance": "normal",
        "parentFolderId": FOLDER,
        "conversationId": "AAQkAGVmMDEzMTM4LTZmYWUtNDdkNC1hMDZiLTU1OGY5OTZhYmY4OAAQAHdJpuV6kC1FtO8l1kcf1uc=",
        "isRead": False,
        "isDraft": False,
        "webLink": "https://outlook.office365.com/owa/?ItemID=AAMkAGVmMDEz&exvsurl=1&viewmodel=ReadMessageItem",
        "from": {"emailAddress": {"name": "Megan Bowen", "address": "MeganB@contoso.com"}},
        "toRecipients": [{"emailAddress": {"name": "Adele Vance", "address": "AdeleV@contoso.com"}}],
        **extra,
    }


# Sending and drafting


async def test_send_email_with_an_attachment_from_tmp(catalog, respx_mock, tmp_path):
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7 quarterly numbers")
    route = respx_mock.post(f"{GRAPH}/me/sendMail").mock(return_value=httpx.Response(202))
    result = await run_action(
        catalog.action("microsoft_outlook-send-email"),
        {
            "to": ["Adele Vance <AdeleV@contoso.com>", "alex@contoso.com"],
            "cc": ["danas@contoso.com"],
            "subject": "Quarterly report",
            "body": "<p>Numbers attached.</p>",
            "bodyType": "html",
            "attachments": ["/tmp/report.pdf"],
            "importance": "high",
        },
        auth=AUTH,
        tmp_dir=tmp_path,
    )
    assert result.error is None, result.error
    assert_graph(
        route.calls.last.request, "POST", f"{GRAPH}/me/sendMail",
        body={"message": {
            "subject": "Quarterly report",
            "body": {"contentType": "HTML", "content": "<p>Numbers attached.</p>"},
            "toRecipients": [
                {"emailAddress": {"address": "AdeleV@contoso.com", "name": "Adele Vance"}},
                {"emailAddress": {"address": "alex@contoso.com"}},
            ],
            "ccRecipients": [{"emailAddress": {"address": "danas@contoso.com"}}],
            "importance": "high",
            "attachments": [{
                "@odata.type": "#microsoft.graph.fileAttachment",
                "name": "report.pdf",
                "contentType": "application/pdf",
                "contentBytes": base64.b64encode(b"%PDF-1.7 quarterly numbers").decode(),
            }],
        }},
    )
    assert result.ret == {"sent": True, "subject": "Quarterly report", "to": ["AdeleV@contoso.com", "alex@contoso.com"],
                          "attachments": ["report.pdf"]}
    assert result.summary == 'Sent "Quarterly report" to AdeleV@contoso.com, alex@contoso.com with 1 attachment(s), 26 bytes'


async def test_send_email_checks_addresses_and_files_first(catalog, respx_mock, tmp_path):
    route = respx_mock.post(f"{GRAPH}/me/sendMail")
    action = catalog.action("microsoft_outlook-send-email")
    bad = await run_action(action, {"to": ["Adele"], "subject": "s", "body": "b"}, auth=AUTH)
    assert "'Adele', which is not an email address" in bad.error
    missing = await run_action(
        action, {"to": ["a@contoso.com"], "subject": "s", "body": "b", "attachments": ["/tmp/nope.pdf"]}, auth=AUTH, tmp_dir=tmp_path
    )
    assert "/tmp/nope.pdf is not a file in /tmp" in missing.error
    (tmp_path / "big.bin").write_bytes(b"x" * (3 * 1024 * 1024 + 1))
    big = await run_action(
        action, {"to": ["a@contoso.com"], "subject": "s", "body": "b", "attachments": ["/tmp/big.bin"]}, auth=AUTH, tmp_dir=tmp_path
    )
    assert "at most 3 MB" in big.error
    assert not route.calls


async def test_create_draft(catalog, respx_mock):
    route = respx_mock.post(f"{GRAPH}/me/messages").mock(
        return_value=httpx.Response(201, json=_message(subject="Did you see last night's game?", isDraft=True))
    )
    result = await run_action(
        catalog.action("microsoft_outlook-create-draft"),
        {"to": ["AdeleV@contoso.com"], "subject": "Did you see last night's game?", "body": "They were awesome!"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_graph(
        route.calls.last.request, "POST", f"{GRAPH}/me/messages",
        body={"subject": "Did you see last night's game?", "body": {"contentType": "Text", "content": "They were awesome!"},
              "toRecipients": [{"emailAddress": {"address": "AdeleV@contoso.com"}}]},
    )
    assert result.ret["id"] == MESSAGE and result.ret["isDraft"] is True
    assert result.summary == "Saved draft \"Did you see last night's game?\" in Drafts"


async def test_reply_and_reply_all(catalog, respx_mock):
    reply = respx_mock.post(f"{GRAPH}/me/messages/{MESSAGE}/reply").mock(return_value=httpx.Response(202))
    reply_all = respx_mock.post(f"{GRAPH}/me/messages/{MESSAGE}/replyAll").mock(return_value=httpx.Response(202))
    action = catalog.action("microsoft_outlook-reply-to-email")
    result = await run_action(action, {"messageId": MESSAGE, "comment": "Thanks, looks good."}, auth=AUTH)
    assert result.error is None, result.error
    assert_graph(reply.calls.last.request, "POST", f"{GRAPH}/me/messages/{MESSAGE}/reply", body={"comment": "Thanks, looks good."})
    assert result.ret == {"replied": True, "replyAll": False, "messageId": MESSAGE}
    assert result.summary.startswith("Replied to message AAMkAGVmMDEzMTM4LTZmYWUt")
    everyone = await run_action(action, {"messageId": MESSAGE, "comment": "Agreed.", "replyAll": True}, auth=AUTH)
    assert everyone.error is None
    assert_graph(reply_all.calls.last.request, "POST", f"{GRAPH}/me/messages/{MESSAGE}/replyAll", body={"comment": "Agreed."})


async def test_forward_email_with_a_note(catalog, respx_mock):
    route = respx_mock.post(f"{GRAPH}/me/messages/{MESSAGE}/forward").mock(return_value=httpx.Response(202))
    action = catalog.action("microsoft_outlook-forward-email")
    result = await run_action(
        action, {"messageId": MESSAGE, "to": ["Dana Swope <danas@contoso.com>"], "comment": "FYI, numbers below."}, auth=AUTH
    )
    assert result.error is None, result.error
    assert_graph(
        route.calls.last.request, "POST", f"{GRAPH}/me/messages/{MESSAGE}/forward",
        body={"toRecipients": [{"emailAddress": {"address": "danas@contoso.com", "name": "Dana Swope"}}],
              "comment": "FYI, numbers below."},
    )
    assert result.ret == {"forwarded": True, "messageId": MESSAGE, "to": ["danas@contoso.com"]}
    assert result.summary == "Forwarded message AAMkAGVmMDEzMTM4LTZmYWUt... to danas@contoso.com"
    nobody = await run_action(action, {"messageId": MESSAGE, "to": []}, auth=AUTH)
    assert "at least one recipient" in nobody.error
    assert route.call_count == 1


async def test_send_draft(catalog, respx_mock):
    route = respx_mock.post(f"{GRAPH}/me/messages/{MESSAGE}/send").mock(return_value=httpx.Response(202))
    result = await run_action(catalog.action("microsoft_outlook-send-draft"), {"messageId": MESSAGE}, auth=AUTH)
    assert result.error is None, result.error
    assert_graph(route.calls.last.request, "POST", f"{GRAPH}/me/messages/{MESSAGE}/send")
    assert not route.calls.last.request.content
    assert result.ret == {"sent": True, "messageId": MESSAGE}
    assert result.summary == "Sent draft AAMkAGVmMDEzMTM4LTZmYWUt..."


# Reading and filing


FIELDS = ("id%2Csubject%2Cfrom%2CtoRecipients%2CreceivedDateTime%2CisRead%2CisDraft%2ChasAttachments%2Cimportance%2C"
          "bodyPreview%2CconversationId%2CparentFolderId%2CwebLink")


async def test_list_messages_newest_first_and_the_cursor_round_trip(catalog, respx_mock):
    next_link = f"{GRAPH}/me/mailFolders/inbox/messages?%24select={FIELDS}&%24orderby=receivedDateTime+desc&%24top=2&%24skip=2"
    first_page = httpx.Response(200, json={"value": [_message(), _message("AAMkAGI2TAAA=", "Lunch?", isRead=True)],
                                           "@odata.nextLink": next_link})
    route = respx_mock.get(f"{GRAPH}/me/mailFolders/inbox/messages").mock(
        side_effect=[first_page, httpx.Response(200, json={"value": [_message("AAMkAGI3TAAA=", "Offsite")]})]
    )
    action = catalog.action("microsoft_outlook-list-messages")
    result = await run_action(action, {"folderId": "Inbox", "limit": 2}, auth=AUTH)
    assert result.error is None, result.error
    assert_graph(
        route.calls[0].request, "GET",
        f"{GRAPH}/me/mailFolders/inbox/messages?%24select={FIELDS}&%24orderby=receivedDateTime+desc&%24top=2",
    )
    first = result.ret["messages"][0]
    assert first["from"] == "Megan Bowen <MeganB@contoso.com>"
    assert first["to"] == ["Adele Vance <AdeleV@contoso.com>"]
    assert first["isRead"] is False
    assert "@odata.etag" not in first
    assert result.ret["next_cursor"]
    assert result.summary == "Found 2 message(s) (more available)"

    rest = await run_action(action, {"folderId": "Inbox", "limit": 2, "cursor": result.ret["next_cursor"]}, auth=AUTH)
    assert rest.error is None, rest.error
    assert_graph(route.calls[1].request, "GET", next_link)
    assert [m["subject"] for m in rest.ret["messages"]] == ["Offsite"]
    assert rest.ret["next_cursor"] is None
    forged = await run_action(action, {"cursor": "https://example.com/steal"}, auth=AUTH)
    assert "next_cursor of the previous result" in forged.error.replace("`", "")


async def test_list_messages_keeps_the_rest_of_a_page_that_overflows_the_limit(catalog, respx_mock):
    page_two = f"{GRAPH}/me/messages?%24select={FIELDS}&%24orderby=receivedDateTime+desc&%24top=2&%24skip=1"
    route = respx_mock.get(f"{GRAPH}/me/messages").mock(side_effect=[
        httpx.Response(200, json={"value": [_message("AAMkA1=")], "@odata.nextLink": page_two}),
        httpx.Response(200, json={"value": [_message("AAMkA2="), _message("AAMkA3=")]}),
        httpx.Response(200, json={"value": [_message("AAMkA2="), _message("AAMkA3=")]}),
    ])
    action = catalog.action("microsoft_outlook-list-messages")
    result = await run_action(action, {"limit": 2}, auth=AUTH)
    assert [m["id"] for m in result.ret["messages"]] == ["AAMkA1=", "AAMkA2="]
    assert str(route.calls[1].request.url) == page_two
    rest = await run_action(action, {"limit": 2, "cursor": result.ret["next_cursor"]}, auth=AUTH)
    assert str(route.calls[2].request.url) == page_two
    assert [m["id"] for m in rest.ret["messages"]] == ["AAMkA3="]
    assert rest.ret["next_cursor"] is None


async def test_list_messages_searches_without_ordering(catalog, respx_mock):
    route = respx_mock.get(f"{GRAPH}/me/messages").mock(return_value=httpx.Response(200, json={"value": [_message()]}))
    result = await run_action(catalog.action("microsoft_outlook-list-messages"), {"search": "from:megan report"}, auth=AUTH)
    assert result.error is None, result.error
    assert_graph(
        route.calls.last.request, "GET",
        f"{GRAPH}/me/messages?%24select={FIELDS}&%24search=%22from%3Amegan+report%22&%24top=25",
    )
    assert result.summary == "Found 1 message(s) matching 'from:megan report'"


async def test_list_messages_combines_filter_and_unread(catalog, respx_mock):
    route = respx_mock.get(f"{GRAPH}/me/messages").mock(return_value=httpx.Response(200, json={"value": []}))
    action = catalog.action("microsoft_outlook-list-messages")
    result = await run_action(
        action, {"filter": "receivedDateTime ge 2024-05-01T00:00:00Z", "unreadOnly": True, "limit": 5}, auth=AUTH
    )
    assert result.error is None, result.error
    params = dict(route.calls.last.request.url.params)
    assert params["$filter"] == "(receivedDateTime ge 2024-05-01T00:00:00Z) and (isRead eq false)"
    assert "$orderby" not in params and "$search" not in params
    clash = await run_action(action, {"search": "report", "unreadOnly": True}, auth=AUTH)
    assert "cannot combine search with filter" in clash.error
    assert route.call_count == 1


async def test_get_message_with_its_attachments(catalog, respx_mock):
    message = respx_mock.get(f"{GRAPH}/me/messages/{MESSAGE}").mock(
        return_value=httpx.Response(200, json=_message(
            hasAttachments=True,
            body={"contentType": "text", "content": "Hi team,\nthe numbers are in & attached."},
            categories=["Red category"],
            flag={"flagStatus": "flagged"},
            ccRecipients=[{"emailAddress": {"name": "Dana Swope", "address": "danas@contoso.com"}}],
            bccRecipients=[],
            replyTo=[],
        ))
    )
    attachments = respx_mock.get(f"{GRAPH}/me/messages/{MESSAGE}/attachments").mock(
        return_value=httpx.Response(200, json={"value": [{
            "@odata.type": "#microsoft.graph.fileAttachment", "id": ATTACHMENT, "name": "report.pdf",
            "contentType": "application/pdf", "size": 4533, "isInline": False,
        }]})
    )
    result = await run_action(catalog.action("microsoft_outlook-get-message"), {"messageId": MESSAGE}, auth=AUTH)
    assert result.error is None, result.error
    request = message.calls.last.request
    assert request.headers["prefer"] == 'outlook.body-content-type="text"'
    assert request.url.params["$select"].endswith(
        ",ccRecipients,bccRecipients,replyTo,sentDateTime,body,internetMessageId,categories,flag")
    assert_graph(
        attachments.calls.last.request, "GET",
        f"{GRAPH}/me/messages/{MESSAGE}/attachments?%24select=id%2Cname%2CcontentType%2Csize%2CisInline",
    )
    assert result.ret["body"] == "Hi team,\nthe numbers are in & attached."
    assert result.ret["cc"] == ["Dana Swope <danas@contoso.com>"]
    assert result.ret["attachments"] == [
        {"id": ATTACHMENT, "name": "report.pdf", "contentType": "application/pdf", "size": 4533, "isInline": False}
    ]
    assert result.ret["categories"] == ["Red category"] and result.ret["flag"] == "flagged"
    assert result.summary == 'Read "Quarterly report" from Megan Bowen <MeganB@contoso.com> with 1 attachment(s)'
    whole = await run_action(catalog.action("microsoft_outlook-get-message"), {"messageId": MESSAGE, "fullResponse": True}, auth=AUTH)
    assert whole.ret["@odata.etag"] == 'W/"CQAAABYAAAAiIsqMbYjsT5e/T7KzowPTAAAYc2mB"'
    assert whole.ret["attachments"][0]["@odata.type"] == "#microsoft.graph.fileAttachment"


async def test_update_message_marks_read_and_flags(catalog, respx_mock):
    route = respx_mock.patch(f"{GRAPH}/me/messages/{MESSAGE}").mock(
        return_value=httpx.Response(200, json=_message(isRead=True, flag={"flagStatus": "flagged"}, categories=["Red category"]))
    )
    action = catalog.action("microsoft_outlook-update-message")
    result = await run_action(
        action, {"messageId": MESSAGE, "isRead": True, "flag": "flagged", "categories": ["Red category"]}, auth=AUTH
    )
    assert result.error is None, result.error
    assert_graph(
        route.calls.last.request, "PATCH", f"{GRAPH}/me/messages/{MESSAGE}",
        body={"isRead": True, "flag": {"flagStatus": "flagged"}, "categories": ["Red category"]},
    )
    assert result.ret["isRead"] is True and result.ret["id"] == MESSAGE
    assert result.summary == 'Updated isRead, flag, categories of "Quarterly report"'
    cleared = await run_action(action, {"messageId": MESSAGE, "flag": "none", "isRead": False}, auth=AUTH)
    assert json.loads(route.calls.last.request.content) == {"isRead": False, "flag": {"flagStatus": "notFlagged"}}
    assert cleared.error is None
    nothing = await run_action(action, {"messageId": MESSAGE}, auth=AUTH)
    assert "nothing to change" in nothing.error
    assert route.call_count == 2


async def test_delete_message(catalog, respx_mock):
    route = respx_mock.delete(f"{GRAPH}/me/messages/{MESSAGE}").mock(return_value=httpx.Response(204))
    action = catalog.action("microsoft_outlook-delete-message")
    result = await run_action(action, {"messageId": MESSAGE}, auth=AUTH)
    assert result.error is None, result.error
    assert_graph(route.calls.last.request, "DELETE", f"{GRAPH}/me/messages/{MESSAGE}")
    assert result.ret == {"deleted": True, "messageId": MESSAGE}
    assert action.annotations.destructive and action.annotations.idempotent


async def test_move_message_returns_the_new_id(catalog, respx_mock):
    route = respx_mock.post(f"{GRAPH}/me/messages/{MESSAGE}/move").mock(
        return_value=httpx.Response(201, json=_message("AAMkAGVmMDEzMTM4LTZmYWUtMovedAAA=", parentFolderId="AQMkADYAAAIBDAAAAA=="))
    )
    result = await run_action(
        catalog.action("microsoft_outlook-move-message"), {"messageId": MESSAGE, "destinationFolderId": "Archive"}, auth=AUTH
    )
    assert result.error is None, result.error
    assert_graph(route.calls.last.request, "POST", f"{GRAPH}/me/messages/{MESSAGE}/move", body={"destinationId": "archive"})
    assert result.ret["id"] == "AAMkAGVmMDEzMTM4LTZmYWUtMovedAAA="
    assert result.ret["parentFolderId"] == "AQMkADYAAAIBDAAAAA=="
    assert result.summary == 'Moved "Quarterly report" to Archive (new ID AAMkAGVmMDEzMTM4LTZmYWUtMovedAAA=)'


async def test_download_attachment_saves_the_bytes(catalog, respx_mock, tmp_path):
    base = f"{GRAPH}/me/messages/{MESSAGE}/attachments/{ATTACHMENT}"
    meta = respx_mock.get(base).mock(
        return_value=httpx.Response(200, json={"@odata.type": "#microsoft.graph.fileAttachment", "id": ATTACHMENT,
                                               "name": "Q1 report (final).pdf", "contentType": "application/pdf", "size": 26})
    )
    raw = respx_mock.get(f"{base}/$value").mock(
        return_value=httpx.Response(200, content=b"%PDF-1.7 quarterly numbers", headers={"Content-Type": "application/pdf"})
    )
    result = await run_action(
        catalog.action("microsoft_outlook-download-attachment"), {"messageId": MESSAGE, "attachmentId": ATTACHMENT},
        auth=AUTH, tmp_dir=tmp_path,
    )
    assert result.error is None, result.error
    assert_graph(meta.calls.last.request, "GET", f"{base}?%24select=id%2Cname%2CcontentType%2Csize")
    assert_graph(raw.calls.last.request, "GET", f"{base}/$value")
    assert (tmp_path / "Q1 report _final_.pdf").read_bytes() == b"%PDF-1.7 quarterly numbers"
    assert result.ret == {"filePath": "/tmp/Q1 report _final_.pdf", "name": "Q1 report (final).pdf",
                          "contentType": "application/pdf", "size": 26}
    assert result.summary == "Saved Q1 report (final).pdf (26 bytes) to /tmp/Q1 report _final_.pdf"

    chosen = await run_action(
        catalog.action("microsoft_outlook-download-attachment"),
        {"messageId": MESSAGE, "attachmentId": ATTACHMENT, "filePath": "/tmp/in/report.pdf"}, auth=AUTH, tmp_dir=tmp_path,
    )
    assert chosen.error is None
    assert (tmp_path / "in" / "report.pdf").read_bytes() == b"%PDF-1.7 quarterly numbers"


async def test_download_attachment_refuses_links_to_cloud_files(catalog, respx_mock, tmp_path):
    base = f"{GRAPH}/me/messages/{MESSAGE}/attachments/{ATTACHMENT}"
    respx_mock.get(base).mock(return_value=httpx.Response(200, json={"@odata.type": "#microsoft.graph.referenceAttachment",
                                                                      "id": ATTACHMENT, "name": "Plan.docx"}))
    raw = respx_mock.get(f"{base}/$value")
    result = await run_action(
        catalog.action("microsoft_outlook-download-attachment"), {"messageId": MESSAGE, "attachmentId": ATTACHMENT},
        auth=AUTH, tmp_dir=tmp_path,
    )
    assert "is a link to a cloud file" in result.error
    assert not raw.calls


async def test_list_folders_and_subfolders(catalog, respx_mock):
    folder = {"id": FOLDER, "displayName": "Inbox", "parentFolderId": "AQMkADYAAAIBCAAAAA==", "childFolderCount": 1,
              "unreadItemCount": 59, "totalItemCount": 60, "sizeInBytes": 889285, "isHidden": False}
    top = respx_mock.get(f"{GRAPH}/me/mailFolders").mock(return_value=httpx.Response(200, json={"value": [folder]}))
    child = respx_mock.get(f"{GRAPH}/me/mailFolders/inbox/childFolders").mock(
        return_value=httpx.Response(200, json={"value": [{**folder, "id": "AAMkChild=", "displayName": "Projects", "childFolderCount": 0,
                                                          "unreadItemCount": 0, "totalItemCount": 12}]})
    )
    action = catalog.action("microsoft_outlook-list-folders")
    result = await run_action(action, {}, auth=AUTH)
    assert result.error is None, result.error
    assert_graph(top.calls.last.request, "GET", f"{GRAPH}/me/mailFolders?%24top=25")
    assert result.ret["folders"] == [{"id": FOLDER, "displayName": "Inbox", "parentFolderId": "AQMkADYAAAIBCAAAAA==",
                                      "childFolderCount": 1, "unreadItemCount": 59, "totalItemCount": 60}]
    assert result.summary == "Listed 1 folder(s)"
    sub = await run_action(action, {"parentFolderId": "inbox"}, auth=AUTH)
    assert_graph(child.calls.last.request, "GET", f"{GRAPH}/me/mailFolders/inbox/childFolders?%24top=25")
    assert sub.ret["folders"][0]["displayName"] == "Projects"
    assert sub.summary == "Listed 1 folder(s) in inbox"


# Contacts and calendar


async def test_create_contact(catalog, respx_mock):
    route = respx_mock.post(f"{GRAPH}/me/contacts").mock(
        return_value=httpx.Response(201, json={
            "id": "AAMkAGI2THk0AAA=", "displayName": "Pavel Bansky", "givenName": "Pavel", "surname": "Bansky",
            "emailAddresses": [{"address": "pavelb@contoso.onmicrosoft.com", "name": "Pavel Bansky"}],
            "businessPhones": ["+1 732 555 0102"], "companyName": "Contoso", "jobTitle": "Engineer",
        })
    )
    result = await run_action(
        catalog.action("microsoft_outlook-create-contact"),
        {"givenName": "Pavel", "surname": "Bansky", "emailAddresses": ["Pavel Bansky <pavelb@contoso.onmicrosoft.com>"],
         "businessPhones": ["+1 732 555 0102"], "companyName": "Contoso", "jobTitle": "Engineer"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_graph(
        route.calls.last.request, "POST", f"{GRAPH}/me/contacts",
        body={"givenName": "Pavel", "emailAddresses": [{"address": "pavelb@contoso.onmicrosoft.com", "name": "Pavel Bansky"}],
              "surname": "Bansky", "businessPhones": ["+1 732 555 0102"], "companyName": "Contoso", "jobTitle": "Engineer"},
    )
    assert result.ret == {"id": "AAMkAGI2THk0AAA=", "displayName": "Pavel Bansky", "givenName": "Pavel", "surname": "Bansky",
                          "emailAddresses": ["pavelb@contoso.onmicrosoft.com"], "businessPhones": ["+1 732 555 0102"],
                          "mobilePhone": None, "companyName": "Contoso", "jobTitle": "Engineer"}
    assert result.summary == "Created contact Pavel Bansky"


def _contact(contact_id="AAMkAGI2THk0AAA=", name="Pavel Bansky"):
    given, surname = name.split(" ", 1)
    return {
        "@odata.etag": 'W/"EQAAABYAAACmIG3Y3qZ0TLz9RnHvrl2SAAABDlmn"', "id": contact_id,
        "createdDateTime": "2024-03-05T17:23:56Z", "displayName": name, "givenName": given, "surname": surname,
        "emailAddresses": [{"address": f"{given.lower()}@contoso.com", "name": name}],
        "businessPhones": ["+1 732 555 0102"], "mobilePhone": None, "companyName": "Contoso", "jobTitle": "Engineer",
    }


async def test_list_contacts_finds_by_email_or_name(catalog, respx_mock):
    route = respx_mock.get(f"{GRAPH}/me/contacts").mock(return_value=httpx.Response(200, json={"value": [_contact()]}))
    action = catalog.action("microsoft_outlook-list-contacts")
    result = await run_action(action, {"email": "pavel@contoso.com"}, auth=AUTH)
    assert result.error is None, result.error
    assert_graph(
        route.calls.last.request, "GET",
        f"{GRAPH}/me/contacts?%24filter=emailAddresses%2Fany%28a%3Aa%2Faddress+eq+%27pavel%40contoso.com%27%29&%24top=25",
    )
    assert result.ret == {"contacts": [{
        "id": "AAMkAGI2THk0AAA=", "displayName": "Pavel Bansky", "givenName": "Pavel", "surname": "Bansky",
        "emailAddresses": ["pavel@contoso.com"], "businessPhones": ["+1 732 555 0102"], "mobilePhone": None,
        "companyName": "Contoso", "jobTitle": "Engineer"}], "next_cursor": None}
    assert result.summary == "Found 1 contact(s) with address pavel@contoso.com"
    named = await run_action(action, {"nameStartsWith": "O'Brien", "limit": 5}, auth=AUTH)
    assert named.error is None
    assert dict(route.calls.last.request.url.params) == {"$filter": "startswith(displayName,'O''Brien')", "$top": "5"}
    everyone = await run_action(action, {}, auth=AUTH)
    assert everyone.error is None
    assert dict(route.calls.last.request.url.params) == {"$orderby": "displayName", "$top": "25"}


def _event(**extra):
    return {
        "id": "AAMkAGI1AAAt9AHjAAA=",
        "subject": "Plan summer company picnic",
        "bodyPreview": "Let's kick-start this event planning!",
        "start": {"dateTime": "2024-05-02T14:00:00.0000000", "timeZone": "Pacific Standard Time"},
        "end": {"dateTime": "2024-05-02T15:00:00.0000000", "timeZone": "Pacific Standard Time"},
        "isAllDay": False,
        "location": {"displayName": "Conf Room 3", "locationType": "default"},
        "organizer": {"emailAddress": {"name": "Megan Bowen", "address": "MeganB@contoso.com"}},
        "attendees": [{"type": "required", "status": {"response": "none", "time": "0001-01-01T00:00:00Z"},
                       "emailAddress": {"name": "Adele Vance", "address": "AdeleV@contoso.com"}}],
        "isOnlineMeeting": True,
        "onlineMeeting": {"joinUrl": "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NzIyNzhlMGEt@thread.v2/0"},
        "webLink": "https://outlook.office365.com/owa/?itemid=AAMkAGI1AAAt9AHjAAA%3D&exvsurl=1&path=/calendar/item",
        **extra,
    }


async def test_list_events_in_a_window(catalog, respx_mock):
    route = respx_mock.get(f"{GRAPH}/me/calendarView").mock(return_value=httpx.Response(200, json={"value": [_event()]}))
    result = await run_action(
        catalog.action("microsoft_outlook-list-events"),
        {"startDateTime": "2024-05-01T00:00:00Z", "endDateTime": "2024-05-08T00:00:00Z", "timeZone": "Pacific Standard Time", "limit": 10},
        auth=AUTH,
    )
    assert result.error is None, result.error
    request = route.calls.last.request
    assert request.headers["prefer"] == 'outlook.timezone="Pacific Standard Time"'
    assert dict(request.url.params) == {
        "$top": "10",
        "$select": "id,subject,start,end,isAllDay,location,organizer,attendees,isOnlineMeeting,onlineMeeting,bodyPreview,webLink",
        "$orderby": "start/dateTime",
        "startDateTime": "2024-05-01T00:00:00Z",
        "endDateTime": "2024-05-08T00:00:00Z",
    }
    event = result.ret["events"][0]
    assert event["location"] == "Conf Room 3"
    assert event["attendees"] == [{"email": "Adele Vance <AdeleV@contoso.com>", "type": "required", "response": "none"}]
    assert event["joinUrl"].startswith("https://teams.microsoft.com/l/meetup-join/")
    assert result.summary == "Listed 1 event(s) between 2024-05-01T00:00:00Z and 2024-05-08T00:00:00Z"
    half = await run_action(catalog.action("microsoft_outlook-list-events"), {"startDateTime": "2024-05-01T00:00:00Z"}, auth=AUTH)
    assert "give both startDateTime and endDateTime" in half.error


async def test_create_event_as_a_teams_meeting(catalog, respx_mock):
    route = respx_mock.post(f"{GRAPH}/me/events").mock(return_value=httpx.Response(201, json=_event()))
    result = await run_action(
        catalog.action("microsoft_outlook-create-event"),
        {"subject": "Plan summer company picnic", "start": "2024-05-02T14:00:00", "end": "2024-05-02T15:00:00",
         "timeZone": "Pacific Standard Time", "body": "Let's kick-start this event planning!", "location": "Conf Room 3",
         "attendees": ["Adele Vance <AdeleV@contoso.com>"], "isOnlineMeeting": True},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_graph(
        route.calls.last.request, "POST", f"{GRAPH}/me/events",
        body={
            "subject": "Plan summer company picnic",
            "start": {"dateTime": "2024-05-02T14:00:00", "timeZone": "Pacific Standard Time"},
            "end": {"dateTime": "2024-05-02T15:00:00", "timeZone": "Pacific Standard Time"},
            "body": {"contentType": "Text", "content": "Let's kick-start this event planning!"},
            "location": {"displayName": "Conf Room 3"},
            "attendees": [{"emailAddress": {"address": "AdeleV@contoso.com", "name": "Adele Vance"}, "type": "required"}],
            "isOnlineMeeting": True,
            "onlineMeetingProvider": "teamsForBusiness",
        },
    )
    assert result.ret["id"] == "AAMkAGI1AAAt9AHjAAA="
    assert result.summary == 'Created event "Plan summer company picnic" starting 2024-05-02T14:00:00 (Pacific Standard Time)'


async def test_create_event_in_another_calendar(catalog, respx_mock):
    route = respx_mock.post(f"{GRAPH}/me/calendars/AAMkAGViNDU7zAAAAAGtlAAA=/events").mock(
        return_value=httpx.Response(201, json=_event(subject="Dentist", isOnlineMeeting=False, onlineMeeting=None, attendees=[]))
    )
    result = await run_action(
        catalog.action("microsoft_outlook-create-event"),
        {"calendarId": "AAMkAGViNDU7zAAAAAGtlAAA=", "subject": "Dentist", "start": "2024-05-03T09:00:00", "end": "2024-05-03T10:00:00"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert json.loads(route.calls.last.request.content) == {
        "subject": "Dentist",
        "start": {"dateTime": "2024-05-03T09:00:00", "timeZone": "UTC"},
        "end": {"dateTime": "2024-05-03T10:00:00", "timeZone": "UTC"},
    }


# Errors, refresh, throttling


async def test_an_unknown_message_id_says_what_to_do(catalog, respx_mock):
    respx_mock.post(f"{GRAPH}/me/messages/{MESSAGE}/move").mock(
        return_value=httpx.Response(
            404, json={"error": {"code": "ErrorItemNotFound", "message": "The specified object was not found in the store.",
                                 "innerError": {"date": "2024-05-01T10:00:00", "request-id": "5c6f9d2e-aa5b-4e0f-8a3f-1f2d3c4b5a69"}}}
        )
    )
    result = await run_action(
        catalog.action("microsoft_outlook-move-message"), {"messageId": MESSAGE, "destinationFolderId": FOLDER}, auth=AUTH
    )
    assert result.ret is None
    assert result.error == (
        f"Microsoft Outlook API error 404 on POST {GRAPH}/me/messages/{MESSAGE}/move: The specified object was not found "
        "in the store. [ErrorItemNotFound] (no item has that ID in this mailbox (a message gets a new ID when it is "
        "moved); list or search again for a current ID)"
    )


async def test_a_401_refreshes_the_token_and_retries(catalog, respx_mock):
    route = respx_mock.post(f"{GRAPH}/me/sendMail").mock(
        side_effect=[
            httpx.Response(401, json={"error": {"code": "InvalidAuthenticationToken", "message": "Lifetime validation failed, the token is expired."}}),
            httpx.Response(202),
        ]
    )
    calls = []

    async def refresh():
        calls.append(1)
        return {"Authorization": "Bearer EwBo-refreshed"}

    result = await run_action(
        catalog.action("microsoft_outlook-send-email"), {"to": ["a@contoso.com"], "subject": "s", "body": "b"},
        auth=AUTH, on_unauthorized=refresh,
    )
    assert result.error is None, result.error
    assert calls == [1]
    assert route.calls[0].request.headers["authorization"] == f"Bearer {TOKEN}"
    assert route.calls[1].request.headers["authorization"] == "Bearer EwBo-refreshed"


async def test_a_429_says_when_to_retry(catalog, respx_mock):
    respx_mock.get(f"{GRAPH}/me/messages").mock(
        return_value=httpx.Response(
            429, json={"error": {"code": "ApplicationThrottled", "message": "Application is over its MailboxConcurrency limit."}},
            headers={"Retry-After": "30"},
        )
    )
    result = await run_action(catalog.action("microsoft_outlook-list-messages"), {}, auth=AUTH)
    assert result.ret is None
    assert "MailboxConcurrency limit. [ApplicationThrottled]" in result.error
    assert "retry after 30 s" in result.error


# Remote options


async def test_folder_options_follow_the_next_link(catalog, respx_mock):
    next_link = f"{GRAPH}/me/mailFolders?%24top=100&%24select=id%2CdisplayName%2CunreadItemCount&%24skip=100"
    route = respx_mock.get(f"{GRAPH}/me/mailFolders").mock(
        side_effect=[
            httpx.Response(200, json={"value": [{"id": FOLDER, "displayName": "Inbox", "unreadItemCount": 59}], "@odata.nextLink": next_link}),
            httpx.Response(200, json={"value": [{"id": "AAMkArchive=", "displayName": "Archive", "unreadItemCount": 0}]}),
        ]
    )
    action = catalog.action("microsoft_outlook-move-message")
    first = await fetch_options(action, "destinationFolderId", {}, auth=AUTH)
    assert first["options"] == [{"label": "Inbox (59 unread)", "value": FOLDER}]
    assert first["context"] == {"nextLink": next_link}
    assert_graph(route.calls[0].request, "GET", f"{GRAPH}/me/mailFolders?%24top=100&%24select=id%2CdisplayName%2CunreadItemCount")
    second = await fetch_options(action, "destinationFolderId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Archive", "value": "AAMkArchive="}]
    assert second["context"] is None
    assert str(route.calls[1].request.url) == next_link


async def test_message_options_list_the_newest_or_search(catalog, respx_mock):
    route = respx_mock.get(f"{GRAPH}/me/messages").mock(return_value=httpx.Response(200, json={"value": [_message()]}))
    action = catalog.action("microsoft_outlook-update-message")
    newest = await fetch_options(action, "messageId", {}, auth=AUTH)
    assert newest["options"] == [{"label": "Quarterly report — Megan Bowen <MeganB@contoso.com> (2024-04-30T09:12:41Z)",
                                  "value": MESSAGE}]
    assert dict(route.calls.last.request.url.params) == {
        "$top": "25", "$select": "id,subject,from,receivedDateTime", "$orderby": "receivedDateTime desc"}
    await fetch_options(action, "messageId", {}, auth=AUTH, query="report")
    assert dict(route.calls.last.request.url.params) == {
        "$top": "25", "$select": "id,subject,from,receivedDateTime", "$search": '"report"'}


async def test_attachment_options_need_the_message(catalog, respx_mock):
    respx_mock.get(f"{GRAPH}/me/messages/{MESSAGE}/attachments").mock(
        return_value=httpx.Response(200, json={"value": [{"id": ATTACHMENT, "name": "report.pdf", "size": 4533}]})
    )
    action = catalog.action("microsoft_outlook-download-attachment")
    options = await fetch_options(action, "attachmentId", {"messageId": MESSAGE}, auth=AUTH)
    assert options["options"] == [{"label": "report.pdf (4533 bytes)", "value": ATTACHMENT}]
    missing = await fetch_options(action, "attachmentId", {}, auth=AUTH)
    assert "choose the message (messageId) first" in missing["errors"][0]


# Account test


async def _account_test(catalog, auth):
    app = catalog.apps["microsoft_outlook"]
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(auth), base_url=app.base_url_for(auth),
                       allowed_domains=app.allowed_domains_for(auth))
        return await app.test(AccountContext(auth=auth, http=http))


async def test_account_test_reads_the_mailbox_owner(catalog, respx_mock):
    route = respx_mock.get(f"{GRAPH}/me").mock(
        return_value=httpx.Response(200, json={"id": "48d31887-5fad-4d73-a9f5-3c356e68a038", "displayName": "Megan Bowen",
                                               "userPrincipalName": "MeganB@M365x214355.onmicrosoft.com", "mail": "MeganB@contoso.com"})
    )
    identity = await _account_test(catalog, AUTH)
    assert identity == Identity(name="MeganB@contoso.com", external_id="48d31887-5fad-4d73-a9f5-3c356e68a038")
    assert_graph(route.calls.last.request, "GET", f"{GRAPH}/me?%24select=id%2CdisplayName%2CuserPrincipalName%2Cmail")


async def test_account_test_raises_on_a_rejected_token(catalog, respx_mock):
    respx_mock.get(f"{GRAPH}/me").mock(
        return_value=httpx.Response(401, json={"error": {"code": "InvalidAuthenticationToken", "message": "CompactToken parsing failed with error code: 80049217"}})
    )
    with pytest.raises(UpstreamError, match="CompactToken parsing failed") as raised:
        await _account_test(catalog, AUTH)
    assert raised.value.status == 401


def test_oauth_asks_for_mail_contacts_and_calendar(catalog):
    auth = catalog.apps["microsoft_outlook"].auth
    assert auth.authorize_url == "https://login.microsoftonline.com/common/oauth2/v2.0/authorize"
    assert auth.token_url == "https://login.microsoftonline.com/common/oauth2/v2.0/token"
    assert set(auth.scopes) == {"offline_access", "User.Read", "Mail.ReadWrite", "Mail.Send", "Contacts.ReadWrite", "Calendars.ReadWrite"}
