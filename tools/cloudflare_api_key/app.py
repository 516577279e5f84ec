"""Cloudflare (API v4, with an API token): zones, DNS records, cache purges and Workers scripts."""

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API = "https://api.cloudflare.com/client/v4"


def _headers(auth):
    token = auth.get("api_token")
    return {"Authorization": f"Bearer {token}"} if token else {}


async def _account_test(ctx):
    """The token's own record (`GET /user/tokens/verify`): it works for any token, whatever its permissions."""
    token = await api(ctx, "GET", "/user/tokens/verify")
    result = token.get("result") or {}
    return Identity(name=None, external_id=result.get("id"))


app = App(
    "cloudflare_api_key",
    "Cloudflare",
    "Manage Cloudflare zones with an API token: look up zones, list, create, change and delete their DNS records, "
    "purge cached files, and list the account's Workers scripts.",
    auth=Keys([
        KeyField(
            "api_token",
            "API Token",
            "A Cloudflare API token: in the Cloudflare dashboard, My Profile > API Tokens > Create Token. Give it "
            "Zone:Read and DNS:Edit (and Cache Purge, Workers Scripts:Read if those actions are used).",
        )
    ]),
    categories=["Developer Tools"],
    featured_weight=50,
    base_url=API,
    allowed_domains=["api.cloudflare.com"],
    auth_headers=_headers,
    test=_account_test,
)


# Errors: Cloudflare answers `{"success": false, "errors": [{"code": n, "message": "..."}], ...}`.

_CODE_HINTS = {
    9109: "the API token is not valid or lacks the permission for this; give the token the needed permission "
          "(e.g. DNS:Edit for the zone) in My Profile > API Tokens, or reconnect with another token",
    10000: "Cloudflare did not accept the API token for this; check that it is current and has the permission "
           "this call needs on this zone or account",
    6003: "the request headers are not valid; reconnect Cloudflare with an API token (not the Global API Key)",
    7003: "no zone, record or account has that ID; find zone IDs with cloudflare_api_key-list-zones and record "
          "IDs with cloudflare_api_key-list-dns-records",
    81044: "no DNS record has that ID in this zone; list them with cloudflare_api_key-list-dns-records",
    81053: "a record with that name already exists and conflicts with this one (a CNAME cannot share its name); "
           "change the existing record with cloudflare_api_key-update-dns-record instead",
    81057: "an identical record already exists; nothing needs to be created",
    1004: "the DNS record is not valid; check its type, name and content (an A record needs an IPv4 address)",
    971: "Cloudflare is throttling these requests; wait a minute before retrying",
}


def cloudflare_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    errors = [e for e in (data.get("errors") if isinstance(data, dict) else None) or [] if isinstance(e, dict)]
    message = "; ".join(f"{e.get('code')}: {e.get('message')}" for e in errors) or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    hint = next((_CODE_HINTS[e["code"]] for e in errors if e.get("code") in _CODE_HINTS), None)
    if status == 429:
        hint = f"rate limited by Cloudflare; {'retry after %g s' % retry_after if retry_after is not None else 'retry in a minute'}"
    elif hint is None and status in (401, 403):
        hint = _CODE_HINTS[10000]
    elif hint is None and status == 404:
        hint = _CODE_HINTS[7003]
    elif hint is None and status >= 500:
        hint = "Cloudflare had a server error; retrying later may work"
    elif hint is None:
        hint = "fix the values named in the message"
    return UpstreamError(f"Cloudflare API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise cloudflare_error(method, path, response)
    data = response.json() if response.content else {}
    # The body's `success` flag is the API's own verdict on the call.
    if isinstance(data, dict) and data.get("success") is False:
        raise cloudflare_error(method, path, response)
    return data


def _offset(cursor):
    if not cursor:
        return 0
    try:
        return max(0, int(cursor))
    except ValueError:
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged") from None


async def collect(ctx, path, *, limit, cursor, per_page, params=None):
    """Up to `limit` records of a Cloudflare list from the offset in `cursor`, reading pages of a fixed size
    so that the offset maps to a page whatever the limit."""
    offset = _offset(cursor)
    records, total, skip = [], 0, offset % per_page
    page_number = offset // per_page + 1
    while len(records) < limit:
        data = await api(ctx, "GET", path, params={**(params or {}), "page": page_number, "per_page": per_page})
        batch = data.get("result") or []
        info = data.get("result_info") or {}
        total = info.get("total_count") or 0
        records.extend(batch[skip:])
        skip = 0
        if len(batch) < per_page or page_number >= (info.get("total_pages") or 0):
            break
        page_number += 1
    records = records[:limit]
    following = offset + len(records)
    return records, total, (str(following) if records and following < total else None)


def zone_path(zone_id, *rest):
    zone = str(zone_id or "").strip()
    if not zone:
        raise ActionError("give the zone ID (zoneId), from cloudflare_api_key-list-zones")
    return "/".join([f"/zones/{zone}", *rest])


def zone_summary(zone):
    account = zone.get("account") or {}
    return {
        "id": zone.get("id"),
        "name": zone.get("name"),
        "status": zone.get("status"),
        "paused": zone.get("paused"),
        "type": zone.get("type"),
        "name_servers": zone.get("name_servers"),
        "plan": (zone.get("plan") or {}).get("name"),
        "account_id": account.get("id"),
        "account_name": account.get("name"),
        "modified_on": zone.get("modified_on"),
    }


def record_summary(record):
    return {
        "id": record.get("id"),
        "type": record.get("type"),
        "name": record.get("name"),
        "content": record.get("content"),
        "ttl": record.get("ttl"),
        "proxied": record.get("proxied"),
        "priority": record.get("priority"),
        "comment": record.get("comment"),
        "modified_on": record.get("modified_on"),
    }


async def _zone_options(ctx):
    page_number = ctx.prev_context.get("page") or 1
    data = await api(ctx, "GET", "/zones", params={"page": page_number, "per_page": 50})
    options = [Option(label=z.get("name") or z["id"], value=z["id"]) for z in data.get("result") or []]
    more = page_number < ((data.get("result_info") or {}).get("total_pages") or 0)
    return OptionsPage(options=options, context={"page": page_number + 1} if more else None)


async def _record_options(ctx):
    if not ctx.props.get("zoneId"):
        raise ActionError("choose the zone (zoneId) first; the records to choose from are in it")
    page_number = ctx.prev_context.get("page") or 1
    data = await api(ctx, "GET", zone_path(ctx.props.zoneId, "dns_records"), params={"page": page_number, "per_page": 100})
    options = [Option(label=f"{r.get('type')} {r.get('name')} → {r.get('content')}", value=r["id"]) for r in data.get("result") or []]
    more = page_number < ((data.get("result_info") or {}).get("total_pages") or 0)
    return OptionsPage(options=options, context={"page": page_number + 1} if more else None)


async def _account_options(ctx):
    page_number = ctx.prev_context.get("page") or 1
    data = await api(ctx, "GET", "/accounts", params={"page": page_number, "per_page": 50})
    options = [Option(label=a.get("name") or a["id"], value=a["id"]) for a in data.get("result") or []]
    more = page_number < ((data.get("result_info") or {}).get("total_pages") or 0)
    return OptionsPage(options=options, context={"page": page_number + 1} if more else None)


app.define(
    "zoneId",
    props.string(
        "Zone",
        "The zone's ID (32 hex characters, e.g. `023e105f4ecef8ad9ca31a8372d0c353`): the `id` from "
        "cloudflare_api_key-list-zones, or Zone ID on the zone's Overview page in the dashboard.",
        options=_zone_options,
    ),
)

app.define(
    "recordId",
    props.string(
        "DNS Record",
        "The DNS record's ID (32 hex characters), the `id` from cloudflare_api_key-list-dns-records.",
        options=_record_options,
    ),
)

app.define(
    "accountId",
    props.string(
        "Account",
        "The Cloudflare account's ID (32 hex characters): the `account_id` of a zone from cloudflare_api_key-list-zones, "
        "or the part after dash.cloudflare.com/ in the dashboard's address.",
        options=_account_options,
    ),
)

RECORD_TYPES = ["A", "AAAA", "CNAME", "MX", "TXT", "NS", "SRV", "CAA", "PTR", "HTTPS", "SVCB"]
