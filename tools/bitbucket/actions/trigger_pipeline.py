from mcp_gateway.catalog import props

from ..app import api, app, pipeline_summary, repo_path


@app.action(
    "trigger-pipeline",
    title="Trigger Pipeline",
    description=(
        "Run Bitbucket Pipelines on the latest commit of a branch: the branch's default pipeline, or a custom one named "
        "in bitbucket-pipelines.yml, optionally with variables. Returns the run's UUID and build number; follow it with "
        "bitbucket-list-pipelines."
    ),
    props={
        "workspace": app.definition("workspace"),
        "repoSlug": app.definition("repoSlug"),
        "branch": app.definition("branch", description="The branch to build, e.g. `main`."),
        "customPipeline": props.string(
            "Custom Pipeline", "The name of a pipeline under `custom:` in bitbucket-pipelines.yml, e.g. `deploy-staging`. "
            "Leave empty for the branch's own pipeline.", optional=True,
        ),
        "variables": props.obj(
            "Variables", "Pipeline variables as names and values, e.g. `{\"ENVIRONMENT\": \"staging\"}`.", optional=True,
        ),
    },
    trim=pipeline_summary,
)
async def trigger_pipeline(ctx):
    target = {"type": "pipeline_ref_target", "ref_type": "branch", "ref_name": ctx.props.branch}
    if ctx.props.get("customPipeline"):
        target["selector"] = {"type": "custom", "pattern": ctx.props.customPipeline}
    body = {"target": target}
    if ctx.props.get("variables"):
        body["variables"] = [{"key": str(k), "value": str(v)} for k, v in ctx.props.variables.items()]
    pipeline = await api(ctx, "POST", repo_path(ctx.props.workspace, ctx.props.repoSlug, "pipelines"), json=body)
    ctx.summary = f"Started pipeline #{pipeline.get('build_number')} on {ctx.props.branch}"
    return pipeline
