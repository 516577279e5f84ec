"""Mailchimp Marketing API 3.0: audiences, their members and tags, campaigns and their reports."""

import hashlib
import re
from collections import OrderedDict
from datetime import datetime
from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, UpstreamError, props, retry_after_seconds

LOGIN = "https://login.mailchimp.com"
METADATA = f"{LOGIN}/oauth2/metadata"
# Each account lives in one data center (`us6`, `us19`...), the first label of its API host.
API_DOMAIN = "api.mailchimp.com"
_DC = re.compile(r"^[a-z]+[0-9]+$")

# Where an account's data lives.
#
# Mailchimp's token response names no data center. An account that carries `dc` uses it;
# otherwise the OAuth metadata endpoint says, and the answer is remembered per access token.

_DATA_CENTERS: "OrderedDict[str, str]" = OrderedDict()
_MAX_REMEMBERED = 1000


def _token_key(ctx):
    return hashlib.sha256(str(ctx.auth.get("oauth_access_token") or "").encode()).hexdigest()


def _checked_dc(value):
    dc = str(value or "").strip().lower()
    if not _DC.match(dc):
        raise ActionError(f"the Mailchimp data center {value!r} is not one like `us6`; reconnect the Mailchimp account")
    return dc


async def metadata(ctx):
    """Who the token belongs to and where the account's data lives (`dc`, `api_endpoint`)."""
    token = ctx.auth.get("oauth_access_token") or ""
    # The metadata endpoint takes the token in Mailchimp's own `OAuth` scheme.
    response = await ctx.http.request("GET", METADATA, headers={"Authorization": f"OAuth {token}"}, raise_for_status=False)
    if response.status_code >= 400:
        raise mailchimp_error("GET", METADATA, response)
    return response.json()


def _remember(ctx, dc):
    key = _token_key(ctx)
    _DATA_CENTERS[key] = dc
    _DATA_CENTERS.move_to_end(key)
    while len(_DATA_CENTERS) > _MAX_REMEMBERED:
        _DATA_CENTERS.popitem(last=False)


async def api_root(ctx):
    """`https://<dc>.api.mailchimp.com/3.0` for the account."""
    if ctx.auth.get("dc"):
        return f"https://{_checked_dc(ctx.auth['dc'])}.{API_DOMAIN}/3.0"
    key = _token_key(ctx)
    if key not in _DATA_CENTERS:
        _remember(ctx, _checked_dc((await metadata(ctx)).get("dc")))
    return f"https://{_DATA_CENTERS[key]}.{API_DOMAIN}/3.0"


async def _account_test(ctx):
    info = await metadata(ctx)
    _remember(ctx, _checked_dc(info.get("dc")))
    login = info.get("login") or {}
    user_id = info.get("user_id")
    return Identity(name=info.get("accountname") or login.get("login_email") or login.get("login_name"),
                    external_id=None if user_id is None else str(user_id))


app = App(
    "mailchimp",
    "Mailchimp",
    "Manage Mailchimp audiences: add, update, find, tag and archive their contacts; create campaigns, set their "
    "content, send or schedule them, and read how they performed.",
    auth=OAuth(
        authorize_url=f"{LOGIN}/oauth2/authorize",
        token_url=f"{LOGIN}/oauth2/token",
    ),
    categories=["Marketing", "Email"],
    featured_weight=70,
    base_url=LOGIN,
    allowed_domains=[API_DOMAIN],
    test=_account_test,
)


# Errors: Mailchimp answers with a problem document, `{"title", "status", "detail", "errors": [...]}`.

_TITLE_HINTS = {
    "Member Exists": "that address is already in the audience; use mailchimp-add-or-update-member, which updates it",
    "Forgotten Email Not Subscribed": "the contact was permanently deleted and cannot be re-added by the API; "
                                      "they must sign up again through a Mailchimp form",
    "Member In Compliance State": "the contact unsubscribed or was cleaned; send status `pending` to ask them to "
                                  "confirm again instead of `subscribed`",
    "Invalid Resource": "some values are not what Mailchimp expects; see the fields named",
    "Resource Not Found": "nothing has that ID in this Mailchimp account; look it up with mailchimp-list-audiences, "
                          "mailchimp-search-members or mailchimp-list-campaigns",
    "API Key Invalid": "Mailchimp rejected the token; the user should reconnect Mailchimp",
    "Wrong Datacenter": "the request went to the wrong data center; reconnect the Mailchimp account",
    "User Disabled": "the Mailchimp account is disabled; the user should check it in Mailchimp",
    "Compliance Related": "Mailchimp holds this account for a compliance review; the user should check it in Mailchimp",
}


def mailchimp_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    data = data if isinstance(data, dict) else {}
    title = data.get("title")
    detail = data.get("detail") or response.text[:300] or response.reason_phrase
    fields = [f"{e.get('field') or '(body)'}: {e.get('message')}" for e in data.get("errors") or [] if isinstance(e, dict)]
    if fields:
        detail = f"{detail} ({'; '.join(fields[:5])})"
    retry_after = retry_after_seconds(response)
    if status == 429:
        wait = f"retry after {retry_after:g} s" if retry_after is not None else "retry in a few seconds"
        hint = f"rate limited by Mailchimp (10 requests at once at most); {wait}"
    elif title in _TITLE_HINTS:
        hint = _TITLE_HINTS[title]
    elif status == 401:
        hint = _TITLE_HINTS["API Key Invalid"]
    elif status == 403:
        hint = "the connected Mailchimp user's role may not do this"
    elif status == 404:
        hint = _TITLE_HINTS["Resource Not Found"]
    elif status >= 500:
        hint = "Mailchimp had a server error; retrying later may work"
    else:
        hint = "fix the values named in the message"
    shown = f"{title}: {detail}" if title else detail
    return UpstreamError(f"Mailchimp API error {status} on {method} {path}: {shown} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    """A Marketing API call below `/3.0` (`path` like `/lists`); `{}` for an empty answer."""
    response = await ctx.http.request(method, f"{await api_root(ctx)}{path}", raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise mailchimp_error(method, path, response)
    return response.json() if response.content else {}


async def page(ctx, path, key, *, limit, cursor, params=None):
    """One page of a Mailchimp list (offset paging, behind an opaque cursor)."""
    offset = _offset(cursor)
    data = await api(ctx, "GET", path, params={**(params or {}), "count": limit, "offset": offset})
    records = data.get(key) or []
    total = data.get("total_items") or 0
    following = offset + len(records)
    return {key: records, "total": total, "next_cursor": str(following) if records and following < total else None}


def _offset(cursor):
    if not cursor:
        return 0
    try:
        return max(0, int(cursor))
    except ValueError:
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged") from None


def seg(value):
    return quote(str(value).strip(), safe="")


def subscriber_hash(value):
    """A member's ID: the MD5 of the lowercased address, or the ID itself when given one."""
    text = str(value or "").strip()
    if re.fullmatch(r"[0-9a-fA-F]{32}", text):
        return text.lower()
    if "@" not in text:
        raise ActionError(f"{value!r} is neither an email address nor a member ID (32 hex characters)")
    return hashlib.md5(text.lower().encode()).hexdigest()


def quarter_hour(value):
    """Mailchimp schedules on the quarter hour only; say so before it refuses."""
    text = str(value or "").strip()
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ActionError(f"scheduleTime {value!r} must be an ISO 8601 time such as `2026-12-24T09:15:00Z`") from None
    if when.tzinfo is None:
        raise ActionError(f"scheduleTime {value!r} needs a time zone, e.g. `2026-12-24T09:15:00Z` or `+01:00`")
    if when.minute % 15 or when.second:
        raise ActionError(f"scheduleTime {value!r} must fall on a quarter hour (:00, :15, :30 or :45)")
    return text


# Summaries


def audience_summary(audience):
    stats = audience.get("stats") or {}
    return {
        "id": audience.get("id"),
        "web_id": audience.get("web_id"),
        "name": audience.get("name"),
        "member_count": stats.get("member_count"),
        "unsubscribe_count": stats.get("unsubscribe_count"),
        "campaign_count": stats.get("campaign_count"),
        "last_sub_date": stats.get("last_sub_date"),
        "double_optin": audience.get("double_optin"),
        "date_created": audience.get("date_created"),
        "subscribe_url_short": audience.get("subscribe_url_short"),
    }


def member_summary(member):
    return {
        "id": member.get("id"),
        "email_address": member.get("email_address"),
        "full_name": member.get("full_name"),
        "status": member.get("status"),
        "list_id": member.get("list_id"),
        "merge_fields": member.get("merge_fields"),
        "tags": [t.get("name") for t in member.get("tags") or [] if isinstance(t, dict)],
        "vip": member.get("vip"),
        "member_rating": member.get("member_rating"),
        "timestamp_opt": member.get("timestamp_opt"),
        "last_changed": member.get("last_changed"),
    }


def campaign_summary(campaign):
    settings = campaign.get("settings") or {}
    recipients = campaign.get("recipients") or {}
    return {
        "id": campaign.get("id"),
        "web_id": campaign.get("web_id"),
        "type": campaign.get("type"),
        "status": campaign.get("status"),
        "title": settings.get("title"),
        "subject_line": settings.get("subject_line"),
        "from_name": settings.get("from_name"),
        "reply_to": settings.get("reply_to"),
        "list_id": recipients.get("list_id"),
        "list_name": recipients.get("list_name"),
        "recipient_count": recipients.get("recipient_count"),
        "emails_sent": campaign.get("emails_sent"),
        "create_time": campaign.get("create_time"),
        "send_time": campaign.get("send_time") or None,
        "archive_url": campaign.get("archive_url"),
    }


# Shared props and their choices


async def _audience_options(ctx):
    offset = ctx.prev_context.get("offset") or 0
    data = await api(ctx, "GET", "/lists", params={"fields": "lists.id,lists.name,total_items", "count": 100, "offset": offset})
    audiences = data.get("lists") or []
    following = offset + len(audiences)
    more = audiences and following < (data.get("total_items") or 0)
    return OptionsPage(options=[Option(label=a.get("name") or a["id"], value=a["id"]) for a in audiences],
                       context={"offset": following} if more else None)


async def _member_options(ctx):
    if not ctx.props.get("listId"):
        raise ActionError("choose the audience (listId) first; the contacts to choose from are in it")
    offset = ctx.prev_context.get("offset") or 0
    data = await api(ctx, "GET", f"/lists/{seg(ctx.props.listId)}/members", params={
        "fields": "members.email_address,members.full_name,total_items", "count": 100, "offset": offset})
    members = data.get("members") or []
    following = offset + len(members)
    more = members and following < (data.get("total_items") or 0)
    options = [Option(label=f"{m['full_name']} <{m['email_address']}>" if m.get("full_name") else m["email_address"],
                      value=m["email_address"]) for m in members]
    return OptionsPage(options=options, context={"offset": following} if more else None)


async def _campaign_options(ctx):
    offset = ctx.prev_context.get("offset") or 0
    data = await api(ctx, "GET", "/campaigns", params={
        "fields": "campaigns.id,campaigns.status,campaigns.settings.title,campaigns.settings.subject_line,total_items",
        "sort_field": "create_time", "sort_dir": "DESC", "count": 100, "offset": offset})
    campaigns = data.get("campaigns") or []
    following = offset + len(campaigns)
    more = campaigns and following < (data.get("total_items") or 0)
    options = []
    for c in campaigns:
        settings = c.get("settings") or {}
        name = settings.get("title") or settings.get("subject_line") or c["id"]
        options.append(Option(label=f"{name} ({c.get('status')})", value=c["id"]))
    return OptionsPage(options=options, context={"offset": following} if more else None)


app.define(
    "listId",
    props.string(
        "Audience",
        "The audience's list ID, e.g. `4ca5becb8d`, from mailchimp-list-audiences (its `id`), or in Mailchimp under "
        "Audience, Settings, Audience name and defaults. This is not the `web_id` in the page's URL.",
        options=_audience_options,
    ),
)

app.define(
    "email",
    props.string(
        "Contact",
        "The contact's email address, e.g. `bob@example.com`, or their member `id` (32 hex characters) from "
        "mailchimp-search-members.",
        options=_member_options,
    ),
)

app.define(
    "campaignId",
    props.string(
        "Campaign",
        "The campaign's ID, e.g. `42694e9e57`, from mailchimp-list-campaigns or mailchimp-create-campaign (its `id`).",
        options=_campaign_options,
    ),
)
