import re
from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, props

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
    "Work with GitHub repositories the connected user can access: issues and comments, commits, files and repository details.",
    auth=OAuth(
        authorize_url="https://github.com/login/oauth/authorize",
        token_url="https://github.com/login/oauth/access_token",
        scopes=["repo", "read:user", "user:email"],
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


_FULL_NAME = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


def repo_path(full_name):
    """`/repos/{owner}/{repo}` for an `owner/repo` value (a github.com URL is accepted too)."""
    value = str(full_name or "").strip()
    value = re.sub(r"^(https?://)?(www\.)?github\.com/", "", value)
    value = value.removesuffix(".git").strip("/")
    if not _FULL_NAME.match(value):
        raise ActionError(
            f"repository {full_name!r} must be written as `owner/repo`, e.g. `octocat/Hello-World`"
        )
    return f"/repos/{value}"


def full_name_of(full_name):
    return repo_path(full_name)[len("/repos/") :]


def content_path(path):
    """A file path inside a repository, with each segment URL-encoded."""
    cleaned = str(path or "").strip().strip("/")
    if not cleaned:
        raise ActionError("path must name a file in the repository, e.g. `docs/README.md`")
    if any(part in ("", ".", "..") for part in cleaned.split("/")):
        raise ActionError(f"path {path!r} must be a plain relative path such as `docs/README.md`")
    return cleaned, quote(cleaned, safe="/")


async def collect(ctx, path, *, limit, params=None, key=None):
    """Up to `limit` items of a paginated list endpoint; returns them and the last page's body.

    `key` names the list inside an object body (search results keep theirs in `items`).
    """
    per_page = min(MAX_PER_PAGE, limit)
    items = []
    page = 1
    data = None
    while len(items) < limit:
        response = await ctx.http.get(path, params={**(params or {}), "per_page": per_page, "page": page})
        data = response.json()
        batch = (data.get(key) or []) if key else data
        items.extend(batch)
        if not batch or "next" not in response.links:
            break
        page += 1
    return items[:limit], data


def user_login(user):
    return (user or {}).get("login")


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
        "labels": [label.get("name") if isinstance(label, dict) else label for label in issue.get("labels") or []],
        "assignees": [user_login(a) for a in issue.get("assignees") or []],
        "milestone": (issue.get("milestone") or {}).get("title"),
        "comments": issue.get("comments"),
        "is_pull_request": "pull_request" in issue,
        "created_at": issue.get("created_at"),
        "updated_at": issue.get("updated_at"),
        "closed_at": issue.get("closed_at"),
    }


async def _paged_options(ctx, path, to_option, params=None):
    page = ctx.prev_context.get("page") or ctx.page + 1
    response = await ctx.http.get(path, params={**(params or {}), "per_page": MAX_PER_PAGE, "page": page})
    options = [to_option(item) for item in response.json()]
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
        "(e.g. `42` for `https://github.com/octocat/Hello-World/issues/42`).",
        min=1,
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
