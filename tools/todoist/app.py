"""Todoist (API v1): the connected user's projects, sections, labels, tasks and comments."""

from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, OAuth, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API = "https://api.todoist.com/api/v1"

# Todoist's list endpoints return at most 200 records a page.
MAX_PAGE = 200


async def _account_test(ctx):
    """One project of the account (`GET /projects`), which proves the token reaches Todoist."""
    await api(ctx, "GET", "/projects", params={"limit": 1})
    return None


app = App(
    "todoist",
    "Todoist",
    "Manage the connected user's Todoist: projects, sections and labels, and the tasks in them with due dates, "
    "priorities and comments.",
    auth=OAuth(
        authorize_url="https://todoist.com/oauth/authorize",
        token_url="https://todoist.com/oauth/access_token",
        scopes=["data:read_write", "data:delete"],
        scope_separator=",",
    ),
    categories=["Productivity"],
    featured_weight=50,
    base_url=API,
    allowed_domains=["api.todoist.com"],
    test=_account_test,
)


# Errors: Todoist answers `{"error": "...", "error_code": n, "error_extra": {...}, "error_tag": "...",
# "http_code": n}`; the tag says what went wrong.

_TAG_HINTS = {
    "INVALID_ARGUMENT_VALUE": "a value is not one Todoist accepts",
    "ARGUMENT_MISSING": "a required value is missing",
    "NOT_FOUND": "no project, section, task or comment has that ID for this user; find them with todoist-list-projects "
                 "and todoist-list-tasks",
    "AUTH_INSUFFICIENT_TOKEN_SCOPE": "the connection lacks the scope this needs (data:read_write, data:delete); the user "
                                     "should reconnect Todoist and approve them",
}


def todoist_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    data = data if isinstance(data, dict) else {}
    message = data.get("error") or response.text[:300] or response.reason_phrase
    extra = data.get("error_extra") if isinstance(data.get("error_extra"), dict) else {}
    retry_after = retry_after_seconds(response)
    if retry_after is None and isinstance(extra.get("retry_after"), (int, float)):
        retry_after = float(extra["retry_after"])
    tag = data.get("error_tag")
    if status == 429:
        hint = f"rate limited by Todoist; {'retry after %g s' % retry_after if retry_after is not None else 'retry in a minute'}"
    elif tag in _TAG_HINTS:
        hint = _TAG_HINTS[tag]
        if extra.get("argument"):
            hint += f": check `{extra['argument']}`"
    elif status == 401:
        hint = "Todoist rejected the token; the user should reconnect Todoist"
    elif status == 403:
        hint = "the user cannot change this project or task (it may belong to someone else's shared project)"
    elif status == 404:
        hint = _TAG_HINTS["NOT_FOUND"]
    elif status >= 500:
        hint = "Todoist had a server error; retrying later may work"
    else:
        hint = "fix the values named in the message"
    return UpstreamError(f"Todoist API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise todoist_error(method, path, response)
    return response.json() if response.content else {}


def seg(value):
    return quote(str(value).strip(), safe="")


async def collect(ctx, path, *, limit, cursor, params=None):
    """Up to `limit` records of a Todoist list from `cursor` on, and the cursor after them."""
    records, token = [], cursor or None
    while len(records) < limit:
        query = {**(params or {}), "limit": min(MAX_PAGE, limit - len(records))}
        if token:
            query["cursor"] = token
        page = await api(ctx, "GET", path, params=query)
        records.extend(page.get("results") or [])
        token = page.get("next_cursor")
        if not token:
            break
    return records[:limit], token


def plural(count, noun):
    return f"{count} {noun}{'' if count == 1 else 's'}"


def task_summary(task):
    due = task.get("due") or {}
    return {
        "id": task.get("id"),
        "content": task.get("content"),
        "description": task.get("description"),
        "project_id": task.get("project_id"),
        "section_id": task.get("section_id"),
        "parent_id": task.get("parent_id"),
        "labels": task.get("labels"),
        "priority": task.get("priority"),
        "due": {"date": due.get("date"), "string": due.get("string"), "is_recurring": due.get("is_recurring")} if due else None,
        "deadline": (task.get("deadline") or {}).get("date"),
        "checked": task.get("checked"),
        "responsible_uid": task.get("responsible_uid"),
        "added_at": task.get("added_at"),
        "completed_at": task.get("completed_at"),
    }


def project_summary(project):
    return {
        "id": project.get("id"),
        "name": project.get("name"),
        "parent_id": project.get("parent_id"),
        "color": project.get("color"),
        "is_favorite": project.get("is_favorite"),
        "is_shared": project.get("is_shared"),
        "inbox_project": project.get("inbox_project"),
        "view_style": project.get("view_style"),
    }


def section_summary(section):
    return {"id": section.get("id"), "name": section.get("name"), "project_id": section.get("project_id"),
            "section_order": section.get("section_order")}


def label_summary(label):
    return {"id": label.get("id"), "name": label.get("name"), "color": label.get("color"), "is_favorite": label.get("is_favorite")}


def comment_summary(comment):
    return {"id": comment.get("id"), "content": comment.get("content"), "task_id": comment.get("item_id"),
            "project_id": comment.get("project_id"), "posted_at": comment.get("posted_at"),
            "file_attachment": comment.get("file_attachment")}


def due_fields(ctx):
    """The one due field given (`due_string`, `due_date` or `due_datetime`), with its language."""
    given = {name: ctx.props[name] for name in ("dueString", "dueDate", "dueDatetime") if ctx.props.get(name)}
    if len(given) > 1:
        raise ActionError("give one of dueString, dueDate or dueDatetime, not several")
    fields = {{"dueString": "due_string", "dueDate": "due_date", "dueDatetime": "due_datetime"}[k]: v for k, v in given.items()}
    if ctx.props.get("dueLang"):
        fields["due_lang"] = ctx.props.dueLang
    return fields


async def _pages_of(ctx, path, label, params=None):
    query = {**(params or {}), "limit": MAX_PAGE}
    if ctx.prev_context.get("cursor"):
        query["cursor"] = ctx.prev_context["cursor"]
    page = await api(ctx, "GET", path, params=query)
    options = [Option(label=label(r), value=r["id"]) for r in page.get("results") or []]
    token = page.get("next_cursor")
    return OptionsPage(options=options, context={"cursor": token} if token else None)


async def _project_options(ctx):
    return await _pages_of(ctx, "/projects", lambda p: p.get("name") or p["id"])


async def _section_options(ctx):
    params = {"project_id": ctx.props.projectId} if ctx.props.get("projectId") else None
    return await _pages_of(ctx, "/sections", lambda s: s.get("name") or s["id"], params)


async def _task_options(ctx):
    params = {"project_id": ctx.props.projectId} if ctx.props.get("projectId") else None
    return await _pages_of(ctx, "/tasks", lambda t: t.get("content") or t["id"], params)


async def _label_options(ctx):
    page = await _pages_of(ctx, "/labels", lambda lb: lb.get("name") or lb["id"])
    # Tasks name their labels, not label IDs.
    return OptionsPage(options=[Option(label=o.label, value=o.label) for o in page.options], context=page.context)


app.define(
    "projectId",
    props.string(
        "Project",
        "The ID of a Todoist project, from todoist-list-projects (each project's `id`), or the end of the project's "
        "URL, e.g. `6Jf8VQXxpwv56VQ7` in `app.todoist.com/app/project/groceries-6Jf8VQXxpwv56VQ7`.",
        options=_project_options,
    ),
)

app.define(
    "sectionId",
    props.string(
        "Section",
        "The ID of a section of a project, from todoist-list-sections (each section's `id`).",
        options=_section_options,
    ),
)

app.define(
    "taskId",
    props.string(
        "Task",
        "The ID of a task, from todoist-list-tasks or the result of todoist-create-task (its `id`), or the end of the "
        "task's URL, e.g. `6X7rM8997g3RQmvh` in `app.todoist.com/app/task/6X7rM8997g3RQmvh`.",
        options=_task_options,
    ),
)

app.define(
    "labels",
    props.string_list(
        "Labels",
        "Label names (not IDs), e.g. `[\"errand\", \"waiting\"]`, from todoist-list-labels. A name the user has no label "
        "for yet still works as a personal label.",
        options=_label_options,
        optional=True,
    ),
)

app.define(
    "priority",
    props.integer(
        "Priority",
        "From 1 (normal, the default) to 4 (urgent). The app shows it the other way round: 4 is shown as P1, 1 as P4.",
        min=1, max=4, optional=True,
    ),
)

app.define("dueString", props.string(
    "Due (natural language)",
    "When it is due, in words Todoist understands, e.g. `tomorrow at 5pm` or `every monday`. Give this, a due date or a "
    "due date-time, not several.",
    optional=True,
))
app.define("dueDate", props.string("Due Date", "The day it is due, `YYYY-MM-DD`, e.g. `2026-12-24`.", optional=True))
app.define("dueDatetime", props.string(
    "Due Date-Time", "The moment it is due, RFC 3339 in UTC, e.g. `2026-12-24T17:00:00Z`.", optional=True,
))
app.define("dueLang", props.string(
    "Due Language", "The language of the natural-language due date as a 2-letter code, e.g. `de`; English by default.",
    optional=True,
))
