from mcp_gateway.catalog import props, within

from ..app import app, full_name_of, list_page, person_summary, plural, repo_path


@app.action(
    "list-collaborators",
    title="List Collaborators",
    description=(
        "List the people with access to a GitHub repository (directly, through a team or as organization "
        "owners) and their permissions. Needs push access to the repository. For the people who have committed "
        "use List Contributors. Returns `collaborators` (login, `role_name`, `permissions`) and `next_cursor`."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "affiliation": props.string(
            "Affiliation", "`all` (the default), `outside` (outside collaborators of an organization) or `direct`.",
            options=["all", "outside", "direct"], optional=True,
        ),
        "permission": props.string(
            "Permission", "Only people with this permission.", options=["pull", "triage", "push", "maintain", "admin"], optional=True,
        ),
        "limit": props.limit("collaborators"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("collaborators", person_summary),
)
async def list_collaborators(ctx):
    params = {name: ctx.props[name] for name in ("affiliation", "permission") if ctx.props.get(name)}
    people, next_cursor, _ = await list_page(ctx, f"{repo_path(ctx.props.repoFullname)}/collaborators", params=params)
    ctx.summary = f"Listed {plural(len(people), 'collaborator')} of {full_name_of(ctx.props.repoFullname)}"
    return {"collaborators": people, "next_cursor": next_cursor}
