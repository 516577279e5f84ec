from mcp_gateway.catalog import ActionError, props, within

from ..app import api, app, comment_summary, pickers

# ClickUp returns a task's comments newest first, 25 at a time.
COMMENT_PAGE = 25


def _from(cursor):
    """ClickUp pages comments by the date and ID of the oldest one seen: the cursor holds both."""
    if not cursor:
        return {}
    start, _, start_id = str(cursor).partition(":")
    if not start.isdigit() or not start_id:
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged")
    return {"start": start, "start_id": start_id}


@app.action(
    "list-comments",
    title="List Task Comments",
    description=(
        "List the comments on a ClickUp task, newest first, with their authors and dates. To write one, use "
        "clickup-create-comment."
    ),
    props={
        **pickers("workspaceId", "spaceId", "folderId", "listId"),
        "taskId": app.definition("taskId"),
        "limit": props.limit("comments"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("comments", comment_summary),
)
async def list_comments(ctx):
    comments, query, more = [], _from(ctx.props.get("cursor")), True
    while len(comments) < ctx.props.limit and more:
        found = (await api(ctx, "GET", f"/task/{ctx.props.taskId}/comment", params=query or None)).get("comments") or []
        taken = found[: ctx.props.limit - len(comments)]
        comments.extend(taken)
        more = len(found) >= COMMENT_PAGE or len(taken) < len(found)
        if taken:
            query = {"start": str(taken[-1].get("date")), "start_id": str(taken[-1].get("id"))}
        else:
            more = False
    ctx.summary = f"Listed {len(comments)} comment{'s' if len(comments) != 1 else ''}"
    return {"comments": comments, "next_cursor": f"{query['start']}:{query['start_id']}" if more else None}
