from mcp_gateway.catalog import props

from ..app import app, cursor_params, get_json, next_cursor, ticket_summary, view_options


@app.action(
    "list-view-tickets",
    title="List Tickets in View",
    description=(
        "List the tickets in a Zendesk view (a saved ticket list such as `Your unsolved tickets`). Returns one "
        "page of tickets and a cursor for the next."
    ),
    props={
        "view": props.integer(
            "View",
            "The ID of the view, e.g. `25`. The choices list the account's active views.",
            options=view_options,
            min=1,
        ),
        "pageSize": props.integer("Page Size", "How many tickets per page (1 to 100).", min=1, max=100, default=50),
        "cursor": props.string(
            "Cursor", "The `next_cursor` of a previous call, to get the following page.", optional=True
        ),
    },
    read_only=True,
)
async def list_view_tickets(ctx):
    body = await get_json(
        ctx, f"/views/{ctx.props.view}/tickets", cursor_params(ctx.props.pageSize, ctx.props.get("cursor"))
    )
    tickets = [ticket_summary(ctx, t) for t in body.get("tickets") or []]
    following = next_cursor(body)
    more = " (more available)" if following else ""
    ctx.summary = f"Listed {len(tickets)} ticket{'s' if len(tickets) != 1 else ''} in view {ctx.props.view}{more}"
    return {"tickets": tickets, "next_cursor": following}
