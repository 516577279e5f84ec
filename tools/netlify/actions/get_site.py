from ..app import api, app, seg, site_summary


@app.action(
    "get-site",
    title="Get Site",
    description=(
        "Read one Netlify site: its URLs, custom domain, repository and branch, and the deploy that is live now. For "
        "its deploy history, use netlify-list-deploys."
    ),
    props={"siteId": app.definition("siteId")},
    read_only=True,
    trim=site_summary,
)
async def get_site(ctx):
    site = await api(ctx, "GET", f"/sites/{seg(ctx.props.siteId)}")
    ctx.summary = f"Read site {site.get('name') or ctx.props.siteId}"
    return site
