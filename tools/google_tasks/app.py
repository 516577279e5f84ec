from mcp_gateway.catalog import ActionError, App, Option, OptionsPage, props

from .. import _google

SERVICE = "Google Tasks"
API = "https://tasks.googleapis.com/tasks/v1"

SCOPES = ["https://www.googleapis.com/auth/tasks"]

# Google Tasks pages lists of task lists and tasks 100 at most.
MAX_PAGE = 100


async def _account_test(ctx):
    """The user's first task list (`tasklists.list`), which proves the token reaches Google Tasks.
    Tasks does not say whose account it is, so the account keeps its connection name."""
    await api(ctx, "GET", "/users/@me/lists", params={"maxResults": 1})
    return None


app = App(
    "google_tasks",
    "Google Tasks",
    "Keep the connected user's Google Tasks: their task lists, and the tasks in them with notes, due dates, "
    "subtasks and completion.",
    auth=_google.google_oauth(SCOPES),
    categories=["Productivity"],
    featured_weight=60,
    base_url=API,
    allowed_domains=["tasks.googleapis.com"],
    test=_account_test,
)


_NOT_FOUND = (
    "no task list or task has that ID for this account; find them with google_tasks-list-task-lists "
    "and google_tasks-list-tasks"
)
_HINTS = {
    "invalid": "some values are not what Google Tasks expects; see the message",
    "badRequest": "some values are not what Google Tasks expects; see the message",
}


async def api(ctx, method, path, **kw):
    """A Google Tasks call's JSON answer (`{}` for an empty one); errors say what to fix."""
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise _google.google_error(
            method, response, service=SERVICE, not_found=_NOT_FOUND, hints=_HINTS,
            forbidden="the account cannot change this task list",
            scope="the connection was not granted Google Tasks access; reconnect Google Tasks and approve it",
        )
    return response.json() if response.content else {}


def list_path(task_list_id):
    return f"/users/@me/lists/{_google.seg(task_list_id)}"


def tasks_path(task_list_id, task_id=None):
    path = f"/lists/{_google.seg(task_list_id)}/tasks"
    return f"{path}/{_google.seg(task_id)}" if task_id else path


def clear_path(task_list_id):
    return f"/lists/{_google.seg(task_list_id)}/clear"


def due_value(value):
    """Google Tasks keeps only the date of a due time; it takes it as an RFC 3339 midnight."""
    text = str(value or "").strip()
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        return f"{text}T00:00:00.000Z"
    if len(text) > 10 and text[10] == "T":
        return f"{text[:10]}T00:00:00.000Z"
    raise ActionError(f"due date {value!r} must be a date such as `2026-12-24` (Google Tasks keeps no time of day)")


def task_summary(task):
    return {
        "id": task.get("id"),
        "title": task.get("title"),
        "notes": task.get("notes"),
        "status": task.get("status"),
        "due": (task.get("due") or "")[:10] or None,
        "completed": task.get("completed"),
        "parent": task.get("parent"),
        "position": task.get("position"),
        "updated": task.get("updated"),
        "web_view_link": task.get("webViewLink"),
    }


def task_list_summary(task_list):
    return {"id": task_list.get("id"), "title": task_list.get("title"), "updated": task_list.get("updated")}


async def collect(ctx, path, *, limit, cursor, params=None):
    """Up to `limit` items of a Google Tasks list, from `cursor` (a page token) on, and the
    token of the page after them."""
    items, token = [], cursor or None
    while len(items) < limit:
        query = {**(params or {}), "maxResults": min(MAX_PAGE, limit - len(items))}
        if token:
            query["pageToken"] = token
        page = await api(ctx, "GET", path, params=query)
        items.extend(page.get("items") or [])
        token = page.get("nextPageToken")
        if not token:
            break
    return items[:limit], token


async def _task_list_options(ctx):
    query = {"maxResults": MAX_PAGE}
    if ctx.prev_context.get("pageToken"):
        query["pageToken"] = ctx.prev_context["pageToken"]
    page = await api(ctx, "GET", "/users/@me/lists", params=query)
    options = [Option(label=t.get("title") or t["id"], value=t["id"]) for t in page.get("items") or []]
    token = page.get("nextPageToken")
    return OptionsPage(options=options, context={"pageToken": token} if token else None)


async def _task_options(ctx):
    if not ctx.props.get("taskListId"):
        raise ActionError("choose the task list (taskListId) first; the tasks to choose from are in it")
    query = {"maxResults": MAX_PAGE, "showCompleted": "true", "showHidden": "true"}
    if ctx.prev_context.get("pageToken"):
        query["pageToken"] = ctx.prev_context["pageToken"]
    page = await api(ctx, "GET", tasks_path(ctx.props.taskListId), params=query)
    options = [Option(label=t.get("title") or "(untitled)", value=t["id"]) for t in page.get("items") or []]
    token = page.get("nextPageToken")
    return OptionsPage(options=options, context={"pageToken": token} if token else None)


app.define(
    "taskListId",
    props.string(
        "Task List",
        "The ID of a task list, from google_tasks-list-task-lists (the `id` of each list). "
        "`@default` is the user's default list.",
        options=_task_list_options,
    ),
)

app.define(
    "taskId",
    props.string(
        "Task",
        "The ID of a task in the chosen list, from google_tasks-list-tasks or the result of "
        "google_tasks-create-task (its `id`).",
        options=_task_options,
    ),
)

app.define(
    "due",
    props.string(
        "Due Date",
        "The day the task is due, as `YYYY-MM-DD`, e.g. `2026-12-24`. Google Tasks keeps the date only; a time of day is dropped.",
        optional=True,
    ),
)
