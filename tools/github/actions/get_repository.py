from ..app import app, repo_path, user_login


@app.action(
    "get-repository",
    title="Get Repository",
    description=(
        "Read a GitHub repository's details: description, visibility, default branch, main language, "
        "topics, star, fork and open issue counts, and the connected user's permissions on it."
    ),
    props={"repoFullname": app.definition("repoFullname")},
    read_only=True,
)
async def get_repository(ctx):
    repo = (await ctx.http.get(repo_path(ctx.props.repoFullname))).json()
    ctx.summary = f"Retrieved repository {repo.get('full_name')}"
    return {
        "id": repo.get("id"),
        "full_name": repo.get("full_name"),
        "owner": user_login(repo.get("owner")),
        "description": repo.get("description"),
        "html_url": repo.get("html_url"),
        "homepage": repo.get("homepage"),
        "private": repo.get("private"),
        "visibility": repo.get("visibility"),
        "fork": repo.get("fork"),
        "archived": repo.get("archived"),
        "default_branch": repo.get("default_branch"),
        "language": repo.get("language"),
        "topics": repo.get("topics") or [],
        "license": (repo.get("license") or {}).get("spdx_id"),
        "stargazers_count": repo.get("stargazers_count"),
        "forks_count": repo.get("forks_count"),
        "open_issues_count": repo.get("open_issues_count"),
        "subscribers_count": repo.get("subscribers_count"),
        "clone_url": repo.get("clone_url"),
        "permissions": repo.get("permissions"),
        "created_at": repo.get("created_at"),
        "updated_at": repo.get("updated_at"),
        "pushed_at": repo.get("pushed_at"),
    }
