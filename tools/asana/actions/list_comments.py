from mcp_gateway.catalog import props

from ..app import app, collect, story_summary, task_id


def _comments(page):
    return {**page, "comments": [story_summary(s) for s in page["comments"] if s.get("type") == "comment"]}


@app.action(
    "list-comments",
    title="List Task Comments",
    description=(
        "List the comments on an Asana task, oldest first, with their authors and times. Asana keeps comments "
        "among the task's other activity (its stories); only the comments are returned. To post one use "
        "asana-add-comment."
    ),
    props={
        "workspace": app.definition(
            "workspace", optional=True, description="The task's workspace. Only used to offer choices for the task."
        ),
        "task": app.definition("task"),
        "limit": props.limit("stories"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=_comments,
)
async def list_comments(ctx):
    stories, following = await collect(
        ctx,
        f"/tasks/{task_id(ctx.props.task)}/stories",
        {"opt_fields": "created_at,created_by.name,text,type,is_pinned"},
        limit=ctx.props.limit,
        cursor=ctx.props.get("cursor"),
    )
    count = sum(1 for s in stories if s.get("type") == "comment")
    ctx.summary = f"Listed {count} comment{'s' if count != 1 else ''} among {len(stories)} stories"
    return {"comments": stories, "next_cursor": following}
