from ..app import api, app, pipeline_summary, project_path, project_url


@app.action(
    "retry-pipeline",
    title="Retry Pipeline",
    description=(
        "Rerun the failed and canceled jobs of a GitLab pipeline; jobs that passed are kept. Find the pipeline with "
        "gitlab-list-pipelines (e.g. `status` `failed`). Returns the pipeline with its new status."
    ),
    props={
        "project": app.definition("project"),
        "pipelineId": app.definition("pipelineId"),
    },
    trim=pipeline_summary,
)
async def retry_pipeline(ctx):
    path = f"{project_url(ctx.props.project)}/pipelines/{ctx.props.pipelineId}/retry"
    pipeline = (await api(ctx, "POST", path)).json()
    ctx.summary = f"Retried pipeline {pipeline.get('id')} of {project_path(ctx.props.project)} (now {pipeline.get('status')})"
    return pipeline
