"""Calendly (API v2): the connected user's event types, availability, booked meetings and invitees."""

from urllib.parse import parse_qs, quote, urlparse

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API = "https://api.calendly.com"

SCOPES = ["users:read", "event_types:read", "availability:read", "scheduled_events:write", "scheduling_links:write"]

# Calendly pages lists 100 records at most.
MAX_PAGE = 100


async def _account_test(ctx):
    """The connected user (`GET /users/me`)."""
    user = await current_user(ctx)
    return Identity(name=user.get("email") or user.get("name"), external_id=user.get("uri"))


app = App(
    "calendly_v2",
    "Calendly",
    "Read the connected user's Calendly: event types and their open times, booked meetings and who booked them; "
    "cancel a meeting or make a one-time booking link.",
    auth=OAuth(
        authorize_url="https://auth.calendly.com/oauth/authorize",
        token_url="https://auth.calendly.com/oauth/token",
        scopes=SCOPES,
        pkce=True,
    ),
    categories=["Productivity"],
    featured_weight=45,
    base_url=API,
    allowed_domains=["api.calendly.com"],
    test=_account_test,
)


# Errors: Calendly answers `{"title": "...", "message": "...", "details": [{"parameter", "message"}]}`.


def _reset_seconds(response):
    """Calendly's `X-RateLimit-Reset` counts the seconds left in the window, not a clock time."""
    try:
        return max(0.0, float(response.headers["x-ratelimit-reset"]))
    except (KeyError, ValueError):
        return None


def calendly_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    data = data if isinstance(data, dict) else {}
    message = data.get("message") or data.get("title") or response.text[:300] or response.reason_phrase
    details = [f"{d.get('parameter')}: {d.get('message')}" if d.get("parameter") else str(d.get("message"))
               for d in data.get("details") or [] if isinstance(d, dict)]
    if details:
        message = f"{message} ({'; '.join(details)})"
    retry_after = None
    if status == 429:
        retry_after = retry_after_seconds(response) if "retry-after" in response.headers else _reset_seconds(response)
        wait = f"retry after {retry_after:g} s" if retry_after is not None else "retry in a minute"
        hint = f"rate limited by Calendly; {wait}"
    elif status == 401:
        hint = "Calendly rejected the token; the user should reconnect Calendly"
    elif status == 403:
        hint = ("the connection lacks the Calendly scope this needs, or the user's role or plan does not allow it; "
                "reconnect Calendly and approve every permission asked")
    elif status == 404:
        hint = ("nothing has that ID for this user; find event types with calendly_v2-list-event-types and meetings with "
                "calendly_v2-list-scheduled-events")
    elif status >= 500:
        hint = "Calendly had a server error; retrying later may work"
    else:
        hint = "fix the parameters named in the message"
    return UpstreamError(f"Calendly API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise calendly_error(method, path, response)
    return response.json() if response.content else {}


async def current_user(ctx):
    return (await api(ctx, "GET", "/users/me")).get("resource") or {}


async def user_uri(ctx):
    return (await current_user(ctx)).get("uri")


def uuid_of(value, kind):
    """The UUID at the end of a Calendly URI (`https://api.calendly.com/scheduled_events/<uuid>`), or the UUID itself."""
    text = str(value or "").strip().rstrip("/")
    uuid = text.rsplit("/", 1)[-1]
    if not uuid:
        raise ActionError(f"give the {kind}'s UUID or its URI")
    return quote(uuid, safe="")


def event_type_uri(value):
    text = str(value or "").strip()
    if text.startswith("https://"):
        return text
    return f"{API}/event_types/{quote(text, safe='')}"


def page_token(pagination):
    """The next page's token: Calendly gives it alone and inside `next_page`."""
    if not pagination:
        return None
    token = pagination.get("next_page_token")
    if not token and pagination.get("next_page"):
        token = (parse_qs(urlparse(pagination["next_page"]).query).get("page_token") or [None])[0]
    return token


async def collect(ctx, path, *, limit, cursor, params):
    """Up to `limit` records of a Calendly collection from `cursor` on, and the token of the page after."""
    records, token = [], cursor or None
    while len(records) < limit:
        query = {**params, "count": min(MAX_PAGE, limit - len(records))}
        if token:
            query["page_token"] = token
        page = await api(ctx, "GET", path, params=query)
        records.extend(page.get("collection") or [])
        token = page_token(page.get("pagination"))
        if not token:
            break
    return records[:limit], token


def plural(count, noun):
    return f"{count} {noun}{'' if count == 1 else 's'}"


def user_summary(user):
    return {
        "uri": user.get("uri"),
        "name": user.get("name"),
        "email": user.get("email"),
        "slug": user.get("slug"),
        "scheduling_url": user.get("scheduling_url"),
        "timezone": user.get("timezone"),
        "current_organization": user.get("current_organization"),
    }


def event_type_summary(event_type):
    return {
        "uri": event_type.get("uri"),
        "name": event_type.get("name"),
        "active": event_type.get("active"),
        "duration": event_type.get("duration"),
        "kind": event_type.get("kind"),
        "pooling_type": event_type.get("pooling_type"),
        "scheduling_url": event_type.get("scheduling_url"),
        "description": event_type.get("description_plain"),
    }


def event_summary(event):
    location = event.get("location") or {}
    counter = event.get("invitees_counter") or {}
    return {
        "uri": event.get("uri"),
        "name": event.get("name"),
        "status": event.get("status"),
        "start_time": event.get("start_time"),
        "end_time": event.get("end_time"),
        "event_type": event.get("event_type"),
        "location": {k: location.get(k) for k in ("type", "location", "join_url") if location.get(k)} or None,
        "invitees": counter.get("active"),
        "hosts": [m.get("user_email") for m in event.get("event_memberships") or [] if isinstance(m, dict)],
        "cancellation": event.get("cancellation"),
    }


def invitee_summary(invitee):
    return {
        "uri": invitee.get("uri"),
        "name": invitee.get("name"),
        "email": invitee.get("email"),
        "status": invitee.get("status"),
        "timezone": invitee.get("timezone"),
        "created_at": invitee.get("created_at"),
        "questions_and_answers": [{"question": q.get("question"), "answer": q.get("answer")}
                                  for q in invitee.get("questions_and_answers") or [] if isinstance(q, dict)],
        "rescheduled": invitee.get("rescheduled"),
        "no_show": invitee.get("no_show"),
        "cancel_url": invitee.get("cancel_url"),
        "reschedule_url": invitee.get("reschedule_url"),
    }


async def _event_type_options(ctx):
    params = {"user": ctx.prev_context.get("user") or await user_uri(ctx), "count": MAX_PAGE}
    if ctx.prev_context.get("page_token"):
        params["page_token"] = ctx.prev_context["page_token"]
    page = await api(ctx, "GET", "/event_types", params=params)
    options = [Option(label=e.get("name") or e["uri"], value=e["uri"]) for e in page.get("collection") or []]
    token = page_token(page.get("pagination"))
    return OptionsPage(options=options, context={"user": params["user"], "page_token": token} if token else None)


async def _event_options(ctx):
    params = {"user": ctx.prev_context.get("user") or await user_uri(ctx), "count": MAX_PAGE,
              "status": "active", "sort": "start_time:desc"}
    if ctx.prev_context.get("page_token"):
        params["page_token"] = ctx.prev_context["page_token"]
    page = await api(ctx, "GET", "/scheduled_events", params=params)
    options = [Option(label=f"{e.get('name')} at {e.get('start_time')}", value=e["uri"]) for e in page.get("collection") or []]
    token = page_token(page.get("pagination"))
    return OptionsPage(options=options, context={"user": params["user"], "page_token": token} if token else None)


app.define(
    "eventType",
    props.string(
        "Event Type",
        "An event type's URI, from calendly_v2-list-event-types (its `uri`), e.g. "
        "`https://api.calendly.com/event_types/AAAAAAAAAAAAAAAA`; its UUID alone works too.",
        options=_event_type_options,
    ),
)

app.define(
    "event",
    props.string(
        "Scheduled Event",
        "A booked meeting's URI, from calendly_v2-list-scheduled-events (its `uri`), e.g. "
        "`https://api.calendly.com/scheduled_events/GBGBDCAADAEDCRZ2`; its UUID alone works too.",
        options=_event_options,
    ),
)

app.define(
    "user",
    props.string(
        "User",
        "A Calendly user's URI, e.g. `https://api.calendly.com/users/AAAAAAAAAAAAAAAA` (calendly_v2-get-current-user "
        "gives the connected user's). Leave empty for the connected user.",
        optional=True,
    ),
)

app.define(
    "organization",
    props.string(
        "Organization",
        "An organization's URI (the `current_organization` of calendly_v2-get-current-user), to list across every "
        "member instead of one user; needs an admin. Give this or a user, not both.",
        optional=True,
    ),
)
