from mcp_gateway.catalog import props, within

from ..app import app, collect, note_summary, project_path, project_url

_KINDS = {"issue": ("issues", "#"), "merge_request": ("merge_requests", "!")}


@app.action(
    "list-comments",
    title="List Comments",
    description=(
        "Read the discussion of a GitLab issue or merge request: its comments (notes), oldest first, with author "
        "and time. System notes (label changes, assignments...) are left out unless asked for, so a page can hold fewer "
        "than `limit`. To post a comment use gitlab-add-comment."
    ),
    props={
        "project": app.definition("project"),
        "targetType": props.string(
            "On",
            "Whose comments: `issue` or `merge_request`.",
            options=["issue", "merge_request"],
            default="issue",
        ),
        "iid": props.integer(
            "Number",
            "The number (IID) of the issue or merge request within the project, e.g. `42` for `#42` or `!42`.",
            min=1,
        ),
        "includeSystemNotes": props.boolean(
            "Include System Notes", "Also return GitLab's automatic notes about changes to the item.", default=False
        ),
        "limit": props.limit("comments"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("comments", note_summary),
)
async def list_comments(ctx):
    collection, sigil = _KINDS[ctx.props.targetType]
    path = f"{project_url(ctx.props.project)}/{collection}/{ctx.props.iid}/notes"
    notes, next_cursor = await collect(ctx, path, params={"sort": "asc", "order_by": "created_at"})
    if not ctx.props.includeSystemNotes:
        notes = [n for n in notes if not n.get("system")]
    ctx.summary = f"Listed {len(notes)} comment{'s' if len(notes) != 1 else ''} on {sigil}{ctx.props.iid} in {project_path(ctx.props.project)}"
    return {"comments": notes, "next_cursor": next_cursor}
