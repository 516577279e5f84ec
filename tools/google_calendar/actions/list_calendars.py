from mcp_gateway.catalog import props, within

from ..app import app, calendar_entry_summary, collect


@app.action(
    "list-calendars",
    title="List Calendars",
    description=(
        "List the calendars on the connected user's Google Calendar list (their own, shared with them and subscribed), "
        "with each calendar's ID, name, time zone and the user's access role. The IDs go in calendarId of the other "
        "google_calendar actions; for one calendar's details use google_calendar-get-calendar."
    ),
    props={"limit": props.limit("calendars"), "cursor": props.cursor()},
    read_only=True,
    trim=within("calendars", calendar_entry_summary),
)
async def list_calendars(ctx):
    calendars, token, _ = await collect(
        ctx, "/users/me/calendarList", limit=ctx.props.limit, cursor=ctx.props.get("cursor")
    )
    more = " (more with next_cursor)" if token else ""
    ctx.summary = f"Listed {len(calendars)} calendar{'s' if len(calendars) != 1 else ''}{more}"
    return {"calendars": calendars, "next_cursor": token}
