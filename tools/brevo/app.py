"""Brevo (formerly Sendinblue) API v3: transactional email and SMS, contacts and their lists, email
campaigns, and the account's plan."""

from email.utils import parseaddr
from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API = "https://api.brevo.com/v3"


def _headers(auth):
    key = auth.get("api_key")
    return {"api-key": key, "Accept": "application/json"} if key else {}


async def _account_test(ctx):
    """The account the key belongs to (`GET /account`)."""
    account = await api(ctx, "GET", "/account")
    return Identity(name=account.get("companyName") or account.get("email"), external_id=account.get("email"))


app = App(
    "brevo",
    "Brevo",
    "Send transactional email (written here or from a Brevo template) and SMS through Brevo, keep its contacts "
    "and their lists, list email campaigns with their statistics, and read the account's plan and credits.",
    auth=Keys([
        KeyField("api_key", "API Key", "A Brevo API v3 key (starts with `xkeysib-`): in Brevo, open SMTP & API, then "
                 "API Keys. An SMTP key does not work here."),
    ]),
    categories=["Email", "Marketing"],
    featured_weight=50,
    base_url=API,
    allowed_domains=["api.brevo.com"],
    auth_headers=_headers,
    test=_account_test,
)


# Errors: Brevo answers `{"code": "...", "message": "..."}`; the code says what went wrong.

_CODE_HINTS = {
    "invalid_parameter": "a value is not what Brevo expects; see the message",
    "missing_parameter": "a required value is missing; see the message",
    "out_of_range": "a value is out of its allowed range; see the message",
    "duplicate_parameter": "a contact already has that email or attribute value; update that contact with "
                           "brevo-update-contact instead",
    "duplicate_request": "Brevo already received this request; do not send it again",
    "document_not_found": "nothing has that ID or address in this Brevo account; look it up with brevo-list-contacts, "
                          "brevo-list-contact-lists or brevo-list-email-campaigns",
    "not_enough_credits": "the Brevo account has run out of credits for this (see brevo-get-account)",
    "permission_denied": "the API key may not do this, or the sender is not verified in Brevo",
    "unauthorized": "Brevo rejected the API key; the user should reconnect Brevo with an API v3 key",
    "account_under_validation": "the Brevo account is still being validated and cannot send yet",
    "campaign_processing": "the campaign is being processed; retry later",
    "campaign_sent": "the campaign was sent already and cannot be changed",
}


def _wait(response):
    """Seconds until Brevo's rate limit resets: `Retry-After`, or its own `x-sib-ratelimit-reset`."""
    seconds = retry_after_seconds(response)
    if seconds is None and response.headers.get("x-sib-ratelimit-reset"):
        try:
            seconds = max(0.0, float(response.headers["x-sib-ratelimit-reset"]))
        except ValueError:
            return None
    return seconds


def brevo_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    data = data if isinstance(data, dict) else {}
    code = data.get("code")
    message = data.get("message") or response.text[:300] or response.reason_phrase
    retry_after = _wait(response)
    if status == 429:
        hint = f"rate limited by Brevo; {'retry after %g s' % retry_after if retry_after is not None else 'retry in a minute'}"
    elif code in _CODE_HINTS:
        hint = _CODE_HINTS[code]
    elif status == 401:
        hint = _CODE_HINTS["unauthorized"]
    elif status == 403:
        hint = _CODE_HINTS["permission_denied"]
    elif status == 404:
        hint = _CODE_HINTS["document_not_found"]
    elif status >= 500:
        hint = "Brevo had a server error; retrying later may work"
    else:
        hint = "fix the values named in the message"
    shown = f"{code}: {message}" if code else message
    return UpstreamError(f"Brevo API error {status} on {method} {path}: {shown} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise brevo_error(method, path, response)
    return response.json() if response.content else {}


async def page(ctx, path, key, *, limit, cursor, params=None):
    """One page of a Brevo list (offset paging, behind an opaque cursor)."""
    if not cursor:
        offset = 0
    else:
        try:
            offset = max(0, int(cursor))
        except ValueError:
            raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged") from None
    data = await api(ctx, "GET", path, params={**(params or {}), "limit": limit, "offset": offset})
    records = data.get(key) or []
    total = data.get("count") or 0
    following = offset + len(records)
    return {key: records, "total": total, "next_cursor": str(following) if records and following < total else None}


def contact_path(identifier):
    text = str(identifier or "").strip()
    if not text:
        raise ActionError("name the contact by email address or Brevo contact ID")
    return f"/contacts/{quote(text, safe='')}"


def person(value, what):
    """`{"email", "name"}` from `Name <email>` or a bare address."""
    name, address = parseaddr(str(value or ""))
    if "@" not in address:
        raise ActionError(f"{what} {value!r} is not an email address; write `bob@example.com` or `Bob <bob@example.com>`")
    return {"email": address, "name": name} if name else {"email": address}


# Summaries


def contact_summary(contact):
    return {k: contact.get(k) for k in ("id", "email", "attributes", "listIds", "emailBlacklisted", "smsBlacklisted",
                                         "createdAt", "modifiedAt")}


def campaign_summary(campaign):
    stats = ((campaign.get("statistics") or {}).get("globalStats")) or {}
    return {
        "id": campaign.get("id"),
        "name": campaign.get("name"),
        "subject": campaign.get("subject"),
        "status": campaign.get("status"),
        "type": campaign.get("type"),
        "sender": campaign.get("sender"),
        "scheduledAt": campaign.get("scheduledAt"),
        "sentDate": campaign.get("sentDate"),
        "recipients": campaign.get("recipients"),
        "stats": {k: stats.get(k) for k in ("sent", "delivered", "uniqueViews", "uniqueClicks", "unsubscriptions",
                                             "hardBounces", "softBounces", "complaints")} if stats else None,
    }


# Shared props and their choices


async def _list_options(ctx):
    offset = ctx.prev_context.get("offset") or 0
    data = await api(ctx, "GET", "/contacts/lists", params={"limit": 50, "offset": offset})
    lists = data.get("lists") or []
    following = offset + len(lists)
    more = lists and following < (data.get("count") or 0)
    return OptionsPage(options=[Option(label=f"{item.get('name')} ({item.get('uniqueSubscribers', 0)} contacts)",
                                       value=item["id"]) for item in lists],
                       context={"offset": following} if more else None)


async def _template_options(ctx):
    offset = ctx.prev_context.get("offset") or 0
    data = await api(ctx, "GET", "/smtp/templates", params={"templateStatus": "true", "limit": 100, "offset": offset})
    templates = data.get("templates") or []
    following = offset + len(templates)
    more = templates and following < (data.get("count") or 0)
    return OptionsPage(options=[Option(label=t.get("name") or str(t["id"]), value=t["id"]) for t in templates],
                       context={"offset": following} if more else None)


app.define(
    "listIds",
    props.integer_list(
        "Lists", "IDs of contact lists, e.g. `[2, 7]`, from brevo-list-contact-lists or Contacts, Lists in Brevo.",
        options=_list_options, optional=True,
    ),
)

app.define(
    "templateId",
    props.integer(
        "Template", "The ID of an active transactional template, e.g. `12`, from Transactional, Templates in Brevo.",
        options=_template_options, optional=True,
    ),
)

app.define(
    "identifier",
    props.string(
        "Contact", "The contact's email address (e.g. `bob@example.com`) or Brevo contact ID (e.g. `42`), as "
        "brevo-list-contacts shows them.",
    ),
)

app.define(
    "attributes",
    props.obj(
        "Attributes", "Contact attributes by their name in Brevo (upper case), e.g. `{\"FIRSTNAME\": \"Bob\", "
        "\"LASTNAME\": \"Smith\", \"SMS\": \"+33612345678\"}`.", optional=True,
    ),
)
