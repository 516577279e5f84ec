"""Sentry: the errors an organization's projects report, grouped into issues, their events,
releases and teams."""

import time
from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API = "https://sentry.io/api/0"

# Sentry pages its lists 100 records at most.
MAX_PAGE = 100


def _headers(auth):
    token = auth.get("auth_token")
    return {"Authorization": f"Bearer {token}"} if token else {}


async def _account_test(ctx):
    """The organizations the token can see (`GET /organizations/`), which proves it works."""
    await api(ctx, "GET", "/organizations/", params={"per_page": 1})
    return None


app = App(
    "sentry",
    "Sentry",
    "Triage the errors Sentry collects: find and read issues with their latest stack trace, resolve, ignore or "
    "assign them, and look up projects, releases and teams.",
    auth=Keys([
        KeyField(
            "auth_token",
            "Auth Token",
            "A Sentry auth token: a personal token from User Settings > Personal Tokens (or an internal integration's "
            "token) with the scopes org:read, project:read and event:read; event:write to update issues, event:admin to "
            "delete them, project:releases for releases.",
        )
    ]),
    categories=["Developer Tools"],
    featured_weight=50,
    base_url=API,
    allowed_domains=["sentry.io"],
    auth_headers=_headers,
    test=_account_test,
)


# Errors: Sentry answers `{"detail": "..."}`, or field names with their problems for a 400.

def _detail(data):
    if isinstance(data, dict):
        if isinstance(data.get("detail"), str):
            return data["detail"]
        if isinstance(data.get("detail"), dict) and data["detail"].get("message"):
            return str(data["detail"]["message"])
        parts = []
        for name, problems in data.items():
            text = "; ".join(str(p) for p in problems) if isinstance(problems, list) else str(problems)
            parts.append(f"{name}: {text}")
        return ", ".join(parts) or None
    if isinstance(data, list) and data:
        return "; ".join(str(p) for p in data)
    return None


def _retry_after(response):
    seconds = retry_after_seconds(response)
    if seconds is not None:
        return seconds
    # Sentry's own rate-limit headers give the reset as a UTC epoch second.
    reset = response.headers.get("x-sentry-rate-limit-reset")
    try:
        return max(0.0, round(float(reset) - time.time())) if reset else None
    except ValueError:
        return None


def sentry_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = None
    message = _detail(data) or response.text[:300] or response.reason_phrase
    retry_after = _retry_after(response) if status == 429 else None
    if status == 429:
        hint = f"rate limited by Sentry; {'retry after %g s' % retry_after if retry_after is not None else 'retry in a minute'}"
    elif status == 401:
        hint = "Sentry rejected the auth token; the user should reconnect Sentry with a valid token"
    elif status == 403:
        hint = ("the token lacks the scope for this (event:write to update issues, event:admin to delete them, "
                "project:releases for releases) or the user has no access to the project; reconnect with a token that has it")
    elif status == 404:
        hint = ("nothing has that ID or slug in this organization, or the token cannot see it; find organizations with "
                "sentry-list-organizations, projects with sentry-list-projects and issues with sentry-list-issues")
    elif status >= 500:
        hint = "Sentry had a server error; retrying later may work"
    else:
        hint = "fix the values named in the message"
    return UpstreamError(f"Sentry API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def request(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise sentry_error(method, path, response)
    return response


async def api(ctx, method, path, **kw):
    response = await request(ctx, method, path, **kw)
    return response.json() if response.content else {}


def seg(value):
    text = str(value or "").strip()
    if not text:
        raise ActionError("an ID or slug is empty; give the value the list actions return")
    return quote(text, safe="")


def org_path(organization, rest=""):
    return f"/organizations/{seg(organization)}/{rest}"


def issue_path(organization, issue_id, rest=""):
    return org_path(organization, f"issues/{seg(issue_id)}/{rest}")


def next_cursor(response):
    """The cursor of the next page from Sentry's `Link` header, when it says more results exist."""
    link = response.headers.get("link") or ""
    for part in link.split(","):
        fields = {}
        for item in part.split(";")[1:]:
            name, _, value = item.strip().partition("=")
            fields[name.strip()] = value.strip().strip('"')
        if fields.get("rel") == "next":
            return fields.get("cursor") if fields.get("results") == "true" else None
    return None


async def collect(ctx, path, *, limit, cursor, params=None, size_name="per_page"):
    """Up to `limit` records of a Sentry list from `cursor` on, and the cursor after them.
    Sentry's cursors hold an absolute offset, so each page can ask for just what is left."""
    records, token = [], cursor or None
    while len(records) < limit:
        query = {**(params or {}), size_name: min(MAX_PAGE, limit - len(records))}
        if token:
            query["cursor"] = token
        response = await request(ctx, "GET", path, params=query)
        page = response.json() if response.content else []
        records.extend(page)
        token = next_cursor(response) if page else None
        if not token:
            break
    return records[:limit], token


def organization_summary(org):
    return {
        "id": org.get("id"),
        "slug": org.get("slug"),
        "name": org.get("name"),
        "status": (org.get("status") or {}).get("id"),
        "date_created": org.get("dateCreated"),
        "url": (org.get("links") or {}).get("organizationUrl"),
    }


def project_summary(project):
    return {
        "id": project.get("id"),
        "slug": project.get("slug"),
        "name": project.get("name"),
        "platform": project.get("platform"),
        "date_created": project.get("dateCreated"),
        "first_event": project.get("firstEvent"),
        "is_member": project.get("isMember"),
        "status": project.get("status"),
    }


def team_summary(team):
    return {
        "id": team.get("id"),
        "slug": team.get("slug"),
        "name": team.get("name"),
        "member_count": team.get("memberCount"),
        "is_member": team.get("isMember"),
        "date_created": team.get("dateCreated"),
    }


def _assignee(assigned):
    if not isinstance(assigned, dict):
        return assigned
    return {"type": assigned.get("type"), "id": assigned.get("id"), "name": assigned.get("name"), "email": assigned.get("email")}


def issue_summary(issue):
    project = issue.get("project") or {}
    return {
        "id": issue.get("id"),
        "short_id": issue.get("shortId"),
        "title": issue.get("title") or (issue.get("metadata") or {}).get("title"),
        "culprit": issue.get("culprit"),
        "level": issue.get("level"),
        "status": issue.get("status"),
        "substatus": issue.get("substatus"),
        "priority": issue.get("priority"),
        "count": issue.get("count"),
        "user_count": issue.get("userCount"),
        "first_seen": issue.get("firstSeen"),
        "last_seen": issue.get("lastSeen"),
        "project": project.get("slug") if isinstance(project, dict) else project,
        "assigned_to": _assignee(issue.get("assignedTo")),
        "is_unhandled": issue.get("isUnhandled"),
        "permalink": issue.get("permalink"),
    }


def release_summary(release):
    deploy = release.get("lastDeploy") or {}
    return {
        "version": release.get("version"),
        "short_version": release.get("shortVersion"),
        "ref": release.get("ref"),
        "url": release.get("url"),
        "date_created": release.get("dateCreated"),
        "date_released": release.get("dateReleased"),
        "new_groups": release.get("newGroups"),
        "commit_count": release.get("commitCount"),
        "projects": [p.get("slug") for p in release.get("projects") or [] if isinstance(p, dict)],
        "last_deploy": {"environment": deploy.get("environment"), "date_finished": deploy.get("dateFinished")} if deploy else None,
    }


# An event's stack trace can run to hundreds of frames with source context and locals; the
# agent needs the frames of the app's own code nearest the crash.
MAX_FRAMES = 10


def _frame(frame):
    line = frame.get("lineNo")
    context = next((text for number, text in frame.get("context") or [] if number == line), None)
    return {
        "filename": frame.get("filename") or frame.get("absPath"),
        "function": frame.get("function"),
        "line": line,
        "column": frame.get("colNo"),
        "module": frame.get("module"),
        "in_app": frame.get("inApp"),
        "code": context.strip() if isinstance(context, str) else None,
    }


def _exception(value):
    frames = (value.get("stacktrace") or {}).get("frames") or []
    own = [f for f in frames if f.get("inApp")]
    shown = (own or frames)[-MAX_FRAMES:]
    mechanism = value.get("mechanism") or {}
    return {
        "type": value.get("type"),
        "value": value.get("value"),
        "handled": mechanism.get("handled"),
        "frames_total": len(frames),
        # Oldest call first, as Sentry lists them; the last frame is where it raised.
        "frames": [_frame(f) for f in shown],
    }


def event_summary(event):
    entries = event.get("entries") or []
    exceptions = [_exception(v) for e in entries if e.get("type") == "exception"
                  for v in (e.get("data") or {}).get("values") or []]
    message = next(((e.get("data") or {}).get("formatted") for e in entries if e.get("type") == "message"), None)
    request = next((e.get("data") or {} for e in entries if e.get("type") == "request"), None)
    user = event.get("user") or {}
    return {
        "id": event.get("eventID") or event.get("id"),
        "issue_id": event.get("groupID"),
        "title": event.get("title"),
        "message": message or event.get("message") or None,
        "platform": event.get("platform"),
        "date_created": event.get("dateCreated"),
        "culprit": event.get("culprit"),
        "release": (event.get("release") or {}).get("version") if isinstance(event.get("release"), dict) else event.get("release"),
        "tags": {t.get("key"): t.get("value") for t in event.get("tags") or [] if isinstance(t, dict)},
        "user": {k: user.get(k) for k in ("id", "email", "username", "ip_address") if user.get(k)} or None,
        "request": {"method": request.get("method"), "url": request.get("url")} if request else None,
        "exceptions": exceptions,
        "next_event_id": event.get("nextEventID"),
        "previous_event_id": event.get("previousEventID"),
    }


def list_event_summary(event):
    return {
        "id": event.get("eventID") or event.get("id"),
        "title": event.get("title"),
        "message": event.get("message") or None,
        "platform": event.get("platform"),
        "date_created": event.get("dateCreated"),
        "tags": {t.get("key"): t.get("value") for t in event.get("tags") or [] if isinstance(t, dict)},
        "user": (event.get("user") or {}).get("email") or (event.get("user") or {}).get("id"),
    }


# Remote options


async def _page_options(ctx, path, label, value, params=None):
    query = {**(params or {}), "per_page": MAX_PAGE}
    if ctx.prev_context.get("cursor"):
        query["cursor"] = ctx.prev_context["cursor"]
    response = await request(ctx, "GET", path, params=query)
    options = [Option(label=label(r), value=value(r)) for r in (response.json() if response.content else [])]
    token = next_cursor(response)
    return OptionsPage(options=options, context={"cursor": token} if token else None)


def _need_organization(ctx):
    if not ctx.props.get("organization"):
        raise ActionError("choose the organization first; the choices are in it")
    return ctx.props.organization


async def _organization_options(ctx):
    return await _page_options(ctx, "/organizations/", lambda o: o.get("name") or o["slug"], lambda o: o["slug"])


async def _project_options(ctx):
    return await _page_options(ctx, org_path(_need_organization(ctx), "projects/"),
                               lambda p: p.get("name") or p["slug"], lambda p: p["slug"])


async def _issue_options(ctx):
    organization = _need_organization(ctx)
    query = {"query": ctx.query} if ctx.query else {}
    if ctx.prev_context.get("cursor"):
        query["cursor"] = ctx.prev_context["cursor"]
    # Issues take `limit` for their page size.
    response = await request(ctx, "GET", org_path(organization, "issues/"), params={**query, "limit": MAX_PAGE})
    options = [Option(label=f"{i.get('shortId')}: {i.get('title')}", value=i["id"]) for i in response.json() or []]
    token = next_cursor(response)
    return OptionsPage(options=options, context={"cursor": token} if token else None)


async def _release_options(ctx):
    return await _page_options(ctx, org_path(_need_organization(ctx), "releases/"),
                               lambda r: r.get("shortVersion") or r["version"], lambda r: r["version"])


app.define(
    "organization",
    props.string(
        "Organization",
        "The organization's slug, e.g. `acme` (in `https://acme.sentry.io/` or `sentry.io/organizations/acme/`), "
        "from sentry-list-organizations (`slug`).",
        options=_organization_options,
    ),
)

app.define(
    "project",
    props.string(
        "Project",
        "A project's slug, e.g. `backend-api`, from sentry-list-projects (`slug`) or the project's Settings page.",
        options=_project_options,
    ),
)

app.define(
    "issueId",
    props.string(
        "Issue ID",
        "The issue's numeric ID, e.g. `1341191803`: the `id` from sentry-list-issues, or the number in the issue's URL "
        "(`.../issues/1341191803/`). A short ID such as `BACKEND-API-3F` is not this; find it with sentry-list-issues "
        "and the query `BACKEND-API-3F`.",
        options=_issue_options,
        use_query=True,
    ),
)

app.define(
    "version",
    props.string(
        "Release Version",
        "The release's version string exactly as Sentry shows it, e.g. `backend@1.4.2` or a commit SHA, from "
        "sentry-list-releases (`version`).",
        options=_release_options,
    ),
)

app.define(
    "environment",
    props.string_list("Environments", "Only these environments, e.g. `[\"production\"]`.", optional=True),
)

app.define(
    "statsPeriod",
    props.string(
        "Period",
        "How far back to look: a number and a unit (`s`, `m`, `h`, `d`, `w`), e.g. `24h` or `14d`.",
        optional=True,
    ),
)
