import re
from urllib.parse import quote

from mcp_gateway.catalog import (
    ActionError,
    App,
    Identity,
    OAuth,
    Option,
    OptionsPage,
    UpstreamError,
    props,
    status_hint,
    upstream_error,
)

API_VERSION = "2022-11-28"

# GitHub returns at most 100 items per page of a list endpoint.
MAX_PER_PAGE = 100


def _headers(auth):
    headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": API_VERSION}
    if auth.get("oauth_access_token"):
        headers["Authorization"] = f"Bearer {auth['oauth_access_token']}"
    return headers


async def _account_test(ctx):
    """The connected user's login and numeric ID (`GET /user`), which also proves the token works."""
    user = (await ctx.http.get("/user")).json()
    user_id = user.get("id")
    return Identity(name=user.get("login"), external_id=None if user_id is None else str(user_id))


app = App(
    "github",
    "GitHub",
    "Work with GitHub as the connected user: repositories, branches and files, issues, labels and comments, "
    "pull requests and reviews, releases, Actions workflows, gists, organizations, search and notifications.",
    auth=OAuth(
        authorize_url="https://github.com/login/oauth/authorize",
        token_url="https://github.com/login/oauth/access_token",
        # `gist` to create gists, `read:org` to see private organization memberships, `workflow`
        # because GitHub refuses commits that touch `.github/workflows/` without it.
        scopes=["repo", "read:user", "user:email", "gist", "read:org", "workflow"],
        # GitHub accepts PKCE (S256) for OAuth apps and recommends it.
        pkce=True,
    ),
    categories=["Developer Tools"],
    featured_weight=95,
    base_url="https://api.github.com",
    allowed_domains=["api.github.com"],
    auth_headers=_headers,
    test=_account_test,
)


# Requests and errors

_HINTS = {
    404: "GitHub answers 404 both for things that do not exist and for private ones this account cannot see; "
    "check the repository, number, branch or path, and that the account has access",
    405: "GitHub does not allow this now; for a merge, the pull request may be a draft, have conflicts or lack "
    "required reviews or checks (see `mergeable_state` from Get Pull Request), or the merge method is turned off",
    409: "the repository is in a conflicting state (an empty repository, a moved branch head or a merge conflict); "
    "read the current state and try again",
    422: "GitHub rejected a value; fix the fields named in the message",
}


def github_error(method, response):
    """An `UpstreamError` with GitHub's message, the fields its validation errors name, and what to do."""
    base = upstream_error(app.name, method, response)
    details = _validation_details(response)
    if response.status_code not in _HINTS and not details:
        return base
    where = f"{method} {response.request.url.copy_with(query=None)}"
    message = _message(response) or response.reason_phrase
    if details:
        message = f"{message} ({details})"
    hint = status_hint(app.name, response.status_code, base.retry_after, _HINTS)
    return UpstreamError(
        f"{app.name} API error {response.status_code} on {where}: {message} ({hint})",
        status=base.status,
        retry_after=base.retry_after,
        body=base.body,
    )


def _json(response):
    try:
        return response.json()
    except ValueError:
        return None


def _message(response):
    data = _json(response)
    return data.get("message") if isinstance(data, dict) else None


def _validation_details(response):
    """GitHub's 422 body lists `errors` as `{resource, field, code}` or `{message}` entries."""
    data = _json(response)
    errors = data.get("errors") if isinstance(data, dict) else None
    if not isinstance(errors, list):
        return ""
    parts = []
    for error in errors[:5]:
        if isinstance(error, dict):
            if error.get("message"):
                parts.append(str(error["message"]))
            elif error.get("field"):
                parts.append(f"{error['field']}: {error.get('code', 'invalid')}")
        elif error:
            parts.append(str(error))
    return "; ".join(parts)


async def request(ctx, method, path, **kw):
    """One GitHub API call; an error status becomes an `UpstreamError` that says what to fix."""
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise github_error(method, response)
    return response


async def get_json(ctx, path, params=None):
    return (await request(ctx, "GET", path, params=params)).json()


def _offset(cursor):
    if cursor in (None, ""):
        return 0
    value = str(cursor).strip()
    if not value.isdigit():
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass `next_cursor` from the previous result unchanged")
    return int(value)


async def list_page(ctx, path, *, params=None, key=None, headers=None):
    """One page of `ctx.props.limit` items of a GitHub list endpoint, starting at `ctx.props.cursor`.

    Returns (items, next_cursor, last response body). The cursor is the offset of the next item,
    so it survives a change of `limit` between calls. `key` names the list inside an object body
    (search results keep theirs in `items`, workflow runs in `workflow_runs`); `headers` ask for
    another media type.
    """
    limit = ctx.props.limit
    offset = _offset(ctx.props.get("cursor"))
    # With a steady limit the offset falls on a page boundary and one request is enough.
    per_page = limit if offset % limit == 0 else MAX_PER_PAGE
    page, skip = offset // per_page + 1, offset % per_page
    items, more, body = [], False, None
    while True:
        query = {**(params or {}), "per_page": per_page, "page": page}
        response = await request(ctx, "GET", path, params=query, headers=headers)
        body = response.json()
        batch = ((body.get(key) or []) if key else body)[skip:]
        skip = 0
        room = limit - len(items)
        items.extend(batch[:room])
        has_next = "next" in response.links
        if len(batch) > room:
            more = True
            break
        if len(items) >= limit:
            more = has_next
            break
        if not batch or not has_next:
            break
        page += 1
    return items, (str(offset + len(items)) if more else None), body


def plural(count, noun, many=None):
    return f"{count} {noun if count == 1 else (many or noun + 's')}"


# Repositories, paths and numbers

_FULL_NAME = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")


def repo_path(full_name):
    """`/repos/{owner}/{repo}` for an `owner/repo` value (a github.com URL is accepted too)."""
    return f"/repos/{full_name_of(full_name)}"


def full_name_of(full_name):
    value = str(full_name or "").strip()
    value = re.sub(r"^(https?://)?(www\.)?github\.com/", "", value)
    value = value.removesuffix(".git").strip("/")
    if not _FULL_NAME.match(value):
        raise ActionError(
            f"repository {full_name!r} must be written as `owner/repo`, e.g. `octocat/Hello-World`"
        )
    return value


def account_name(value, what):
    """A user or organization login, checked before it goes into a URL."""
    name = str(value or "").strip().lstrip("@")
    if not _NAME.match(name):
        raise ActionError(f"{what} {value!r} must be a GitHub login such as `octocat`")
    return name


def content_path(path):
    """A file path inside a repository, with each segment URL-encoded."""
    cleaned = str(path or "").strip().strip("/")
    if not cleaned:
        raise ActionError("path must name a file in the repository, e.g. `docs/README.md`")
    if any(part in ("", ".", "..") for part in cleaned.split("/")):
        raise ActionError(f"path {path!r} must be a plain relative path such as `docs/README.md`")
    return cleaned, quote(cleaned, safe="/")


def ref_path(ref):
    """A branch, tag or commit SHA for a URL, slashes kept (`feature/login`)."""
    cleaned = str(ref or "").strip().strip("/")
    if not cleaned:
        raise ActionError("give a branch name, tag or commit SHA, e.g. `main`")
    return quote(cleaned, safe="/")


# Summaries: the parts of GitHub's records an agent reads


def user_login(user):
    return (user or {}).get("login")


def _label_name(label):
    return label.get("name") if isinstance(label, dict) else label


def issue_summary(issue):
    """The parts of an issue (or pull request) worth reading."""
    return {
        "number": issue.get("number"),
        "id": issue.get("id"),
        "title": issue.get("title"),
        "state": issue.get("state"),
        "state_reason": issue.get("state_reason"),
        "html_url": issue.get("html_url"),
        "body": issue.get("body"),
        "user": user_login(issue.get("user")),
        "labels": [_label_name(label) for label in issue.get("labels") or []],
        "assignees": [user_login(a) for a in issue.get("assignees") or []],
        "milestone": (issue.get("milestone") or {}).get("title"),
        "comments": issue.get("comments"),
        "is_pull_request": "pull_request" in issue,
        "created_at": issue.get("created_at"),
        "updated_at": issue.get("updated_at"),
        "closed_at": issue.get("closed_at"),
    }


def pull_summary(pull):
    """The parts of a pull request worth reading; counts and mergeability appear on single reads only."""
    summary = {
        "number": pull.get("number"),
        "id": pull.get("id"),
        "title": pull.get("title"),
        "state": pull.get("state"),
        "draft": pull.get("draft"),
        "merged": pull.get("merged", pull.get("merged_at") is not None),
        "html_url": pull.get("html_url"),
        "body": pull.get("body"),
        "user": user_login(pull.get("user")),
        "head": (pull.get("head") or {}).get("ref"),
        "head_sha": (pull.get("head") or {}).get("sha"),
        "base": (pull.get("base") or {}).get("ref"),
        "labels": [_label_name(label) for label in pull.get("labels") or []],
        "assignees": [user_login(a) for a in pull.get("assignees") or []],
        "requested_reviewers": [user_login(r) for r in pull.get("requested_reviewers") or []],
        "created_at": pull.get("created_at"),
        "updated_at": pull.get("updated_at"),
        "closed_at": pull.get("closed_at"),
        "merged_at": pull.get("merged_at"),
    }
    for name in ("mergeable", "mergeable_state", "comments", "review_comments", "commits", "additions", "deletions", "changed_files"):
        if name in pull:
            summary[name] = pull[name]
    return summary


def repo_summary(repo):
    return {
        "id": repo.get("id"),
        "full_name": repo.get("full_name"),
        "owner": user_login(repo.get("owner")),
        "description": repo.get("description"),
        "html_url": repo.get("html_url"),
        "homepage": repo.get("homepage"),
        "private": repo.get("private"),
        "visibility": repo.get("visibility"),
        "fork": repo.get("fork"),
        "archived": repo.get("archived"),
        "default_branch": repo.get("default_branch"),
        "language": repo.get("language"),
        "topics": repo.get("topics") or [],
        "license": (repo.get("license") or {}).get("spdx_id"),
        "stargazers_count": repo.get("stargazers_count"),
        "forks_count": repo.get("forks_count"),
        "open_issues_count": repo.get("open_issues_count"),
        "subscribers_count": repo.get("subscribers_count"),
        "clone_url": repo.get("clone_url"),
        "permissions": repo.get("permissions"),
        "created_at": repo.get("created_at"),
        "updated_at": repo.get("updated_at"),
        "pushed_at": repo.get("pushed_at"),
    }


def comment_summary(comment):
    """An issue comment, or a pull request review comment (which adds where in the diff it sits)."""
    summary = {
        "id": comment.get("id"),
        "html_url": comment.get("html_url"),
        "body": comment.get("body"),
        "user": user_login(comment.get("user")),
        "created_at": comment.get("created_at"),
        "updated_at": comment.get("updated_at"),
    }
    for name in ("path", "line", "side", "start_line", "commit_id", "in_reply_to_id", "pull_request_review_id"):
        if name in comment:
            summary[name] = comment[name]
    return summary


def person_summary(user):
    """A user as lists show them (contributors, collaborators, members, search results)."""
    summary = {"login": user.get("login"), "id": user.get("id"), "type": user.get("type"), "html_url": user.get("html_url")}
    for name in ("contributions", "role_name", "permissions", "name", "email", "score"):
        if name in user:
            summary[name] = user[name]
    return summary


def release_summary(release):
    return {
        "id": release.get("id"),
        "tag_name": release.get("tag_name"),
        "name": release.get("name"),
        "draft": release.get("draft"),
        "prerelease": release.get("prerelease"),
        "target_commitish": release.get("target_commitish"),
        "html_url": release.get("html_url"),
        "body": release.get("body"),
        "author": user_login(release.get("author")),
        "assets": [{"name": a.get("name"), "size": a.get("size"), "browser_download_url": a.get("browser_download_url")} for a in release.get("assets") or []],
        "created_at": release.get("created_at"),
        "published_at": release.get("published_at"),
    }


def run_summary(run):
    return {
        "id": run.get("id"),
        "name": run.get("name"),
        "display_title": run.get("display_title"),
        "run_number": run.get("run_number"),
        "run_attempt": run.get("run_attempt"),
        "event": run.get("event"),
        "status": run.get("status"),
        "conclusion": run.get("conclusion"),
        "workflow_id": run.get("workflow_id"),
        "head_branch": run.get("head_branch"),
        "head_sha": run.get("head_sha"),
        "actor": user_login(run.get("actor")),
        "html_url": run.get("html_url"),
        "created_at": run.get("created_at"),
        "updated_at": run.get("updated_at"),
    }


# Remote options


async def _paged_options(ctx, path, to_option, params=None, key=None):
    page = ctx.prev_context.get("page") or ctx.page + 1
    response = await request(ctx, "GET", path, params={**(params or {}), "per_page": MAX_PER_PAGE, "page": page})
    body = response.json()
    options = [to_option(item) for item in ((body.get(key) or []) if key else body)]
    context = {"page": page + 1} if "next" in response.links else None
    return OptionsPage(options=options, context=context)


def _chosen_repo(ctx):
    if not ctx.props.get("repoFullname"):
        raise ActionError("choose the repository (repoFullname) first; the choices depend on it")
    return repo_path(ctx.props.repoFullname)


async def repo_options(ctx):
    return await _paged_options(
        ctx,
        "/user/repos",
        lambda repo: Option(label=repo["full_name"], value=repo["full_name"]),
        {"sort": "updated"},
    )


async def branch_options(ctx):
    return await _paged_options(ctx, f"{_chosen_repo(ctx)}/branches", lambda b: b["name"])


async def label_options(ctx):
    return await _paged_options(ctx, f"{_chosen_repo(ctx)}/labels", lambda label: label["name"])


async def assignee_options(ctx):
    return await _paged_options(ctx, f"{_chosen_repo(ctx)}/assignees", lambda user: user["login"])


async def collaborator_options(ctx):
    return await _paged_options(ctx, f"{_chosen_repo(ctx)}/collaborators", lambda user: user["login"])


async def pull_options(ctx):
    return await _paged_options(
        ctx,
        f"{_chosen_repo(ctx)}/pulls",
        lambda pull: Option(label=f"#{pull['number']} {pull.get('title') or ''}".strip(), value=pull["number"]),
        {"state": "open", "sort": "updated", "direction": "desc"},
    )


async def workflow_options(ctx):
    return await _paged_options(
        ctx,
        f"{_chosen_repo(ctx)}/actions/workflows",
        lambda workflow: Option(label=f"{workflow.get('name')} ({workflow.get('path')})", value=str(workflow["id"])),
        key="workflows",
    )


async def run_options(ctx):
    def option(run):
        outcome = run.get("conclusion") or run.get("status")
        return Option(label=f"{run.get('name')} #{run.get('run_number')} on {run.get('head_branch')} ({outcome})", value=run["id"])

    return await _paged_options(ctx, f"{_chosen_repo(ctx)}/actions/runs", option, key="workflow_runs")


async def org_options(ctx):
    return await _paged_options(ctx, "/user/orgs", lambda org: org["login"])


# Shared props

app.define(
    "repoFullname",
    props.string(
        "Repository",
        "The repository as `owner/repo`, e.g. `octocat/Hello-World` (the part of its github.com URL after "
        "the host). Any repository the connected account can access works, including ones owned by organizations.",
        options=repo_options,
    ),
)

app.define(
    "branch",
    props.string(
        "Branch",
        "The name of a branch in the repository, e.g. `main`. Leave empty for the repository's default branch.",
        options=branch_options,
        optional=True,
    ),
)

app.define(
    "issueNumber",
    props.integer(
        "Issue Number",
        "The number of the issue or pull request, as shown after `#` in its title and at the end of its URL "
        "(e.g. `42` for `https://github.com/octocat/Hello-World/issues/42`); List Issues and Search Issues "
        "and Pull Requests return it as `number`.",
        min=1,
    ),
)

app.define(
    "pullNumber",
    props.integer(
        "Pull Request Number",
        "The number of the pull request, as shown after `#` in its title and at the end of its URL "
        "(e.g. `1347` for `https://github.com/octocat/Hello-World/pull/1347`); List Pull Requests returns it as "
        "`number`. The choices are the repository's open pull requests.",
        min=1,
        options=pull_options,
    ),
)

app.define(
    "labels",
    props.string_list(
        "Labels",
        "Names of labels to put on the issue, e.g. `[\"bug\", \"help wanted\"]`. Needs push access; GitHub silently drops them otherwise.",
        options=label_options,
        optional=True,
    ),
)

app.define(
    "assignees",
    props.string_list(
        "Assignees",
        "GitHub usernames (logins) of people to assign, e.g. `[\"octocat\"]`. They must be able to be assigned "
        "in this repository. Needs push access; GitHub silently drops them otherwise.",
        options=assignee_options,
        optional=True,
    ),
)

app.define(
    "workflowId",
    props.string(
        "Workflow",
        "The workflow's numeric ID (the `id` List Workflows returns) or its file name, e.g. `ci.yml` for "
        "`.github/workflows/ci.yml`.",
        options=workflow_options,
    ),
)

app.define(
    "runId",
    props.integer(
        "Workflow Run ID",
        "The numeric ID of a workflow run: the `id` List Workflow Runs returns, or the number after `/runs/` in "
        "the run's URL (e.g. `30433642` for `https://github.com/octocat/Hello-World/actions/runs/30433642`).",
        min=1,
        options=run_options,
    ),
)

app.define(
    "org",
    props.string(
        "Organization",
        "The organization's login, e.g. `github` for `https://github.com/github`; List Organizations returns the "
        "ones the connected user belongs to.",
        options=org_options,
    ),
)
