from mcp_gateway.catalog import props, within

from ..app import app, collect, pipeline_summary, project_path, project_url

_STATUSES = [
    "created", "waiting_for_resource", "preparing", "pending", "running", "success", "failed", "canceled", "skipped",
    "manual", "scheduled",
]


@app.action(
    "list-pipelines",
    title="List Pipelines",
    description=(
        "List a GitLab project's CI/CD pipelines, newest first, optionally only those of one branch or tag, commit or "
        "status (e.g. `failed`). Returns each pipeline's ID, status, ref, commit and URL. To rerun a failed one, pass "
        "its `id` to gitlab-retry-pipeline."
    ),
    props={
        "project": app.definition("project"),
        "status": props.string("Status", "Only pipelines in this status.", options=_STATUSES, optional=True),
        "ref": app.definition(
            "branch", label="Branch or Tag", optional=True,
            description="Only pipelines run for this branch or tag, e.g. `main`.",
        ),
        "sha": props.string("Commit SHA", "Only pipelines run for this commit.", optional=True),
        "source": props.string(
            "Source",
            "Only pipelines started this way, e.g. `push`, `merge_request_event`, `schedule`, `web`, `api`.",
            optional=True,
        ),
        "username": props.string("Triggered By", "Only pipelines started by this username.", optional=True),
        "limit": props.limit("pipelines"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("pipelines", pipeline_summary),
)
async def list_pipelines(ctx):
    params = {"order_by": "id", "sort": "desc"}
    for name in ("status", "ref", "sha", "source", "username"):
        if ctx.props.get(name):
            params[name] = ctx.props[name]
    pipelines, next_cursor = await collect(ctx, f"{project_url(ctx.props.project)}/pipelines", params=params)
    ctx.summary = f"Listed {len(pipelines)} pipeline{'s' if len(pipelines) != 1 else ''} of {project_path(ctx.props.project)}"
    return {"pipelines": pipelines, "next_cursor": next_cursor}
