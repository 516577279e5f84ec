import json
import re
from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, UpstreamError, props

# GitLab returns at most 100 items per page of a list endpoint.
MAX_PER_PAGE = 100


async def _account_test(ctx):
    """The connected user (`GET /user`): their username and numeric ID."""
    user = (await ctx.http.get("/user")).json()
    user_id = user.get("id")
    return Identity(name=user.get("username"), external_id=None if user_id is None else str(user_id))


app = App(
    "gitlab",
    "GitLab",
    "Work with GitLab.com projects the connected user can access: issues, merge requests, comments, search "
    "and repository files.",
    auth=OAuth(
        authorize_url="https://gitlab.com/oauth/authorize",
        token_url="https://gitlab.com/oauth/token",
        # `api` is GitLab's read-write scope for the REST API; it covers every action here.
        scopes=["api"],
        # GitLab recommends PKCE for the authorization code flow.
        pkce=True,
    ),
    categories=["Developer Tools"],
    featured_weight=80,
    base_url="https://gitlab.com/api/v4",
    allowed_domains=["gitlab.com"],
    test=_account_test,
)


_HOST = re.compile(r"^(https?://)?(www\.)?gitlab\.com/", re.IGNORECASE)
_PATH = re.compile(r"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$")


def project_path(project):
    """The project as GitLab names it: a numeric ID or a `group/project` path (a gitlab.com URL works too)."""
    value = _HOST.sub("", str(project or "").strip())
    value = value.split("/-/", 1)[0].removesuffix(".git").strip("/")
    if value.isdigit() or _PATH.match(value):
        return value
    raise ActionError(
        f"project {project!r} must be a numeric project ID (e.g. `278964`) or a path with its namespace "
        "(e.g. `gitlab-org/gitlab`)"
    )


def project_url(project):
    """`/projects/{id}` with the path URL-encoded, as GitLab wants namespaced paths."""
    return f"/projects/{quote(project_path(project), safe='')}"


def repo_file_path(path):
    """A file path inside the repository, URL-encoded as one path segment (`lib%2Fclass.rb`)."""
    cleaned = str(path or "").strip().strip("/")
    if not cleaned:
        raise ActionError("give the file's path in the repository, e.g. `docs/README.md`")
    if any(part in ("", ".", "..") for part in cleaned.split("/")):
        raise ActionError(f"path {path!r} must be a plain relative path such as `docs/README.md`")
    return cleaned, quote(cleaned, safe="")


def _validation_detail(message):
    """GitLab's validation errors come as `{"message": {"field": ["problem", ...]}}`."""
    parts = []
    for field, problems in message.items():
        problems = problems if isinstance(problems, list) else [problems]
        text = "; ".join(str(p) for p in problems)
        parts.append(text if field == "base" else f"{field} {text}")
    return "; ".join(parts)


async def api(ctx, method, path, **kw):
    """A GitLab API request; validation errors are spelled out field by field."""
    try:
        return await ctx.http.request(method, path, **kw)
    except UpstreamError as exc:
        try:
            data = json.loads(exc.body) if exc.body else None
        except ValueError:
            data = None
        message = data.get("message") if isinstance(data, dict) else None
        if isinstance(message, dict) and message:
            raise UpstreamError(
                f"GitLab refused {method} {path} ({exc.status}): {_validation_detail(message)}; fix those values and retry",
                status=exc.status,
                retry_after=exc.retry_after,
                body=exc.body,
            ) from None
        raise


async def collect(ctx, path, *, limit, params=None):
    """Up to `limit` items of an offset-paginated list endpoint, following `X-Next-Page`."""
    per_page = min(MAX_PER_PAGE, limit)
    items = []
    page = 1
    while len(items) < limit:
        response = await api(ctx, "GET", path, params={**(params or {}), "per_page": per_page, "page": page})
        batch = response.json()
        items.extend(batch)
        following = response.headers.get("x-next-page")
        if not batch or not following:
            break
        page = int(following)
    return items[:limit]


def username(user):
    return (user or {}).get("username")


def issue_summary(issue):
    """The parts of an issue worth reading."""
    return {
        "iid": issue.get("iid"),
        "id": issue.get("id"),
        "project_id": issue.get("project_id"),
        "title": issue.get("title"),
        "state": issue.get("state"),
        "description": issue.get("description"),
        "web_url": issue.get("web_url"),
        "reference": (issue.get("references") or {}).get("full"),
        "author": username(issue.get("author")),
        "assignees": [username(a) for a in issue.get("assignees") or []],
        "labels": list(issue.get("labels") or []),
        "milestone": (issue.get("milestone") or {}).get("title"),
        "due_date": issue.get("due_date"),
        "confidential": issue.get("confidential"),
        "comments": issue.get("user_notes_count"),
        "created_at": issue.get("created_at"),
        "updated_at": issue.get("updated_at"),
        "closed_at": issue.get("closed_at"),
    }


def merge_request_summary(mr):
    """The parts of a merge request worth reading."""
    return {
        "iid": mr.get("iid"),
        "id": mr.get("id"),
        "project_id": mr.get("project_id"),
        "title": mr.get("title"),
        "state": mr.get("state"),
        "draft": mr.get("draft"),
        "description": mr.get("description"),
        "source_branch": mr.get("source_branch"),
        "target_branch": mr.get("target_branch"),
        "web_url": mr.get("web_url"),
        "reference": (mr.get("references") or {}).get("full"),
        "author": username(mr.get("author")),
        "assignees": [username(a) for a in mr.get("assignees") or []],
        "reviewers": [username(r) for r in mr.get("reviewers") or []],
        "labels": list(mr.get("labels") or []),
        "merge_status": mr.get("detailed_merge_status") or mr.get("merge_status"),
        "has_conflicts": mr.get("has_conflicts"),
        "sha": mr.get("sha"),
        "created_at": mr.get("created_at"),
        "updated_at": mr.get("updated_at"),
        "merged_at": mr.get("merged_at"),
    }


def project_summary(project):
    return {
        "id": project.get("id"),
        "path_with_namespace": project.get("path_with_namespace"),
        "name": project.get("name"),
        "description": project.get("description"),
        "web_url": project.get("web_url"),
        "default_branch": project.get("default_branch"),
        "visibility": project.get("visibility"),
        "last_activity_at": project.get("last_activity_at"),
    }


def note_summary(note):
    return {
        "id": note.get("id"),
        "body": note.get("body"),
        "author": username(note.get("author")),
        "system": note.get("system"),
        "created_at": note.get("created_at"),
        "updated_at": note.get("updated_at"),
    }


def date_or_error(value, name):
    if value and not re.match(r"^\d{4}-\d{2}-\d{2}$", str(value)):
        raise ActionError(f"{name} must be a date written as YYYY-MM-DD, e.g. `2024-06-30`")
    return value


# Remote options


async def _paged_options(ctx, path, to_option, params=None):
    page = ctx.prev_context.get("page") or ctx.page + 1
    response = await api(ctx, "GET", path, params={**(params or {}), "per_page": MAX_PER_PAGE, "page": page})
    options = [to_option(item) for item in response.json()]
    following = response.headers.get("x-next-page")
    return OptionsPage(options=options, context={"page": int(following)} if following else None)


def _chosen_project(ctx):
    if not ctx.props.get("project"):
        raise ActionError("choose the project first; the choices depend on it")
    return project_url(ctx.props.project)


async def project_options(ctx):
    params = {"membership": "true", "simple": "true", "order_by": "last_activity_at"}
    if ctx.query:
        params["search"] = ctx.query
    return await _paged_options(
        ctx, "/projects", lambda p: Option(label=p["path_with_namespace"], value=p["path_with_namespace"]), params
    )


async def label_options(ctx):
    return await _paged_options(ctx, f"{_chosen_project(ctx)}/labels", lambda label: label["name"])


async def member_options(ctx):
    return await _paged_options(
        ctx,
        f"{_chosen_project(ctx)}/members/all",
        lambda user: Option(label=f"{user.get('name')} (@{user.get('username')})", value=user["id"]),
    )


async def branch_options(ctx):
    return await _paged_options(ctx, f"{_chosen_project(ctx)}/repository/branches", lambda b: b["name"])


app.define(
    "project",
    props.string(
        "Project",
        "The GitLab project: its path with namespace, e.g. `gitlab-org/gitlab` (the part of its gitlab.com URL "
        "after the host), or its numeric ID, e.g. `278964`. The choices list projects the connected user is a member of.",
        options=project_options,
        use_query=True,
    ),
)

app.define(
    "issueIid",
    props.integer(
        "Issue Number",
        "The issue's number within the project (its IID), as shown after `#` and at the end of its URL, e.g. `42` "
        "for `https://gitlab.com/group/project/-/issues/42`.",
        min=1,
    ),
)

app.define(
    "mergeRequestIid",
    props.integer(
        "Merge Request Number",
        "The merge request's number within the project (its IID), as shown after `!` and at the end of its URL, "
        "e.g. `7` for `https://gitlab.com/group/project/-/merge_requests/7`.",
        min=1,
    ),
)

app.define(
    "labels",
    props.string_list(
        "Labels",
        "Label names, e.g. `[\"bug\", \"backend\"]`. Labels that do not exist yet are created in the project.",
        options=label_options,
        optional=True,
    ),
)

app.define(
    "assigneeIds",
    props.integer_list(
        "Assignees",
        "Numeric user IDs of project members to assign, e.g. `[12345]`. The choices list the project's members.",
        options=member_options,
        optional=True,
    ),
)

app.define(
    "branch",
    props.string(
        "Branch",
        "A branch name in the project, e.g. `main`.",
        options=branch_options,
    ),
)

app.define(
    "max",
    props.integer("Max Results", "The most items to return (1 to 500).", min=1, max=500, default=20),
)
