from mcp_gateway.catalog import props, within

from ..app import app, assignee_options, full_name_of, issue_summary, label_options, list_page, plural, repo_path


@app.action(
    "list-issues",
    title="List Issues",
    description=(
        "List one GitHub repository's issues, filtered by state, labels, assignee, author or mention, newest "
        "first. GitHub counts pull requests as issues, so they appear too (`is_pull_request` tells them apart); "
        "use List Pull Requests for pull requests only, and Search Issues and Pull Requests for text search or "
        "several repositories. Returns `issues` and `next_cursor`."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "state": props.string("State", "`open` (the default), `closed` or `all`.", options=["open", "closed", "all"], default="open"),
        "labels": props.string_list(
            "Labels", "Only issues with all of these labels, e.g. `[\"bug\", \"ui\"]`.", options=label_options, optional=True,
        ),
        "assignee": props.string(
            "Assignee", "Only issues assigned to this login; `none` for unassigned ones, `*` for assigned to anyone.",
            options=assignee_options, optional=True,
        ),
        "creator": props.string("Creator", "Only issues opened by this login.", optional=True),
        "mentioned": props.string("Mentioned", "Only issues that mention this login.", optional=True),
        "milestone": props.string(
            "Milestone", "A milestone's number, `none` for issues without one or `*` for issues with any.", optional=True,
        ),
        "since": props.string("Since", "Only issues updated after this ISO 8601 time, e.g. `2024-05-01T00:00:00Z`.", optional=True),
        "sort": props.string("Sort", "`created` (the default), `updated` or `comments`.", options=["created", "updated", "comments"], optional=True),
        "direction": props.string("Direction", "`desc` (the default) or `asc`.", options=["desc", "asc"], optional=True),
        "limit": props.limit("issues"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("issues", issue_summary),
)
async def list_issues(ctx):
    params = {"state": ctx.props.state}
    for name in ("assignee", "creator", "mentioned", "milestone", "since", "sort", "direction"):
        if ctx.props.get(name):
            params[name] = ctx.props[name]
    if ctx.props.get("labels"):
        params["labels"] = ",".join(ctx.props.labels)
    issues, next_cursor, _ = await list_page(ctx, f"{repo_path(ctx.props.repoFullname)}/issues", params=params)
    ctx.summary = f"Listed {plural(len(issues), f'{ctx.props.state} issue')} of {full_name_of(ctx.props.repoFullname)}"
    return {"issues": issues, "next_cursor": next_cursor}
