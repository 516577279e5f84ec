"""Bitbucket Cloud (REST API 2.0): repositories, branches, commits, pull requests and pipelines."""

from urllib.parse import parse_qs, quote, urlsplit

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API = "https://api.bitbucket.org/2.0"

# Bitbucket pages lists 100 records at most (pull requests 50).
MAX_PAGE = 100

SCOPES = ["account", "repository", "pullrequest:write", "pipeline:write"]


async def _account_test(ctx):
    """The user the token belongs to (`GET /user`)."""
    user = await api(ctx, "GET", "/user")
    return Identity(name=user.get("display_name") or user.get("username"), external_id=user.get("uuid"))


app = App(
    "bitbucket",
    "Bitbucket",
    "Work with Bitbucket Cloud repositories: browse branches and commits, open, review, approve and merge pull "
    "requests, and run and follow Pipelines builds.",
    auth=OAuth(
        authorize_url="https://bitbucket.org/site/oauth2/authorize",
        token_url="https://bitbucket.org/site/oauth2/access_token",
        scopes=SCOPES,
        token_auth_method="client_secret_basic",
    ),
    categories=["Developer Tools"],
    featured_weight=50,
    base_url=API,
    allowed_domains=["api.bitbucket.org"],
    test=_account_test,
)


# Errors: Bitbucket answers `{"type": "error", "error": {"message": "...", "detail": ..., "fields": {...}}}`.

def bitbucket_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    error = data.get("error") if isinstance(data, dict) else None
    error = error if isinstance(error, dict) else {}
    parts = [error.get("message")]
    detail = error.get("detail")
    if isinstance(detail, dict):
        needed = detail.get("required")
        parts.append(f"required scopes: {', '.join(needed)}" if needed else None)
    elif detail:
        parts.append(str(detail))
    for name, problems in (error.get("fields") or {}).items():
        parts.append(f"{name}: {'; '.join(map(str, problems)) if isinstance(problems, list) else problems}")
    message = "; ".join(str(p) for p in parts if p) or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    if status == 429:
        hint = f"rate limited by Bitbucket; {'retry after %g s' % retry_after if retry_after is not None else 'retry in a few minutes'}"
    elif status == 401:
        hint = "Bitbucket rejected the token; the user should reconnect Bitbucket"
    elif status == 403 and "scope" in message.lower():
        hint = "the connection was not granted the scope this needs; reconnect Bitbucket and approve it"
    elif status == 403:
        hint = "the user lacks permission on this repository (writing or merging may need write or admin access)"
    elif status == 404:
        hint = ("no workspace, repository or pull request has that name or ID for this user; find them with "
                "bitbucket-list-workspaces, bitbucket-list-repositories and bitbucket-list-pull-requests")
    elif status == 555:
        hint = "the merge took too long and may still finish; read the pull request with bitbucket-get-pull-request before retrying"
    elif status >= 500:
        hint = "Bitbucket had a server error; retrying later may work"
    else:
        hint = "fix the values named in the message"
    return UpstreamError(f"Bitbucket API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise bitbucket_error(method, path, response)
    return response.json() if response.content else {}


def seg(value):
    text = str(value or "").strip()
    if not text:
        raise ActionError("a name or ID is empty; give the value the list actions return")
    return quote(text, safe="")


def repo_path(workspace, repo_slug, rest=""):
    path = f"/repositories/{seg(workspace)}/{seg(repo_slug)}"
    return f"{path}/{rest}" if rest else path


def _page_token(next_url):
    """The `page` of Bitbucket's next-page link: a number, or an opaque token for commits."""
    if not next_url:
        return None
    values = parse_qs(urlsplit(next_url).query).get("page")
    return values[0] if values else None


def _position(cursor, limit):
    """A cursor is `pagelen:page`; the next pages keep the page length the first call chose."""
    if not cursor:
        return limit, None
    size, _, token = cursor.partition(":")
    if not size.isdigit() or not token:
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged")
    return max(1, min(MAX_PAGE, int(size))), token


async def collect(ctx, path, *, limit, cursor, params=None):
    """Up to `limit` records of a Bitbucket list from `cursor` on, and the cursor after them.
    A page never overshoots `limit`, so no record is skipped between calls."""
    size, token = _position(cursor, limit)
    records = []
    while True:
        query = {**(params or {}), "pagelen": size}
        if token:
            query["page"] = token
        data = await api(ctx, "GET", path, params=query)
        values = data.get("values") or []
        records.extend(values)
        token = _page_token(data.get("next")) if values else None
        served = data.get("pagelen") or len(values)
        if not token or len(records) + served > limit:
            break
    return records, (f"{size}:{token}" if token else None)


def _link(thing, name="html"):
    return ((thing.get("links") or {}).get(name) or {}).get("href")


def _user(user):
    return user.get("display_name") if isinstance(user, dict) else None


def workspace_summary(membership):
    workspace = membership.get("workspace") or {}
    return {"slug": workspace.get("slug"), "name": workspace.get("name"), "uuid": workspace.get("uuid"),
            "permission": membership.get("permission")}


def repository_summary(repo):
    return {
        "full_name": repo.get("full_name"),
        "slug": repo.get("slug"),
        "name": repo.get("name"),
        "description": repo.get("description"),
        "is_private": repo.get("is_private"),
        "main_branch": (repo.get("mainbranch") or {}).get("name"),
        "language": repo.get("language"),
        "project": (repo.get("project") or {}).get("key"),
        "updated_on": repo.get("updated_on"),
        "url": _link(repo),
    }


def _first_line(text):
    return (text or "").strip().splitlines()[0] if (text or "").strip() else None


def commit_summary(commit):
    author = commit.get("author") or {}
    return {
        "hash": commit.get("hash"),
        "date": commit.get("date"),
        "message": _first_line(commit.get("message")),
        "author": _user(author.get("user")) or author.get("raw"),
        "url": _link(commit),
    }


def branch_summary(branch):
    target = branch.get("target") or {}
    return {
        "name": branch.get("name"),
        "hash": target.get("hash"),
        "date": target.get("date"),
        "message": _first_line(target.get("message")),
        "author": _user((target.get("author") or {}).get("user")) or (target.get("author") or {}).get("raw"),
        "url": _link(branch),
    }


def pull_request_summary(pr):
    return {
        "id": pr.get("id"),
        "title": pr.get("title"),
        "state": pr.get("state"),
        "author": _user(pr.get("author")),
        "source_branch": ((pr.get("source") or {}).get("branch") or {}).get("name"),
        "destination_branch": ((pr.get("destination") or {}).get("branch") or {}).get("name"),
        "comment_count": pr.get("comment_count"),
        "task_count": pr.get("task_count"),
        "created_on": pr.get("created_on"),
        "updated_on": pr.get("updated_on"),
        "url": _link(pr),
    }


def pull_request_details(pr):
    return {
        **pull_request_summary(pr),
        "description": (pr.get("summary") or {}).get("raw"),
        "close_source_branch": pr.get("close_source_branch"),
        "merge_commit": (pr.get("merge_commit") or {}).get("hash"),
        "closed_by": _user(pr.get("closed_by")),
        "reviewers": [_user(r) for r in pr.get("reviewers") or []],
        "participants": [{"user": _user(p.get("user")), "role": p.get("role"), "approved": p.get("approved"),
                          "state": p.get("state")} for p in pr.get("participants") or []],
    }


def pipeline_summary(pipeline):
    state = pipeline.get("state") or {}
    target = pipeline.get("target") or {}
    return {
        "uuid": pipeline.get("uuid"),
        "build_number": pipeline.get("build_number"),
        "state": state.get("name"),
        "result": (state.get("result") or {}).get("name"),
        "ref_name": target.get("ref_name"),
        "commit": (target.get("commit") or {}).get("hash"),
        "pipeline": (target.get("selector") or {}).get("pattern"),
        "trigger": (pipeline.get("trigger") or {}).get("name"),
        "creator": _user(pipeline.get("creator")),
        "created_on": pipeline.get("created_on"),
        "completed_on": pipeline.get("completed_on"),
        "build_seconds_used": pipeline.get("build_seconds_used"),
    }


# Remote options


async def _options(ctx, path, label, value, params=None):
    query = {**(params or {}), "pagelen": MAX_PAGE if "pullrequests" not in path else 50}
    if ctx.prev_context.get("page"):
        query["page"] = ctx.prev_context["page"]
    data = await api(ctx, "GET", path, params=query)
    options = [Option(label=label(v), value=value(v)) for v in data.get("values") or []]
    token = _page_token(data.get("next"))
    return OptionsPage(options=options, context={"page": token} if token else None)


def _need(ctx, *names):
    missing = [n for n in names if not ctx.props.get(n)]
    if missing:
        raise ActionError(f"choose {' and '.join(missing)} first; the choices are in it")
    return [ctx.props[n] for n in names]


async def _workspace_options(ctx):
    return await _options(ctx, "/user/permissions/workspaces",
                          lambda m: (m.get("workspace") or {}).get("name") or (m.get("workspace") or {}).get("slug"),
                          lambda m: (m.get("workspace") or {}).get("slug"))


async def _repository_options(ctx):
    [workspace] = _need(ctx, "workspace")
    params = {"sort": "-updated_on"}
    if ctx.query:
        params["q"] = f'name ~ "{ctx.query.replace(chr(34), "")}"'
    return await _options(ctx, f"/repositories/{seg(workspace)}", lambda r: r.get("full_name") or r["slug"],
                          lambda r: r["slug"], params)


async def _branch_options(ctx):
    workspace, repo_slug = _need(ctx, "workspace", "repoSlug")
    params = {"q": f'name ~ "{ctx.query.replace(chr(34), "")}"'} if ctx.query else None
    return await _options(ctx, repo_path(workspace, repo_slug, "refs/branches"), lambda b: b["name"], lambda b: b["name"], params)


async def _pull_request_options(ctx):
    workspace, repo_slug = _need(ctx, "workspace", "repoSlug")
    return await _options(ctx, repo_path(workspace, repo_slug, "pullrequests"), lambda p: f"#{p['id']} {p.get('title')}",
                          lambda p: p["id"], {"state": "OPEN"})


app.define(
    "workspace",
    props.string(
        "Workspace",
        "The workspace's slug, e.g. `acme` (the first part of `bitbucket.org/acme/website`), from "
        "bitbucket-list-workspaces (`slug`).",
        options=_workspace_options,
    ),
)

app.define(
    "repoSlug",
    props.string(
        "Repository",
        "The repository's slug, e.g. `website` (the second part of `bitbucket.org/acme/website`), from "
        "bitbucket-list-repositories (`slug`).",
        options=_repository_options,
        use_query=True,
    ),
)

app.define(
    "branch",
    props.string(
        "Branch",
        "A branch name, e.g. `main` or `feature/login`, from bitbucket-list-branches.",
        options=_branch_options,
        use_query=True,
    ),
)

app.define(
    "pullRequestId",
    props.integer(
        "Pull Request",
        "The pull request's number, e.g. `42` (in `bitbucket.org/acme/website/pull-requests/42`), from "
        "bitbucket-list-pull-requests (`id`).",
        options=_pull_request_options,
        min=1,
    ),
)
