from mcp_gateway.catalog import props

from ..app import api, app, note_summary, project_path, project_url

_KINDS = {"issue": ("issues", "#"), "merge_request": ("merge_requests", "!")}


@app.action(
    "add-comment",
    title="Add Comment",
    description=(
        "Post a comment (a note) on a GitLab issue or merge request as the connected user. Returns the comment's "
        "ID, text and author. To read the existing discussion use gitlab-list-comments; to change the issue itself, "
        "gitlab-update-issue."
    ),
    props={
        "project": app.definition("project"),
        "targetType": props.string(
            "On",
            "What to comment on: `issue` or `merge_request`.",
            options=["issue", "merge_request"],
            default="issue",
        ),
        "iid": props.integer(
            "Number",
            "The number (IID) of the issue or merge request within the project, e.g. `42` for `#42` or `!42`.",
            min=1,
        ),
        "body": props.string(
            "Comment", "The comment text in GitLab Flavored Markdown. Quick actions such as `/label ~bug` work too."
        ),
    },
    trim=note_summary,
)
async def add_comment(ctx):
    collection, sigil = _KINDS[ctx.props.targetType]
    path = f"{project_url(ctx.props.project)}/{collection}/{ctx.props.iid}/notes"
    note = (await api(ctx, "POST", path, json={"body": ctx.props.body})).json()
    ctx.summary = f"Commented on {sigil}{ctx.props.iid} in {project_path(ctx.props.project)}"
    return note
