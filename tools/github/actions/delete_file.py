from mcp_gateway.catalog import ActionError, props

from ..app import app, content_path, full_name_of, get_json, repo_path, request


def _deleted(data):
    commit = data.get("commit") or {}
    return {"commit": {"sha": commit.get("sha"), "message": commit.get("message"), "html_url": commit.get("html_url")}}


@app.action(
    "delete-file",
    title="Delete File",
    description=(
        "Delete a file from a GitHub repository as a new commit on a branch. The file stays in the history. "
        "To change a file instead use Create or Update File Contents. Returns the commit made."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "path": props.string("File Path", "The file to delete, relative to the repository root, e.g. `docs/old.md`."),
        "message": props.string("Commit Message", "The message of the commit, e.g. `Remove outdated docs`."),
        "branch": app.definition(
            "branch", description="The branch to delete the file on, e.g. `main`. Leave empty for the default branch.",
        ),
        "sha": props.string(
            "File SHA", "The blob SHA of the file as it is now (the `sha` Get File Contents returns), so a file "
            "changed meanwhile is not deleted unseen. Leave empty to delete whatever is there now.",
            optional=True,
        ),
    },
    destructive=True,
    trim=_deleted,
)
async def delete_file(ctx):
    repo = repo_path(ctx.props.repoFullname)
    path, url_path = content_path(ctx.props.path)
    branch = ctx.props.get("branch") or None
    sha = ctx.props.get("sha")
    if not sha:
        current = await get_json(ctx, f"{repo}/contents/{url_path}", {"ref": branch} if branch else None)
        if isinstance(current, list) or current.get("type") != "file":
            raise ActionError(f"{path!r} is not a file in the repository; give the path of a file")
        sha = current["sha"]
    body = {"message": ctx.props.message, "sha": sha}
    if branch:
        body["branch"] = branch
    data = (await request(ctx, "DELETE", f"{repo}/contents/{url_path}", json=body)).json()
    ctx.summary = f"Deleted {path} in {full_name_of(ctx.props.repoFullname)} (commit {((data.get('commit') or {}).get('sha') or '')[:7]})"
    return data
