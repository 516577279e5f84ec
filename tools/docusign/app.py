"""DocuSign eSignature: send envelopes for signature, follow them, and fetch what was signed.

A DocuSign login can belong to several accounts, each on its own API host (`na3.docusign.net`,
`eu.docusign.net`...). The OAuth UserInfo endpoint lists them with their `base_uri`; that answer is
remembered per access token. Every action takes an optional `accountId`; left empty, the user's
default account is used.
"""

import hashlib
from collections import OrderedDict
from datetime import datetime, timedelta, timezone
from urllib.parse import quote

import httpx

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, UpstreamError, props, retry_after_seconds

AUTH_HOST = "https://account.docusign.com"
USERINFO = f"{AUTH_HOST}/oauth/userinfo"
# Account API hosts are under docusign.net; the token is only ever sent there and to the auth host.
API_DOMAIN = "docusign.net"

_ACCOUNTS: "OrderedDict[str, dict]" = OrderedDict()
_MAX_REMEMBERED = 1000


def _token_key(ctx):
    return hashlib.sha256(str(ctx.auth.get("oauth_access_token") or "").encode()).hexdigest()


async def userinfo(ctx):
    key = _token_key(ctx)
    if key in _ACCOUNTS:
        return _ACCOUNTS[key]
    response = await ctx.http.request("GET", USERINFO, raise_for_status=False)
    if response.status_code >= 400:
        raise docusign_error("GET", "/oauth/userinfo", response)
    info = response.json()
    _ACCOUNTS[key] = info
    _ACCOUNTS.move_to_end(key)
    while len(_ACCOUNTS) > _MAX_REMEMBERED:
        _ACCOUNTS.popitem(last=False)
    return info


async def _account_test(ctx):
    """The signed-in user (`GET /oauth/userinfo`), which also names their accounts and hosts."""
    info = await userinfo(ctx)
    name = f"{info.get('name')} <{info['email']}>" if info.get("email") else info.get("name")
    return Identity(name=name, external_id=info.get("sub"))


app = App(
    "docusign",
    "DocuSign",
    "Send documents and templates for e-signature with DocuSign, follow envelopes and their recipients, void them, "
    "and download the signed documents.",
    auth=OAuth(
        authorize_url=f"{AUTH_HOST}/oauth/auth",
        token_url=f"{AUTH_HOST}/oauth/token",
        # `extended` keeps the refresh token alive as long as it is used.
        scopes=["signature", "extended"],
        # DocuSign's token endpoint takes the integration key and secret as HTTP Basic credentials.
        token_auth_method="client_secret_basic",
    ),
    categories=["Documents", "Productivity"],
    featured_weight=55,
    base_url=AUTH_HOST,
    allowed_domains=["account.docusign.com", API_DOMAIN],
    test=_account_test,
)


# Errors: DocuSign answers `{"errorCode": "ENVELOPE_DOES_NOT_EXIST", "message": "..."}`.

_CODE_HINTS = {
    "USER_AUTHENTICATION_FAILED": "DocuSign rejected the token; the user should reconnect DocuSign",
    "AUTHORIZATION_INVALID_TOKEN": "DocuSign rejected the token; the user should reconnect DocuSign",
    "USER_LACKS_PERMISSIONS": "the connected user may not do this in the DocuSign account",
    "ENVELOPE_DOES_NOT_EXIST": "no envelope has that ID in this account; find it with docusign-list-envelope-status-changes",
    "TEMPLATE_ID_INVALID": "no template has that ID in this account; docusign-list-templates lists them",
    "INVALID_REQUEST_PARAMETER": "a parameter is not valid; the message names it",
    "INVALID_EMAIL_ADDRESS_FOR_RECIPIENT": "a recipient's email address is not valid",
    "ENVELOPE_CANNOT_VOID_INVALID_STATE": "only envelopes that are sent or delivered and not yet completed can be voided",
    "HOURLY_APIINVOCATION_LIMIT_EXCEEDED": "the account used up its API calls for this hour; retry after the hour turns",
}


def docusign_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    data = data if isinstance(data, dict) else {}
    code = data.get("errorCode") or data.get("error")
    message = data.get("message") or data.get("error_description")
    detail = ": ".join(str(p) for p in (code, message) if p) or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    hint = _CODE_HINTS.get(code)
    if status == 429 or code == "HOURLY_APIINVOCATION_LIMIT_EXCEEDED":
        wait = f"retry after {retry_after:g} s" if retry_after is not None else "retry later"
        hint = f"rate limited by DocuSign; {wait}"
    elif hint is None:
        if status == 401:
            hint = _CODE_HINTS["USER_AUTHENTICATION_FAILED"]
        elif status == 403:
            hint = _CODE_HINTS["USER_LACKS_PERMISSIONS"]
        elif status == 404:
            hint = "check the envelope, template or document ID"
        elif status >= 500:
            hint = "DocuSign had a server error; retrying later may work"
        else:
            hint = "fix the values named in the message"
    return UpstreamError(f"DocuSign API error {status} on {method} {path}: {detail} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


# The account

def _api_host(base_uri):
    parsed = httpx.URL(str(base_uri or "").strip())
    host = parsed.host.lower()
    if parsed.scheme != "https" or not (host == API_DOMAIN or host.endswith("." + API_DOMAIN)):
        raise ActionError(f"DocuSign named the API host {base_uri!r}, not an https://…docusign.net address; reconnect DocuSign")
    return f"https://{parsed.host}"


async def account(ctx):
    """The chosen account (`{account_id, account_name, base_uri}`), found once per run."""
    chosen = getattr(ctx, "_docusign_account", None)
    if chosen:
        return chosen
    accounts = (await userinfo(ctx)).get("accounts") or []
    wanted = str(ctx.props.get("accountId") or "").strip()
    if wanted:
        match = [a for a in accounts if wanted in (a.get("account_id"), a.get("account_name"))]
        if not match:
            listing = ", ".join(f"{a.get('account_name')} ({a.get('account_id')})" for a in accounts)
            raise ActionError(f"account {wanted!r} is not one this DocuSign login belongs to: {listing or 'none'}")
        chosen = match[0]
    else:
        chosen = next((a for a in accounts if a.get("is_default")), accounts[0] if accounts else None)
        if chosen is None:
            raise ActionError("the DocuSign login belongs to no eSignature account; the user should reconnect DocuSign")
    ctx._docusign_account = chosen
    return chosen


async def request(ctx, method, path, **kw):
    """A call below the account's `/restapi/v2.1/accounts/{accountId}`; the raw response."""
    acct = await account(ctx)
    url = f"{_api_host(acct.get('base_uri'))}/restapi/v2.1/accounts/{quote(str(acct.get('account_id')), safe='')}{path}"
    response = await ctx.http.request(method, url, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise docusign_error(method, path, response)
    return response


async def api(ctx, method, path, **kw):
    response = await request(ctx, method, path, **kw)
    return response.json() if response.content else {}


def seg(value, what):
    text = str(value or "").strip()
    if not text:
        raise ActionError(f"the {what} is empty")
    return quote(text, safe="")


def start_position(cursor):
    if not cursor:
        return 0
    try:
        return max(0, int(cursor))
    except ValueError:
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged") from None


def next_position(page, start):
    """The start of the page after `page`, or None at the end."""
    try:
        total = int(page.get("totalSetSize") or 0)
        size = int(page.get("resultSetSize") or 0)
    except (TypeError, ValueError):
        return None
    following = start + size
    return str(following) if size and following < total else None


# Summaries

def envelope_summary(envelope):
    return {
        "envelope_id": envelope.get("envelopeId"),
        "status": envelope.get("status"),
        "email_subject": envelope.get("emailSubject"),
        "sender": (envelope.get("sender") or {}).get("email"),
        "created": envelope.get("createdDateTime"),
        "sent": envelope.get("sentDateTime"),
        "completed": envelope.get("completedDateTime"),
        "voided_reason": envelope.get("voidedReason"),
        "status_changed": envelope.get("statusChangedDateTime"),
    }


def recipient_summary(kind, recipient):
    return {
        "type": kind,
        "recipient_id": recipient.get("recipientId"),
        "name": recipient.get("name"),
        "email": recipient.get("email"),
        "role_name": recipient.get("roleName"),
        "routing_order": recipient.get("routingOrder"),
        "status": recipient.get("status"),
        "delivered": recipient.get("deliveredDateTime"),
        "signed": recipient.get("signedDateTime"),
        "declined_reason": recipient.get("declinedReason"),
    }


RECIPIENT_KINDS = ("signers", "carbonCopies", "certifiedDeliveries", "inPersonSigners", "agents", "editors",
                   "intermediaries", "witnesses", "notaries", "seals")


def recipients_list(recipients):
    return [recipient_summary(kind, r) for kind in RECIPIENT_KINDS for r in (recipients or {}).get(kind) or []]


def template_summary(template):
    return {
        "template_id": template.get("templateId"),
        "name": template.get("name"),
        "description": template.get("description"),
        "email_subject": template.get("emailSubject"),
        "shared": template.get("shared"),
        "folder": template.get("folderName"),
        "owner": (template.get("owner") or {}).get("email"),
        "last_modified": template.get("lastModified"),
    }


# Shared props

async def _account_options(ctx):
    accounts = (await userinfo(ctx)).get("accounts") or []
    return [Option(label=f"{a.get('account_name')}{' (default)' if a.get('is_default') else ''}", value=a["account_id"])
            for a in accounts]


async def _template_options(ctx):
    start = int(ctx.prev_context.get("start") or 0)
    page = await api(ctx, "GET", "/templates", params={"count": 100, "start_position": start, "order_by": "name"})
    options = [Option(label=t.get("name") or t["templateId"], value=t["templateId"]) for t in page.get("envelopeTemplates") or []]
    following = next_position(page, start)
    return OptionsPage(options=options, context={"start": int(following)} if following else None)


# Envelopes to choose from are those changed in this many days.
_RECENT_DAYS = 90


async def _envelope_options(ctx):
    start = int(ctx.prev_context.get("start") or 0)
    since = (datetime.now(timezone.utc) - timedelta(days=_RECENT_DAYS)).strftime("%Y-%m-%d")
    page = await api(ctx, "GET", "/envelopes", params={"from_date": since, "count": 100, "start_position": start,
                                                       "order_by": "last_modified", "order": "desc"})
    options = [Option(label=f"{e.get('emailSubject') or e['envelopeId']} ({e.get('status')})", value=e["envelopeId"])
               for e in page.get("envelopes") or []]
    following = next_position(page, start)
    return OptionsPage(options=options, context={"start": int(following)} if following else None)


app.define(
    "accountId",
    props.string(
        "Account",
        "The DocuSign account to work in, by its account ID (a GUID). Leave empty for the user's default account; only "
        "people who belong to several accounts need this.",
        options=_account_options,
        optional=True,
    ),
)

app.define(
    "envelopeId",
    props.string(
        "Envelope ID",
        "The envelope's ID, a GUID like `93be49ab-8f2c-4d5e-9a01-6c4c1d0e7b11`, from docusign-list-envelope-status-changes "
        "or the result of docusign-send-envelope-from-template / docusign-send-envelope-from-document. The choices are "
        "envelopes changed in the last 90 days, newest first.",
        options=_envelope_options,
    ),
)

app.define(
    "templateId",
    props.string(
        "Template",
        "The template's ID, a GUID, from docusign-list-templates (or the template's page in DocuSign: Templates, then "
        "the template, its ID is in the URL).",
        options=_template_options,
    ),
)
