import asyncio
import base64
import binascii
import mimetypes
import re
from datetime import datetime, timezone
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formataddr, getaddresses
from html.parser import HTMLParser
from pathlib import PurePosixPath

from mcp_gateway.catalog import ActionError, App, Identity, Option, OptionsPage, UpstreamError, props

from .. import _google

SERVICE = "Gmail"

SCOPES = [
    # Read, search, send, draft, label, trash and read settings.
    "https://www.googleapis.com/auth/gmail.modify",
    # Create and delete filters, change the vacation responder.
    "https://www.googleapis.com/auth/gmail.settings.basic",
]


async def _account_test(ctx):
    """The mailbox's address (`users.getProfile`), which also proves the token works."""
    profile = await api(ctx, "GET", "/profile")
    email = profile.get("emailAddress")
    return Identity(name=email, external_id=email)


app = App(
    "gmail",
    "Gmail",
    "Send, draft, reply to, forward, search and read email and whole conversations in the connected user's Gmail "
    "mailbox; download attachments, manage labels and filters, trash or delete messages and set the vacation "
    "responder.",
    auth=_google.google_oauth(SCOPES),
    categories=["Communication", "Email"],
    featured_weight=95,
    base_url="https://gmail.googleapis.com/gmail/v1/users/me",
    allowed_domains=["gmail.googleapis.com"],
    test=_account_test,
)


# Errors

# Google's `reason` codes that mean "slow down" rather than "not allowed".
ERROR_HINTS = {
    "failedPrecondition": "Gmail refused the request as it stands; check the message (recipients, size) and the mailbox settings",
    "invalidArgument": "some values are not what Gmail expects; see the message",
    "domainPolicy": "the Google Workspace administrator does not allow this for the account",
}


def google_error(method, response, not_found):
    return _google.google_error(
        method, response, service=SERVICE, not_found=not_found, hints=ERROR_HINTS,
        forbidden="the account lacks permission for this operation",
        scope="the connection was not granted the Gmail access this needs; reconnect Gmail and approve all requested access",
    )


_NOT_FOUND = "no message, thread, label or attachment has that ID in this mailbox; find IDs with gmail-find-email or gmail-list-labels"


async def request(ctx, method, path, *, not_found=_NOT_FOUND, **kw):
    """Send a request to the Gmail API; Google's error bodies become clear `UpstreamError`s."""
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise google_error(method, response, not_found)
    return response


async def api(ctx, method, path, **kw):
    """A Gmail API call's JSON answer (`{}` for an empty one)."""
    response = await request(ctx, method, path, **kw)
    return response.json() if response.content else {}


seg = _google.seg


# Messages


def b64url_decode(data):
    data = data or ""
    try:
        return base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))
    except (binascii.Error, ValueError):
        raise ActionError("Gmail returned data that is not valid base64url") from None


def header_map(payload):
    """A message's headers by lower-cased name (the first value of each)."""
    out = {}
    for header in (payload or {}).get("headers") or []:
        name = str(header.get("name", "")).lower()
        out.setdefault(name, header.get("value", ""))
    return out


# Headers worth showing, by lower-cased header name, with the key each gets in results.
_SHOWN_HEADERS = {
    "from": "from",
    "to": "to",
    "cc": "cc",
    "bcc": "bcc",
    "reply-to": "replyTo",
    "subject": "subject",
    "date": "date",
    "message-id": "messageIdHeader",
}


def headers_summary(payload):
    found = header_map(payload)
    return {key: found[name] for name, key in _SHOWN_HEADERS.items() if name in found}


def _charset(part):
    content_type = header_map(part).get("content-type", "")
    match = re.search(r'charset="?([A-Za-z0-9_.:-]+)"?', content_type)
    return match.group(1) if match else "utf-8"


def _decode_text(part):
    raw = b64url_decode((part.get("body") or {}).get("data"))
    try:
        return raw.decode(_charset(part), errors="replace")
    except LookupError:
        return raw.decode("utf-8", errors="replace")


def walk_parts(payload):
    """Every MIME part of a message payload, depth first."""
    stack = [payload or {}]
    while stack:
        part = stack.pop(0)
        yield part
        stack[0:0] = part.get("parts") or []


def is_attachment(part):
    body = part.get("body") or {}
    return bool(part.get("filename")) and bool(body.get("attachmentId") or body.get("data"))


def attachments_of(payload):
    return [
        {
            "filename": part.get("filename"),
            "mimeType": part.get("mimeType"),
            "size": (part.get("body") or {}).get("size"),
            "attachmentId": (part.get("body") or {}).get("attachmentId"),
            "partId": part.get("partId"),
        }
        for part in walk_parts(payload)
        if is_attachment(part)
    ]


class _TextFromHtml(HTMLParser):
    _BREAKS = {"br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "head"):
            self._skip += 1
        elif tag in self._BREAKS:
            self.chunks.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head") and self._skip:
            self._skip -= 1
        elif tag in self._BREAKS:
            self.chunks.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.chunks.append(data)


def html_to_text(html):
    parser = _TextFromHtml()
    parser.feed(html)
    text = "".join(parser.chunks)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    return re.sub(r"\n\s*\n\s*(\n\s*)+", "\n\n", text).strip()


def message_bodies(payload):
    """The text and HTML bodies of a message (attachments left out)."""
    texts, htmls = [], []
    for part in walk_parts(payload):
        if is_attachment(part) or not (part.get("body") or {}).get("data"):
            continue
        mime = str(part.get("mimeType", "")).lower()
        if mime == "text/plain":
            texts.append(_decode_text(part))
        elif mime == "text/html":
            htmls.append(_decode_text(part))
    html = "\n".join(htmls)
    text = "\n".join(texts) if texts else (html_to_text(html) if html else "")
    return text, html


def message_summary(message):
    """The fields of a message worth reading in a list."""
    out = {"id": message.get("id"), "threadId": message.get("threadId")}
    out.update(headers_summary(message.get("payload")))
    out["snippet"] = message.get("snippet")
    out["labelIds"] = message.get("labelIds") or []
    return out


_LIST_HEADERS = ["From", "To", "Subject", "Date"]


async def message_metadata(ctx, message_id, headers=_LIST_HEADERS):
    return await api(
        ctx,
        "GET",
        f"/messages/{seg(message_id)}",
        params=[("format", "metadata"), *[("metadataHeaders", h) for h in headers]],
    )


async def messages_with_metadata(ctx, refs):
    """Metadata for each `{id, threadId}` of a list answer, fetched a few at a time, in order."""
    return await gather_limited(lambda ref: message_metadata(ctx, ref["id"]), refs)


async def gather_limited(fetch, items):
    """`fetch(item)` for each item, a few at a time, results in order."""
    semaphore = asyncio.Semaphore(5)

    async def one(item):
        async with semaphore:
            return await fetch(item)

    return await asyncio.gather(*(one(item) for item in items))


MAX_PAGE = 500  # the largest maxResults Gmail's list calls take


async def collect(ctx, path, key, *, limit, cursor, params=()):
    """Up to `limit` entries of a Gmail list (`key` in each page), from `cursor` (a page token) on,
    the token of the page after them, and the last page's result size estimate."""
    items, token, estimate = [], cursor or None, None
    while len(items) < limit:
        query = [*params, ("maxResults", min(MAX_PAGE, limit - len(items)))]
        if token:
            query.append(("pageToken", token))
        page = await api(ctx, "GET", path, params=query)
        items.extend(page.get(key) or [])
        token, estimate = page.get("nextPageToken"), page.get("resultSizeEstimate")
        if not token:
            break
    return items[:limit], token, estimate


def search_params(ctx):
    """The `q`, `labelIds` and `includeSpamTrash` query of a message or thread search."""
    params = []
    if ctx.props.get("q"):
        params.append(("q", ctx.props.q))
    params += [("labelIds", str(label).strip()) for label in ctx.props.get("labelIds") or [] if str(label).strip()]
    if ctx.props.get("includeSpamTrash"):
        params.append(("includeSpamTrash", "true"))
    return params


def message_ref(message):
    """What a change to a message leaves worth knowing: its IDs and labels afterwards."""
    return {"id": message.get("id"), "threadId": message.get("threadId"), "labelIds": message.get("labelIds") or []}


BODY_LIMIT = 20000


def email_detail(message, body_limit=BODY_LIMIT):
    """One message as an agent reads it: headers, the text body decoded, labels and attachments."""
    payload = message.get("payload") or {}
    text, _ = message_bodies(payload)
    return {
        "id": message.get("id"),
        "threadId": message.get("threadId"),
        **headers_summary(payload),
        "labelIds": message.get("labelIds") or [],
        "snippet": message.get("snippet"),
        "body": text[:body_limit],
        "bodyTruncated": len(text) > body_limit,
        "attachments": attachments_of(payload),
    }


def thread_detail(thread):
    """A conversation: each message decoded, oldest first, with a shorter body cut than one email."""
    messages = thread.get("messages") or []
    return {
        "id": thread.get("id"),
        "subject": headers_summary((messages[0] if messages else {}).get("payload")).get("subject"),
        "messageCount": len(messages),
        "messages": [email_detail(m, body_limit=8000) for m in messages],
    }


_THREAD_HEADERS = ["From", "Subject", "Date"]


async def thread_metadata(ctx, thread_id):
    return await api(
        ctx,
        "GET",
        f"/threads/{seg(thread_id)}",
        params=[("format", "metadata"), *[("metadataHeaders", h) for h in _THREAD_HEADERS]],
    )


def thread_summary(thread):
    """A conversation in a list: subject, who wrote, how many messages, the latest date and snippet."""
    messages = thread.get("messages") or []
    first = header_map((messages[0] if messages else {}).get("payload"))
    last = messages[-1] if messages else {}
    senders = []
    for message in messages:
        sender = header_map(message.get("payload")).get("from")
        if sender and sender not in senders:
            senders.append(sender)
    labels = sorted({label for m in messages for label in m.get("labelIds") or []})
    return {
        "id": thread.get("id"),
        "subject": first.get("subject"),
        "senders": senders,
        "messageCount": len(messages),
        "lastDate": header_map(last.get("payload")).get("date"),
        "snippet": last.get("snippet") or thread.get("snippet"),
        "labelIds": labels,
    }


def thread_labels(thread):
    """A thread after a label change: each message's labels."""
    return {
        "id": thread.get("id"),
        "messages": [{"id": m.get("id"), "labelIds": m.get("labelIds") or []} for m in thread.get("messages") or []],
    }


async def draft_metadata(ctx, draft_id):
    return await api(
        ctx,
        "GET",
        f"/drafts/{seg(draft_id)}",
        params={"format": "metadata"},
        not_found=DRAFT_NOT_FOUND,
    )


def draft_summary(draft):
    """A draft: its ID, its message's IDs and, when Gmail sent them, recipients, subject and snippet."""
    message = draft.get("message") or {}
    out = {"id": draft.get("id"), "messageId": message.get("id"), "threadId": message.get("threadId")}
    found = headers_summary(message.get("payload"))
    for key in ("to", "cc", "subject", "date"):
        if key in found:
            out[key] = found[key]
    if message.get("snippet"):
        out["snippet"] = message["snippet"]
    return out


DRAFT_NOT_FOUND = "no draft has that ID in this mailbox (it may have been sent or deleted); list drafts with gmail-list-drafts"


def label_summary(label):
    """A label's ID, name, type and, where Gmail gave them, its display settings, colour and counts."""
    keys = (
        "id", "name", "type", "messageListVisibility", "labelListVisibility", "color",
        "messagesTotal", "messagesUnread", "threadsTotal", "threadsUnread",
    )
    return {key: label[key] for key in keys if label.get(key) is not None}


def clean_ids(values):
    """IDs from a list prop, stripped, blanks dropped."""
    return [str(value).strip() for value in values or [] if str(value).strip()]

# Composing


def parse_addresses(values, field):
    """Email addresses from a list of strings (each may hold several, comma separated)."""
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    found = []
    for name, address in getaddresses([str(v) for v in values if str(v).strip()]):
        if "@" not in address:
            raise ActionError(f"{field}: {address or name!r} is not an email address; use e.g. `ada@example.com`")
        found.append(formataddr((name, address)) if name else address)
    return found


async def read_attachment(ctx, path):
    target = ctx.tmp_path(path)
    try:
        data = await asyncio.to_thread(target.read_bytes)
    except (FileNotFoundError, IsADirectoryError):
        raise ActionError(
            f"attachment {path} is not a file in /tmp; pass the stash_id of the step that saved it, or a file_id"
        ) from None
    mime = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    maintype, subtype = mime.split("/", 1)
    return target.name, maintype, subtype, data


async def build_message(
    ctx,
    *,
    to,
    subject,
    body,
    body_type="plaintext",
    cc=None,
    bcc=None,
    reply_to=None,
    from_name=None,
    attachments=None,
    in_reply_to=None,
    references=None,
    forwarded=(),
):
    """An RFC 2822 message as Gmail's base64url `raw` value. `forwarded` holds files already in
    memory, as `(filename, mime type, bytes)`."""
    message = EmailMessage(policy=SMTP)
    if from_name:
        profile = await api(ctx, "GET", "/profile")
        message["From"] = formataddr((from_name, profile.get("emailAddress", "")))
    if to:
        message["To"] = ", ".join(to)
    if cc:
        message["Cc"] = ", ".join(cc)
    if bcc:
        message["Bcc"] = ", ".join(bcc)
    if reply_to:
        message["Reply-To"] = ", ".join(reply_to)
    message["Subject"] = subject or ""
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
        message["References"] = references or in_reply_to
    body = body or ""
    if body_type == "html":
        message.set_content(html_to_text(body) or " ")
        message.add_alternative(body, subtype="html")
    else:
        message.set_content(body)
    for path in attachments or []:
        name, maintype, subtype, data = await read_attachment(ctx, path)
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    for name, mime, data in forwarded:
        maintype, _, subtype = (mime or "application/octet-stream").partition("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype or "octet-stream", filename=name)
    return base64.urlsafe_b64encode(message.as_bytes()).decode("ascii")


# Remote options


async def label_options(ctx):
    if ctx.page > 0:
        return []  # Gmail returns every label in one answer
    data = await api(ctx, "GET", "/labels")
    labels = sorted(data.get("labels") or [], key=lambda l: (l.get("type") != "user", str(l.get("name", "")).lower()))
    return [Option(label=l.get("name") or l["id"], value=l["id"]) for l in labels]


async def user_label_options(ctx):
    if ctx.page > 0:
        return []
    data = await api(ctx, "GET", "/labels")
    labels = sorted((l for l in data.get("labels") or [] if l.get("type") == "user"), key=lambda l: str(l.get("name", "")).lower())
    return [Option(label=l.get("name") or l["id"], value=l["id"]) for l in labels]


async def message_options(ctx):
    token = ctx.prev_context.get("pageToken")
    if ctx.page > 0 and not token:
        return []
    params = {"maxResults": 20}
    if ctx.query:
        params["q"] = ctx.query
    if token:
        params["pageToken"] = token
    data = await api(ctx, "GET", "/messages", params=params)
    messages = await messages_with_metadata(ctx, data.get("messages") or [])
    options = []
    for message in messages:
        headers = header_map(message.get("payload"))
        subject = headers.get("subject") or "(no subject)"
        sender = headers.get("from")
        options.append(Option(label=f"{subject} — {sender}" if sender else subject, value=message["id"]))
    following = data.get("nextPageToken")
    return OptionsPage(options=options, context={"pageToken": following} if following else None)


async def attachment_options(ctx):
    message_id = ctx.props.get("messageId")
    if not message_id:
        raise ActionError("choose the email (messageId) first; its attachments are listed from it")
    message = await api(ctx, "GET", f"/messages/{seg(message_id)}", params={"format": "full"})
    return [
        Option(label=f"{a['filename']} ({a['mimeType']}, {a['size']} bytes)", value=a["filename"])
        for a in attachments_of(message.get("payload"))
    ]


app.define(
    "messageId",
    props.string(
        "Email",
        "The Gmail ID of the message, e.g. `18f2a3b4c5d6e7f8` (not the Message-ID header). gmail-find-email "
        "returns it as `id`; the choices list recent messages and can be searched with Gmail query syntax.",
        options=message_options,
        use_query=True,
    ),
)

async def thread_options(ctx):
    token = ctx.prev_context.get("pageToken")
    if ctx.page > 0 and not token:
        return []
    params = {"maxResults": 20}
    if ctx.query:
        params["q"] = ctx.query
    if token:
        params["pageToken"] = token
    data = await api(ctx, "GET", "/threads", params=params)
    options = [
        Option(label=(t.get("snippet") or "(no text)")[:80], value=t["id"]) for t in data.get("threads") or []
    ]
    following = data.get("nextPageToken")
    return OptionsPage(options=options, context={"pageToken": following} if following else None)


async def draft_options(ctx):
    token = ctx.prev_context.get("pageToken")
    if ctx.page > 0 and not token:
        return []
    params = {"maxResults": 20}
    if ctx.query:
        params["q"] = ctx.query
    if token:
        params["pageToken"] = token
    data = await api(ctx, "GET", "/drafts", params=params)
    drafts = await gather_limited(lambda d: draft_metadata(ctx, d["id"]), data.get("drafts") or [])
    options = []
    for draft in drafts:
        found = draft_summary(draft)
        subject = found.get("subject") or "(no subject)"
        options.append(Option(label=f"{subject} — to {found['to']}" if found.get("to") else subject, value=draft["id"]))
    following = data.get("nextPageToken")
    return OptionsPage(options=options, context={"pageToken": following} if following else None)


def filter_label(gmail_filter):
    criteria = gmail_filter.get("criteria") or {}
    parts = [f"{key}:{criteria[key]}" for key in ("from", "to", "subject") if criteria.get(key)]
    for key in ("query", "negatedQuery"):
        if criteria.get(key):
            parts.append(criteria[key] if key == "query" else f"-({criteria[key]})")
    if criteria.get("hasAttachment"):
        parts.append("has:attachment")
    return " ".join(parts) or gmail_filter.get("id")


async def filter_options(ctx):
    if ctx.page > 0:
        return []  # Gmail returns every filter in one answer
    data = await api(ctx, "GET", "/settings/filters")
    return [Option(label=filter_label(f), value=f["id"]) for f in data.get("filter") or []]


app.define(
    "threadId",
    props.string(
        "Thread",
        "The Gmail ID of the conversation, e.g. `18f2a3b4c5d6e7f0`: the `threadId` gmail-find-email and gmail-get-email "
        "return, or the `id` from gmail-list-threads. The choices list recent conversations and can be searched with "
        "Gmail query syntax.",
        options=thread_options,
        use_query=True,
    ),
)

app.define(
    "draftId",
    props.string(
        "Draft",
        "The draft's ID, e.g. `r-5812345678901234567`, as returned by gmail-create-draft or gmail-list-drafts (not the "
        "draft message's ID). The choices list the mailbox's drafts.",
        options=draft_options,
        use_query=True,
    ),
)

app.define(
    "labelId",
    props.string(
        "Label",
        "The ID of a label the user created, e.g. `Label_3`, from gmail-list-labels (the `id`; system labels such "
        "as `INBOX` cannot be changed).",
        options=user_label_options,
    ),
)

app.define(
    "filterId",
    props.string(
        "Filter",
        "The filter's ID, e.g. `ANe1BmjkK3N6xF1Yr_Z1R5r2v8fSxT4L0g`, from gmail-list-filters or gmail-create-filter.",
        options=filter_options,
    ),
)

app.define(
    "labelIds",
    props.string_list(
        "Labels",
        "Label IDs, e.g. `[\"STARRED\", \"Label_3\"]`. System labels use their names as IDs (`INBOX`, `UNREAD`, "
        "`STARRED`, `IMPORTANT`, `SPAM`); user labels have IDs like `Label_3`, listed by gmail-list-labels.",
        options=label_options,
    ),
)

_ADDRESS_NOTE = "Each entry is an address, optionally with a name, e.g. `ada@example.com` or `Ada Lovelace <ada@example.com>`."


def compose_props(*, recipients_required=True):
    """The props shared by send-email and create-draft."""
    return {
        "to": props.string_list(
            "To",
            f"Recipients. {_ADDRESS_NOTE}",
            optional=not recipients_required,
        ),
        "cc": props.string_list("CC", f"Carbon-copy recipients. {_ADDRESS_NOTE}", optional=True),
        "bcc": props.string_list("BCC", f"Blind-copy recipients, hidden from the others. {_ADDRESS_NOTE}", optional=True),
        "subject": props.string("Subject", "The subject line, e.g. `Q3 report`."),
        "body": props.string(
            "Body",
            "The message text. Plain text by default; set bodyType to `html` to send HTML such as `<p>Hello <b>Ada</b></p>`.",
        ),
        "bodyType": body_type_prop(),
        "fromName": props.string(
            "From Name",
            "The sender name recipients see, e.g. `Ada Lovelace`. The address is always the connected account's. "
            "Leave empty to use the account's default.",
            optional=True,
        ),
        "replyTo": props.string_list(
            "Reply-To", f"Where replies should go, if not to the sender. {_ADDRESS_NOTE}", optional=True
        ),
        "attachments": attachments_prop(),
    }


def body_type_prop():
    return props.string(
        "Body Type",
        "`plaintext` (the default) or `html`. With `html`, a plain-text version is added for mail clients that do not show HTML.",
        options=["plaintext", "html"],
        default="plaintext",
    )


def attachments_prop():
    return props.string_list(
        "Attachments",
        "Files to attach, as paths under /tmp such as `[\"/tmp/report.pdf\"]` saved by an earlier step with the same "
        "stash_id, or `file_...` ids of files sent to the gateway.",
        optional=True,
    )


def safe_filename(name, fallback="attachment"):
    """A file name usable under /tmp: the last path segment, without control characters."""
    cleaned = PurePosixPath(str(name or "").replace("\\", "/")).name
    cleaned = re.sub(r"[\x00-\x1f]", "", cleaned).strip()
    return cleaned if cleaned not in ("", ".", "..") else fallback


# Labels

LABEL_LIST_VISIBILITY = ["labelShow", "labelShowIfUnread", "labelHide"]
MESSAGE_LIST_VISIBILITY = ["show", "hide"]


def label_props(*, optional):
    """The settable fields of a label, shared by create-label and update-label."""
    return {
        "name": props.string(
            "Name",
            "The label's name as shown in Gmail, e.g. `Receipts`; a slash nests it under another label, e.g. "
            "`Clients/Acme`.",
            optional=optional,
        ),
        "labelListVisibility": props.string(
            "Show in Label List",
            "Whether the label shows in Gmail's side bar: `labelShow`, `labelShowIfUnread` (only while it has unread "
            "mail) or `labelHide`.",
            options=LABEL_LIST_VISIBILITY,
            optional=True,
        ),
        "messageListVisibility": props.string(
            "Show on Emails",
            "Whether the label shows on emails in the message list: `show` or `hide`.",
            options=MESSAGE_LIST_VISIBILITY,
            optional=True,
        ),
        "backgroundColor": props.string(
            "Background Colour",
            "The label's background as a hex colour from Gmail's palette, e.g. `#16a766`; give textColor too.",
            optional=True,
        ),
        "textColor": props.string(
            "Text Colour",
            "The label's text colour as a hex colour from Gmail's palette, e.g. `#ffffff`; give backgroundColor too.",
            optional=True,
        ),
    }


def label_body(ctx):
    """The label fields given, as Gmail's Label resource."""
    body = {}
    for key in ("name", "labelListVisibility", "messageListVisibility"):
        if ctx.props.get(key):
            body[key] = ctx.props[key]
    background, text = ctx.props.get("backgroundColor"), ctx.props.get("textColor")
    if bool(background) != bool(text):
        raise ActionError("give backgroundColor and textColor together, e.g. `#16a766` and `#ffffff`")
    if background:
        for field, value in (("backgroundColor", background), ("textColor", text)):
            if not re.fullmatch(r"#[0-9a-fA-F]{6}", str(value).strip()):
                raise ActionError(f"{field} {value!r} is not a hex colour; use e.g. `#16a766`")
        body["color"] = {"backgroundColor": background.strip().lower(), "textColor": text.strip().lower()}
    return body


# The vacation responder

VACATION_FIELDS = (
    "enableAutoReply", "responseSubject", "responseBodyPlainText", "responseBodyHtml",
    "restrictToContacts", "restrictToDomain", "startTime", "endTime",
)


def epoch_ms(value, field):
    """A date or date-time (read as UTC without an offset) as the milliseconds since 1970 Gmail takes."""
    text = str(value).strip()
    if text.isdigit():
        return text
    try:
        moment = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        raise ActionError(
            f"{field} {value!r} is not a date or date-time; use e.g. `2024-07-01` or `2024-07-01T09:00:00+02:00`"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return str(int(moment.timestamp() * 1000))


def _iso(ms):
    try:
        return datetime.fromtimestamp(int(ms) / 1000, tz=timezone.utc).isoformat().replace("+00:00", "Z")
    except (TypeError, ValueError):
        return None


def vacation_summary(settings):
    """The responder's settings, with its start and end also as readable UTC times."""
    out = {key: settings[key] for key in VACATION_FIELDS if key in settings}
    for key, readable in (("startTime", "startsAt"), ("endTime", "endsAt")):
        if settings.get(key):
            out[readable] = _iso(settings[key])
    return out

