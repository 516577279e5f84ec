from mcp_gateway.catalog import ActionError, props

from ..app import app, collect, issue_summary, merge_request_summary, project_path, project_summary, project_url, username

_GLOBAL_SCOPES = ("projects", "issues", "merge_requests", "milestones", "users", "snippet_titles")
_PROJECT_SCOPES = ("issues", "merge_requests", "milestones", "notes", "wiki_blobs", "commits", "blobs", "users")


@app.action(
    "search",
    title="Search",
    description=(
        "Search GitLab for projects, issues, merge requests, milestones or users across everything the user can "
        "see, or inside one project also for code (`blobs`), commits, comments (`notes`) and wiki pages. Returns "
        "compact matches for the chosen scope. To list a project's issues or merge requests by state or label, "
        "gitlab-list-issues and gitlab-list-merge-requests filter better; to read a file found here, use gitlab-get-file."
    ),
    props={
        "scope": props.string(
            "Scope",
            "What to search for. Without a project: `projects`, `issues`, `merge_requests`, `milestones`, `users` or "
            "`snippet_titles`. Within a project: `issues`, `merge_requests`, `milestones`, `notes`, `wiki_blobs`, "
            "`commits`, `blobs` (file contents) or `users`.",
            options=sorted(set(_GLOBAL_SCOPES) | set(_PROJECT_SCOPES)),
        ),
        "search": props.string("Search Term", "The words to look for, e.g. `login timeout`."),
        "project": app.definition(
            "project",
            optional=True,
            description="Search only inside this project (`group/project` or numeric ID). Needed for `blobs`, "
            "`commits`, `notes` and `wiki_blobs`.",
        ),
        "ref": props.string(
            "Branch or Tag",
            "For `blobs` and `commits` in a project: the branch, tag or commit to search, e.g. `main`. Defaults to "
            "the project's default branch.",
            optional=True,
        ),
        "limit": props.limit("results"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=lambda found: {**found, "results": [_result(found["scope"], item) for item in found["results"]]},
)
async def search(ctx):
    scope = ctx.props.scope
    project = ctx.props.get("project")
    allowed = _PROJECT_SCOPES if project else _GLOBAL_SCOPES
    if scope not in allowed:
        where = "within a project" if project else "without a project (give `project` for code, commits, notes or wiki)"
        raise ActionError(f"scope {scope!r} is not searchable {where}; use one of {', '.join(allowed)}")
    params = {"scope": scope, "search": ctx.props.search}
    if project and ctx.props.get("ref"):
        params["ref"] = ctx.props.ref
    path = f"{project_url(project)}/search" if project else "/search"
    items, next_cursor = await collect(ctx, path, params=params)
    where = f" in {project_path(project)}" if project else ""
    ctx.summary = f"Found {len(items)} result{'s' if len(items) != 1 else ''} in {scope} for {ctx.props.search!r}{where}"
    return {"scope": scope, "results": items, "next_cursor": next_cursor}


def _result(scope, item):
    if scope == "issues":
        return issue_summary(item)
    if scope == "merge_requests":
        return merge_request_summary(item)
    if scope == "projects":
        return project_summary(item)
    if scope in ("blobs", "wiki_blobs"):
        keys = ("path", "filename", "ref", "startline", "data", "project_id")
        return {k: item.get(k) for k in keys}
    if scope == "commits":
        keys = ("id", "short_id", "title", "author_name", "created_at", "web_url", "project_id")
        return {k: item.get(k) for k in keys}
    if scope == "notes":
        return {
            "id": item.get("id"),
            "body": item.get("body"),
            "author": username(item.get("author")),
            "noteable_type": item.get("noteable_type"),
            "noteable_iid": item.get("noteable_iid"),
            "project_id": item.get("project_id"),
            "created_at": item.get("created_at"),
        }
    if scope == "users":
        return {k: item.get(k) for k in ("id", "username", "name", "state", "web_url")}
    if scope == "milestones":
        keys = ("id", "iid", "project_id", "title", "description", "state", "due_date", "web_url")
        return {k: item.get(k) for k in keys}
    return {k: item.get(k) for k in ("id", "title", "file_name", "web_url")}
