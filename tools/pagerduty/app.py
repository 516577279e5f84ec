"""PagerDuty (REST API v2): incidents and who is on call for them."""

from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API = "https://api.pagerduty.com"

# PagerDuty's lists return at most 100 records a request.
MAX_PAGE = 100


def _headers(auth):
    token = auth.get("api_token")
    if not token:
        return {}
    return {"Authorization": f"Token token={token}", "Accept": "application/vnd.pagerduty+json;version=2"}


async def _account_test(ctx):
    """One user of the account (`GET /users`), which proves the key works."""
    await api(ctx, "GET", "/users", params={"limit": 1})
    return None


app = App(
    "pagerduty",
    "PagerDuty",
    "Respond to PagerDuty incidents: list, open, acknowledge, resolve and annotate them, and look up services, "
    "schedules, users and who is on call.",
    auth=Keys([
        KeyField(
            "api_token",
            "REST API Key",
            "A PagerDuty REST API key: an account key (Integrations > API Access Keys) or a user's own key (My Profile > "
            "User Settings). A read-only key can only list and read.",
        ),
        KeyField(
            "from_email",
            "From Email",
            "The login email of a PagerDuty user. PagerDuty records changes (new incidents, status changes, notes) as "
            "made by this user and refuses them without it.",
            secret=False,
            optional=True,
        ),
    ]),
    categories=["Developer Tools"],
    featured_weight=45,
    base_url=API,
    allowed_domains=["api.pagerduty.com"],
    auth_headers=_headers,
    test=_account_test,
)


# Errors: PagerDuty answers `{"error": {"message": "...", "code": n, "errors": ["..."]}}`.

def pagerduty_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    error = data.get("error") if isinstance(data, dict) else None
    error = error if isinstance(error, dict) else {}
    details = error.get("errors") or []
    if isinstance(details, dict):
        details = [f"{k}: {'; '.join(map(str, v)) if isinstance(v, list) else v}" for k, v in details.items()]
    message = "; ".join(str(part) for part in [error.get("message"), *details] if part) or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    if status == 429:
        # PagerDuty counts requests a minute.
        hint = f"rate limited by PagerDuty; {'retry after %g s' % retry_after if retry_after is not None else 'retry in a minute'}"
    elif status == 401:
        hint = "PagerDuty rejected the API key; the user should reconnect PagerDuty with a valid REST API key"
    elif status == 403:
        hint = ("the API key is read-only or its user may not do this; changes need a full-access key, or a user key "
                "whose user has the role for it")
    elif status == 404 or error.get("code") == 2100:
        hint = ("nothing has that ID in this PagerDuty account; find incidents with pagerduty-list-incidents, services "
                "with pagerduty-list-services and users with pagerduty-list-users")
    elif "from" in message.lower() and "header" in message.lower():
        hint = "set the connection's From Email to the login email of a PagerDuty user"
    elif status >= 500:
        hint = "PagerDuty had a server error; retrying later may work"
    else:
        hint = "fix the values named in the message"
    return UpstreamError(f"PagerDuty API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, *, write=False, **kw):
    headers = {}
    if write:
        sender = str(ctx.auth.get("from_email") or "").strip()
        if not sender:
            raise ActionError("PagerDuty needs the email of a PagerDuty user to make changes as: reconnect PagerDuty "
                              "and fill in From Email")
        headers["From"] = sender
    response = await ctx.http.request(method, path, raise_for_status=False, headers=headers, **kw)
    if response.status_code >= 400:
        raise pagerduty_error(method, path, response)
    return response.json() if response.content else {}


def seg(value):
    text = str(value or "").strip()
    if not text:
        raise ActionError("an ID is empty; give the `id` the list actions return, e.g. `PT4KHLK`")
    return quote(text, safe="")


def _offset(cursor):
    if not cursor:
        return 0
    try:
        return max(0, int(cursor))
    except ValueError:
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged") from None


async def collect(ctx, path, key, *, limit, cursor, params=None):
    """Up to `limit` records of a PagerDuty list from `cursor` (an offset) on, and the offset after them."""
    records, offset = [], _offset(cursor)
    more = True
    while more and len(records) < limit:
        page = await api(ctx, "GET", path, params={**(params or {}), "limit": min(MAX_PAGE, limit - len(records)),
                                                   "offset": offset})
        batch = page.get(key) or []
        records.extend(batch)
        offset += len(batch)
        more = bool(page.get("more")) and bool(batch)
    return records[:limit], (str(offset) if more else None)


def reference(ref):
    """A PagerDuty reference (`{"id", "type", "summary", ...}`) as its ID and name."""
    if not isinstance(ref, dict):
        return None
    return {"id": ref.get("id"), "name": ref.get("summary")}


def incident_summary(incident):
    return {
        "id": incident.get("id"),
        "number": incident.get("incident_number"),
        "title": incident.get("title"),
        "status": incident.get("status"),
        "urgency": incident.get("urgency"),
        "priority": (incident.get("priority") or {}).get("summary"),
        "service": reference(incident.get("service")),
        "escalation_policy": reference(incident.get("escalation_policy")),
        "assignees": [reference(a.get("assignee")) for a in incident.get("assignments") or [] if isinstance(a, dict)],
        "created_at": incident.get("created_at"),
        "last_status_change_at": incident.get("last_status_change_at"),
        "resolved_at": incident.get("resolved_at"),
        "incident_key": incident.get("incident_key"),
        "html_url": incident.get("html_url"),
    }


def note_summary(note):
    return {"id": note.get("id"), "content": note.get("content"), "user": reference(note.get("user")),
            "created_at": note.get("created_at")}


def service_summary(service):
    return {
        "id": service.get("id"),
        "name": service.get("name"),
        "description": service.get("description"),
        "status": service.get("status"),
        "escalation_policy": reference(service.get("escalation_policy")),
        "teams": [reference(t) for t in service.get("teams") or []],
        "html_url": service.get("html_url"),
    }


def on_call_summary(on_call):
    return {
        "user": reference(on_call.get("user")),
        "schedule": reference(on_call.get("schedule")),
        "escalation_policy": reference(on_call.get("escalation_policy")),
        "escalation_level": on_call.get("escalation_level"),
        "start": on_call.get("start"),
        "end": on_call.get("end"),
    }


def schedule_summary(schedule):
    return {
        "id": schedule.get("id"),
        "name": schedule.get("name"),
        "description": schedule.get("description"),
        "time_zone": schedule.get("time_zone"),
        "users": [reference(u) for u in schedule.get("users") or []],
        "escalation_policies": [reference(p) for p in schedule.get("escalation_policies") or []],
        "html_url": schedule.get("html_url"),
    }


def user_summary(user):
    return {
        "id": user.get("id"),
        "name": user.get("name"),
        "email": user.get("email"),
        "role": user.get("role"),
        "job_title": user.get("job_title"),
        "time_zone": user.get("time_zone"),
        "teams": [reference(t) for t in user.get("teams") or []],
        "html_url": user.get("html_url"),
    }


# Remote options


async def _options(ctx, path, key, label, params=None):
    offset = ctx.prev_context.get("offset") or 0
    query = {**(params or {}), "limit": MAX_PAGE, "offset": offset}
    if ctx.query:
        query["query"] = ctx.query
    page = await api(ctx, "GET", path, params=query)
    records = page.get(key) or []
    options = [Option(label=label(r), value=r["id"]) for r in records]
    more = bool(page.get("more")) and bool(records)
    return OptionsPage(options=options, context={"offset": offset + len(records)} if more else None)


async def _incident_options(ctx):
    offset = ctx.prev_context.get("offset") or 0
    page = await api(ctx, "GET", "/incidents", params={"statuses[]": ["triggered", "acknowledged"], "limit": MAX_PAGE,
                                                       "offset": offset})
    records = page.get("incidents") or []
    options = [Option(label=f"#{i.get('incident_number')} {i.get('title')} ({i.get('status')})", value=i["id"]) for i in records]
    more = bool(page.get("more")) and bool(records)
    return OptionsPage(options=options, context={"offset": offset + len(records)} if more else None)


async def _service_options(ctx):
    return await _options(ctx, "/services", "services", lambda s: s.get("name") or s["id"])


async def _user_options(ctx):
    return await _options(ctx, "/users", "users", lambda u: f"{u.get('name')} <{u.get('email')}>")


async def _schedule_options(ctx):
    return await _options(ctx, "/schedules", "schedules", lambda s: s.get("name") or s["id"])


app.define(
    "incidentId",
    props.string(
        "Incident",
        "The incident's ID, e.g. `PT4KHLK`: the `id` from pagerduty-list-incidents, or the last part of the incident's "
        "URL (`https://acme.pagerduty.com/incidents/PT4KHLK`). Not the incident number (`#1234`).",
        options=_incident_options,
    ),
)

app.define(
    "serviceId",
    props.string(
        "Service",
        "A service's ID, e.g. `PIJ90N7`, from pagerduty-list-services or the service's URL "
        "(`.../service-directory/PIJ90N7`).",
        options=_service_options,
        use_query=True,
    ),
)

app.define(
    "userIds",
    props.string_list(
        "Users", "User IDs, e.g. `[\"PXPGF42\"]`, from pagerduty-list-users.", options=_user_options, use_query=True,
        optional=True,
    ),
)

app.define(
    "scheduleIds",
    props.string_list(
        "Schedules", "Schedule IDs, e.g. `[\"PI7DH85\"]`, from pagerduty-list-schedules.", options=_schedule_options,
        use_query=True, optional=True,
    ),
)

app.define(
    "teamIds",
    props.string_list(
        "Teams", "Team IDs, e.g. `[\"PQ9K7I8\"]`, as the `teams` of services and users show them.", optional=True,
    ),
)

app.define(
    "since",
    props.string("Since", "The start of the time range, ISO 8601, e.g. `2026-12-01T00:00:00Z`.", optional=True),
)

app.define(
    "until",
    props.string("Until", "The end of the time range, ISO 8601, e.g. `2026-12-08T00:00:00Z`.", optional=True),
)
