from mcp_gateway.catalog import ActionError, props

from ..app import api, app, org_path, release_summary


@app.action(
    "create-release",
    title="Create Release",
    description=(
        "Create a release in Sentry for one or more projects, so errors are tied to the version that introduced them "
        "and issues can be resolved in it (sentry-update-issue with inRelease). Needs the project:releases scope."
    ),
    props={
        "organization": app.definition("organization"),
        "version": props.string(
            "Version", "The new release's version, unique in the organization, e.g. `backend@1.4.2` or a commit SHA "
            "(200 characters at most).",
        ),
        "projects": props.string_list(
            "Projects", "The slugs of the projects the release belongs to (from sentry-list-projects), e.g. `[\"backend-api\"]`.",
            options=app.definition("project").options,
        ),
        "ref": props.string("Ref", "A commit reference for the version, e.g. a tag or SHA.", optional=True),
        "url": props.string("URL", "A link to the release, e.g. its page on GitHub.", optional=True),
        "dateReleased": props.string(
            "Released At", "When it went live, ISO 8601, e.g. `2026-12-07T09:00:00Z`; by default now.", optional=True,
        ),
    },
    trim=release_summary,
)
async def create_release(ctx):
    projects = [p.strip() for p in ctx.props.projects or [] if str(p).strip()]
    if not projects:
        raise ActionError("name at least one project slug in projects (from sentry-list-projects)")
    body = {"version": ctx.props.version, "projects": projects}
    for name in ("ref", "url", "dateReleased"):
        if ctx.props.get(name):
            body[name] = ctx.props[name]
    release = await api(ctx, "POST", org_path(ctx.props.organization, "releases/"), json=body)
    ctx.summary = f"Created release {release.get('version') or ctx.props.version} for {', '.join(projects)}"
    return release
