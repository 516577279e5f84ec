from mcp_gateway.catalog import props, within

from ..app import app, collect, comment_summary


@app.action(
    "list-comments",
    title="List Comments",
    description=(
        "List the open (unresolved) comments on a Notion page or block, oldest first, with their discussion "
        "IDs. Reply in a thread with notion-create-comment and the `discussion_id`. Needs the integration's "
        "`Read comments` capability (a 403 means it is off in the integration's settings)."
    ),
    props={
        "blockId": app.definition(
            "pageId",
            label="Page or Block",
            description="The ID of the page (or of one of its blocks) whose comments to list.",
        ),
        "limit": props.limit("comments"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("comments", comment_summary),
)
async def list_comments(ctx):
    comments, following = await collect(
        ctx, "GET", "/comments", limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
        params={"block_id": ctx.props.blockId},
    )
    more = " (more available)" if following else ""
    ctx.summary = f"Listed {len(comments)} comment{'s' if len(comments) != 1 else ''}{more}"
    return {"comments": comments, "next_cursor": following}
