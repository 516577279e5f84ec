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


def _gitlab_error(method, path, exc, data):
    """What to do next, from GitLab's error body: `message` (text or per-field) or OAuth's `error`."""
    message = data.get("message") if isinstance(data, dict) else None
    error = data.get("error") if isinstance(data, dict) else None
    if isinstance(message, dict) and message:
        return f"GitLab refused {method} {path} ({exc.status}): {_validation_detail(message)}; fix those values and retry"
    if error == "insufficient_scope":
        return (
            f"GitLab refused {method} {path}: the connection lacks the `api` scope it needs; reconnect the GitLab "
            "account and approve the `api` scope"
        )
    if exc.status == 403 and message:
        return (
            f"GitLab refused {method} {path} (403): {message}; the connected user's role in the project does not "
            "allow this, so ask a maintainer or use an account with more access"
        )
    if exc.status == 404:
        what = message or "404 Not Found"
        return (
            f"GitLab found nothing at {method} {path} ({what}); check the project with gitlab-list-projects and the "
            "number, branch or path given (the user may also lack access to it)"
        )
    return None


async def api(ctx, method, path, **kw):
    """A GitLab API request; error bodies are turned into what to fix."""
    try:
        return await ctx.http.request(method, path, **kw)
    except UpstreamError as exc:
        try:
            data = json.loads(exc.body) if exc.body else None
        except ValueError:
            data = None
        text = _gitlab_error(method, path, exc, data)
        if text:
            raise UpstreamError(text, status=exc.status, retry_after=exc.retry_after, body=exc.body) from None
        raise


def _page(cursor):
    if cursor in (None, ""):
        return 1
    value = str(cursor).strip()
    if not value.isdigit() or int(value) < 1:
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass `next_cursor` from the previous result unchanged")
    return int(value)


async def collect(ctx, path, *, params=None):
    """One page of `limit` items of an offset-paginated list, from the page in `cursor`, and the
    cursor of the page after it (GitLab's `X-Next-Page`, empty on the last page)."""
    query = {**(params or {}), "per_page": min(MAX_PER_PAGE, ctx.props.limit), "page": _page(ctx.props.get("cursor"))}
    response = await api(ctx, "GET", path, params=query)
    following = response.headers.get("x-next-page")
    return response.json(), following or None


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


def branch_summary(branch):
    commit = branch.get("commit") or {}
    return {
        "name": branch.get("name"),
        "default": branch.get("default"),
        "protected": branch.get("protected"),
        "merged": branch.get("merged"),
        "web_url": branch.get("web_url"),
        "commit_sha": commit.get("id"),
        "commit_title": commit.get("title"),
        "committed_date": commit.get("committed_date"),
    }


def pipeline_summary(pipeline):
    return {
        "id": pipeline.get("id"),
        "iid": pipeline.get("iid"),
        "project_id": pipeline.get("project_id"),
        "status": pipeline.get("status"),
        "source": pipeline.get("source"),
        "ref": pipeline.get("ref"),
        "sha": pipeline.get("sha"),
        "web_url": pipeline.get("web_url"),
        "user": username(pipeline.get("user")),
        "created_at": pipeline.get("created_at"),
        "updated_at": pipeline.get("updated_at"),
        "finished_at": pipeline.get("finished_at"),
        "duration": pipeline.get("duration"),
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


async def issue_options(ctx):
    return await _paged_options(
        ctx,
        f"{_chosen_project(ctx)}/issues",
        lambda i: Option(label=f"#{i['iid']} {i.get('title')}", value=i["iid"]),
        {"state": "opened", "order_by": "updated_at"},
    )


async def merge_request_options(ctx):
    return await _paged_options(
        ctx,
        f"{_chosen_project(ctx)}/merge_requests",
        lambda mr: Option(label=f"!{mr['iid']} {mr.get('title')}", value=mr["iid"]),
        {"state": "opened", "order_by": "updated_at"},
    )


async def pipeline_options(ctx):
    return await _paged_options(
        ctx,
        f"{_chosen_project(ctx)}/pipelines",
        lambda p: Option(label=f"#{p['id']} {p.get('ref')} ({p.get('status')})", value=p["id"]),
    )


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
        "for `https://gitlab.com/group/project/-/issues/42`; gitlab-list-issues returns it as `iid`. The choices list "
        "the project's open issues.",
        min=1,
        options=issue_options,
    ),
)

app.define(
    "mergeRequestIid",
    props.integer(
        "Merge Request Number",
        "The merge request's number within the project (its IID), as shown after `!` and at the end of its URL, "
        "e.g. `7` for `https://gitlab.com/group/project/-/merge_requests/7`; gitlab-list-merge-requests returns it "
        "as `iid`. The choices list the project's open merge requests.",
        min=1,
        options=merge_request_options,
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
        "A branch name in the project, e.g. `main`, as gitlab-list-branches returns it. The choices list the "
        "project's branches.",
        options=branch_options,
    ),
)

app.define(
    "pipelineId",
    props.integer(
        "Pipeline",
        "The pipeline's numeric ID (not its per-project number), from gitlab-list-pipelines (`id`) or the end of its "
        "URL, e.g. `46` for `https://gitlab.com/group/project/-/pipelines/46`. The choices list the project's recent "
        "pipelines.",
        min=1,
        options=pipeline_options,
    ),
)
