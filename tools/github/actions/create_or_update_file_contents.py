import base64

from mcp_gateway.catalog import ActionError, UpstreamError, props

from ..app import app, content_path, full_name_of, repo_path, request


def _written(data):
    content = data.get("content") or {}
    commit = data.get("commit") or {}
    return {
        "created": data.get("created"),
        "path": content.get("path"),
        "sha": content.get("sha"),
        "size": content.get("size"),
        "html_url": content.get("html_url"),
        "commit": {
            "sha": commit.get("sha"),
            "message": commit.get("message"),
            "html_url": commit.get("html_url"),
        },
    }


@app.action(
    "create-or-update-file-contents",
    title="Create or Update File Contents",
    description=(
        "Write a text file in a GitHub repository as a new commit: creates the file, or replaces its whole "
        "content if it already exists. To read a file first use Get File Contents; to remove one use Delete "
        "File. Returns the file's new SHA and URL, the commit made, and `created` (false when it replaced a file)."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "path": props.string(
            "File Path",
            "Where the file is in the repository, relative to its root, e.g. `docs/CHANGELOG.md`. Folders in "
            "the path are created as needed.",
        ),
        "content": props.string(
            "Content",
            "The complete new text of the file (UTF-8). It replaces everything the file held before.",
        ),
        "message": props.string("Commit Message", "The message of the commit, e.g. `Update changelog for 1.2.0`."),
        "branch": app.definition(
            "branch",
            description="The branch to commit to, e.g. `main`; it must exist already. Leave empty for the "
            "repository's default branch.",
        ),
    },
    destructive=True,
    trim=_written,
)
async def create_or_update_file_contents(ctx):
    repo = repo_path(ctx.props.repoFullname)
    path, url_path = content_path(ctx.props.path)
    branch = ctx.props.get("branch") or None
    existing_sha = await _current_sha(ctx, f"{repo}/contents/{url_path}", path, branch)
    body = {
        "message": ctx.props.message,
        "content": base64.b64encode(str(ctx.props.content).encode("utf-8")).decode("ascii"),
    }
    if branch:
        body["branch"] = branch
    if existing_sha:
        body["sha"] = existing_sha
    data = (await request(ctx, "PUT", f"{repo}/contents/{url_path}", json=body)).json()
    verb = "Updated" if existing_sha else "Created"
    short = ((data.get("commit") or {}).get("sha") or "")[:7]
    ctx.summary = f"{verb} {path} in {full_name_of(ctx.props.repoFullname)} (commit {short})"
    return {"created": not existing_sha, **data}


async def _current_sha(ctx, url, path, branch):
    """The blob SHA of the file now at `path`, or None when there is no file there yet."""
    try:
        response = await request(ctx, "GET", url, params={"ref": branch} if branch else None)
    except UpstreamError as exc:
        if exc.status == 404:
            return None
        raise
    current = response.json()
    if isinstance(current, list) or current.get("type") != "file":
        kind = "a directory" if isinstance(current, list) else f"a {current.get('type')}"
        raise ActionError(f"{path!r} is {kind} in the repository, not a file; give the path of a file")
    return current.get("sha")
