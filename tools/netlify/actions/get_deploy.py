from ..app import api, app, deploy_summary, seg


@app.action(
    "get-deploy",
    title="Get Deploy",
    description=(
        "Read one Netlify deploy: its state (poll it after netlify-trigger-build until `ready` or `error`), error "
        "message, branch, commit, and preview and admin URLs."
    ),
    props={"deployId": app.definition("deployId", options=None)},
    read_only=True,
    trim=deploy_summary,
)
async def get_deploy(ctx):
    deploy = await api(ctx, "GET", f"/deploys/{seg(ctx.props.deployId)}")
    ctx.summary = f"Deploy {deploy.get('id') or ctx.props.deployId} is {deploy.get('state')}"
    return deploy
