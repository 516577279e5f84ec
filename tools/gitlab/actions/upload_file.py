import asyncio
import base64
import posixpath

from mcp_gateway.catalog import ActionError, props

from ..app import api, app, project_path, project_url, repo_file_path


@app.action(
    "upload-file",
    title="Upload File to Repository",
    description=(
        "Commit a file from /tmp to a GitLab repository branch: creates the file, or replaces its content if it "
        "already exists. The file comes from /tmp: a path an earlier step saved (pass that step's stash_id) or the "
        "file_id of an uploaded file. Returns the path, branch and whether the file was created or updated. "
        "Overwrites the file's content on that branch. To start a new branch first, use gitlab-create-branch."
    ),
    props={
        "project": app.definition("project"),
        "filePath": props.string(
            "File",
            "The file to commit: a path under /tmp such as `/tmp/report.csv` saved by an earlier step with the same "
            "stash_id, or the `file_...` id of a file sent to the gateway.",
        ),
        "path": props.string(
            "Path in Repository",
            "Where to put the file in the repository, e.g. `reports/2024-06.csv`. Folders are created as needed. "
            "Defaults to the file's name at the repository root.",
            optional=True,
        ),
        "branch": app.definition(
            "branch",
            description="The branch to commit to, e.g. `main`. With `startBranch`, a new branch of this name is "
            "created from it.",
        ),
        "commitMessage": props.string("Commit Message", "The message of the commit, e.g. `Add June report`."),
        "startBranch": props.string(
            "Start From Branch",
            "To commit to a branch that does not exist yet: the existing branch to create it from, e.g. `main`.",
            optional=True,
        ),
    },
    destructive=True,
    stash="optional",
)
async def upload_file(ctx):
    source = ctx.tmp_path(ctx.props.filePath)
    try:
        data = await asyncio.to_thread(source.read_bytes)
    except (FileNotFoundError, IsADirectoryError):
        raise ActionError(
            f"{ctx.props.filePath} is not a file in /tmp; pass the stash_id of the step that saved it, or a file_id "
            "as the file"
        ) from None
    path, encoded = repo_file_path(ctx.props.get("path") or posixpath.basename(str(source)))
    url = f"{project_url(ctx.props.project)}/repository/files/{encoded}"
    branch = ctx.props.branch
    exists = await _exists(ctx, url, ctx.props.get("startBranch") or branch)
    body = {
        "branch": branch,
        "commit_message": ctx.props.commitMessage,
        "content": base64.b64encode(data).decode("ascii"),
        "encoding": "base64",
    }
    if ctx.props.get("startBranch"):
        body["start_branch"] = ctx.props.startBranch
    result = (await api(ctx, "PUT" if exists else "POST", url, json=body)).json()
    verb = "Updated" if exists else "Created"
    ctx.summary = f"{verb} {path} on {branch} in {project_path(ctx.props.project)} ({len(data)} bytes)"
    return {
        "created": not exists,
        "path": result.get("file_path", path),
        "branch": result.get("branch", branch),
        "size": len(data),
    }


async def _exists(ctx, url, ref):
    """Whether the file is already on the branch (`HEAD` answers 404 when it is not)."""
    response = await ctx.http.request("HEAD", url, params={"ref": ref}, raise_for_status=False)
    if response.status_code == 404:
        return False
    if response.status_code >= 400:
        await api(ctx, "GET", url, params={"ref": ref})  # reports the error in full
    return True
