from mcp_gateway.catalog import props, within

from ..app import app, full_name_of, list_page, person_summary, plural, repo_path


@app.action(
    "list-contributors",
    title="List Contributors",
    description=(
        "List the people who committed to a GitHub repository's default branch, most commits first, with "
        "their commit counts. For the people who may push or be assigned use List Collaborators. Returns "
        "`contributors` (login, `contributions`) and `next_cursor`."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "anon": props.boolean(
            "Include Anonymous", "Also count commits by email addresses that belong to no GitHub account.", default=False,
        ),
        "limit": props.limit("contributors"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("contributors", person_summary),
)
async def list_contributors(ctx):
    params = {"anon": "true"} if ctx.props.anon else None
    people, next_cursor, _ = await list_page(ctx, f"{repo_path(ctx.props.repoFullname)}/contributors", params=params)
    ctx.summary = f"Listed {plural(len(people), 'contributor')} of {full_name_of(ctx.props.repoFullname)}"
    return {"contributors": people, "next_cursor": next_cursor}
