from mcp_gateway.catalog import within

from ..app import app, bookmark_summary, call, plural


@app.action(
    "list-bookmarks",
    title="List Bookmarks",
    description=(
        "List the bookmarks saved in a Slack channel's header (links to documents, dashboards and the like), "
        "with their IDs, titles and links. Add one with slack-add-bookmark; for pinned messages, use "
        "slack-list-pinned-messages."
    ),
    props={"channel": app.definition("conversation")},
    read_only=True,
    trim=within("bookmarks", bookmark_summary),
)
async def list_bookmarks(ctx):
    data = await call(ctx, "bookmarks.list", params={"channel_id": ctx.props.channel})
    bookmarks = data.get("bookmarks") or []
    ctx.summary = f"Listed {plural(len(bookmarks), 'bookmark')} in {ctx.props.channel}"
    return {"bookmarks": bookmarks}
