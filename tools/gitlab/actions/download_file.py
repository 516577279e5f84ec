import asyncio
import posixpath

from mcp_gateway.catalog import props

from ..app import api, app, project_path, project_url, repo_file_path


@app.action(
    "download-file",
    title="Download Repository File to /tmp",
    description=(
        "Download a file from a GitLab repository (any type, text or binary) and save it under `/tmp`, where later "
        "steps and File Stash can pick it up. Returns the saved path and size. To read a text file's content "
        "directly, use gitlab-get-file instead."
    ),
    props={
        "project": app.definition("project"),
        "path": props.string(
            "File in Repository", "The file's path in the repository, relative to its root, e.g. `docs/guide.pdf`."
        ),
        "ref": props.string(
            "Branch, Tag or Commit",
            "Which version to download, e.g. `main`, `v1.2.0` or a commit SHA. Leave empty for the default branch.",
            optional=True,
        ),
        "filePath": props.string(
            "Save As",
            "Where to save the file, under `/tmp`, e.g. `/tmp/guide.pdf`. Defaults to `/tmp/` plus the file's name.",
            optional=True,
        ),
    },
    read_only=True,
    stash="optional",
)
async def download_file(ctx):
    path, encoded = repo_file_path(ctx.props.path)
    save_as = ctx.props.get("filePath") or f"/tmp/{posixpath.basename(path)}"
    target = ctx.tmp_path(save_as)
    params = {"ref": ctx.props.ref} if ctx.props.get("ref") else None
    response = await api(ctx, "GET", f"{project_url(ctx.props.project)}/repository/files/{encoded}/raw", params=params)
    await asyncio.to_thread(_save, target, response.content)
    size = len(response.content)
    ctx.summary = f"Downloaded {path} from {project_path(ctx.props.project)} ({size} bytes) to {save_as}"
    return {
        "filePath": save_as,
        "size": size,
        "path": path,
        "ref": ctx.props.get("ref") or "HEAD",
        "contentType": response.headers.get("content-type"),
    }


def _save(target, content):
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
