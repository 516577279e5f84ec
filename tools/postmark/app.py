"""Postmark (server API): send transactional email, and read what happened to it."""

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API = "https://api.postmarkapp.com"

# Postmark's list endpoints return at most 500 records a call.
MAX_PAGE = 500


def _headers(auth):
    token = auth.get("server_token")
    return {"X-Postmark-Server-Token": token, "Accept": "application/json"} if token else {}


async def _account_test(ctx):
    """The server the token belongs to (`GET /server`)."""
    server = await api(ctx, "GET", "/server")
    server_id = server.get("ID")
    return Identity(name=server.get("Name"), external_id=None if server_id is None else str(server_id))


app = App(
    "postmark",
    "Postmark",
    "Send transactional email through Postmark, plain or from templates, and look up sent messages, their "
    "delivery events, bounces and sending statistics.",
    auth=Keys([
        KeyField(
            "server_token",
            "Server API Token",
            "The API token of the Postmark server to send from: in Postmark, open the server, then API Tokens.",
        )
    ]),
    categories=["Email"],
    featured_weight=55,
    base_url=API,
    allowed_domains=["api.postmarkapp.com"],
    auth_headers=_headers,
    test=_account_test,
)


# Errors: Postmark answers `{"ErrorCode": n, "Message": "..."}`; the codes say what went wrong.

_CODE_HINTS = {
    10: "Postmark rejected the server token; the user should reconnect Postmark with the server's API token",
    300: "the email is not valid: check the addresses, and that there is a subject and a body",
    400: "the From address is not a confirmed sender signature or domain in Postmark; use one that is",
    401: "the sender signature is not confirmed yet; confirm it in Postmark first",
    405: "the Postmark account ran out of credits",
    406: "the recipient is inactive (it bounced or marked mail as spam); reactivate it with postmark-activate-bounce "
         "if the address works again",
    409: "JSON in the request is not valid",
    412: "the account is pending approval and may only send to its own domain",
    1101: "no template has that ID or alias on this server; list them with postmark-list-templates",
    1105: "the template's content is not valid; see the message",
    1122: "the template needs a subject, an HTML body or a text body",
    1123: "the TemplateModel misses values the template uses; see the message",
    1125: "another template on this server already has that alias",
}


def postmark_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    code = data.get("ErrorCode") if isinstance(data, dict) else None
    message = (data.get("Message") if isinstance(data, dict) else None) or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    if status == 429:
        hint = f"rate limited by Postmark; {'retry after %g s' % retry_after if retry_after is not None else 'retry in a minute'}"
    elif code in _CODE_HINTS:
        hint = _CODE_HINTS[code]
    elif status == 401:
        hint = _CODE_HINTS[10]
    elif status == 404:
        hint = "nothing has that ID on this Postmark server; look it up with the list actions"
    elif status >= 500:
        hint = "Postmark had a server error; retrying later may work"
    else:
        hint = "fix the values named in the message"
    return UpstreamError(f"Postmark API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise postmark_error(method, path, response)
    return response.json() if response.content else {}


async def page(ctx, path, key, *, limit, cursor, params=None, count_name="count", offset_name="offset"):
    """One page of a Postmark list (offset paging, behind an opaque cursor)."""
    offset = _offset(cursor)
    data = await api(ctx, "GET", path, params={**(params or {}), count_name: limit, offset_name: offset})
    records = data.get(key) or []
    total = data.get("TotalCount") or 0
    following = offset + len(records)
    return {key.lower(): records, "total": total, "next_cursor": str(following) if records and following < total else None}


def _offset(cursor):
    if not cursor:
        return 0
    try:
        return max(0, int(cursor))
    except ValueError:
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged") from None


def addresses(value):
    """Postmark takes several recipients as one comma-separated string."""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v).strip() for v in value if str(v).strip())
    return str(value or "").strip()


def send_result(sent):
    return {"message_id": sent.get("MessageID"), "to": sent.get("To"), "submitted_at": sent.get("SubmittedAt"),
            "error_code": sent.get("ErrorCode"), "message": sent.get("Message")}


def message_summary(message):
    return {
        "message_id": message.get("MessageID"),
        "subject": message.get("Subject"),
        "from": message.get("From"),
        "to": [r.get("Email") for r in message.get("To") or [] if isinstance(r, dict)] or message.get("Recipients"),
        "status": message.get("Status"),
        "tag": message.get("Tag"),
        "received_at": message.get("ReceivedAt"),
        "message_stream": message.get("MessageStream"),
    }


def bounce_summary(bounce):
    return {
        "id": bounce.get("ID"),
        "type": bounce.get("Type"),
        "email": bounce.get("Email"),
        "description": bounce.get("Description"),
        "details": bounce.get("Details"),
        "bounced_at": bounce.get("BouncedAt"),
        "inactive": bounce.get("Inactive"),
        "can_activate": bounce.get("CanActivate"),
        "message_id": bounce.get("MessageID"),
        "subject": bounce.get("Subject"),
    }


def template_summary(template):
    return {
        "template_id": template.get("TemplateId"),
        "name": template.get("Name"),
        "alias": template.get("Alias"),
        "subject": template.get("Subject"),
        "active": template.get("Active"),
        "template_type": template.get("TemplateType"),
    }


async def _template_options(ctx):
    offset = ctx.prev_context.get("offset") or 0
    data = await api(ctx, "GET", "/templates", params={"Count": 100, "Offset": offset})
    templates = data.get("Templates") or []
    options = [Option(label=t.get("Name") or str(t.get("TemplateId")), value=str(t.get("Alias") or t.get("TemplateId")))
               for t in templates]
    following = offset + len(templates)
    more = templates and following < (data.get("TotalCount") or 0)
    return OptionsPage(options=options, context={"offset": following} if more else None)


app.define(
    "template",
    props.string(
        "Template",
        "A template's alias (e.g. `welcome`) or numeric ID, from postmark-list-templates or the Templates page of the "
        "server in Postmark.",
        options=_template_options,
    ),
)

app.define(
    "from",
    props.string(
        "From",
        "The sender, e.g. `Ada <ada@example.com>`: an address on a sender signature or verified domain of this Postmark account.",
    ),
)

app.define(
    "to",
    props.string_list("To", "Recipient addresses, e.g. `[\"bob@example.com\"]`; 50 at most across To, Cc and Bcc."),
)

app.define(
    "messageStream",
    props.string(
        "Message Stream",
        "The stream to send through: `outbound` (transactional, the default) or a broadcast stream's ID for bulk mail.",
        optional=True,
    ),
)
