from mcp_gateway.catalog import props, within

from ..app import app, collect, merge_request_summary, project_path, project_url


@app.action(
    "list-merge-requests",
    title="List Merge Requests",
    description=(
        "List GitLab merge requests, newest first: those of one project, or across every project the user can see "
        "(by default the ones the user created). Filter by state, labels, author, reviewer or a search. Returns each one's number (`iid`), "
        "branches, state and URL. To read one in full (merge status, conflicts) use gitlab-get-merge-request."
    ),
    props={
        "project": app.definition(
            "project",
            optional=True,
            description="The project whose merge requests to list, as `group/project` (e.g. `gitlab-org/gitlab`) or a "
            "numeric ID. Leave empty to list across all projects, narrowed by `scope`.",
        ),
        "state": props.string(
            "State",
            "Which merge requests: `opened`, `closed`, `locked`, `merged` or `all`.",
            options=["opened", "closed", "locked", "merged", "all"],
            default="opened",
        ),
        "scope": props.string(
            "Scope",
            "Whose merge requests: `created_by_me`, `assigned_to_me` or `all`. Defaults to `created_by_me` without a "
            "project and `all` within a project.",
            options=["created_by_me", "assigned_to_me", "all"],
            optional=True,
        ),
        "labels": props.string_list("Labels", "Only merge requests carrying all of these labels.", optional=True),
        "authorUsername": props.string("Author", "Only merge requests opened by this username.", optional=True),
        "reviewerUsername": props.string(
            "Reviewer", "Only merge requests with this username as a reviewer.", optional=True
        ),
        "search": props.string("Search", "Words to look for in the title and description.", optional=True),
        "limit": props.limit("merge requests"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("merge_requests", merge_request_summary),
)
async def list_merge_requests(ctx):
    project = ctx.props.get("project")
    params = {"state": ctx.props.state, "order_by": "created_at", "sort": "desc"}
    params["scope"] = ctx.props.get("scope") or ("all" if project else "created_by_me")
    for name, field in (
        ("authorUsername", "author_username"),
        ("reviewerUsername", "reviewer_username"),
        ("search", "search"),
    ):
        if ctx.props.get(name):
            params[field] = ctx.props[name]
    if ctx.props.get("labels"):
        params["labels"] = ",".join(ctx.props.labels)
    path = f"{project_url(project)}/merge_requests" if project else "/merge_requests"
    items, next_cursor = await collect(ctx, path, params=params)
    where = f"in {project_path(project)}" if project else f"across projects ({params['scope']})"
    state = "" if ctx.props.state == "all" else f"{ctx.props.state} "
    ctx.summary = f"Listed {len(items)} {state}merge request{'s' if len(items) != 1 else ''} {where}"
    return {"merge_requests": items, "next_cursor": next_cursor}
