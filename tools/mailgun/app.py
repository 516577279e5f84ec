"""Mailgun: send email from a sending domain, and read what happened to it: events, suppressions,
mailing lists and address validation."""

import base64
import json
from datetime import datetime, timezone
from email.utils import format_datetime
from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds

US = "https://api.mailgun.net"
EU = "https://api.eu.mailgun.net"


def base(ctx):
    """The API host of the account's region; a domain lives in one region and is only seen there."""
    region = str(ctx.auth.get("region") or "us").strip().lower()
    if region not in ("us", "eu"):
        raise ActionError(f"the account's region {region!r} must be `us` or `eu`; reconnect Mailgun with one of them")
    return EU if region == "eu" else US


def _headers(auth):
    key = auth.get("api_key")
    if not key:
        return {}
    return {"Authorization": "Basic " + base64.b64encode(f"api:{key}".encode()).decode(), "Accept": "application/json"}


async def _account_test(ctx):
    """One domain of the account (`GET /v4/domains`), which proves the key and the region."""
    await api(ctx, "GET", "/v4/domains", params={"limit": 1})
    return None


app = App(
    "mailgun",
    "Mailgun",
    "Send email through Mailgun from the account's sending domains, and look up delivery events, bounces, "
    "unsubscribes and complaints, mailing lists and their members, and whether an address is deliverable.",
    auth=Keys([
        KeyField("api_key", "API Key", "A Mailgun account API key: in Mailgun, open API Security (Account Settings, API keys)."),
        KeyField("region", "Region", "Where the account's domains are: `us` (the default) or `eu`.", secret=False,
                 optional=True, default="us"),
    ]),
    categories=["Email"],
    featured_weight=50,
    base_url=US,
    allowed_domains=["api.mailgun.net", "api.eu.mailgun.net"],
    auth_headers=_headers,
    test=_account_test,
)


# Errors: Mailgun answers `{"message": "..."}` (a 401 is plain text); the message says what went wrong.

_MESSAGE_HINTS = (
    ("authorized recipients", "a sandbox domain sends only to the recipients authorized in Mailgun; authorize the "
                              "address there or send from a verified domain"),
    ("not allowed to send", "this domain may not send yet; verify it in Mailgun (mailgun-get-domain shows its DNS records)"),
    ("domain not found", "the account has no such domain in this region; list them with mailgun-list-domains, or check "
                         "the account's region (`us` or `eu`)"),
    ("not a valid address", "an address is not valid; write it as `bob@example.com` or `Bob <bob@example.com>`"),
    ("template not found", "the domain has no template of that name; check its name in Mailgun under Send, Templates"),
    ("mailing list", "check the list's address with mailgun-list-mailing-lists"),
    ("member already exists", "that address is on the list already; set upsert to update it"),
)


def mailgun_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    message = (data.get("message") if isinstance(data, dict) else None) or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    hint = next((h for needle, h in _MESSAGE_HINTS if needle in message.lower()), None)
    if status == 429:
        hint = f"rate limited by Mailgun; {'retry after %g s' % retry_after if retry_after is not None else 'retry in a minute'}"
    elif hint is None:
        if status == 401:
            hint = "Mailgun rejected the API key; the user should reconnect Mailgun with an account API key"
        elif status == 403:
            hint = "the key or the plan does not allow this (a domain sending key can only send; validation needs a paid plan)"
        elif status == 404:
            hint = "nothing has that name here; check the domain or list, and the account's region"
        elif status >= 500:
            hint = "Mailgun had a server error; retrying later may work"
        else:
            hint = "fix the values named in the message"
    return UpstreamError(f"Mailgun API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, *, host=None, **kw):
    """A Mailgun call (`path` like `/v4/domains`, or a paging URL the API returned)."""
    url = path if path.startswith("https://") else f"{host or base(ctx)}{path}"
    response = await ctx.http.request(method, url, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise mailgun_error(method, path.split("?")[0], response)
    return response.json() if response.content else {}


def seg(value):
    return quote(str(value).strip(), safe="@")


async def url_page(ctx, path, *, limit, cursor, params=None):
    """One page of a list Mailgun pages with links: `cursor` is the `paging.next` link of the page before."""
    if cursor:
        prefix = f"{base(ctx)}{path}"
        if not cursor.startswith(prefix):
            raise ActionError(f"cursor {cursor!r} is not one this action returned for this list; pass a `next_cursor` unchanged")
        data = await api(ctx, "GET", cursor)
    else:
        data = await api(ctx, "GET", path, params={**(params or {}), "limit": limit})
    items = data.get("items") or []
    # Mailgun always links a next page; a short page is the last one.
    following = (data.get("paging") or {}).get("next") if len(items) >= limit else None
    return items, following


def yes_no(value):
    return "yes" if value else "no"


def epoch(value, name):
    """Seconds since 1970 for a date or time written in ISO 8601 (UTC when it names no zone)."""
    text = str(value).strip()
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ActionError(f"{name} {value!r} must be a date or time such as `2026-12-01` or `2026-12-01T09:30:00Z`") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return int(when.timestamp())


def rfc2822(value, name):
    """Mailgun takes delivery times in RFC 2822 form."""
    return format_datetime(datetime.fromtimestamp(epoch(value, name), timezone.utc))


def variables(value, name):
    if not isinstance(value, dict):
        raise ActionError(f"{name} must be an object, e.g. {{\"name\": \"Bob\"}}")
    return json.dumps(value, separators=(",", ":"))


# Summaries


def domain_summary(domain):
    return {
        "name": domain.get("name"),
        "id": domain.get("id"),
        "state": domain.get("state"),
        "type": domain.get("type"),
        "created_at": domain.get("created_at"),
        "disabled": domain.get("disabled"),
    }


def event_summary(event):
    message = event.get("message") or {}
    headers = message.get("headers") or {}
    status = event.get("delivery-status") or {}
    reject = event.get("reject") or {}
    timestamp = event.get("timestamp")
    return {
        "id": event.get("id"),
        "event": event.get("event"),
        "at": datetime.fromtimestamp(timestamp, timezone.utc).isoformat() if isinstance(timestamp, (int, float)) else None,
        "recipient": event.get("recipient") or headers.get("to"),
        "from": headers.get("from"),
        "subject": headers.get("subject"),
        "message_id": headers.get("message-id"),
        "severity": event.get("severity"),
        "reason": event.get("reason") or reject.get("reason") or None,
        "delivery_message": status.get("message") or status.get("description") or None,
        "tags": event.get("tags"),
        "url": event.get("url"),
    }


def list_summary(mailing_list):
    return {
        "address": mailing_list.get("address"),
        "name": mailing_list.get("name"),
        "description": mailing_list.get("description"),
        "members_count": mailing_list.get("members_count"),
        "access_level": mailing_list.get("access_level"),
        "created_at": mailing_list.get("created_at"),
    }


# Shared props and their choices


async def _domain_options(ctx):
    skip = ctx.prev_context.get("skip") or 0
    data = await api(ctx, "GET", "/v4/domains", params={"limit": 100, "skip": skip})
    domains = data.get("items") or []
    following = skip + len(domains)
    more = domains and following < (data.get("total_count") or 0)
    return OptionsPage(options=[Option(label=f"{d['name']} ({d.get('state')})", value=d["name"]) for d in domains],
                       context={"skip": following} if more else None)


async def _list_options(ctx):
    cursor = ctx.prev_context.get("next")
    items, following = await url_page(ctx, "/v3/lists/pages", limit=100, cursor=cursor)
    options = [Option(label=f"{m.get('name')} <{m['address']}>" if m.get("name") else m["address"], value=m["address"])
               for m in items]
    return OptionsPage(options=options, context={"next": following} if following else None)


app.define(
    "domain",
    props.string(
        "Domain",
        "A sending domain of the account, e.g. `mg.example.com`, from mailgun-list-domains or the Domains page in Mailgun.",
        options=_domain_options,
    ),
)

app.define(
    "listAddress",
    props.string(
        "Mailing List",
        "The mailing list's address, e.g. `news@mg.example.com`, from mailgun-list-mailing-lists.",
        options=_list_options,
    ),
)
