from mcp_gateway.catalog import ActionError, props, within

from ..app import api, app, env_var_summary, seg

_CONTEXTS = ["all", "dev", "branch-deploy", "deploy-preview", "production"]
_SCOPES = ["builds", "functions", "runtime", "post-processing"]


@app.action(
    "list-env-vars",
    title="List Environment Variables",
    description=(
        "List a Netlify site's environment variables with their values per deploy context (production, deploy "
        "previews, branch deploys, local dev) and the scopes they apply to, optionally for one context or scope only."
    ),
    props={
        "siteId": app.definition("siteId"),
        "contextName": props.string("Context", "Only values for this deploy context.", options=_CONTEXTS, optional=True),
        "scope": props.string("Scope", "Only variables available to this scope.", options=_SCOPES, optional=True),
    },
    read_only=True,
    trim=within("env_vars", env_var_summary),
)
async def list_env_vars(ctx):
    # Variables live under the site's team account; the site says which it is.
    site = await api(ctx, "GET", f"/sites/{seg(ctx.props.siteId)}")
    account = site.get("account_slug")
    if not account:
        raise ActionError("Netlify did not say which team the site belongs to; check the site ID with netlify-list-sites")
    params = {"site_id": site.get("id") or ctx.props.siteId}
    for prop, name in (("contextName", "context_name"), ("scope", "scope")):
        if ctx.props.get(prop):
            params[name] = ctx.props[prop]
    variables = await api(ctx, "GET", f"/accounts/{seg(account)}/env", params=params)
    ctx.summary = f"Listed {len(variables)} environment variable{'s' if len(variables) != 1 else ''} of {site.get('name')}"
    return {"env_vars": variables}
