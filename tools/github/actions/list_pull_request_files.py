from mcp_gateway.catalog import props, within

from ..app import app, full_name_of, list_page, plural, repo_path


def _file(item):
    return {
        "filename": item.get("filename"),
        "status": item.get("status"),
        "additions": item.get("additions"),
        "deletions": item.get("deletions"),
        "changes": item.get("changes"),
        "previous_filename": item.get("previous_filename"),
        "patch": item.get("patch"),
        "sha": item.get("sha"),
        "blob_url": item.get("blob_url"),
    }


@app.action(
    "list-pull-request-files",
    title="List Pull Request Files",
    description=(
        "List the files a pull request changes, with each file's status (added, modified, removed, renamed), "
        "line counts and its diff (`patch`, absent for binary or very large files). GitHub lists at most 3000 "
        "files. For the whole text of a file use Get File Contents with the pull request's head branch. Returns "
        "`files` and `next_cursor`."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "pullNumber": app.definition("pullNumber"),
        "limit": props.limit("files"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("files", _file),
)
async def list_pull_request_files(ctx):
    path = f"{repo_path(ctx.props.repoFullname)}/pulls/{ctx.props.pullNumber}/files"
    files, next_cursor, _ = await list_page(ctx, path)
    ctx.summary = f"Listed {plural(len(files), 'changed file')} of pull request #{ctx.props.pullNumber} in {full_name_of(ctx.props.repoFullname)}"
    return {"files": files, "next_cursor": next_cursor}
