import re

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, UpstreamError, props, upstream_error

# Asana returns at most 100 objects per page of a list endpoint.
PAGE_SIZE = 100

# The task fields actions return (Asana sends only gid, name and resource_type unless asked).
TASK_FIELDS = ",".join(
    [
        "name",
        "notes",
        "completed",
        "completed_at",
        "assignee.name",
        "due_on",
        "due_at",
        "start_on",
        "projects.name",
        "memberships.project.name",
        "memberships.section.name",
        "parent.name",
        "tags.name",
        "workspace.name",
        "num_subtasks",
        "permalink_url",
        "created_at",
        "modified_at",
    ]
)

_GID = re.compile(r"^\d+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


async def _account_test(ctx):
    """The user the token acts for (`GET /users/me`)."""
    me = (await request(ctx, "GET", "/users/me", params={"opt_fields": "name,email"})).json()["data"]
    name = me.get("name")
    if me.get("email"):
        name = f"{name} <{me['email']}>" if name else me["email"]
    return Identity(name=name, external_id=me.get("gid"))


app = App(
    "asana",
    "Asana",
    "Create, find, update and organize Asana tasks, subtasks, comments and projects in the connected user's "
    "workspaces.",
    auth=OAuth(
        authorize_url="https://app.asana.com/-/oauth_authorize",
        token_url="https://app.asana.com/-/oauth_token",
        # `default` is the scope of an app registered with "Full permissions". Asana's granular
        # scopes (tasks:read, projects:write...) are a separate registration mode, and they have
        # not covered every endpoint used here (listing a project's sections in particular), so
        # the OAuth app must be registered with Full permissions in Asana's developer console.
        scopes=["default"],
        pkce=True,
    ),
    categories=["Productivity"],
    featured_weight=80,
    base_url="https://app.asana.com/api/1.0",
    allowed_domains=["app.asana.com"],
    test=_account_test,
)


# Errors


def asana_error(method, response):
    """UpstreamError with Asana's message, and what to do about the statuses it documents.

    Asana answers errors with `{"errors": [{"message": "...", "help": "...", "phrase": "..."}]}`.
    """
    base = upstream_error(app.name, method, response)
    hint = None
    if response.status_code == 402:
        hint = (
            "this needs a premium Asana workspace (task search is premium-only); use asana-list-tasks to list "
            "a project's, section's or person's tasks instead"
        )
    elif response.status_code == 400 and "Not a recognized ID" in response.text:
        hint = "an ID is not an Asana gid; use the numeric gids from the choices or from other Asana tools"
    if hint is None:
        return base
    return UpstreamError(f"{base} [{hint}]", status=base.status, retry_after=base.retry_after, body=base.body)


async def request(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise asana_error(method, response)
    return response


async def call(ctx, method, path, *, data=None, params=None):
    """One Asana call: the body goes in `{"data": ...}` and the answer's `data` comes back."""
    kw = {}
    if params:
        kw["params"] = params
    if data is not None:
        kw["json"] = {"data": data}
    return (await request(ctx, method, path, **kw)).json().get("data")


async def get_page(ctx, path, params=None):
    """One page of a list endpoint: (items, offset of the next page or None)."""
    body = (await request(ctx, "GET", path, params=params)).json()
    return body.get("data") or [], (body.get("next_page") or {}).get("offset")


async def collect(ctx, path, params, *, limit, cursor):
    """Up to `limit` items of a list endpoint, from `cursor` (Asana's offset token) on, and the
    offset of the page after them."""
    items, offset = [], cursor or None
    while len(items) < limit:
        query = {**params, "limit": min(PAGE_SIZE, limit - len(items))}
        if offset:
            query["offset"] = offset
        page, offset = await get_page(ctx, path, query)
        items.extend(page)
        if not offset:
            break
    return items[:limit], offset


# Values


def gid(value, what):
    text = str(value or "").strip()
    if not _GID.match(text):
        raise ActionError(f"{what} {value!r} must be an Asana gid, a string of digits such as `1204619611402340`")
    return text


def user_ref(value):
    """A user gid, an email address or `me`: all three are accepted where Asana takes a user."""
    text = str(value or "").strip()
    if text == "me" or "@" in text or _GID.match(text):
        return text
    raise ActionError(f"user {value!r} must be a user gid (digits), an email address or `me`")


def check_date(value, what):
    if not _DATE.match(str(value)):
        raise ActionError(f"{what} {value!r} must be a date written YYYY-MM-DD, e.g. `2025-07-01`")
    return value


def task_summary(task):
    """A task's fields as compact values (names rather than nested objects)."""
    memberships = [
        {
            "project": (m.get("project") or {}).get("name"),
            "project_gid": (m.get("project") or {}).get("gid"),
            "section": (m.get("section") or {}).get("name"),
            "section_gid": (m.get("section") or {}).get("gid"),
        }
        for m in task.get("memberships") or []
    ]
    out = {
        "gid": task.get("gid"),
        "name": task.get("name"),
        "notes": task.get("notes"),
        "completed": task.get("completed"),
        "completed_at": task.get("completed_at"),
        "assignee": _named(task.get("assignee")),
        "due_on": task.get("due_on"),
        "due_at": task.get("due_at"),
        "start_on": task.get("start_on"),
        "projects": [_named(p) for p in task.get("projects") or []],
        "memberships": memberships,
        "parent": _named(task.get("parent")),
        "tags": [t.get("name") for t in task.get("tags") or []],
        "workspace": _named(task.get("workspace")),
        "num_subtasks": task.get("num_subtasks"),
        "permalink_url": task.get("permalink_url"),
        "created_at": task.get("created_at"),
        "modified_at": task.get("modified_at"),
    }
    return {k: v for k, v in out.items() if v is not None or k in ("assignee", "due_on", "completed")}


PROJECT_FIELDS = ",".join(
    [
        "name",
        "notes",
        "archived",
        "color",
        "default_view",
        "due_on",
        "start_on",
        "owner.name",
        "team.name",
        "workspace.name",
        "current_status_update.title",
        "permalink_url",
        "created_at",
        "modified_at",
    ]
)


def project_summary(project):
    out = {
        "gid": project.get("gid"),
        "name": project.get("name"),
        "notes": project.get("notes"),
        "archived": project.get("archived"),
        "color": project.get("color"),
        "default_view": project.get("default_view"),
        "due_on": project.get("due_on"),
        "start_on": project.get("start_on"),
        "owner": _named(project.get("owner")),
        "team": _named(project.get("team")),
        "workspace": _named(project.get("workspace")),
        "status": (project.get("current_status_update") or {}).get("title"),
        "permalink_url": project.get("permalink_url"),
        "created_at": project.get("created_at"),
        "modified_at": project.get("modified_at"),
    }
    return {k: v for k, v in out.items() if v is not None}


def section_summary(section):
    out = {"gid": section.get("gid"), "name": section.get("name"), "project": _named(section.get("project")),
           "created_at": section.get("created_at")}
    return {k: v for k, v in out.items() if v is not None}


def story_summary(story):
    return {
        "gid": story.get("gid"),
        "created_at": story.get("created_at"),
        "author": (story.get("created_by") or {}).get("name"),
        "text": story.get("text"),
        "is_pinned": story.get("is_pinned"),
    }


def _named(obj):
    if not obj:
        return None
    return {"gid": obj.get("gid"), "name": obj.get("name")}


def task_fields(ctx):
    """The writable task fields given to a create or update action."""
    data = {}
    for name in ("name", "notes"):
        if ctx.props.get(name):
            data[name] = ctx.props[name]
    if ctx.props.get("assignee"):
        data["assignee"] = user_ref(ctx.props.assignee)
    if ctx.props.get("dueOn") and ctx.props.get("dueAt"):
        raise ActionError("give either dueOn (a date) or dueAt (a date-time), not both")
    if ctx.props.get("dueOn"):
        data["due_on"] = check_date(ctx.props.dueOn, "dueOn")
    if ctx.props.get("dueAt"):
        data["due_at"] = ctx.props.dueAt
    if ctx.props.get("startOn"):
        data["start_on"] = check_date(ctx.props.startOn, "startOn")
    if ctx.props.get("completed") is not None:
        data["completed"] = ctx.props.completed
    return data


# Remote options


async def _paged_options(ctx, path, params, to_option):
    offset = ctx.prev_context.get("offset")
    if ctx.page > 0 and not offset:
        return []
    query = {**params, "limit": PAGE_SIZE}
    if offset:
        query["offset"] = offset
    items, following = await get_page(ctx, path, query)
    return OptionsPage(options=[to_option(i) for i in items], context={"offset": following} if following else None)


def _named_option(item):
    return Option(label=item.get("name") or item["gid"], value=item["gid"])


def _chosen(ctx, name, what):
    value = ctx.props.get(name)
    if not value:
        raise ActionError(f"choose the {what} ({name}) first; the choices depend on it")
    return gid(value, what)


async def workspace_options(ctx):
    return await _paged_options(ctx, "/workspaces", {}, _named_option)


async def project_options(ctx):
    workspace = _chosen(ctx, "workspace", "workspace")
    return await _paged_options(ctx, "/projects", {"workspace": workspace, "archived": "false"}, _named_option)


async def section_options(ctx):
    project = _chosen(ctx, "project", "project")
    return await _paged_options(ctx, f"/projects/{project}/sections", {}, _named_option)


async def user_options(ctx):
    workspace = _chosen(ctx, "workspace", "workspace")

    def to_option(user):
        label = f"{user.get('name')} <{user['email']}>" if user.get("email") else user.get("name") or user["gid"]
        return Option(label=label, value=user["gid"])

    return await _paged_options(ctx, "/users", {"workspace": workspace, "opt_fields": "name,email"}, to_option)


async def task_options(ctx):
    workspace = _chosen(ctx, "workspace", "workspace")
    params = {"workspace": workspace, "assignee": "me", "completed_since": "now", "opt_fields": "name"}
    return await _paged_options(ctx, "/tasks", params, _named_option)


async def team_options(ctx):
    workspace = _chosen(ctx, "workspace", "workspace")
    return await _paged_options(ctx, f"/workspaces/{workspace}/teams", {}, _named_option)


app.define(
    "workspace",
    props.string(
        "Workspace",
        "The gid of an Asana workspace or organization, e.g. `1204619611402340`. The choices list the user's "
        "workspaces.",
        options=workspace_options,
    ),
)

app.define(
    "project",
    props.string(
        "Project",
        "The gid of a project in the workspace, e.g. `1204619611402355`. The choices list the workspace's "
        "unarchived projects (choose the workspace first).",
        options=project_options,
    ),
)

app.define(
    "section",
    props.string(
        "Section",
        "The gid of a section (a column on a board) in the project, e.g. `1204619611402360`. The choices list "
        "the project's sections (choose the project first).",
        options=section_options,
        optional=True,
    ),
)

app.define(
    "assignee",
    props.string(
        "Assignee",
        "Who the task is assigned to: a user gid such as `1204619611402301`, an email address, or `me` for the "
        "connected user. The choices list the workspace's people.",
        options=user_options,
        optional=True,
    ),
)

app.define(
    "task",
    props.string(
        "Task",
        "The gid of the task, e.g. `1204619611402377` (the last number in its URL, "
        "`https://app.asana.com/0/<project>/<task>`). asana-search-tasks and asana-list-tasks return gids. The "
        "choices list your open tasks in the chosen workspace.",
        options=task_options,
    ),
)

app.define(
    "notes",
    props.string("Description", "The task's description, as plain text.", optional=True),
)

app.define(
    "dueOn",
    props.string("Due Date", "The day the task is due, written YYYY-MM-DD, e.g. `2025-07-01`.", optional=True),
)

app.define(
    "dueAt",
    props.string(
        "Due Date and Time",
        "The moment the task is due, as an ISO 8601 date-time in UTC, e.g. `2025-07-01T17:00:00Z`. Use instead of "
        "dueOn.",
        optional=True,
    ),
)

app.define(
    "startOn",
    props.string("Start Date", "The day work on the task starts, written YYYY-MM-DD. Needs a due date.", optional=True),
)


def task_id(value):
    """A task gid, also accepted as an Asana task URL."""
    text = str(value or "").strip()
    match = re.search(r"app\.asana\.com/\S*?(\d+)(?:/f)?/?$", text)
    if match and not _GID.match(text):
        return match.group(1)
    return gid(text, "task")
