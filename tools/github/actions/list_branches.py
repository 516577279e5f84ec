from mcp_gateway.catalog import props, within

from ..app import app, full_name_of, list_page, plural, repo_path


def _branch(branch):
    return {"name": branch.get("name"), "sha": (branch.get("commit") or {}).get("sha"), "protected": branch.get("protected")}


@app.action(
    "list-branches",
    title="List Branches",
    description=(
        "List the branches of a GitHub repository with the commit each points at and whether it is protected. "
        "To make a branch use Create Branch; for a branch's history use List Commits. Returns `branches` and "
        "`next_cursor`."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "protected": props.boolean(
            "Protected", "`true` for protected branches only, `false` for unprotected ones only. Leave empty for all.",
            optional=True,
        ),
        "limit": props.limit("branches"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("branches", _branch),
)
async def list_branches(ctx):
    params = {}
    if ctx.props.get("protected") is not None:
        params["protected"] = "true" if ctx.props.protected else "false"
    branches, next_cursor, _ = await list_page(ctx, f"{repo_path(ctx.props.repoFullname)}/branches", params=params)
    ctx.summary = f"Listed {plural(len(branches), 'branch', 'branches')} of {full_name_of(ctx.props.repoFullname)}"
    return {"branches": branches, "next_cursor": next_cursor}
