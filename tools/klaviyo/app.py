"""Klaviyo: profiles, lists, events, campaigns and metrics of the connected Klaviyo account."""

from urllib.parse import parse_qs, urlsplit

from mcp_gateway.catalog import (
    ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds, status_hint,
)

API = "https://a.klaviyo.com/api"
# Every request names the API revision it was written against; responses keep that shape.
REVISION = "2026-07-15"
JSON_API = "application/vnd.api+json"


def _headers(auth):
    key = auth.get("api_key")
    if not key:
        return {}
    return {"Authorization": f"Klaviyo-API-Key {key}", "revision": REVISION, "Accept": JSON_API}


async def _account_test(ctx):
    """The account the key belongs to (`GET /accounts`)."""
    accounts = (await api(ctx, "GET", "/accounts")).get("data") or []
    if not accounts:
        return None
    first = accounts[0]
    info = ((first.get("attributes") or {}).get("contact_information") or {})
    return Identity(name=info.get("organization_name") or info.get("default_sender_email"), external_id=first.get("id"))


app = App(
    "klaviyo",
    "Klaviyo",
    "Look up, create and update profiles in the connected Klaviyo account, add them to lists, record and read "
    "events (what people did), and list campaigns and metrics.",
    auth=Keys([
        KeyField(
            "api_key",
            "Private API Key",
            "A private API key (starts with `pk_`): in Klaviyo, Settings, then API keys, then Create Private API Key, "
            "with read access to what you will read and full access to profiles, lists and events to write them.",
        )
    ]),
    categories=["Marketing"],
    featured_weight=55,
    base_url=API,
    allowed_domains=["a.klaviyo.com"],
    auth_headers=_headers,
    test=_account_test,
)


# Errors: Klaviyo answers `{"errors": [{"code": "...", "title": "...", "detail": "...", "source": {...}}]}`.

_CODE_HINTS = {
    "not_authenticated": "Klaviyo rejected the API key; the user should reconnect Klaviyo with a private API key",
    "authentication_failed": "Klaviyo rejected the API key; the user should reconnect Klaviyo with a private API key",
    "permission_denied": "the private API key lacks the scope this needs; give the key access to it in Klaviyo and "
                         "reconnect",
    "not_found": "nothing has that ID in this Klaviyo account; find profiles with klaviyo-search-profiles and lists "
                 "with klaviyo-list-lists",
    "duplicate_profile": "a profile with that email, phone number or external ID already exists; "
                         "klaviyo-create-or-update-profile updates it instead",
    "invalid": "a value is not what Klaviyo expects; the message names the field",
}


def klaviyo_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    errors = data.get("errors") if isinstance(data, dict) else None
    first = errors[0] if isinstance(errors, list) and errors and isinstance(errors[0], dict) else {}
    message = first.get("detail") or first.get("title") or response.text[:300] or response.reason_phrase
    pointer = (first.get("source") or {}).get("pointer") if isinstance(first.get("source"), dict) else None
    if pointer:
        message = f"{message} (at {pointer})"
    retry_after = retry_after_seconds(response)
    hint = (None if status == 429 else _CODE_HINTS.get(first.get("code"))) or status_hint("Klaviyo", status, retry_after)
    return UpstreamError(f"Klaviyo API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, *, body=None, **kw):
    if body is not None:
        kw["json"] = body
        kw["headers"] = {"Content-Type": JSON_API}
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise klaviyo_error(method, path, response)
    return response.json() if response.content else {}


def _page_cursor(link):
    """The `page[cursor]` of a `links.next` URL."""
    if not link:
        return None
    found = parse_qs(urlsplit(link).query).get("page[cursor]")
    return found[0] if found else None


def _split(cursor):
    # Our cursor is Klaviyo's page cursor and how many records of that page were already returned.
    if not cursor:
        return None, 0
    token, _, skip = cursor.rpartition("~")
    if not skip.isdigit():
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged")
    return token or None, int(skip)


async def collect(ctx, path, *, limit, cursor, params=None, page_size=None):
    """Up to `limit` records of a Klaviyo list, from `cursor` on, and the cursor after them."""
    token, skip = _split(cursor)
    records = []
    while True:
        query = dict(params or {})
        if page_size:
            query["page[size]"] = page_size
        if token:
            query["page[cursor]"] = token
        page = await api(ctx, "GET", path, params=query)
        data = (page.get("data") or [])[skip:]
        following = _page_cursor((page.get("links") or {}).get("next"))
        wanted = limit - len(records)
        if len(data) > wanted:
            records.extend(data[:wanted])
            return records, f"{token or ''}~{skip + wanted}"
        records.extend(data)
        token, skip = following, 0
        if not token or len(records) >= limit:
            return records, f"{token}~0" if token else None


def quoted(value):
    """A string as Klaviyo's filter syntax writes it."""
    return '"' + str(value).replace('"', '\\"') + '"'


def equals(field, value):
    return f"equals({field},{quoted(value)})"


def profile_summary(profile):
    attributes = profile.get("attributes") or {}
    location = attributes.get("location") or {}
    return {
        "id": profile.get("id"),
        "email": attributes.get("email"),
        "phone_number": attributes.get("phone_number"),
        "external_id": attributes.get("external_id"),
        "first_name": attributes.get("first_name"),
        "last_name": attributes.get("last_name"),
        "organization": attributes.get("organization"),
        "title": attributes.get("title"),
        "city": location.get("city"),
        "country": location.get("country"),
        "properties": attributes.get("properties"),
        "created": attributes.get("created"),
        "updated": attributes.get("updated"),
    }


def list_summary(record):
    attributes = record.get("attributes") or {}
    return {"id": record.get("id"), "name": attributes.get("name"), "opt_in_process": attributes.get("opt_in_process"),
            "created": attributes.get("created"), "updated": attributes.get("updated")}


def event_summary(event):
    attributes = event.get("attributes") or {}
    relationships = event.get("relationships") or {}

    def related(name):
        data = (relationships.get(name) or {}).get("data")
        return data.get("id") if isinstance(data, dict) else None

    return {"id": event.get("id"), "datetime": attributes.get("datetime"), "metric_id": related("metric"),
            "profile_id": related("profile"), "properties": attributes.get("event_properties"),
            "uuid": attributes.get("uuid")}


def campaign_summary(campaign):
    attributes = campaign.get("attributes") or {}
    audiences = attributes.get("audiences") or {}
    return {"id": campaign.get("id"), "name": attributes.get("name"), "status": attributes.get("status"),
            "archived": attributes.get("archived"), "included_lists": audiences.get("included"),
            "send_time": attributes.get("send_time"), "scheduled_at": attributes.get("scheduled_at"),
            "created_at": attributes.get("created_at"), "updated_at": attributes.get("updated_at")}


def metric_summary(metric):
    attributes = metric.get("attributes") or {}
    integration = attributes.get("integration") or {}
    return {"id": metric.get("id"), "name": attributes.get("name"), "integration": integration.get("name"),
            "created": attributes.get("created"), "updated": attributes.get("updated")}


# Remote options

async def _list_options(ctx):
    query = {}
    if ctx.prev_context.get("cursor"):
        query["page[cursor]"] = ctx.prev_context["cursor"]
    page = await api(ctx, "GET", "/lists", params=query)
    options = [Option(label=(r.get("attributes") or {}).get("name") or r["id"], value=r["id"]) for r in page.get("data") or []]
    token = _page_cursor((page.get("links") or {}).get("next"))
    return OptionsPage(options=options, context={"cursor": token} if token else None)


async def _metric_options(ctx):
    query = {}
    if ctx.prev_context.get("cursor"):
        query["page[cursor]"] = ctx.prev_context["cursor"]
    page = await api(ctx, "GET", "/metrics", params=query)
    options = [Option(label=(r.get("attributes") or {}).get("name") or r["id"], value=r["id"]) for r in page.get("data") or []]
    token = _page_cursor((page.get("links") or {}).get("next"))
    return OptionsPage(options=options, context={"cursor": token} if token else None)


app.define("profileId", props.string(
    "Profile", "The profile's ID, e.g. `01GDDKASAP8TKDDA2GRZDSVP4H`, from klaviyo-search-profiles or the profile's URL "
    "in Klaviyo (`/profile/01GDDKASAP8TKDDA2GRZDSVP4H`)."))
app.define("listId", props.string(
    "List", "The list's ID, e.g. `Y6nRLr`, from klaviyo-list-lists or the list's URL in Klaviyo (`/list/Y6nRLr`); the "
    "options show the account's lists.", options=_list_options))
app.define("metricId", props.string(
    "Metric", "The metric's ID, e.g. `Y6nRLr`: an event's `metric_id` from klaviyo-list-events, or one of the "
    "options, which list the account's metrics (Placed Order, Opened Email...).", options=_metric_options, optional=True))
