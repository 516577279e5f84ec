"""Apify (API v2): run Actors (scrapers and automations) and read what they produced."""

import re
from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API = "https://api.apify.com/v2"

# Dataset items are cut here in trimmed results; Full Response keeps them whole.
MAX_ITEM_CHARS = 4_000


def _headers(auth):
    return {"Authorization": f"Bearer {auth['api_token']}"} if auth.get("api_token") else {}


async def _account_test(ctx):
    """The token's user (`GET /users/me`)."""
    user = (await api(ctx, "GET", "/users/me")).get("data") or {}
    return Identity(name=user.get("username"), external_id=user.get("id"))


app = App(
    "apify",
    "Apify",
    "Run Apify Actors (ready-made web scrapers and automations from Apify Store, or the user's own) with an input, "
    "follow their runs, and read the items they collected.",
    auth=Keys([KeyField("api_token", "API Token", "A personal API token from Apify Console > Settings > API & Integrations.")]),
    categories=["Developer Tools", "AI"],
    featured_weight=45,
    base_url=API,
    allowed_domains=["api.apify.com"],
    auth_headers=_headers,
    test=_account_test,
)


_TYPE_HINTS = {
    "record-not-found": "nothing has that ID: Actors are `username~actor-name` or their ID (apify-find-actors), runs "
                        "and datasets come from apify-run-actor",
    "actor-not-found": "no Actor has that name: find it with apify-find-actors; names are written `username~actor-name`",
    "invalid-input": "the Actor rejected the input; its Store page lists the input fields it takes",
    "not-enough-usage-to-run-paid-actor": "the Apify plan has no usage left for this paid Actor; top up or pick another",
    "user-or-token-not-found": "Apify rejected the API token; the user should reconnect Apify with a valid token",
}


def apify_error(method, path, response):
    status = response.status_code
    try:
        error = (response.json() or {}).get("error") or {}
    except ValueError:
        error = {}
    kind, message = error.get("type"), error.get("message") or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    if status == 429:
        hint = f"rate limited by Apify; {'retry after %g s' % retry_after if retry_after is not None else 'retry in a minute'}"
    elif kind in _TYPE_HINTS:
        hint = _TYPE_HINTS[kind]
    elif status == 401:
        hint = _TYPE_HINTS["user-or-token-not-found"]
    elif status == 404:
        hint = _TYPE_HINTS["record-not-found"]
    elif status >= 500:
        hint = "Apify had a server error; retrying later may work"
    else:
        hint = "fix the values named in the message"
    return UpstreamError(f"Apify API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise apify_error(method, path, response)
    return response.json() if response.content else {}


_ACTOR = re.compile(r"^[A-Za-z0-9_.-]+([~/][A-Za-z0-9_.-]+)?$")


def actor_path(actor):
    """An Actor by ID or `username/actor-name` (the path form is `username~actor-name`)."""
    value = str(actor or "").strip().removeprefix("https://apify.com/")
    if not _ACTOR.match(value):
        raise ActionError(f"actor {actor!r} must be an Actor ID or `username/actor-name`, e.g. `apify/web-scraper`")
    return f"/acts/{quote(value.replace('/', '~'), safe='~')}"


def segment(value):
    return quote(str(value).strip(), safe="")


def run_summary(run):
    return {
        "run_id": run.get("id"), "actor_id": run.get("actId"), "status": run.get("status"),
        "started_at": run.get("startedAt"), "finished_at": run.get("finishedAt"),
        "dataset_id": run.get("defaultDatasetId"), "key_value_store_id": run.get("defaultKeyValueStoreId"),
        "usage_usd": run.get("usageTotalUsd"), "console_url": f"https://console.apify.com/actors/runs/{run.get('id')}",
    }


def cut_item(item):
    text = str(item)
    return item if len(text) <= MAX_ITEM_CHARS else {"cut": text[:MAX_ITEM_CHARS] + " [...]"}


async def page(ctx, path, *, limit, cursor, params=None):
    """One page of an Apify list, `{"data": {"total", "items"}}`, offset behind the cursor."""
    offset = int(cursor) if cursor and cursor.isdigit() else 0
    data = (await api(ctx, "GET", path, params={**(params or {}), "limit": limit, "offset": offset})).get("data") or {}
    items = data.get("items") or []
    following = offset + len(items)
    return items, (str(following) if items and following < (data.get("total") or 0) else None)


async def _actor_options(ctx):
    offset = ctx.prev_context.get("offset") or 0
    data = (await api(ctx, "GET", "/acts", params={"my": "true", "limit": 100, "offset": offset})).get("data") or {}
    items = data.get("items") or []
    options = [Option(label=a.get("title") or a.get("name"), value=f"{a.get('username')}/{a.get('name')}") for a in items]
    following = offset + len(items)
    return OptionsPage(options=options, context={"offset": following} if items and following < (data.get("total") or 0) else None)


app.define(
    "actor",
    props.string(
        "Actor",
        "The Actor to run: `username/actor-name` as in its Apify Store URL (e.g. `apify/website-content-crawler` for "
        "apify.com/apify/website-content-crawler), or its ID. apify-find-actors searches the Store; the choices list "
        "the user's own and recently used Actors.",
        options=_actor_options,
    ),
)

app.define(
    "runId",
    props.string("Run ID", "The `run_id` apify-run-actor returned, or one from apify-list-runs."),
)
