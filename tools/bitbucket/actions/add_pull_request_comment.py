from mcp_gateway.catalog import ActionError, props

from ..app import api, app, repo_path


def _comment(comment):
    inline = comment.get("inline") or {}
    return {"id": comment.get("id"), "content": (comment.get("content") or {}).get("raw"),
            "user": (comment.get("user") or {}).get("display_name"), "created_on": comment.get("created_on"),
            "path": inline.get("path"), "line": inline.get("to"),
            "url": ((comment.get("links") or {}).get("html") or {}).get("href")}


@app.action(
    "add-pull-request-comment",
    title="Add Pull Request Comment",
    description=(
        "Comment on a Bitbucket pull request, on the whole of it or on one line of a changed file. To approve it, use "
        "bitbucket-approve-pull-request."
    ),
    props={
        "workspace": app.definition("workspace"),
        "repoSlug": app.definition("repoSlug"),
        "pullRequestId": app.definition("pullRequestId"),
        "content": props.string("Comment", "The comment, in Markdown."),
        "path": props.string("File", "For a comment on a line: the file's path in the repository, e.g. `src/app.py`.", optional=True),
        "line": props.integer("Line", "With a file: the line number in the new version of the file.", optional=True, min=1),
    },
    trim=_comment,
)
async def add_pull_request_comment(ctx):
    body = {"content": {"raw": ctx.props.content}}
    if ctx.props.get("line") and not ctx.props.get("path"):
        raise ActionError("a line goes with the file's path; give path too")
    if ctx.props.get("path"):
        body["inline"] = {"path": ctx.props.path, **({"to": ctx.props.line} if ctx.props.get("line") else {})}
    comment = await api(ctx, "POST", repo_path(ctx.props.workspace, ctx.props.repoSlug,
                                               f"pullrequests/{int(ctx.props.pullRequestId)}/comments"), json=body)
    ctx.summary = f"Commented on pull request #{ctx.props.pullRequestId}"
    return comment
