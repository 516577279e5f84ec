from ..app import api, app, org_path, release_summary, seg


@app.action(
    "get-release",
    title="Get Release",
    description=(
        "Read one Sentry release by version: when it was created and released, its projects, commit count, new issues "
        "and last deploy. To find versions, use sentry-list-releases."
    ),
    props={"organization": app.definition("organization"), "version": app.definition("version")},
    read_only=True,
    trim=release_summary,
)
async def get_release(ctx):
    release = await api(ctx, "GET", org_path(ctx.props.organization, f"releases/{seg(ctx.props.version)}/"))
    ctx.summary = f"Read release {release.get('version') or ctx.props.version}"
    return release
