"""The connected user's Microsoft To Do lists and tasks, through Microsoft Graph (`/me/todo`)."""

import re
from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, Identity, Option, OptionsPage, props

from .. import _microsoft

GRAPH = _microsoft.GRAPH
SCOPES = ["offline_access", "User.Read", "Tasks.ReadWrite"]


async def _account_test(ctx):
    """The signed-in user (`GET /me`)."""
    me = await graph(ctx, "GET", "/me", params={"$select": "id,displayName,userPrincipalName,mail"})
    return Identity(name=me.get("userPrincipalName") or me.get("mail") or me.get("displayName"), external_id=me.get("id"))


app = App(
    "microsoft_to_do",
    "Microsoft To Do",
    "Keep the connected user's Microsoft To Do: their task lists, and tasks with notes, due dates, importance, "
    "reminders and completion.",
    auth=_microsoft.graph_oauth(SCOPES),
    categories=["Productivity"],
    featured_weight=55,
    base_url=GRAPH,
    allowed_domains=["graph.microsoft.com"],
    test=_account_test,
)

ERROR_HINTS = {
    "itemnotfound": "no task list or task has that ID; find them with microsoft_to_do-list-task-lists and microsoft_to_do-list-tasks",
    "notfound": "no task list or task has that ID; find them with microsoft_to_do-list-task-lists and microsoft_to_do-list-tasks",
    "invalidrequest": "a value is not accepted; see the message",
    "mailboxnotenabledforrestapi": "this account has no Exchange Online mailbox, which To Do needs",
}


def graph_error(method, response):
    return _microsoft.graph_error(app.name, method, response, hints=ERROR_HINTS,
                                  forbidden="the account lacks permission for this list", not_found=ERROR_HINTS["notfound"])


async def graph(ctx, method, path, **kw):
    return await _microsoft.graph(ctx, method, path, error=graph_error, **kw)


_ID = re.compile(r"^[A-Za-z0-9=_-]+$")


def _segment(value, what):
    text = str(value or "").strip()
    if not _ID.match(text):
        raise ActionError(f"{what} {value!r} is not a To Do ID; find it with microsoft_to_do-list-task-lists or -list-tasks")
    return quote(text, safe="=")


def list_path(list_id):
    return f"/me/todo/lists/{_segment(list_id, 'task list')}"


def task_path(list_id, task_id=None):
    path = f"{list_path(list_id)}/tasks"
    return f"{path}/{_segment(task_id, 'task')}" if task_id else path


graph_cursor = _microsoft.graph_cursor


def due(value, timezone):
    """A due date as Graph's dateTimeTimeZone; To Do keeps the day only."""
    text = str(value or "").strip()
    if not re.match(r"^\d{4}-\d{2}-\d{2}", text):
        raise ActionError(f"due date {value!r} must be a date such as `2026-12-24`")
    return {"dateTime": f"{text[:10]}T00:00:00", "timeZone": timezone or "UTC"}


def task_summary(task):
    return {
        "id": task.get("id"),
        "title": task.get("title"),
        "status": task.get("status"),
        "importance": task.get("importance"),
        "notes": (task.get("body") or {}).get("content") or None,
        "due": ((task.get("dueDateTime") or {}).get("dateTime") or "")[:10] or None,
        "completed": ((task.get("completedDateTime") or {}).get("dateTime") or None),
        "reminder": (task.get("reminderDateTime") or {}).get("dateTime") if task.get("isReminderOn") else None,
        "modified": task.get("lastModifiedDateTime"),
    }


def list_summary(task_list):
    return {"id": task_list.get("id"), "name": task_list.get("displayName"), "kind": task_list.get("wellknownListName"),
            "shared": task_list.get("isShared")}


async def _list_options(ctx):
    following = ctx.prev_context.get("next")
    page = await graph(ctx, "GET", graph_cursor(following)) if following else await graph(ctx, "GET", "/me/todo/lists")
    more = page.get("@odata.nextLink")
    return OptionsPage(options=[Option(label=t.get("displayName") or t["id"], value=t["id"]) for t in page.get("value") or []],
                       context={"next": more} if more else None)


async def _task_options(ctx):
    if not ctx.props.get("listId"):
        raise ActionError("choose the task list (listId) first; the tasks to choose from are in it")
    following = ctx.prev_context.get("next")
    page = (await graph(ctx, "GET", graph_cursor(following)) if following
            else await graph(ctx, "GET", task_path(ctx.props.listId), params={"$select": "id,title", "$top": 100}))
    more = page.get("@odata.nextLink")
    return OptionsPage(options=[Option(label=t.get("title") or t["id"], value=t["id"]) for t in page.get("value") or []],
                       context={"next": more} if more else None)


app.define("listId", props.string(
    "Task List", "The ID of a To Do list, from microsoft_to_do-list-task-lists (its `id`).", options=_list_options))
app.define("taskId", props.string(
    "Task", "The ID of a task in the chosen list, from microsoft_to_do-list-tasks or microsoft_to_do-create-task (its `id`).",
    options=_task_options))
app.define("timezone", props.string(
    "Time Zone", "The time zone the due date is in, e.g. `Europe/Berlin`; UTC if empty.", optional=True))
