import base64
import json
import re
from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, Identity, Option, OptionsPage, props

from .. import _microsoft

GRAPH = _microsoft.GRAPH
SCOPES = [
    "offline_access",
    "User.Read",
    "Mail.ReadWrite",
    "Mail.Send",
    "Contacts.ReadWrite",
    "Calendars.ReadWrite",
]

# Folders every mailbox has, addressable by these names in place of an ID.
WELL_KNOWN_FOLDERS = {
    "inbox": "Inbox",
    "drafts": "Drafts",
    "sentitems": "Sent Items",
    "deleteditems": "Deleted Items",
    "archive": "Archive",
    "junkemail": "Junk Email",
}


async def _account_test(ctx):
    """The signed-in user (`GET /me`)."""
    me = await graph(ctx, "GET", "/me", params={"$select": "id,displayName,userPrincipalName,mail"})
    return Identity(name=me.get("mail") or me.get("userPrincipalName") or me.get("displayName"), external_id=me.get("id"))


app = App(
    "microsoft_outlook",
    "Microsoft Outlook",
    "Send, draft, reply to, forward, search, read, flag, file and delete email in the connected user's Outlook "
    "mailbox, save attachments, list and add contacts, and list and create calendar events.",
    auth=_microsoft.graph_oauth(SCOPES),
    categories=["Communication", "Productivity"],
    featured_weight=90,
    base_url=GRAPH,
    allowed_domains=["graph.microsoft.com"],
    test=_account_test,
)


# Errors and requests

ERROR_HINTS = {
    "erroritemnotfound": "no item has that ID in this mailbox (a message gets a new ID when it is moved); "
    "list or search again for a current ID",
    "errorinvalididmalformed": "the ID is not a valid Outlook ID; copy it exactly from a list or search result",
    "errorinvalidrecipients": "a recipient address is not valid; check the email addresses",
    "errormessagesizeexceeded": "the message is too large to send; send fewer or smaller attachments",
    "errorquotaexceeded": "the mailbox is full; the user must free up space",
    "errorsendasdenied": "the connected user cannot send as that address",
    "erroraccessdenied": "the connected user cannot access this item or folder",
    "mailboxnotenabledforrestapi": "this account has no Exchange Online mailbox that Microsoft Graph can reach",
    "errorinvalidrequest": "the request is not valid; check the values passed",
    "errorinvalidproperty": "a property name in the filter or sort is not valid for messages",
}


def graph_error(method, response):
    return _microsoft.graph_error(
        app.name, method, response, hints=ERROR_HINTS,
        forbidden="the account lacks permission for this operation (missing consent or access)",
        not_found="check that the IDs passed are correct and visible to this account",
    )


async def graph(ctx, method, path, **kw):
    """Call Microsoft Graph (see `_microsoft.graph`)."""
    return await _microsoft.graph(ctx, method, path, error=graph_error, **kw)


def seg(value):
    """An ID as one URL path segment (Outlook IDs hold `=`, `-` and `_`)."""
    text = str(value or "").strip()
    if not text:
        raise ActionError("an ID is empty; copy it from a list or search result")
    return quote(text, safe="=-_")


def folder_segment(folder):
    """A mail folder ID, or one of the well-known names (`inbox`, `archive`...)."""
    text = str(folder or "").strip()
    return text.lower() if text.lower() in WELL_KNOWN_FOLDERS else seg(text)


# Paging: Graph pages by `@odata.nextLink`. The cursor handed to callers is that link, with how
# many records of its page were already returned when a page did not fit in `limit`.


def _encode_cursor(link, skip=0):
    return base64.urlsafe_b64encode(json.dumps({"next": link, "skip": skip}).encode()).decode()


def _decode_cursor(cursor):
    try:
        data = json.loads(base64.urlsafe_b64decode(str(cursor).encode()))
        link, skip = data["next"], int(data.get("skip") or 0)
    except (ValueError, KeyError, TypeError):
        link = None
    if not isinstance(link, str) or not link.startswith(f"{GRAPH}/"):
        raise ActionError("cursor must be the `next_cursor` of the previous result, passed unchanged")
    return link, skip


async def graph_list(ctx, path, params=None, *, headers=None):
    """One page of a Graph collection for a list action with `limit` and `cursor` props:
    `(records, next_cursor)`, following Graph's pages until `limit` records are in hand."""
    limit = ctx.props.limit
    if ctx.props.get("cursor"):
        link, skip = _decode_cursor(ctx.props.cursor)
        data = await graph(ctx, "GET", link, headers=headers)
    else:
        link, skip = None, 0
        data = await graph(ctx, "GET", path, params={**(params or {}), "$top": limit}, headers=headers)
    records = []
    while True:
        page = (data.get("value") or [])[skip:]
        room = limit - len(records)
        if link and len(page) > room:
            records += page[:room]
            return records, _encode_cursor(link, skip + room)
        records += page[:room]
        following = data.get("@odata.nextLink")
        if not following:
            return records, None
        if len(records) >= limit:
            return records, _encode_cursor(following)
        link, skip = following, 0
        data = await graph(ctx, "GET", link, headers=headers)


# Recipients and bodies

_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
_NAMED = re.compile(r"^\s*\"?([^\"<]*?)\"?\s*<([^<>]+)>\s*$")


def recipients(values, what):
    """Graph recipients from addresses such as `ada@example.com` or `Ada Lovelace <ada@example.com>`."""
    if isinstance(values, str):
        values = [v for v in re.split(r"[,;]", values)]
    out = []
    for value in values or []:
        text = str(value).strip()
        if not text:
            continue
        named = _NAMED.match(text)
        name, address = (named.group(1).strip(), named.group(2).strip()) if named else (None, text)
        if not _EMAIL.match(address):
            raise ActionError(f"{what} has {text!r}, which is not an email address such as `ada@example.com`")
        out.append({"emailAddress": {"address": address, **({"name": name} if name else {})}})
    return out


def item_body(content, content_type):
    return {"contentType": "HTML" if str(content_type).lower() == "html" else "Text", "content": content or ""}


def address_of(recipient):
    email = (recipient or {}).get("emailAddress") or {}
    if not email:
        return None
    name, address = email.get("name"), email.get("address")
    return f"{name} <{address}>" if name and name != address else address


def message_summary(message):
    """The parts of a message worth reading in a list."""
    return {
        "id": message.get("id"),
        "subject": message.get("subject"),
        "from": address_of(message.get("from")),
        "to": [address_of(r) for r in message.get("toRecipients") or []],
        "receivedDateTime": message.get("receivedDateTime"),
        "isRead": message.get("isRead"),
        "isDraft": message.get("isDraft"),
        "hasAttachments": message.get("hasAttachments"),
        "importance": message.get("importance"),
        "bodyPreview": message.get("bodyPreview"),
        "conversationId": message.get("conversationId"),
        "parentFolderId": message.get("parentFolderId"),
        "webLink": message.get("webLink"),
    }


def message_detail(message):
    """A whole message as an agent reads it: the list fields, every recipient, the body and the
    attachments (names, types, sizes and IDs for microsoft_outlook-download-attachment)."""
    out = message_summary(message)
    body = message.get("body") or {}
    out.pop("bodyPreview", None)
    out.update(
        {
            "cc": [address_of(r) for r in message.get("ccRecipients") or []],
            "bcc": [address_of(r) for r in message.get("bccRecipients") or []],
            "replyTo": [address_of(r) for r in message.get("replyTo") or []],
            "sentDateTime": message.get("sentDateTime"),
            "internetMessageId": message.get("internetMessageId"),
            "categories": message.get("categories") or [],
            "flag": (message.get("flag") or {}).get("flagStatus"),
            "body": body.get("content"),
            "bodyType": body.get("contentType"),
            "attachments": [
                {k: a.get(k) for k in ("id", "name", "contentType", "size", "isInline")}
                for a in message.get("attachments") or []
            ],
        }
    )
    return out


def contact_summary(contact):
    return {
        "id": contact.get("id"),
        "displayName": contact.get("displayName"),
        "givenName": contact.get("givenName"),
        "surname": contact.get("surname"),
        "emailAddresses": [e.get("address") for e in contact.get("emailAddresses") or []],
        "businessPhones": contact.get("businessPhones") or [],
        "mobilePhone": contact.get("mobilePhone"),
        "companyName": contact.get("companyName"),
        "jobTitle": contact.get("jobTitle"),
    }


FOLDER_FIELDS = ("id", "displayName", "parentFolderId", "childFolderCount", "unreadItemCount", "totalItemCount")


def folder_summary(folder):
    return {k: folder.get(k) for k in FOLDER_FIELDS}


MESSAGE_FIELDS = (
    "id,subject,from,toRecipients,receivedDateTime,isRead,isDraft,hasAttachments,importance,bodyPreview,"
    "conversationId,parentFolderId,webLink"
)


def event_summary(event):
    location = event.get("location") or {}
    online = event.get("onlineMeeting") or {}
    return {
        "id": event.get("id"),
        "subject": event.get("subject"),
        "start": event.get("start"),
        "end": event.get("end"),
        "isAllDay": event.get("isAllDay"),
        "location": location.get("displayName") or None,
        "organizer": address_of(event.get("organizer")),
        "attendees": [
            {"email": address_of(a), "type": a.get("type"), "response": (a.get("status") or {}).get("response")}
            for a in event.get("attendees") or []
        ],
        "isOnlineMeeting": event.get("isOnlineMeeting"),
        "joinUrl": online.get("joinUrl"),
        "bodyPreview": event.get("bodyPreview"),
        "webLink": event.get("webLink"),
    }


# Remote options


async def _linked_options(ctx, path, params, to_option, first=()):
    link = ctx.prev_context.get("nextLink")
    if ctx.page > 0 and not link:
        return []
    data = await graph(ctx, "GET", link) if link else await graph(ctx, "GET", path, params=params)
    options = ([] if link else list(first)) + [to_option(item) for item in data.get("value") or []]
    following = data.get("@odata.nextLink")
    return OptionsPage(options=options, context={"nextLink": following} if following else None)


def folder_label(folder):
    count = folder.get("unreadItemCount")
    return f"{folder.get('displayName')} ({count} unread)" if count else str(folder.get("displayName"))


async def folder_options(ctx):
    return await _linked_options(
        ctx,
        "/me/mailFolders",
        {"$top": 100, "$select": "id,displayName,unreadItemCount"},
        lambda f: Option(label=folder_label(f), value=f["id"]),
    )


async def calendar_options(ctx):
    return await _linked_options(
        ctx,
        "/me/calendars",
        {"$select": "id,name,isDefaultCalendar"},
        lambda c: Option(label=f"{c.get('name')}{' (default)' if c.get('isDefaultCalendar') else ''}", value=c["id"]),
    )


async def message_options(ctx):
    """The newest messages of the mailbox (or those matching what was typed), by subject and sender."""
    params = {"$top": 25, "$select": "id,subject,from,receivedDateTime"}
    if ctx.query:
        params["$search"] = '"' + ctx.query.replace('"', "") + '"'
    else:
        params["$orderby"] = "receivedDateTime desc"

    def option(m):
        sender = address_of(m.get("from")) or "unknown sender"
        return Option(label=f"{m.get('subject') or '(no subject)'} — {sender} ({m.get('receivedDateTime')})", value=m["id"])

    return await _linked_options(ctx, "/me/messages", params, option)


async def attachment_options(ctx):
    if not ctx.props.get("messageId"):
        raise ActionError("choose the message (messageId) first; its attachments are listed from it")
    data = await graph(
        ctx, "GET", f"/me/messages/{seg(ctx.props.messageId)}/attachments", params={"$select": "id,name,size"}
    )
    return [Option(label=f"{a.get('name')} ({a.get('size')} bytes)", value=a["id"]) for a in data.get("value") or []]


app.define(
    "messageId",
    props.string(
        "Message ID",
        "The ID of an Outlook message, a long string such as `AAMkAGVmMDEzMTM4LTZmYWUtNDdkNC1hMDZiLTU1OGY5...`, "
        "as returned by microsoft_outlook-list-messages. A message gets a new ID when it is moved. The choices "
        "list the newest messages; type to search.",
        options=message_options,
        use_query=True,
    ),
)

app.define(
    "folderId",
    props.string(
        "Folder",
        "A mail folder: its ID (the choices list the mailbox's top-level folders, microsoft_outlook-list-folders "
        "lists all) or a well-known name: `inbox`, `drafts`, `sentitems`, `deleteditems`, `archive` or `junkemail`.",
        options=folder_options,
    ),
)

app.define(
    "calendarId",
    props.string(
        "Calendar",
        "The ID of one of the user's calendars. Leave empty for the default calendar.",
        options=calendar_options,
        optional=True,
    ),
)

app.define(
    "to",
    props.string_list(
        "To",
        "Recipient addresses, e.g. `[\"ada@example.com\", \"Grace Hopper <grace@example.com>\"]`.",
    ),
)

app.define(
    "cc",
    props.string_list("Cc", "Addresses to copy, e.g. `[\"team@example.com\"]`.", optional=True),
)

app.define(
    "bcc",
    props.string_list("Bcc", "Addresses to copy blindly (hidden from the other recipients).", optional=True),
)

app.define(
    "subject",
    props.string("Subject", "The subject line, e.g. `Quarterly report`."),
)

app.define(
    "body",
    props.string("Body", "The message text; HTML when bodyType is `html`, e.g. `<p>Hi <b>Ada</b>,</p>`."),
)

app.define(
    "bodyType",
    props.string(
        "Body Type", "`text` (the default) for plain text, `html` for HTML.", options=["text", "html"], default="text"
    ),
)
