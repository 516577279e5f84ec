"""Basecamp (the Basecamp 4 API): projects, to-do lists and to-dos, message boards, comments and people.

An OAuth grant may reach several Basecamp accounts, so, as with the Atlassian apps' sites, the account is not part
of the connection: every action takes an optional `accountId` whose choices come from Launchpad's authorization
endpoint, and when it is left empty and the grant reaches exactly one Basecamp 4 account, that one is used.
"""

from urllib.parse import parse_qs, urlsplit

from mcp_gateway.catalog import (
    ActionError, App, Identity, OAuth, Option, OptionsPage, UpstreamError, props, retry_after_seconds, status_hint,
)

API = "https://3.basecampapi.com"
AUTHORIZATION = "https://launchpad.37signals.com/authorization.json"
# Basecamp refuses requests without a User-Agent naming the application and a way to reach its makers.
USER_AGENT = "mcp-gateway (open-source MCP gateway; Basecamp app)"


def _headers(auth):
    token = auth.get("oauth_access_token")
    return {"Authorization": f"Bearer {token}", "User-Agent": USER_AGENT} if token else {}


async def _account_test(ctx):
    """The person the grant belongs to, from Launchpad's authorization endpoint."""
    identity = (await api(ctx, "GET", AUTHORIZATION)).get("identity") or {}
    name = " ".join(p for p in (identity.get("first_name"), identity.get("last_name")) if p)
    return Identity(name=name or identity.get("email_address"),
                    external_id=None if identity.get("id") is None else str(identity["id"]))


app = App(
    "basecamp",
    "Basecamp",
    "Work in Basecamp: list projects, to-do lists and to-dos, add and complete to-dos, post messages to a project's "
    "message board, comment on to-dos and messages, and look up people.",
    auth=OAuth(
        authorize_url="https://launchpad.37signals.com/authorization/new",
        token_url="https://launchpad.37signals.com/authorization/token",
        # Launchpad names its flow with `type` on both the authorization and the token request.
        extra_authorize_params={"type": "web_server"},
        extra_token_params={"type": "web_server"},
        extra_refresh_params={"type": "refresh"},
    ),
    categories=["Productivity"],
    featured_weight=50,
    base_url=API,
    allowed_domains=["3.basecampapi.com", "launchpad.37signals.com"],
    auth_headers=_headers,
    test=_account_test,
)


_HINTS = {
    404: "nothing has that ID in this Basecamp account (or it is in the trash); look IDs up with basecamp-list-projects, "
         "basecamp-list-todolists and basecamp-list-todos",
    403: "the person may not do this in this project (they may not be on it, or it is read-only for clients)",
    507: "the Basecamp account is at its plan's limit; the account owner must upgrade or free up space",
}


async def api(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise _error(method, path, response)
    return response.json() if response.content else {}


def _error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    message = (data.get("error") if isinstance(data, dict) else None) or response.reason_phrase
    retry_after = retry_after_seconds(response)
    hint = status_hint("Basecamp", status, retry_after, _HINTS)
    if status == 422:
        hint = "Basecamp refused the values; see the message"
    return UpstreamError(f"Basecamp API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


# The account

async def accounts(ctx):
    """The Basecamp 4 accounts the grant reaches: `[{id, name, href, app_href}]`."""
    found = (await api(ctx, "GET", AUTHORIZATION)).get("accounts") or []
    return [a for a in found if a.get("product") == "bc3"]


async def account_id(ctx):
    """The account this run works in, looked up once per run."""
    cached = getattr(ctx, "_basecamp_account", None)
    if cached:
        return cached
    found = await accounts(ctx)
    wanted = str(ctx.props.get("accountId") or "").strip()
    listing = ", ".join(f"{a.get('name')} (id {a.get('id')})" for a in found)
    if wanted:
        match = [a for a in found if wanted == str(a.get("id")) or wanted.lower() == str(a.get("name")).lower()]
        if not match:
            raise ActionError(f"account {wanted!r} is not one of the Basecamp accounts this connection reaches: "
                              f"{listing or 'none'}")
        chosen = match[0]
    elif len(found) == 1:
        chosen = found[0]
    elif not found:
        raise ActionError("the connection reaches no Basecamp 4 account; reconnect Basecamp with a person on one")
    else:
        raise ActionError(f"the connection reaches several Basecamp accounts; pass `accountId` with one of: {listing}")
    ctx._basecamp_account = str(chosen["id"])
    return ctx._basecamp_account


async def call(ctx, method, path, **kw):
    """A request to the chosen account's API, e.g. `call(ctx, "GET", "/projects.json")`."""
    return await api(ctx, method, f"/{await account_id(ctx)}{path}", **kw)


# Paging: Basecamp pages with a `Link: <...?page=2>; rel="next"` header.

def _start(cursor):
    if not cursor:
        return 1, 0
    page, _, skip = str(cursor).partition(":")
    if not page.isdigit() or (skip and not skip.isdigit()):
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged")
    return int(page), int(skip or 0)


async def collect(ctx, path, *, limit, cursor, params=None):
    """Up to `limit` records of a Basecamp list, from `cursor` on, and the cursor after them."""
    page, skip = _start(cursor)
    base = f"/{await account_id(ctx)}{path}"
    records = []
    while True:
        query = {**(params or {}), **({"page": page} if page > 1 else {})}
        response = await ctx.http.request("GET", base, params=query or None, raise_for_status=False)
        if response.status_code >= 400:
            raise _error("GET", base, response)
        found = (response.json() if response.content else [])[skip:]
        taken = found[: limit - len(records)]
        records.extend(taken)
        if len(taken) < len(found):
            return records, f"{page}:{skip + len(taken)}"
        following = _next_page(response)
        if following is None:
            return records, None
        page, skip = following, 0
        if len(records) >= limit:
            return records, str(page)


def _next_page(response):
    url = (response.links.get("next") or {}).get("url")
    if not url:
        return None
    pages = parse_qs(urlsplit(url).query).get("page") or []
    return int(pages[0]) if pages and pages[0].isdigit() else None


async def dock_id(ctx, project_id, name, what):
    """The ID of a project's tool (its to-do set, its message board) from the project's dock."""
    project = await call(ctx, "GET", f"/projects/{project_id}.json")
    for tool in project.get("dock") or []:
        if tool.get("name") == name and tool.get("enabled", True):
            return tool["id"]
    raise ActionError(f"the project {project.get('name')!r} has no {what} turned on; turn it on in the project's "
                      "settings, or pick another project")


# Summaries

def person_summary(person):
    return {"id": person.get("id"), "name": person.get("name"), "email_address": person.get("email_address"),
            "title": person.get("title"), "company": (person.get("company") or {}).get("name"),
            "admin": person.get("admin"), "client": person.get("client")}


def _people(people):
    return [{"id": p.get("id"), "name": p.get("name")} for p in people or []]


def project_summary(project):
    return {"id": project.get("id"), "name": project.get("name"), "description": project.get("description") or None,
            "status": project.get("status"), "updated_at": project.get("updated_at"), "app_url": project.get("app_url"),
            "tools": [{"name": t.get("name"), "title": t.get("title"), "id": t.get("id")}
                      for t in project.get("dock") or [] if t.get("enabled", True)]}


def todolist_summary(todolist):
    return {"id": todolist.get("id"), "name": todolist.get("name") or todolist.get("title"),
            "description": todolist.get("description") or None, "completed": todolist.get("completed"),
            "completed_ratio": todolist.get("completed_ratio"), "comments_count": todolist.get("comments_count"),
            "app_url": todolist.get("app_url")}


def todo_summary(todo):
    return {"id": todo.get("id"), "content": todo.get("content") or todo.get("title"),
            "description": todo.get("description") or None, "completed": todo.get("completed"),
            "due_on": todo.get("due_on"), "starts_on": todo.get("starts_on"), "assignees": _people(todo.get("assignees")),
            "comments_count": todo.get("comments_count"), "todolist": (todo.get("parent") or {}).get("title"),
            "creator": (todo.get("creator") or {}).get("name"), "created_at": todo.get("created_at"),
            "app_url": todo.get("app_url")}


def recording_summary(recording):
    """A message or a comment as written."""
    return {"id": recording.get("id"), "type": recording.get("type"), "subject": recording.get("subject"),
            "content": recording.get("content"), "creator": (recording.get("creator") or {}).get("name"),
            "parent": {"id": (recording.get("parent") or {}).get("id"), "title": (recording.get("parent") or {}).get("title")}
            if recording.get("parent") else None,
            "created_at": recording.get("created_at"), "app_url": recording.get("app_url")}


# Shared props and their remote options

async def _account_options(ctx):
    return [Option(label=a.get("name") or str(a["id"]), value=str(a["id"])) for a in await accounts(ctx)]


async def _paged_options(ctx, path, label, params=None):
    page = int(ctx.prev_context.get("page") or 1)
    base = f"/{await account_id(ctx)}{path}"
    query = {**(params or {}), **({"page": page} if page > 1 else {})}
    response = await ctx.http.request("GET", base, params=query or None, raise_for_status=False)
    if response.status_code >= 400:
        raise _error("GET", base, response)
    options = [Option(label=label(r) or str(r["id"]), value=str(r["id"])) for r in response.json() or []]
    following = _next_page(response)
    return OptionsPage(options=options, context={"page": following} if following else None)


async def _project_options(ctx):
    return await _paged_options(ctx, "/projects.json", lambda p: p.get("name"))


def _need(ctx, prop, what):
    if not ctx.props.get(prop):
        raise ActionError(f"choose the {what} ({prop}) first; the choices are in it")
    return ctx.props[prop]


async def _todolist_options(ctx):
    project = _need(ctx, "projectId", "project")
    todoset = await dock_id(ctx, project, "todoset", "To-dos")
    return await _paged_options(ctx, f"/buckets/{project}/todosets/{todoset}/todolists.json",
                                lambda t: t.get("name") or t.get("title"))


async def _todo_options(ctx):
    project = _need(ctx, "projectId", "project")
    todolist = _need(ctx, "todolistId", "to-do list")
    return await _paged_options(ctx, f"/buckets/{project}/todolists/{todolist}/todos.json", lambda t: t.get("content"))


app.define("accountId", props.string(
    "Account",
    "The Basecamp account to work in: its ID, the number after 3.basecamp.com/ in its URLs (e.g. `999999999`). Leave "
    "empty when the connection reaches one Basecamp account.",
    options=_account_options,
    optional=True,
))

app.define("projectId", props.string(
    "Project",
    "The ID of a Basecamp project, from basecamp-list-projects; it is the number after `/projects/` in the project's "
    "URL, e.g. `2085958499`.",
    options=_project_options,
))

app.define("todolistId", props.string(
    "To-do List",
    "The ID of a to-do list in the project, from basecamp-list-todolists; the number after `/todolists/` in its URL.",
    options=_todolist_options,
))

app.define("todoId", props.string(
    "To-do",
    "The ID of a to-do, from basecamp-list-todos or basecamp-create-todo; the number after `/todos/` in its URL.",
    options=_todo_options,
))
