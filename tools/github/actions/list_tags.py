from mcp_gateway.catalog import props, within

from ..app import app, full_name_of, list_page, plural, repo_path


def _tag(tag):
    return {"name": tag.get("name"), "sha": (tag.get("commit") or {}).get("sha")}


@app.action(
    "list-tags",
    title="List Tags",
    description=(
        "List the git tags of a GitHub repository with the commit each points at. Tags with published notes "
        "and assets are listed by List Releases. Returns `tags` and `next_cursor`."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "limit": props.limit("tags"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("tags", _tag),
)
async def list_tags(ctx):
    tags, next_cursor, _ = await list_page(ctx, f"{repo_path(ctx.props.repoFullname)}/tags")
    ctx.summary = f"Listed {plural(len(tags), 'tag')} of {full_name_of(ctx.props.repoFullname)}"
    return {"tags": tags, "next_cursor": next_cursor}
