from ..app import app, get_json, repo_path, repo_summary


@app.action(
    "get-repository",
    title="Get Repository",
    description=(
        "Read a GitHub repository's details: description, visibility, default branch, main language, "
        "topics, star, fork and open issue counts, and the connected user's permissions on it. To find "
        "repositories use List Repositories (the user's own) or Search Repositories (all of GitHub)."
    ),
    props={"repoFullname": app.definition("repoFullname")},
    read_only=True,
    trim=repo_summary,
)
async def get_repository(ctx):
    repo = await get_json(ctx, repo_path(ctx.props.repoFullname))
    ctx.summary = f"Retrieved repository {repo.get('full_name')}"
    return repo
