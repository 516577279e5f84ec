from mcp_gateway.catalog import ActionError, props

from ..app import account_name, app, repo_summary, request


@app.action(
    "create-repository",
    title="Create Repository",
    description=(
        "Create a new GitHub repository for the connected user, or in an organization they may create "
        "repositories in. With `autoInit` it starts with a README commit, so branches and files can be added "
        "right away. To change an existing repository's files use Create or Update File Contents. Returns the "
        "new repository's full name, URL and default branch."
    ),
    props={
        "name": props.string("Name", "The repository's name, e.g. `hello-world`: letters, digits, `-`, `_` and `.`."),
        "org": app.definition(
            "org", optional=True,
            description="The organization to create it in, e.g. `github`. Leave empty to create it in the "
            "connected user's account.",
        ),
        "description": props.string("Description", "A one-line description shown on the repository's page.", optional=True),
        "homepage": props.string("Homepage", "A URL with more about the project.", optional=True),
        "private": props.boolean("Private", "Make the repository private (visible only to people given access).", default=False),
        "autoInit": props.boolean("Initialize with README", "Start with an initial commit holding a README.", default=False),
        "gitignoreTemplate": props.string(
            "Gitignore Template", "A `.gitignore` template by language name, e.g. `Python` or `Node`.", optional=True,
        ),
        "licenseTemplate": props.string(
            "License", "A license by its keyword, e.g. `mit`, `apache-2.0` or `gpl-3.0`.", optional=True,
        ),
    },
    trim=repo_summary,
)
async def create_repository(ctx):
    name = str(ctx.props.name).strip()
    if not name or "/" in name:
        raise ActionError("name must be the repository's name alone, e.g. `hello-world`; put an organization in `org`")
    body = {"name": name, "private": bool(ctx.props.private)}
    for prop, field in (("description", "description"), ("homepage", "homepage"), ("gitignoreTemplate", "gitignore_template"), ("licenseTemplate", "license_template")):
        if ctx.props.get(prop):
            body[field] = ctx.props[prop]
    if ctx.props.get("autoInit"):
        body["auto_init"] = True
    path = f"/orgs/{account_name(ctx.props.org, 'org')}/repos" if ctx.props.get("org") else "/user/repos"
    repo = (await request(ctx, "POST", path, json=body)).json()
    ctx.summary = f"Created {'private' if repo.get('private') else 'public'} repository {repo.get('full_name')}"
    return repo
