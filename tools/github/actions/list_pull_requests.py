from mcp_gateway.catalog import props, within

from ..app import app, full_name_of, list_page, plural, pull_summary, repo_path


@app.action(
    "list-pull-requests",
    title="List Pull Requests",
    description=(
        "List the pull requests of one GitHub repository, filtered by state and by head or base branch. "
        "To search pull requests across repositories, by author, label or text, use Search Issues and Pull "
        "Requests; to read one with its mergeability and diff size use Get Pull Request. Returns "
        "`pull_requests` (number, title, state, branches, author, URL) and `next_cursor`."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "state": props.string(
            "State", "Which pull requests to list: `open` (the default), `closed` (merged or not) or `all`.",
            options=["open", "closed", "all"], default="open",
        ),
        "head": props.string(
            "Head Branch",
            "Only pull requests from this branch, written `user:branch` or `organization:branch`, e.g. "
            "`octocat:new-feature`.",
            optional=True,
        ),
        "base": app.definition(
            "branch", label="Base Branch",
            description="Only pull requests that would merge into this branch, e.g. `main`.",
        ),
        "sort": props.string(
            "Sort", "What to order by: `created` (the default), `updated`, `popularity` (comment count) or "
            "`long-running` (age, for pull requests updated in the past month).",
            options=["created", "updated", "popularity", "long-running"], optional=True,
        ),
        "direction": props.string(
            "Direction", "`desc` or `asc`; GitHub's default is `desc` when sorting by `created` or left empty.",
            options=["desc", "asc"], optional=True,
        ),
        "limit": props.limit("pull requests"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("pull_requests", pull_summary),
)
async def list_pull_requests(ctx):
    params = {"state": ctx.props.state}
    for name in ("head", "base", "sort", "direction"):
        if ctx.props.get(name):
            params[name] = ctx.props[name]
    pulls, next_cursor, _ = await list_page(ctx, f"{repo_path(ctx.props.repoFullname)}/pulls", params=params)
    ctx.summary = f"Listed {plural(len(pulls), f'{ctx.props.state} pull request')} of {full_name_of(ctx.props.repoFullname)}"
    return {"pull_requests": pulls, "next_cursor": next_cursor}
