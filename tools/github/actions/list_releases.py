from mcp_gateway.catalog import props, within

from ..app import app, full_name_of, list_page, plural, release_summary, repo_path


@app.action(
    "list-releases",
    title="List Releases",
    description=(
        "List a GitHub repository's releases, newest first, with tag, name, notes, draft and prerelease flags "
        "and assets. Drafts appear only to people with push access. For bare git tags without releases use "
        "List Tags; to publish one use Create Release. Returns `releases` and `next_cursor`."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "limit": props.limit("releases"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("releases", release_summary),
)
async def list_releases(ctx):
    releases, next_cursor, _ = await list_page(ctx, f"{repo_path(ctx.props.repoFullname)}/releases")
    ctx.summary = f"Listed {plural(len(releases), 'release')} of {full_name_of(ctx.props.repoFullname)}"
    return {"releases": releases, "next_cursor": next_cursor}
