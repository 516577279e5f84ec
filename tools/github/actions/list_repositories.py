from mcp_gateway.catalog import props, within

from ..app import app, list_page, plural, repo_summary


@app.action(
    "list-repositories",
    title="List Repositories",
    description=(
        "List the repositories the connected user can work with: their own, ones they collaborate on, and "
        "their organizations' repositories, most recently updated first by default. To find any public "
        "repository use Search Repositories; for one repository's details use Get Repository. Returns "
        "`repositories` (full name, description, visibility, default branch, URL) and `next_cursor`."
    ),
    props={
        "visibility": props.string("Visibility", "`all` (the default), `public` or `private`.", options=["all", "public", "private"], optional=True),
        "affiliation": props.string(
            "Affiliation",
            "Which relationships to include, comma-separated: `owner`, `collaborator`, `organization_member`. "
            "GitHub's default is all three.",
            optional=True,
        ),
        "sort": props.string(
            "Sort", "`updated` (the default here), `created`, `pushed` or `full_name`.",
            options=["updated", "created", "pushed", "full_name"], default="updated",
        ),
        "direction": props.string("Direction", "`asc` or `desc`; GitHub's default is `asc` for `full_name`, else `desc`.", options=["asc", "desc"], optional=True),
        "limit": props.limit("repositories"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("repositories", repo_summary),
)
async def list_repositories(ctx):
    params = {name: ctx.props[name] for name in ("visibility", "affiliation", "sort", "direction") if ctx.props.get(name)}
    repos, next_cursor, _ = await list_page(ctx, "/user/repos", params=params)
    ctx.summary = f"Listed {plural(len(repos), 'repository', 'repositories')}"
    return {"repositories": repos, "next_cursor": next_cursor}
