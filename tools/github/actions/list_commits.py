from mcp_gateway.catalog import props, within

from ..app import app, full_name_of, list_page, plural, repo_path, user_login


def commit_summary(item):
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


@app.action(
    "list-commits",
    title="List Commits",
    description=(
        "List the commits of a GitHub repository, newest first, from a branch, tag or commit. Can be narrowed "
        "to one file path, one author or a time range. For the files a pull request changes use List Pull "
        "Request Files. Returns `commits` (SHA, message, author, date, URL) and `next_cursor`."
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
        "limit": props.limit("commits"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("commits", commit_summary),
)
async def list_commits(ctx):
    params = {name: ctx.props[name] for name in ("sha", "path", "author", "since", "until") if ctx.props.get(name)}
    commits, next_cursor, _ = await list_page(ctx, f"{repo_path(ctx.props.repoFullname)}/commits", params=params)
    where = f" on {ctx.props.sha}" if ctx.props.get("sha") else ""
    ctx.summary = f"Listed {plural(len(commits), 'commit')} of {full_name_of(ctx.props.repoFullname)}{where}"
    return {"commits": commits, "next_cursor": next_cursor}
