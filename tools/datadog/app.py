"""Datadog (API v1 and v2, with an API key and an application key): logs, metrics, monitors, events, dashboards."""

import re

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds

SITES = ["datadoghq.com", "us3.datadoghq.com", "us5.datadoghq.com", "datadoghq.eu", "ap1.datadoghq.com", "ap2.datadoghq.com",
         "ddog-gov.com"]

_SITE = re.compile(r"^(?:[a-z0-9-]+\.)*(?:datadoghq\.com|datadoghq\.eu|ddog-gov\.com)$")


def _headers(auth):
    headers = {"Accept": "application/json"}
    if auth.get("api_key"):
        headers["DD-API-KEY"] = auth["api_key"]
    if auth.get("application_key"):
        headers["DD-APPLICATION-KEY"] = auth["application_key"]
    return headers


async def _account_test(ctx):
    """Whether the API key is valid (`GET /api/v1/validate`), then the application key, by reading one monitor."""
    site = str(ctx.auth.get("site") or "")
    if site.startswith("app.") or not _SITE.match(site):
        raise ActionError(f"site {site!r} is not a Datadog site; use one of {', '.join(SITES)} (the part after `app.` "
                          "in the address you log in at)")
    await api(ctx, "GET", "/api/v1/validate")
    await api(ctx, "GET", "/api/v1/monitor", params={"page": 0, "page_size": 1})
    return Identity(name=f"Datadog ({site})")


app = App(
    "datadog",
    "Datadog",
    "Search Datadog logs, query metric time series, read monitors and mute them with downtimes, post events to the "
    "event stream, and list dashboards in the connected Datadog organization.",
    auth=Keys([
        KeyField("api_key", "API Key", "A Datadog API key: Organization Settings > API Keys."),
        KeyField("application_key", "Application Key",
                 "A Datadog application key (it acts as the user who made it): Organization Settings > Application Keys."),
    ]),
    custom_fields=[
        KeyField("site", "Site",
                 "Your Datadog site, from the address you log in at: `datadoghq.com` (US1, app.datadoghq.com), "
                 "`us3.datadoghq.com`, `us5.datadoghq.com`, `datadoghq.eu`, `ap1.datadoghq.com` or `ddog-gov.com`.",
                 secret=False),
    ],
    categories=["Developer Tools"],
    featured_weight=50,
    base_url="https://api.{{custom_fields.site}}",
    allowed_domains=["api.{{custom_fields.site}}"],
    auth_headers=_headers,
    test=_account_test,
)


# Errors: Datadog answers `{"errors": ["..."]}` (v1 and most of v2), or JSON:API error objects
# `{"errors": [{"status", "title", "detail"}]}`.


def _retry_after(response):
    # Datadog's X-RateLimit-Reset counts the seconds until the limit resets, not a time.
    reset = response.headers.get("x-ratelimit-reset")
    try:
        return max(0.0, float(reset)) if reset else retry_after_seconds(response)
    except ValueError:
        return retry_after_seconds(response)


def datadog_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    parts = []
    for error in (data.get("errors") if isinstance(data, dict) else None) or []:
        if isinstance(error, dict):
            parts.append(": ".join(str(error[k]) for k in ("title", "detail") if error.get(k)))
        else:
            parts.append(str(error))
    message = "; ".join(p for p in parts if p) or response.text[:300] or response.reason_phrase
    retry_after = _retry_after(response) if status == 429 else None
    if status == 429:
        hint = f"rate limited by Datadog; {'retry after %g s' % retry_after if retry_after is not None else 'retry in a minute'}"
    elif status == 401:
        hint = "Datadog rejected the API key; reconnect with a current key and the right site"
    elif status == 403:
        hint = ("the application key is missing, wrong for this site, or its user (or its scopes) lacks the "
                "permission this needs; check the keys and the site, or use a key of a user who has the permission")
    elif status == 404:
        hint = "nothing has that ID in this Datadog organization; find IDs with the list actions"
    elif status >= 500:
        hint = "Datadog had a server error; retrying later may work"
    else:
        hint = "fix the query or the values named in the message"
    return UpstreamError(f"Datadog API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise datadog_error(method, path, response)
    return response.json() if response.content else {}


def monitor_summary(monitor):
    return {
        "id": monitor.get("id"),
        "name": monitor.get("name"),
        "type": monitor.get("type"),
        "query": monitor.get("query"),
        "overall_state": monitor.get("overall_state"),
        "message": monitor.get("message"),
        "tags": monitor.get("tags"),
        "priority": monitor.get("priority"),
        "modified": monitor.get("modified"),
    }


async def _monitor_options(ctx):
    page_number = ctx.prev_context.get("page") or 0
    monitors = await api(ctx, "GET", "/api/v1/monitor", params={"page": page_number, "page_size": 100})
    options = [Option(label=m.get("name") or str(m["id"]), value=m["id"]) for m in monitors or []]
    return OptionsPage(options=options, context={"page": page_number + 1} if len(monitors or []) == 100 else None)


app.define(
    "monitorId",
    props.integer(
        "Monitor",
        "The monitor's numeric ID, e.g. `12345678`: the `id` from datadog-list-monitors, or the number in the "
        "monitor's address (app.datadoghq.com/monitors/12345678).",
        min=1,
        options=_monitor_options,
    ),
)


def offset(cursor):
    if not cursor:
        return 0
    try:
        return max(0, int(cursor))
    except ValueError:
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged") from None
