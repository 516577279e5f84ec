from urllib.parse import quote

from mcp_gateway.catalog import props

from ..app import app, full_name_of, get_json, repo_path, request


@app.action(
    "trigger-workflow",
    title="Trigger Workflow",
    description=(
        "Start a GitHub Actions workflow run on a branch or tag, with inputs. The workflow file must have a "
        "`workflow_dispatch` trigger (GitHub answers 422 otherwise). GitHub returns no run ID: find the new run "
        "with List Workflow Runs (event `workflow_dispatch`). To repeat an earlier run use Rerun Workflow Run."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "workflowId": app.definition("workflowId"),
        "ref": app.definition(
            "branch", label="Branch or Tag",
            description="The branch or tag to run the workflow on, e.g. `main`. Leave empty for the repository's "
            "default branch.",
        ),
        "inputs": props.obj(
            "Inputs", "Values for the inputs the workflow's `workflow_dispatch` declares, as an object, e.g. "
            "`{\"environment\": \"staging\", \"debug\": \"true\"}`. At most 10.", optional=True,
        ),
    },
)
async def trigger_workflow(ctx):
    repo = repo_path(ctx.props.repoFullname)
    ref = ctx.props.get("ref") or (await get_json(ctx, repo))["default_branch"]
    body = {"ref": ref}
    if ctx.props.get("inputs"):
        body["inputs"] = dict(ctx.props.inputs)
    workflow = str(ctx.props.workflowId).strip()
    await request(ctx, "POST", f"{repo}/actions/workflows/{quote(workflow, safe='')}/dispatches", json=body)
    ctx.summary = f"Triggered workflow {workflow} on {ref} in {full_name_of(ctx.props.repoFullname)}"
    return {"triggered": True, "workflow": workflow, "ref": ref}
