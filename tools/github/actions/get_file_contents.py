import base64
import binascii

from mcp_gateway.catalog import props

from ..app import app, content_path, full_name_of, get_json, repo_path


def _entry(item):
    return {"name": item.get("name"), "path": item.get("path"), "type": item.get("type"), "size": item.get("size"), "sha": item.get("sha")}


def _text(item):
    """The file's text when GitHub sent it in base64 and it is UTF-8; None for binary or very large files."""
    if item.get("encoding") != "base64" or not item.get("content"):
        return None
    try:
        return base64.b64decode(item["content"]).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None


def _contents(data):
    if isinstance(data, list):
        return {"type": "dir", "entries": [_entry(item) for item in data]}
    summary = {**_entry(data), "html_url": data.get("html_url"), "download_url": data.get("download_url")}
    if data.get("type") == "file":
        summary["text"] = _text(data)
    if data.get("type") == "symlink":
        summary["target"] = data.get("target")
    return summary


@app.action(
    "get-file-contents",
    title="Get File Contents",
    description=(
        "Read a file of a GitHub repository as text, or list a directory's entries, at a branch, tag or commit. "
        "`text` is empty for binary files and for files over 1 MB (use `download_url` then). To change the file "
        "use Create or Update File Contents (it needs no SHA); to find files by their content use Search Code. "
        "Returns the file's path, SHA, size, URL and text, or a directory's `entries`."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "path": props.string(
            "Path", "The file or directory, relative to the repository root, e.g. `docs/README.md` or `src`.",
        ),
        "ref": app.definition(
            "branch", label="Branch, Tag or Commit",
            description="Where to read from: a branch (e.g. `main`), a tag or a commit SHA. Leave empty for the "
            "default branch.",
        ),
    },
    read_only=True,
    trim=_contents,
)
async def get_file_contents(ctx):
    path, url_path = content_path(ctx.props.path)
    params = {"ref": ctx.props.ref} if ctx.props.get("ref") else None
    data = await get_json(ctx, f"{repo_path(ctx.props.repoFullname)}/contents/{url_path}", params)
    where = f"{full_name_of(ctx.props.repoFullname)}" + (f" at {ctx.props.ref}" if ctx.props.get("ref") else "")
    if isinstance(data, list):
        ctx.summary = f"Listed {len(data)} entries of {path}/ in {where}"
    else:
        ctx.summary = f"Read {path} ({data.get('size')} bytes) in {where}"
    return data
