from mcp_gateway.catalog import props

from ..app import app, comment_summary, cursor_params, get_json, next_cursor


@app.action(
    "list-ticket-comments",
    title="List Ticket Comments",
    description=(
        "Read a Zendesk ticket's conversation: public replies and internal notes with their authors, dates and "
        "attachments, oldest first unless asked otherwise. Returns one page and a cursor for the next."
    ),
    props={
        "ticket": app.definition("ticket"),
        "newestFirst": props.boolean("Newest First", "`true` to start with the most recent comment.", default=False),
        "pageSize": props.integer("Page Size", "How many comments per page (1 to 100).", min=1, max=100, default=100),
        "cursor": props.string(
            "Cursor", "The `next_cursor` of a previous call, to get the following page.", optional=True
        ),
    },
    read_only=True,
)
async def list_ticket_comments(ctx):
    params = cursor_params(ctx.props.pageSize, ctx.props.get("cursor"))
    if ctx.props.newestFirst:
        params["sort"] = "-created_at"
    body = await get_json(ctx, f"/tickets/{ctx.props.ticket}/comments", params)
    comments = [comment_summary(c) for c in body.get("comments") or []]
    following = next_cursor(body)
    more = " (more available)" if following else ""
    ctx.summary = (
        f"Listed {len(comments)} comment{'s' if len(comments) != 1 else ''} on ticket #{ctx.props.ticket}{more}"
    )
    return {"comments": comments, "next_cursor": following}
