from ..app import api, app, deploy_summary, seg


@app.action(
    "restore-deploy",
    title="Restore Deploy",
    description=(
        "Publish an earlier deploy of a Netlify site again, making it the live version: the way to roll back a bad "
        "release. Find the deploy to go back to with netlify-list-deploys (state `ready`). To rebuild from the "
        "repository instead, use netlify-trigger-build."
    ),
    props={"siteId": app.definition("siteId"), "deployId": app.definition("deployId")},
    idempotent=True,
    trim=deploy_summary,
)
async def restore_deploy(ctx):
    deploy = await api(ctx, "POST", f"/sites/{seg(ctx.props.siteId)}/deploys/{seg(ctx.props.deployId)}/restore")
    ctx.summary = f"Published deploy {deploy.get('id') or ctx.props.deployId} of {deploy.get('name') or ctx.props.siteId}"
    return deploy
