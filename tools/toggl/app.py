"""Toggl Track (API v9, with an API token): the user, workspaces, projects and time entries."""

import base64

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API = "https://api.track.toggl.com/api/v9"

# Sent as `created_with` on new time entries, which Toggl requires.
CREATED_WITH = "mcp-gateway"


def _headers(auth):
    # Toggl takes the API token as the Basic user name with the literal password `api_token`.
    token = auth.get("api_token")
    if not token:
        return {}
    return {"Authorization": "Basic " + base64.b64encode(f"{token}:api_token".encode()).decode()}


async def _account_test(ctx):
    """The user the token belongs to (`GET /me`)."""
    me = await api(ctx, "GET", "/me")
    return Identity(name=me.get("email") or me.get("fullname"), external_id=None if me.get("id") is None else str(me["id"]))


app = App(
    "toggl",
    "Toggl Track",
    "Track time in Toggl Track: start and stop the timer, log finished time entries, list entries, and look up the "
    "user's workspaces and projects.",
    auth=Keys([
        KeyField("api_token", "API Token",
                 "Your Toggl Track API token: in Toggl Track, Profile settings, at the bottom of the page under API Token."),
    ]),
    categories=["Productivity"],
    featured_weight=45,
    base_url=API,
    allowed_domains=["api.track.toggl.com"],
    auth_headers=_headers,
    test=_account_test,
)


# Errors: Toggl answers with a short text (often a JSON string) such as `"Invalid project_id"`.
# Over the hourly request quota it answers 402, with the seconds left in `X-Toggl-Quota-Resets-In`.


def toggl_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = None
    if isinstance(data, dict):
        message = data.get("message") or data.get("error") or response.text[:300]
    elif isinstance(data, str):
        message = data
    else:
        message = response.text[:300].strip() or response.reason_phrase
    retry_after = retry_after_seconds(response)
    resets_in = response.headers.get("x-toggl-quota-resets-in") or ""
    if status == 402:
        # Over the hourly quota of the workspace's plan (or the user's own, for /me calls).
        if resets_in.isdigit():
            retry_after = float(resets_in)
        when = f"retry after {resets_in} s" if resets_in.isdigit() else "it frees up within the hour"
        hint = f"the Toggl API quota of this plan is used up; {when}, and make fewer calls"
    elif status == 429:
        hint = f"rate limited by Toggl; {'retry after %g s' % retry_after if retry_after is not None else 'retry in a few seconds'}"
    elif status in (401, 403):
        hint = ("Toggl rejected the API token, or the user cannot access this workspace; check the workspace with "
                "toggl-list-workspaces or reconnect with a current token")
    elif status == 404:
        hint = "nothing has that ID; find IDs with toggl-list-workspaces, toggl-list-projects and toggl-list-time-entries"
    elif status >= 500:
        hint = "Toggl had a server error; retrying later may work"
    else:
        hint = "fix the value named in the message"
    return UpstreamError(f"Toggl API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise toggl_error(method, path, response)
    return response.json() if response.content else None


def offset(cursor):
    if not cursor:
        return 0
    try:
        return max(0, int(cursor))
    except ValueError:
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged") from None


def entry_summary(entry):
    if not entry:
        return None
    return {
        "id": entry.get("id"),
        "description": entry.get("description"),
        "start": entry.get("start"),
        "stop": entry.get("stop"),
        # A running entry has a negative duration; its seconds so far come from `start`.
        "duration": entry.get("duration"),
        "running": (entry.get("duration") or 0) < 0,
        "workspace_id": entry.get("workspace_id"),
        "project_id": entry.get("project_id"),
        "task_id": entry.get("task_id"),
        "tags": entry.get("tags"),
        "billable": entry.get("billable"),
    }


async def _workspace_options(ctx):
    workspaces = await api(ctx, "GET", "/me/workspaces") or []
    return OptionsPage(options=[Option(label=w.get("name") or str(w["id"]), value=w["id"]) for w in workspaces])


async def _project_options(ctx):
    workspace = ctx.props.get("workspaceId")
    if not workspace:
        raise ActionError("choose the workspace (workspaceId) first; the projects to choose from are in it")
    page_number = ctx.prev_context.get("page") or 1
    projects = await api(ctx, "GET", f"/workspaces/{workspace}/projects",
                         params={"active": "true", "page": page_number, "per_page": 200}) or []
    options = [Option(label=p.get("name") or str(p["id"]), value=p["id"]) for p in projects]
    return OptionsPage(options=options, context={"page": page_number + 1} if len(projects) == 200 else None)


async def _entry_options(ctx):
    entries = await api(ctx, "GET", "/me/time_entries") or []
    return OptionsPage(options=[
        Option(label=f"{(e.get('start') or '')[:16]} {e.get('description') or '(no description)'}"
               + (" (running)" if (e.get("duration") or 0) < 0 else ""), value=e["id"]) for e in entries[:100]])


app.define(
    "workspaceId",
    props.integer(
        "Workspace",
        "The Toggl workspace's numeric ID: an `id` from toggl-list-workspaces, or `default_workspace_id` from "
        "toggl-get-me.",
        min=1,
        options=_workspace_options,
    ),
)

app.define(
    "projectId",
    props.integer(
        "Project",
        "A project's numeric ID in the workspace, the `id` from toggl-list-projects.",
        min=1,
        options=_project_options,
    ),
)

app.define(
    "timeEntryId",
    props.integer(
        "Time Entry",
        "The time entry's numeric ID: the `id` from toggl-get-current-time-entry (the running one), "
        "toggl-list-time-entries or toggl-start-time-entry.",
        min=1,
        options=_entry_options,
    ),
)


def entry_fields(ctx):
    """The optional fields a new time entry shares between starting a timer and logging time."""
    body = {}
    for prop, field in (("description", "description"), ("projectId", "project_id"), ("taskId", "task_id"),
                        ("tags", "tags"), ("billable", "billable")):
        if ctx.props.get(prop) is not None and ctx.props.get(prop) != []:
            body[field] = ctx.props[prop]
    return body


def entry_props():
    return {
        "workspaceId": app.definition("workspaceId"),
        "description": props.string("Description", "What the time is for, e.g. `Code review`.", optional=True),
        "projectId": app.definition("projectId", optional=True),
        "taskId": props.integer("Task ID", "A task's ID in the project (paid plans).", min=1, optional=True),
        "tags": props.string_list("Tags", "Tag names, e.g. `[\"meeting\"]`; new names are created.", optional=True),
        "billable": props.boolean("Billable", "Whether the time is billable (paid plans).", optional=True),
    }
