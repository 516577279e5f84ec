from mcp_gateway.catalog import props, within

from ..app import app, branch_summary, collect, repo_path


@app.action(
    "list-branches",
    title="List Branches",
    description=(
        "List the branches of a Bitbucket repository, each with its latest commit, "
        "optionally those whose name contains some text. For a branch's history, use bitbucket-list-commits."
    ),
    props={
        "workspace": app.definition("workspace"),
        "repoSlug": app.definition("repoSlug"),
        "name": props.string("Name Contains", "Only branches whose name contains this, e.g. `feature/`.", optional=True),
        "limit": props.limit("branches"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("branches", branch_summary),
)
async def list_branches(ctx):
    params = {}
    if ctx.props.get("name"):
        params["q"] = f'name ~ "{ctx.props.name.replace(chr(34), "")}"'
    branches, cursor = await collect(ctx, repo_path(ctx.props.workspace, ctx.props.repoSlug, "refs/branches"),
                                     limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(branches)} branch{'es' if len(branches) != 1 else ''}"
    return {"branches": branches, "next_cursor": cursor}
