from mcp_gateway.catalog import props, within

from ..app import acl_summary, app, collect, seg


@app.action(
    "list-calendar-sharing",
    title="List Calendar Sharing",
    description=(
        "List who a Google Calendar is shared with and at which access level (the calendar's sharing rules), e.g. "
        "`user:ada@example.com` as `reader`. The user needs to own the calendar. Share it with "
        "google_calendar-share-calendar; take access away with google_calendar-unshare-calendar."
    ),
    props={"calendarId": app.definition("calendarId"), "limit": props.limit("sharing rules"), "cursor": props.cursor()},
    read_only=True,
    trim=within("rules", acl_summary),
)
async def list_calendar_sharing(ctx):
    rules, token, _ = await collect(
        ctx, f"/calendars/{seg(ctx.props.calendarId)}/acl", limit=ctx.props.limit, cursor=ctx.props.get("cursor")
    )
    more = " (more with next_cursor)" if token else ""
    ctx.summary = f"{ctx.props.calendarId} has {len(rules)} sharing rule{'s' if len(rules) != 1 else ''}{more}"
    return {"rules": rules, "next_cursor": token}
