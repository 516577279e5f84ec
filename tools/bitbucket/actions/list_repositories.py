from mcp_gateway.catalog import props, within

from ..app import app, collect, repository_summary, seg


@app.action(
    "list-repositories",
    title="List Repositories",
    description=(
        "List the repositories of a Bitbucket workspace, most recently updated first, with their slugs, main branch, "
        "language and privacy, optionally filtered with Bitbucket's query language, e.g. `name ~ \"api\"` or "
        "`project.key = \"WEB\"`."
    ),
    props={
        "workspace": app.definition("workspace"),
        "q": props.string("Query", "A Bitbucket filter, e.g. `name ~ \"api\"` or `is_private = true`.", optional=True),
        "role": props.string(
            "Role", "Only repositories where the user is `member`, `contributor`, `admin` or `owner`.",
            options=["member", "contributor", "admin", "owner"], optional=True,
        ),
        "limit": props.limit("repositories"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("repositories", repository_summary),
)
async def list_repositories(ctx):
    params = {"sort": "-updated_on"}
    for name in ("q", "role"):
        if ctx.props.get(name):
            params[name] = ctx.props[name]
    repositories, cursor = await collect(ctx, f"/repositories/{seg(ctx.props.workspace)}", limit=ctx.props.limit,
                                         cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(repositories)} repositor{'ies' if len(repositories) != 1 else 'y'} of {ctx.props.workspace}"
    return {"repositories": repositories, "next_cursor": cursor}
