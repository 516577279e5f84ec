from mcp_gateway.catalog import props

from ..app import app, collect, full_name_of, repo_path, user_login


@app.action(
    "list-commits",
    title="List Commits",
    description=(
        "List the commits of a GitHub repository, newest first, from a branch, tag or commit. Can be narrowed "
        "to one file path, one author or a time range. Returns each commit's SHA, message, author, date and URL."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "sha": app.definition(
            "branch",
            label="Branch or Commit",
            description="Where to start listing from: a branch name (e.g. `main`), a tag or a commit SHA. "
            "Leave empty for the repository's default branch.",
        ),
        "path": props.string(
            "File Path",
            "Only commits that changed this file or directory, e.g. `src/app.py`.",
            optional=True,
        ),
        "author": props.string(
            "Author",
            "Only commits by this author: a GitHub username or an email address.",
            optional=True,
        ),
        "since": props.string(
            "Since",
            "Only commits after this time, as an ISO 8601 timestamp such as `2024-05-01T00:00:00Z`.",
            optional=True,
        ),
        "until": props.string(
            "Until",
            "Only commits before this time, as an ISO 8601 timestamp such as `2024-06-01T00:00:00Z`.",
            optional=True,
        ),
        "max": props.integer("Max Commits", "The most commits to return (1 to 500).", min=1, max=500, default=20),
    },
    read_only=True,
)
async def list_commits(ctx):
    params = {name: ctx.props[name] for name in ("sha", "path", "author", "since", "until") if ctx.props.get(name)}
    commits, _ = await collect(ctx, f"{repo_path(ctx.props.repoFullname)}/commits", limit=ctx.props.max, params=params)
    results = [_commit(c) for c in commits]
    where = f" on {ctx.props.sha}" if ctx.props.get("sha") else ""
    ctx.summary = f"Listed {len(results)} commit{'s' if len(results) != 1 else ''} of {full_name_of(ctx.props.repoFullname)}{where}"
    return results


def _commit(item):
    commit = item.get("commit") or {}
    author = commit.get("author") or {}
    committer = commit.get("committer") or {}
    return {
        "sha": item.get("sha"),
        "message": commit.get("message"),
        "author_name": author.get("name"),
        "author_email": author.get("email"),
        "author_login": user_login(item.get("author")),
        "authored_at": author.get("date"),
        "committed_at": committer.get("date"),
        "html_url": item.get("html_url"),
        "parents": [p.get("sha") for p in item.get("parents") or []],
    }
