from mcp_gateway.catalog import props, within

from ..app import app, collect, pipeline_summary, repo_path


@app.action(
    "list-pipelines",
    title="List Pipelines",
    description=(
        "List the Bitbucket Pipelines runs of a repository, newest first, with their build number, state "
        "(`PENDING`, `IN_PROGRESS`, `COMPLETED`) and result (`SUCCESSFUL`, `FAILED`, `STOPPED`...), branch and commit. "
        "To start one, use bitbucket-trigger-pipeline."
    ),
    props={
        "workspace": app.definition("workspace"),
        "repoSlug": app.definition("repoSlug"),
        "limit": props.limit("pipelines"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("pipelines", pipeline_summary),
)
async def list_pipelines(ctx):
    # Bitbucket lists pipelines oldest first unless asked otherwise.
    pipelines, cursor = await collect(ctx, repo_path(ctx.props.workspace, ctx.props.repoSlug, "pipelines"),
                                      limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params={"sort": "-created_on"})
    ctx.summary = f"Listed {len(pipelines)} pipeline{'s' if len(pipelines) != 1 else ''}"
    return {"pipelines": pipelines, "next_cursor": cursor}
