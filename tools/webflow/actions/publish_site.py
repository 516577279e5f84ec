from mcp_gateway.catalog import ActionError, props

from ..app import api, app


@app.action(
    "publish-site",
    title="Publish Site",
    description=(
        "Publish the whole Webflow site, with all its staged changes, to its webflow.io subdomain and/or chosen "
        "custom domains. To make only some CMS items live, use webflow-publish-collection-items instead. Webflow "
        "allows one site publish a minute."
    ),
    props={
        "siteId": app.definition("siteId"),
        "customDomains": props.string_list(
            "Custom Domains",
            "IDs of the site's custom domains to publish to, from webflow-list-sites (`custom_domains[].id`).",
            optional=True,
        ),
        "publishToWebflowSubdomain": props.boolean(
            "Publish to webflow.io", "Also publish to the site's webflow.io subdomain.", optional=True, default=False
        ),
    },
    idempotent=True,
)
async def publish_site(ctx):
    domains = list(ctx.props.get("customDomains") or [])
    to_subdomain = bool(ctx.props.get("publishToWebflowSubdomain"))
    if not domains and not to_subdomain:
        raise ActionError("say where to publish: give customDomains, set publishToWebflowSubdomain, or both")
    body = {"publishToWebflowSubdomain": to_subdomain}
    if domains:
        body["customDomains"] = domains
    result = await api(ctx, "POST", f"/sites/{ctx.props.siteId}/publish", json=body)
    ctx.summary = f"Queued the site for publishing to {len(domains)} custom domain(s)" + (" and webflow.io" if to_subdomain else "")
    return result
