from mcp_gateway.catalog import props, within

from ..app import app, comment_summary, cursor_params, get_json, next_cursor


@app.action(
    "list-ticket-comments",
    title="List Ticket Comments",
    description=(
        "Read a Zendesk ticket's conversation: public replies and internal notes with their authors, dates and "
        "attachments, oldest first unless asked otherwise. Returns one page and a cursor for the next. For the "
        "ticket's fields use Get Ticket."
    ),
    props={
        "ticket": app.definition("ticket"),
        "newestFirst": props.boolean("Newest First", "`true` to start with the most recent comment.", default=False),
        "limit": props.limit("comments"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("comments", comment_summary),
)
async def list_ticket_comments(ctx):
    params = cursor_params(ctx.props.limit, ctx.props.get("cursor"))
    if ctx.props.newestFirst:
        params["sort"] = "-created_at"
    body = await get_json(ctx, f"/tickets/{ctx.props.ticket}/comments", params)
    comments = body.get("comments") or []
    following = next_cursor(body)
    more = " (more available)" if following else ""
    ctx.summary = (
        f"Listed {len(comments)} comment{'s' if len(comments) != 1 else ''} on ticket #{ctx.props.ticket}{more}"
    )
    return {"comments": comments, "next_cursor": following}
