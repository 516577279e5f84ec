from mcp_gateway.catalog import props, within

from ..app import app, collect, issue_summary, project_path, project_url


@app.action(
    "list-issues",
    title="List Issues",
    description=(
        "List GitLab issues, newest first: those of one project, or across every project the user can see "
        "(by default the ones assigned to the user). Filter by state, labels, assignee or a search in the title "
        "and description. Returns each issue's number (`iid`), title, state, labels and URL. To read one issue in full use "
        "gitlab-get-issue; to search merge requests, code or commits too, use gitlab-search."
    ),
    props={
        "project": app.definition(
            "project",
            optional=True,
            description="The project whose issues to list, as `group/project` (e.g. `gitlab-org/gitlab`) or a numeric "
            "ID. Leave empty to list issues across all projects, narrowed by `scope`.",
        ),
        "state": props.string(
            "State", "Which issues: `opened`, `closed` or `all`.", options=["opened", "closed", "all"], default="opened"
        ),
        "scope": props.string(
            "Scope",
            "Whose issues: `assigned_to_me`, `created_by_me` or `all`. Defaults to `assigned_to_me` without a project "
            "and `all` within a project.",
            options=["assigned_to_me", "created_by_me", "all"],
            optional=True,
        ),
        "labels": props.string_list(
            "Labels", "Only issues carrying all of these labels, e.g. `[\"bug\"]`.", optional=True
        ),
        "assigneeUsername": props.string(
            "Assignee", "Only issues assigned to this username, e.g. `jdoe`.", optional=True
        ),
        "search": props.string("Search", "Words to look for in the title and description.", optional=True),
        "orderBy": props.string(
            "Order By",
            "What to sort by, newest or highest first.",
            options=["created_at", "updated_at", "priority", "due_date"],
            default="created_at",
        ),
        "limit": props.limit("issues"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("issues", issue_summary),
)
async def list_issues(ctx):
    project = ctx.props.get("project")
    params = {"state": ctx.props.state, "order_by": ctx.props.orderBy, "sort": "desc"}
    params["scope"] = ctx.props.get("scope") or ("all" if project else "assigned_to_me")
    if ctx.props.get("labels"):
        params["labels"] = ",".join(ctx.props.labels)
    if ctx.props.get("assigneeUsername"):
        params["assignee_username"] = ctx.props.assigneeUsername
    if ctx.props.get("search"):
        params["search"] = ctx.props.search
    path = f"{project_url(project)}/issues" if project else "/issues"
    issues, next_cursor = await collect(ctx, path, params=params)
    where = f"in {project_path(project)}" if project else f"across projects ({params['scope']})"
    state = "" if ctx.props.state == "all" else f"{ctx.props.state} "
    ctx.summary = f"Listed {len(issues)} {state}issue{'s' if len(issues) != 1 else ''} {where}"
    return {"issues": issues, "next_cursor": next_cursor}
