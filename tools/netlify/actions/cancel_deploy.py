from ..app import api, app, deploy_summary, seg


@app.action(
    "cancel-deploy",
    title="Cancel Deploy",
    description=(
        "Stop a Netlify deploy that is still building or processing; the live version stays as it is. A deploy that "
        "already finished cannot be cancelled (restore another one with netlify-restore-deploy instead)."
    ),
    props={"deployId": app.definition("deployId", options=None)},
    idempotent=True,
    trim=deploy_summary,
)
async def cancel_deploy(ctx):
    deploy = await api(ctx, "POST", f"/deploys/{seg(ctx.props.deployId)}/cancel")
    ctx.summary = f"Cancelled deploy {deploy.get('id') or ctx.props.deployId}; it is {deploy.get('state')}"
    return deploy
