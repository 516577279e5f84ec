from mcp_gateway.catalog import props, within

from ..app import app, graph, graph_cursor, list_summary


@app.action(
    "list-task-lists",
    title="List Task Lists",
    description="List the user's Microsoft To Do lists (\"Tasks\", \"Flagged email\" and their own), with their IDs, to pick one for the task actions.",
    props={"limit": props.limit("lists"), "cursor": props.cursor()},
    read_only=True,
    trim=within("lists", list_summary),
)
async def list_task_lists(ctx):
    page = (await graph(ctx, "GET", graph_cursor(ctx.props.cursor)) if ctx.props.get("cursor")
            else await graph(ctx, "GET", "/me/todo/lists", params={"$top": ctx.props.limit}))
    lists = page.get("value") or []
    ctx.summary = f"Listed {len(lists)} task lists"
    return {"lists": lists, "next_cursor": page.get("@odata.nextLink")}
