import base64
import binascii

from mcp_gateway.catalog import ActionError, props

from ..app import api, app, project_path, project_url, repo_file_path


def _text(file):
    return base64.b64decode(file.get("content") or "").decode("utf-8")


def file_summary(file):
    return {
        "file_path": file.get("file_path"),
        "ref": file.get("ref"),
        "size": file.get("size"),
        "last_commit_id": file.get("last_commit_id"),
        "blob_id": file.get("blob_id"),
        "text": _text(file),
    }


@app.action(
    "get-file",
    title="Get File",
    description=(
        "Read a text file from a GitLab repository at a branch, tag or commit: its content as text, size and last "
        "commit. For binary files (images, PDFs, archives), use gitlab-download-file, which saves them under /tmp; "
        "to change a file, gitlab-upload-file. To find files by their content, use gitlab-search with scope `blobs`."
    ),
    props={
        "project": app.definition("project"),
        "path": props.string(
            "File in Repository", "The file's path in the repository, relative to its root, e.g. `docs/README.md`."
        ),
        "ref": props.string(
            "Branch, Tag or Commit",
            "Which version to read, e.g. `main`, `v1.2.0` or a commit SHA. Leave empty for the default branch.",
            optional=True,
        ),
    },
    read_only=True,
    trim=file_summary,
)
async def get_file(ctx):
    path, encoded = repo_file_path(ctx.props.path)
    # `HEAD` is GitLab's name for the project's default branch here.
    params = {"ref": ctx.props.get("ref") or "HEAD"}
    file = (await api(ctx, "GET", f"{project_url(ctx.props.project)}/repository/files/{encoded}", params=params)).json()
    try:
        _text(file)
    except (binascii.Error, UnicodeDecodeError):
        raise ActionError(f"{path} is not a text file; save it with gitlab-download-file instead") from None
    ctx.summary = f"Read {path} at {file.get('ref') or params['ref']} in {project_path(ctx.props.project)} ({file.get('size')} bytes)"
    return file
