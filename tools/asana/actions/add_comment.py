from mcp_gateway.catalog import props

from ..app import app, call, story_summary, task_id


@app.action(
    "add-comment",
    title="Add Comment to Task",
    description=(
        "Post a comment on an Asana task as the connected user. Returns the comment's gid and time. To read a "
        "task's comments use asana-list-comments."
    ),
    props={
        "workspace": app.definition(
            "workspace", optional=True, description="The task's workspace. Only used to offer choices for the task."
        ),
        "task": app.definition("task"),
        "text": props.string("Text", "The comment, as plain text, e.g. `Draft is ready for review.`"),
        "isPinned": props.boolean("Pin", "`true` to pin the comment to the top of the task's activity.", default=False),
    },
    trim=story_summary,
)
async def add_comment(ctx):
    data = {"text": ctx.props.text}
    if ctx.props.isPinned:
        data["is_pinned"] = True
    story = await call(
        ctx,
        "POST",
        f"/tasks/{task_id(ctx.props.task)}/stories",
        data=data,
        params={"opt_fields": "created_at,created_by.name,text,is_pinned,target.name"},
    )
    target = (story.get("target") or {}).get("name") or ctx.props.task
    ctx.summary = f"Commented on task {target!r}"
    return story
