from mcp_gateway.catalog import props

from ..app import api, app, seg


def _build(build):
    return {"id": build.get("id"), "deploy_id": build.get("deploy_id"), "sha": build.get("sha"), "done": build.get("done"),
            "error": build.get("error"), "created_at": build.get("created_at")}


@app.action(
    "trigger-build",
    title="Trigger Build",
    description=(
        "Start a new build and deploy of a Netlify site from its linked repository's production branch, optionally "
        "with the build cache cleared. Returns the build and its `deploy_id`; follow it with netlify-get-deploy. To "
        "put an existing deploy live without building, use netlify-restore-deploy."
    ),
    props={
        "siteId": app.definition("siteId"),
        "clearCache": props.boolean("Clear Cache", "Build without the cached dependencies and build output.", optional=True),
    },
    trim=_build,
)
async def trigger_build(ctx):
    body = {"clear_cache": True} if ctx.props.get("clearCache") else None
    build = await api(ctx, "POST", f"/sites/{seg(ctx.props.siteId)}/builds", json=body)
    ctx.summary = f"Started build {build.get('id')} (deploy {build.get('deploy_id')})"
    return build
