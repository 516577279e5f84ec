from mcp_gateway.catalog import props, within

from ..app import app, deploy_summary, page, seg

_STATES = ["new", "pending_review", "accepted", "rejected", "enqueued", "building", "uploading", "uploaded", "preparing",
           "prepared", "processing", "ready", "error", "retrying"]


@app.action(
    "list-deploys",
    title="List Deploys",
    description=(
        "List a Netlify site's deploys, newest first, with their state (`building`, `ready`, `error`...), context, "
        "branch, commit and URLs, optionally only production ones, one branch's or one state's. To put an older one "
        "live again, pass its ID to netlify-restore-deploy."
    ),
    props={
        "siteId": app.definition("siteId"),
        "production": props.boolean("Production Only", "Only deploys of the production branch.", optional=True),
        "branch": props.string("Branch", "Only deploys of this branch, e.g. `main`.", optional=True),
        "state": props.string("State", "Only deploys in this state, e.g. `error` or `ready`.", options=_STATES, optional=True),
        "limit": props.limit("deploys"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("deploys", deploy_summary),
)
async def list_deploys(ctx):
    params = {name: ctx.props[name] for name in ("branch", "state") if ctx.props.get(name)}
    if ctx.props.get("production") is not None:
        params["production"] = str(bool(ctx.props.production)).lower()
    deploys, cursor = await page(ctx, f"/sites/{seg(ctx.props.siteId)}/deploys", limit=ctx.props.limit,
                                 cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(deploys)} deploy{'s' if len(deploys) != 1 else ''}"
    return {"deploys": deploys, "next_cursor": cursor}
