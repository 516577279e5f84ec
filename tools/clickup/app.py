"""ClickUp (API v2): the workspace hierarchy (spaces, folders, lists), tasks, comments and time entries."""

from datetime import date, datetime, timezone

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API = "https://api.clickup.com/api/v2"

PRIORITIES = [{"label": "Urgent", "value": 1}, {"label": "High", "value": 2},
              {"label": "Normal", "value": 3}, {"label": "Low", "value": 4}]

# ClickUp's Get Tasks returns pages of 100 tasks, numbered from 0.
TASK_PAGE = 100


def _headers(auth):
    # ClickUp takes the OAuth access token as the whole Authorization header, with no scheme.
    token = auth.get("oauth_access_token")
    return {"Authorization": token} if token else {}


async def _account_test(ctx):
    """The user behind the token (`GET /user`)."""
    user = (await api(ctx, "GET", "/user")).get("user") or {}
    return Identity(name=user.get("username") or user.get("email"),
                    external_id=None if user.get("id") is None else str(user["id"]))


app = App(
    "clickup",
    "ClickUp",
    "Work with ClickUp: browse workspaces, spaces, folders and lists; find, read, create, update and delete tasks; "
    "comment on tasks; and read tracked time.",
    auth=OAuth(
        authorize_url="https://app.clickup.com/api",
        token_url="https://api.clickup.com/api/v2/oauth/token",
    ),
    categories=["Productivity"],
    featured_weight=70,
    base_url=API,
    allowed_domains=["api.clickup.com"],
    auth_headers=_headers,
    test=_account_test,
)


# Errors: ClickUp answers `{"err": "...", "ECODE": "..."}`.

_TEAM_NOT_AUTHORIZED = {"OAUTH_023", "OAUTH_026", "OAUTH_027"} | {f"OAUTH_0{n}" for n in range(29, 46)}
_TOKEN_GONE = {"OAUTH_019", "OAUTH_021", "OAUTH_025", "OAUTH_077"}


def _hint(status, code, retry_after):
    if status == 429:
        return f"rate limited by ClickUp; {'retry after %g s' % retry_after if retry_after is not None else 'retry in a minute'}"
    if code in _TEAM_NOT_AUTHORIZED:
        return ("the user did not authorize this workspace for the connection; reconnect ClickUp and tick the "
                "workspace, or use one from clickup-list-workspaces")
    if code in _TOKEN_GONE or status == 401:
        return "the ClickUp authorization was revoked or is not valid; the user should reconnect ClickUp"
    if status == 404:
        return ("nothing has that ID in the workspaces this account can see; find IDs with clickup-list-workspaces, "
                "clickup-list-spaces, clickup-list-folders, clickup-list-lists and clickup-list-tasks")
    if status == 403:
        return "the account has no access to this item in ClickUp"
    if status >= 500:
        return "ClickUp had a server error; retrying later may work"
    return "fix the values named in the message"


def clickup_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    data = data if isinstance(data, dict) else {}
    code = data.get("ECODE")
    message = data.get("err") or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    shown = f"{message} [{code}]" if code else message
    return UpstreamError(f"ClickUp API error {status} on {method} {path}: {shown} ({_hint(status, code, retry_after)})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise clickup_error(method, path, response)
    return response.json() if response.content else {}


# Times: ClickUp keeps Unix milliseconds; agents write and read ISO 8601.

def to_ms(value, name):
    """Unix milliseconds from `YYYY-MM-DD`, an ISO 8601 date-time, or a number of milliseconds."""
    text = str(value).strip()
    if text.isdigit():
        return int(text)
    try:
        if len(text) == 10:
            moment = datetime.combine(date.fromisoformat(text), datetime.min.time(), timezone.utc)
        else:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=timezone.utc)
    except ValueError:
        raise ActionError(f"{name} {value!r} must be a date such as `2026-12-24`, a time such as "
                          "`2026-12-24T15:00:00Z`, or Unix milliseconds") from None
    return int(moment.timestamp() * 1000)


def has_time(value):
    """Whether a date given to ClickUp carries a time of day (ClickUp's `*_time` flags)."""
    text = str(value).strip()
    return not (len(text) == 10 and not text.isdigit())


def iso(ms):
    if ms in (None, ""):
        return None
    try:
        return datetime.fromtimestamp(int(ms) / 1000, timezone.utc).isoformat().replace("+00:00", "Z")
    except (TypeError, ValueError):
        return None


# Summaries

def task_summary(task):
    status = task.get("status") or {}
    priority = task.get("priority") or {}
    return {
        "id": task.get("id"),
        "custom_id": task.get("custom_id"),
        "name": task.get("name"),
        "description": task.get("text_content") or task.get("description") or None,
        "status": status.get("status") if isinstance(status, dict) else status,
        "priority": priority.get("priority") if isinstance(priority, dict) else priority,
        "assignees": [{"id": a.get("id"), "username": a.get("username"), "email": a.get("email")}
                      for a in task.get("assignees") or []],
        "tags": [t.get("name") for t in task.get("tags") or []],
        "due_date": iso(task.get("due_date")),
        "start_date": iso(task.get("start_date")),
        "date_created": iso(task.get("date_created")),
        "date_updated": iso(task.get("date_updated")),
        "date_closed": iso(task.get("date_closed")),
        "parent": task.get("parent"),
        "list": {"id": (task.get("list") or {}).get("id"), "name": (task.get("list") or {}).get("name")},
        "url": task.get("url"),
    }


def named(record):
    return {"id": record.get("id"), "name": record.get("name")}


def space_summary(space):
    return {**named(space), "private": space.get("private"), "archived": space.get("archived"),
            "statuses": [s.get("status") for s in space.get("statuses") or []]}


def folder_summary(folder):
    return {**named(folder), "hidden": folder.get("hidden"), "archived": folder.get("archived"),
            "task_count": folder.get("task_count"), "space": named(folder.get("space") or {}),
            "lists": [named(lst) for lst in folder.get("lists") or []]}


def list_summary(lst):
    status = lst.get("status") or {}
    return {**named(lst), "content": lst.get("content") or None, "task_count": lst.get("task_count"),
            "due_date": iso(lst.get("due_date")), "status": status.get("status") if isinstance(status, dict) else status,
            "archived": lst.get("archived"), "folder": named(lst.get("folder") or {}), "space": named(lst.get("space") or {})}


def comment_summary(comment):
    user = comment.get("user") or {}
    return {"id": comment.get("id"), "text": comment.get("comment_text"), "date": iso(comment.get("date")),
            "user": {"id": user.get("id"), "username": user.get("username"), "email": user.get("email")},
            "resolved": comment.get("resolved")}


# Shared props and their remote options

async def _workspace_options(ctx):
    teams = (await api(ctx, "GET", "/team")).get("teams") or []
    return [Option(label=t.get("name") or str(t["id"]), value=str(t["id"])) for t in teams]


def _need(ctx, prop, what):
    if not ctx.props.get(prop):
        raise ActionError(f"choose the {what} ({prop}) first; the choices are in it")
    return ctx.props[prop]


async def _space_options(ctx):
    team = _need(ctx, "workspaceId", "workspace")
    spaces = (await api(ctx, "GET", f"/team/{team}/space", params={"archived": "false"})).get("spaces") or []
    return [Option(label=s.get("name") or str(s["id"]), value=str(s["id"])) for s in spaces]


async def _folder_options(ctx):
    space = _need(ctx, "spaceId", "space")
    folders = (await api(ctx, "GET", f"/space/{space}/folder", params={"archived": "false"})).get("folders") or []
    return [Option(label=f.get("name") or str(f["id"]), value=str(f["id"])) for f in folders]


async def _list_options(ctx):
    if ctx.props.get("folderId"):
        path = f"/folder/{ctx.props.folderId}/list"
    else:
        path = f"/space/{_need(ctx, 'spaceId', 'space (or folder)')}/list"
    lists = (await api(ctx, "GET", path, params={"archived": "false"})).get("lists") or []
    return [Option(label=lst.get("name") or str(lst["id"]), value=str(lst["id"])) for lst in lists]


async def _task_options(ctx):
    list_id = _need(ctx, "listId", "list")
    page = int(ctx.prev_context.get("page") or 0)
    data = await api(ctx, "GET", f"/list/{list_id}/task", params={"page": page})
    options = [Option(label=t.get("name") or t["id"], value=t["id"]) for t in data.get("tasks") or []]
    more = not data.get("last_page", True) and options
    return OptionsPage(options=options, context={"page": page + 1} if more else None)


app.define("workspaceId", props.string(
    "Workspace",
    "The ID of a ClickUp workspace (the API calls it a team), from clickup-list-workspaces; it is the number right "
    "after app.clickup.com/ in the product's URLs, e.g. `9012345678`.",
    options=_workspace_options,
))

app.define("spaceId", props.string(
    "Space", "The ID of a space in the workspace, from clickup-list-spaces (its `id`), e.g. `90120123456`.",
    options=_space_options,
))

app.define("folderId", props.string(
    "Folder", "The ID of a folder in the space, from clickup-list-folders (its `id`), e.g. `90125555555`.",
    options=_folder_options,
))

app.define("listId", props.string(
    "List",
    "The ID of a list, from clickup-list-lists (its `id`); in the product it is the number after `/li/` in the "
    "list's URL, e.g. `901234567890`.",
    options=_list_options,
))

app.define("taskId", props.string(
    "Task",
    "The ID of a task, from clickup-list-tasks or clickup-create-task (its `id`); in the product it is the part after "
    "`/t/` in the task's URL, e.g. `86b1x2y3z`.",
    options=_task_options,
))


_PICKING = {
    "workspaceId": "The workspace to choose the space from, in a form; not sent.",
    "spaceId": "The space to choose the list from, in a form; not sent.",
    "folderId": "The folder to choose the list from, in a form (leave empty for lists outside folders); not sent.",
    "listId": "The list to choose the task from, in a form; not sent. Agents pass the task ID alone.",
}


def pickers(*names):
    """Optional props that only narrow down the remote options of the ID after them."""
    return {name: app.definition(name, optional=True, description=_PICKING[name]) for name in names}
