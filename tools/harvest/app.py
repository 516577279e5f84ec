"""Harvest (API v2, with a personal access token): time entries and timers, projects and task assignments."""

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API = "https://api.harvestapp.com/v2"

# Harvest pages lists up to 2000 records; a fixed page size lets an offset cursor map to a page.
PAGE_SIZE = 100


def _headers(auth):
    headers = {"Accept": "application/json", "User-Agent": "mcp-gateway (Harvest app)"}
    if auth.get("access_token"):
        headers["Authorization"] = f"Bearer {auth['access_token']}"
    if auth.get("account_id"):
        headers["Harvest-Account-Id"] = str(auth["account_id"]).strip()
    return headers


async def _account_test(ctx):
    """The user the token belongs to (`GET /users/me`)."""
    me = await api(ctx, "GET", "/users/me")
    name = " ".join(p for p in (me.get("first_name"), me.get("last_name")) if p) or me.get("email")
    return Identity(name=name, external_id=None if me.get("id") is None else str(me["id"]))


app = App(
    "harvest",
    "Harvest",
    "Track time in Harvest: list, log and edit time entries, start and stop timers, and look up the projects and "
    "tasks the connected user can log time to.",
    auth=Keys([
        KeyField("access_token", "Personal Access Token",
                 "A Harvest personal access token: at id.getharvest.com/developers, Create New Personal Access Token."),
        KeyField("account_id", "Account ID",
                 "The Harvest account's ID, shown next to the token on the same page (e.g. `123456`).", secret=False),
    ]),
    categories=["Productivity"],
    featured_weight=45,
    base_url=API,
    allowed_domains=["api.harvestapp.com"],
    auth_headers=_headers,
    test=_account_test,
)


# Errors: Harvest answers `{"message": "..."}` for invalid values, and
# `{"error": "invalid_token", "error_description": "..."}` for a bad token.


def harvest_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    data = data if isinstance(data, dict) else {}
    message = (data.get("message") or data.get("error_description") or data.get("error") or response.text[:300]
               or response.reason_phrase)
    retry_after = retry_after_seconds(response)
    if status == 429:
        hint = f"rate limited by Harvest; {'retry after %g s' % retry_after if retry_after is not None else 'retry in 15 seconds'}"
    elif status == 401:
        hint = "Harvest rejected the token or account ID; reconnect Harvest with a current token and its account's ID"
    elif status == 403:
        hint = "the user may not do this in Harvest (listing all projects needs an administrator or manager)"
    elif status == 404:
        hint = "nothing has that ID in this Harvest account; find IDs with the list actions"
    elif status == 422:
        hint = "fix the value named in the message"
    elif status >= 500:
        hint = "Harvest had a server error; retrying later may work"
    else:
        hint = "fix the request as the message says"
    return UpstreamError(f"Harvest API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise harvest_error(method, path, response)
    return response.json() if response.content else {}


def _offset(cursor):
    if not cursor:
        return 0
    try:
        return max(0, int(cursor))
    except ValueError:
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged") from None


async def collect(ctx, path, key, *, limit, cursor, params=None):
    """Up to `limit` records of a Harvest list from the offset in `cursor`, the total, and the next cursor."""
    start = _offset(cursor)
    page_number, skip, records, total = start // PAGE_SIZE + 1, start % PAGE_SIZE, [], 0
    while len(records) < limit:
        data = await api(ctx, "GET", path, params={**(params or {}), "page": page_number, "per_page": PAGE_SIZE})
        records.extend((data.get(key) or [])[skip:])
        skip = 0
        total = data.get("total_entries") or 0
        if page_number >= (data.get("total_pages") or 0):
            break
        page_number += 1
    records = records[:limit]
    following = start + len(records)
    return records, total, (str(following) if records and following < total else None)


def _named(value):
    return {"id": value.get("id"), "name": value.get("name")} if isinstance(value, dict) else None


def entry_summary(entry):
    return {
        "id": entry.get("id"),
        "spent_date": entry.get("spent_date"),
        "hours": entry.get("hours"),
        "notes": entry.get("notes"),
        "is_running": entry.get("is_running"),
        "timer_started_at": entry.get("timer_started_at"),
        "started_time": entry.get("started_time"),
        "ended_time": entry.get("ended_time"),
        "billable": entry.get("billable"),
        "is_locked": entry.get("is_locked"),
        "project": _named(entry.get("project")),
        "task": _named(entry.get("task")),
        "client": _named(entry.get("client")),
        "user": _named(entry.get("user")),
    }


async def _assignments(ctx, page_number):
    return await api(ctx, "GET", "/users/me/project_assignments", params={"page": page_number, "per_page": PAGE_SIZE})


async def _project_options(ctx):
    page_number = ctx.prev_context.get("page") or 1
    data = await _assignments(ctx, page_number)
    options = []
    for assignment in data.get("project_assignments") or []:
        project, client = assignment.get("project") or {}, assignment.get("client") or {}
        label = f"{project.get('name')} ({client['name']})" if client.get("name") else project.get("name")
        options.append(Option(label=label or str(project.get("id")), value=project.get("id")))
    following = page_number + 1 if page_number < (data.get("total_pages") or 0) else None
    return OptionsPage(options=options, context={"page": following} if following else None)


async def _task_options(ctx):
    project_id = ctx.props.get("projectId")
    if not project_id:
        raise ActionError("choose the project (projectId) first; the tasks to choose from are the project's")
    page_number = ctx.prev_context.get("page") or 1
    data = await _assignments(ctx, page_number)
    options = [Option(label=(t.get("task") or {}).get("name") or str((t.get("task") or {}).get("id")),
                      value=(t.get("task") or {}).get("id"))
               for a in data.get("project_assignments") or [] if (a.get("project") or {}).get("id") == int(project_id)
               for t in a.get("task_assignments") or [] if t.get("is_active", True)]
    following = page_number + 1 if page_number < (data.get("total_pages") or 0) else None
    return OptionsPage(options=options, context={"page": following} if following else None)


async def _entry_options(ctx):
    page_number = ctx.prev_context.get("page") or 1
    data = await api(ctx, "GET", "/time_entries", params={"page": page_number, "per_page": PAGE_SIZE})
    options = [Option(label=f"{e.get('spent_date')} {(e.get('project') or {}).get('name')}: {e.get('notes') or e.get('hours')}"
                      + (" (running)" if e.get("is_running") else ""), value=e.get("id"))
               for e in data.get("time_entries") or []]
    following = page_number + 1 if page_number < (data.get("total_pages") or 0) else None
    return OptionsPage(options=options, context={"page": following} if following else None)


app.define(
    "projectId",
    props.integer(
        "Project",
        "The Harvest project's numeric ID: the `project.id` from harvest-list-project-assignments (projects the user "
        "can log time to) or harvest-list-projects, or the number in the project's address (/projects/14307913).",
        min=1,
        options=_project_options,
    ),
)

app.define(
    "taskId",
    props.integer(
        "Task",
        "The task's numeric ID, one of the project's tasks: the `task.id` in the project's `task_assignments` from "
        "harvest-list-project-assignments.",
        min=1,
        options=_task_options,
    ),
)

app.define(
    "timeEntryId",
    props.integer(
        "Time Entry",
        "The time entry's numeric ID, the `id` from harvest-list-time-entries or harvest-create-time-entry.",
        min=1,
        options=_entry_options,
    ),
)
