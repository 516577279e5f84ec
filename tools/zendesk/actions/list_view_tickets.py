from mcp_gateway.catalog import props, within

from ..app import app, cursor_params, get_json, next_cursor, ticket_summary, view_options


@app.action(
    "list-view-tickets",
    title="List Tickets in View",
    description=(
        "List the tickets in a Zendesk view (a saved ticket list such as `Your unsolved tickets`). Returns one "
        "page of tickets and a cursor for the next. To find tickets by any criteria use Search Tickets."
    ),
    props={
        "view": props.integer(
            "View",
            "The ID of the view, e.g. `25` (the number in the view's URL, `https://acme.zendesk.com/agent/filters/25`). "
            "The choices list the account's active views.",
            options=view_options,
            min=1,
        ),
        "limit": props.limit("tickets"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("tickets", ticket_summary),
)
async def list_view_tickets(ctx):
    body = await get_json(
        ctx, f"/views/{ctx.props.view}/tickets", cursor_params(ctx.props.limit, ctx.props.get("cursor"))
    )
    tickets = body.get("tickets") or []
    following = next_cursor(body)
    more = " (more available)" if following else ""
    ctx.summary = f"Listed {len(tickets)} ticket{'s' if len(tickets) != 1 else ''} in view {ctx.props.view}{more}"
    return {"tickets": tickets, "next_cursor": following}
