from mcp_gateway.catalog import props, within

from ..app import app, collect, commit_summary, repo_path, seg


@app.action(
    "list-commits",
    title="List Commits",
    description=(
        "List the commits of a Bitbucket repository, newest first: all branches', or the history of one branch, tag "
        "or commit. Each has its hash, date, author and first message line."
    ),
    props={
        "workspace": app.definition("workspace"),
        "repoSlug": app.definition("repoSlug"),
        "revision": app.definition(
            "branch", label="Branch or Revision", description="Only the history of this branch, tag or commit hash, "
            "e.g. `main`. Leave empty for all branches.", optional=True,
        ),
        "limit": props.limit("commits"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("commits", commit_summary),
)
async def list_commits(ctx):
    rest = f"commits/{seg(ctx.props.revision)}" if ctx.props.get("revision") else "commits"
    commits, cursor = await collect(ctx, repo_path(ctx.props.workspace, ctx.props.repoSlug, rest), limit=ctx.props.limit,
                                    cursor=ctx.props.get("cursor"))
    ctx.summary = f"Listed {len(commits)} commit{'s' if len(commits) != 1 else ''}"
    return {"commits": commits, "next_cursor": cursor}
