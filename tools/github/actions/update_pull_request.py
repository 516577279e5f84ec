from mcp_gateway.catalog import ActionError, props

from ..app import app, full_name_of, pull_summary, repo_path, request


@app.action(
    "update-pull-request",
    title="Update Pull Request",
    description=(
        "Change an open pull request: replace its title or body, point it at another base branch, or close or "
        "reopen it without merging. Fields left empty stay as they are. To merge use Merge Pull Request; for "
        "labels and assignees use Update Issue or Add Labels to Issue with the same number. Returns the updated "
        "pull request."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "pullNumber": app.definition("pullNumber"),
        "title": props.string("Title", "A new title, replacing the current one.", optional=True),
        "body": props.string("Body", "A new description in GitHub Markdown, replacing the whole current one.", optional=True),
        "state": props.string(
            "State", "`closed` to close it without merging, `open` to reopen it.", options=["open", "closed"], optional=True,
        ),
        "base": app.definition(
            "branch", label="Base Branch", description="A new branch to merge into, e.g. `develop`.",
        ),
        "maintainerCanModify": props.boolean(
            "Maintainers Can Modify", "Whether the base repository's maintainers may push to the head branch.",
            optional=True,
        ),
    },
    destructive=True,
    idempotent=True,
    trim=pull_summary,
)
async def update_pull_request(ctx):
    body = {field: ctx.props[name] for name, field in (("title", "title"), ("body", "body"), ("state", "state"), ("base", "base")) if ctx.props.get(name)}
    if ctx.props.get("maintainerCanModify") is not None:
        body["maintainer_can_modify"] = ctx.props.maintainerCanModify
    if not body:
        raise ActionError("nothing to change: give at least one of title, body, state, base or maintainerCanModify")
    path = f"{repo_path(ctx.props.repoFullname)}/pulls/{ctx.props.pullNumber}"
    pull = (await request(ctx, "PATCH", path, json=body)).json()
    ctx.summary = f"Updated {', '.join(body)} of pull request #{pull['number']} in {full_name_of(ctx.props.repoFullname)} (now {pull.get('state')})"
    return pull
