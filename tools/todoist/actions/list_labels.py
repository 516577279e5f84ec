from mcp_gateway.catalog import props, within

from ..app import app, collect, label_summary, plural


@app.action(
    "list-labels",
    title="List Labels",
    description=(
        "List the user's personal Todoist labels (name, color). Tasks carry labels by name: pass these names as "
        "`labels` to todoist-create-task or todoist-update-task, or as `label` to todoist-list-tasks."
    ),
    props={"limit": props.limit("labels"), "cursor": props.cursor()},
    read_only=True,
    trim=within("labels", label_summary),
)
async def list_labels(ctx):
    labels, token = await collect(ctx, "/labels", limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    ctx.summary = f"Listed {plural(len(labels), 'label')}"
    return {"labels": labels, "next_cursor": token}
