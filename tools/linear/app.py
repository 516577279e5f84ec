import math
import re
import time

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, UpstreamError, props

_VIEWER = "query Viewer { viewer { id name email organization { name } } }"


async def _account_test(ctx):
    """The connected user (`viewer`), named with their workspace."""
    viewer = (await gql(ctx, _VIEWER))["viewer"]
    org = (viewer.get("organization") or {}).get("name")
    name = viewer.get("name") or viewer.get("email")
    return Identity(name=f"{name} ({org})" if org else name, external_id=viewer.get("id"))


app = App(
    "linear",
    "Linear",
    "Create, update, find and comment on Linear issues, and look up teams, projects and people in the connected "
    "user's Linear workspace.",
    auth=OAuth(
        authorize_url="https://linear.app/oauth/authorize",
        token_url="https://api.linear.app/oauth/token",
        # Linear takes a comma separated scope list; `read` is always granted, `write` covers issues,
        # comments and projects.
        scopes=["read", "write"],
        scope_separator=",",
        pkce=True,
    ),
    categories=["Productivity", "Developer Tools"],
    featured_weight=75,
    base_url="https://api.linear.app",
    allowed_domains=["api.linear.app"],
    test=_account_test,
)

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)

# What each kind of GraphQL error means for the person or model reading it.
_ERROR_HINTS = {
    "authentication error": "Linear rejected the credentials; the user should reconnect the Linear account",
    "forbidden": "the connected account lacks permission for this (missing scope or no access to that team)",
    "feature not accessible": "this feature is not available on the workspace's Linear plan",
    "invalid input": "fix the values named in the message",
    "user error": "fix the values named in the message",
    "usage limit exceeded": "the workspace has reached a Linear usage limit",
    "internal error": "Linear had a server error; retrying later may work",
}


def is_uuid(value):
    return bool(_UUID.match(str(value or "").strip()))


def _reset_seconds(response):
    """Seconds until Linear's rate limit window resets; its reset headers are epoch milliseconds."""
    for header in (
        "x-ratelimit-requests-reset",
        "x-ratelimit-complexity-reset",
        "x-ratelimit-endpoint-requests-reset",
    ):
        remaining = response.headers.get(header.replace("-reset", "-remaining"))
        raw = response.headers.get(header)
        if raw and remaining in (None, "0"):
            try:
                return max(0, math.ceil(float(raw) / 1000 - time.time()))
            except ValueError:
                continue
    retry = response.headers.get("retry-after")
    try:
        return max(0, math.ceil(float(retry))) if retry else None
    except ValueError:
        return None


def _graphql_error(response, errors):
    first = errors[0] if isinstance(errors[0], dict) else {"message": str(errors[0])}
    extensions = first.get("extensions") or {}
    kind = str(extensions.get("type") or "").lower()
    code = str(extensions.get("code") or "").upper()
    message = extensions.get("userPresentableMessage") or first.get("message") or "unknown error"
    if code == "RATELIMITED" or kind == "ratelimited":
        wait = _reset_seconds(response)
        when = f"retry after {wait:g} s" if wait is not None else "retry later"
        return UpstreamError(
            f"Linear rate limit reached: {message} (rate limited by Linear; {when})",
            status=response.status_code,
            retry_after=wait,
            body=response.text[:500],
        )
    if code == "AUTHENTICATION_ERROR":
        kind = "authentication error"
    hint = _ERROR_HINTS.get(kind, "check the values passed to the action")
    more = [e.get("message") for e in errors[1:4] if isinstance(e, dict) and e.get("message")]
    extra = f" [{'; '.join(more)}]" if more else ""
    return UpstreamError(
        f"Linear API error: {message}{extra} ({hint})", status=response.status_code, body=response.text[:500]
    )


async def gql(ctx, query, variables=None):
    """Run a GraphQL operation against Linear and return its `data`.

    Linear answers GraphQL errors (bad input, missing entities, rate limits) with an `errors` list,
    with HTTP 200 or 400; both become an `UpstreamError` saying what to do.
    """
    payload = {"query": query, "variables": variables or {}}
    response = await ctx.http.post("/graphql", json=payload, raise_for_status=False)
    try:
        data = response.json()
    except ValueError:
        data = None
    errors = data.get("errors") if isinstance(data, dict) else None
    if errors:
        raise _graphql_error(response, errors)
    if response.status_code >= 400 or not isinstance(data, dict):
        wait = _reset_seconds(response) if response.status_code == 429 else None
        hint = f" (rate limited by Linear; retry after {wait:g} s)" if wait is not None else ""
        raise UpstreamError(
            f"Linear API error {response.status_code}: {response.text[:300]}{hint}",
            status=response.status_code,
            retry_after=wait,
            body=response.text[:500],
        )
    return data.get("data") or {}


def nodes(connection):
    return list((connection or {}).get("nodes") or [])


def page_of(connection):
    """A Linear connection's nodes and the cursor of the page after them (None on the last page)."""
    info = (connection or {}).get("pageInfo") or {}
    return nodes(connection), info.get("endCursor") if info.get("hasNextPage") else None


def paged(key, connection):
    """The `{key: [...], "next_cursor": ...}` page a list action returns."""
    items, following = page_of(connection)
    return {key: items, "next_cursor": following}


ISSUE_FIELDS = """
  id identifier title description url priority priorityLabel estimate dueDate
  createdAt updatedAt completedAt canceledAt
  state { id name type }
  team { id key name }
  assignee { id name email }
  creator { id name }
  project { id name }
  parent { id identifier }
  labels { nodes { id name } }
"""


def issue_summary(issue):
    """The parts of a Linear issue worth reading."""
    state = issue.get("state") or {}
    return {
        "id": issue.get("id"),
        "identifier": issue.get("identifier"),
        "title": issue.get("title"),
        "description": issue.get("description"),
        "url": issue.get("url"),
        "state": state.get("name"),
        "state_type": state.get("type"),
        "priority": issue.get("priority"),
        "priority_label": issue.get("priorityLabel"),
        "estimate": issue.get("estimate"),
        "due_date": issue.get("dueDate"),
        "team": (issue.get("team") or {}).get("key"),
        "assignee": (issue.get("assignee") or {}).get("name"),
        "assignee_id": (issue.get("assignee") or {}).get("id"),
        "creator": (issue.get("creator") or {}).get("name"),
        "project": (issue.get("project") or {}).get("name"),
        "parent": (issue.get("parent") or {}).get("identifier"),
        "labels": [label.get("name") for label in nodes(issue.get("labels"))],
        "created_at": issue.get("createdAt"),
        "updated_at": issue.get("updatedAt"),
        "completed_at": issue.get("completedAt"),
        "canceled_at": issue.get("canceledAt"),
    }


def comment_summary(comment):
    return {
        "id": comment.get("id"),
        "body": comment.get("body"),
        "url": comment.get("url"),
        "author": (comment.get("user") or {}).get("name"),
        "created_at": comment.get("createdAt"),
        "parent_id": (comment.get("parent") or {}).get("id"),
        "issue": (comment.get("issue") or {}).get("identifier"),
    }


COMMENT_FIELDS = "id body url createdAt user { id name } parent { id } issue { identifier }"

PROJECT_FIELDS = """
  id name description url progress startDate targetDate createdAt updatedAt
  status { name type }
  lead { id name }
  teams { nodes { key } }
"""


def project_summary(project):
    return {
        "id": project.get("id"),
        "name": project.get("name"),
        "description": project.get("description"),
        "url": project.get("url"),
        "status": (project.get("status") or {}).get("name"),
        "status_type": (project.get("status") or {}).get("type"),
        "lead": (project.get("lead") or {}).get("name"),
        "teams": [t.get("key") for t in nodes(project.get("teams"))],
        "progress": project.get("progress"),
        "start_date": project.get("startDate"),
        "target_date": project.get("targetDate"),
        "updated_at": project.get("updatedAt"),
    }


LABEL_FIELDS = "id name color description isGroup team { key } parent { name }"


def label_summary(label):
    return {
        "id": label.get("id"),
        "name": label.get("name"),
        "color": label.get("color"),
        "description": label.get("description"),
        "team": (label.get("team") or {}).get("key"),
        "group": (label.get("parent") or {}).get("name"),
        "is_group": label.get("isGroup"),
    }


# Turning what a person would write (a team key, a state name, "me", an email, ENG-123) into IDs.

_TEAM_BY_KEY = """
query TeamByKey($value: String!) {
  teams(filter: { or: [{ key: { eqIgnoreCase: $value } }, { name: { eqIgnoreCase: $value } }] }) { nodes { id key name } }
}
"""

_STATE_BY_NAME = """
query StateByName($teamId: ID!, $name: String!) {
  workflowStates(filter: { team: { id: { eq: $teamId } }, name: { eqIgnoreCase: $name } }) { nodes { id name } }
}
"""

_USER_BY_EMAIL = """
query UserByEmail($email: String!) { users(filter: { email: { eqIgnoreCase: $email } }) { nodes { id name } } }
"""

_ISSUE_REF = "query IssueRef($id: String!) { issue(id: $id) { id identifier team { id } } }"


async def team_id(ctx, value):
    value = str(value).strip()
    if is_uuid(value):
        return value
    teams = nodes((await gql(ctx, _TEAM_BY_KEY, {"value": value})).get("teams"))
    if not teams:
        raise ActionError(f"no Linear team has the key or name {value!r}; use linear-list-teams to find the team")
    return teams[0]["id"]


async def state_id(ctx, value, team):
    value = str(value).strip()
    if is_uuid(value):
        return value
    states = nodes((await gql(ctx, _STATE_BY_NAME, {"teamId": team, "name": value})).get("workflowStates"))
    if not states:
        raise ActionError(
            f"the team has no workflow state named {value!r}; pick one of the state choices (e.g. `Todo`, `In Progress`, `Done`)"
        )
    return states[0]["id"]


async def user_id(ctx, value):
    value = str(value).strip()
    if is_uuid(value):
        return value
    if value.lower() == "me":
        return (await gql(ctx, "query Me { viewer { id } }"))["viewer"]["id"]
    if "@" in value:
        users = nodes((await gql(ctx, _USER_BY_EMAIL, {"email": value})).get("users"))
        if not users:
            raise ActionError(f"no Linear user in this workspace has the email {value!r}")
        return users[0]["id"]
    raise ActionError(f"assignee {value!r} must be a user ID, an email address or `me`; linear-list-users lists people")


async def issue_ref(ctx, value):
    """The issue's UUID, identifier and team, from a UUID or an identifier such as `ENG-123`."""
    issue = (await gql(ctx, _ISSUE_REF, {"id": str(value).strip()}))["issue"]
    return issue


# Remote options


async def _connection_options(ctx, query, path, to_option, variables=None):
    cursor = ctx.prev_context.get("cursor")
    if ctx.page > 0 and not cursor:
        return []
    data = await gql(ctx, query, {**(variables or {}), "after": cursor})
    connection = data
    for key in path:
        connection = (connection or {}).get(key) or {}
    options = [to_option(item) for item in nodes(connection)]
    page_info = connection.get("pageInfo") or {}
    following = page_info.get("endCursor") if page_info.get("hasNextPage") else None
    return OptionsPage(options=options, context={"cursor": following} if following else None)


_TEAMS = "query Teams($after: String) { teams(first: 100, after: $after) { nodes { id key name } pageInfo { hasNextPage endCursor } } }"
_USERS = """
query Users($after: String) {
  users(first: 100, after: $after) { nodes { id name email active } pageInfo { hasNextPage endCursor } }
}
"""
_PROJECTS = """
query Projects($after: String) {
  projects(first: 100, after: $after) { nodes { id name } pageInfo { hasNextPage endCursor } }
}
"""
_TEAM_STATES = """
query TeamStates($teamId: String!, $after: String) {
  team(id: $teamId) { states(first: 100, after: $after) { nodes { id name type } pageInfo { hasNextPage endCursor } } }
}
"""
_TEAM_LABELS = """
query TeamLabels($teamId: String!, $after: String) {
  team(id: $teamId) { labels(first: 100, after: $after) { nodes { id name } pageInfo { hasNextPage endCursor } } }
}
"""


_ISSUES = """
query IssueChoices($filter: IssueFilter, $after: String) {
  issues(filter: $filter, first: 50, after: $after, orderBy: updatedAt) {
    nodes { id identifier title } pageInfo { hasNextPage endCursor }
  }
}
"""


async def issue_options(ctx):
    text = (ctx.query or "").strip()
    variables = {"filter": {"title": {"containsIgnoreCase": text}} if text else None}
    return await _connection_options(
        ctx, _ISSUES, ("issues",), lambda i: Option(label=f"{i['identifier']} {i['title']}", value=i["identifier"]), variables
    )


async def team_options(ctx):
    return await _connection_options(
        ctx, _TEAMS, ("teams",), lambda t: Option(label=f"{t['name']} ({t['key']})", value=t["id"])
    )


async def user_options(ctx):
    return await _connection_options(
        ctx, _USERS, ("users",), lambda u: Option(label=f"{u['name']} <{u.get('email')}>", value=u["id"])
    )


async def project_options(ctx):
    return await _connection_options(ctx, _PROJECTS, ("projects",), lambda p: Option(label=p["name"], value=p["id"]))


async def _chosen_team(ctx):
    if ctx.props.get("teamId"):
        return await team_id(ctx, ctx.props.teamId)
    if ctx.props.get("issueId"):
        return (await issue_ref(ctx, ctx.props.issueId))["team"]["id"]
    raise ActionError("choose the team (or the issue) first; the choices depend on it")


async def state_options(ctx):
    team = await _chosen_team(ctx)
    return await _connection_options(
        ctx,
        _TEAM_STATES,
        ("team", "states"),
        lambda s: Option(label=f"{s['name']} ({s['type']})", value=s["id"]),
        {"teamId": team},
    )


async def label_options(ctx):
    team = await _chosen_team(ctx)
    return await _connection_options(
        ctx, _TEAM_LABELS, ("team", "labels"), lambda label: Option(label=label["name"], value=label["id"]), {"teamId": team}
    )


PRIORITIES = [
    Option(label="No priority", value=0),
    Option(label="Urgent", value=1),
    Option(label="High", value=2),
    Option(label="Medium", value=3),
    Option(label="Low", value=4),
]

app.define(
    "teamId",
    props.string(
        "Team",
        "The Linear team: its ID (a UUID), or its key such as `ENG` (the prefix of its issue identifiers) or its "
        "name. The choices list the teams the user can access.",
        options=team_options,
    ),
)

app.define(
    "issueId",
    props.string(
        "Issue",
        "The issue's identifier as shown in Linear and in its URL (`linear.app/<workspace>/issue/ENG-123/...`), "
        "e.g. `ENG-123`, or its ID (a UUID). linear-search-issues and linear-list-issues return both; the choices "
        "list recently updated issues.",
        options=issue_options,
        use_query=True,
    ),
)

app.define(
    "assignee",
    props.string(
        "Assignee",
        "Who to assign: a user ID (UUID), their email address, or `me` for the connected user. The choices list "
        "the workspace's people.",
        options=user_options,
        optional=True,
    ),
)

app.define(
    "stateId",
    props.string(
        "Status",
        "The workflow state: its ID (UUID) or its name in the team's workflow, e.g. `Todo`, `In Progress` or `Done`. "
        "The choices list the team's states.",
        options=state_options,
        optional=True,
    ),
)

app.define(
    "priority",
    props.integer(
        "Priority",
        "0 = no priority, 1 = urgent, 2 = high, 3 = medium, 4 = low.",
        options=PRIORITIES,
        min=0,
        max=4,
        optional=True,
    ),
)

app.define(
    "labelIds",
    props.string_list(
        "Labels",
        "IDs (UUIDs) of the team's labels to put on the issue. The choices list the team's labels.",
        options=label_options,
        optional=True,
    ),
)

app.define(
    "projectId",
    props.string(
        "Project",
        "The ID (UUID) of a Linear project to put the issue in. The choices list the workspace's projects.",
        options=project_options,
        optional=True,
    ),
)

app.define(
    "dueDate",
    props.string("Due Date", "When the issue is due, as YYYY-MM-DD, e.g. `2024-06-30`.", optional=True),
)


def check_date(value, name):
    if value and not re.match(r"^\d{4}-\d{2}-\d{2}$", str(value)):
        raise ActionError(f"{name} must be a date written as YYYY-MM-DD, e.g. `2024-06-30`")
    return value
