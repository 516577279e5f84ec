from mcp_gateway.catalog import props, within

from ..app import app, collect, pull_request_summary, repo_path

_STATES = ["OPEN", "MERGED", "DECLINED", "SUPERSEDED"]


@app.action(
    "list-pull-requests",
    title="List Pull Requests",
    description=(
        "List the pull requests of a Bitbucket repository, by default the open ones, with their number, title, author, "
        "branches and comment count. For one with its description and approvals, use bitbucket-get-pull-request."
    ),
    props={
        "workspace": app.definition("workspace"),
        "repoSlug": app.definition("repoSlug"),
        "states": props.string_list(
            "States", "`OPEN` (the default), `MERGED`, `DECLINED`, `SUPERSEDED`; several at once are allowed.",
            options=_STATES, optional=True,
        ),
        "limit": props.limit("pull requests"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("pull_requests", pull_request_summary),
)
async def list_pull_requests(ctx):
    params = {"state": [s.upper() for s in ctx.props.states]} if ctx.props.get("states") else {}
    pulls, cursor = await collect(ctx, repo_path(ctx.props.workspace, ctx.props.repoSlug, "pullrequests"),
                                  limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(pulls)} pull request{'s' if len(pulls) != 1 else ''}"
    return {"pull_requests": pulls, "next_cursor": cursor}
