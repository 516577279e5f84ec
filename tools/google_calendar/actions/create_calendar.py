from mcp_gateway.catalog import props

from ..app import api, app, calendar_summary, zone


@app.action(
    "create-calendar",
    title="Create Calendar",
    description=(
        "Create a new secondary Google Calendar owned by the connected user, e.g. `Team holidays`; it is added to "
        "their calendar list. Share it afterwards with google_calendar-share-calendar and add events with "
        "google_calendar-create-event. Returns the new calendar's ID (like `c_...@group.calendar.google.com`)."
    ),
    props={
        "summary": props.string("Name", "The calendar's name, e.g. `Team holidays`."),
        "description": props.string("Description", "What the calendar is for.", optional=True),
        "location": props.string("Location", "A place the calendar is about, e.g. `Berlin office`.", optional=True),
        "timeZone": props.string(
            "Time Zone",
            "The calendar's IANA time zone, e.g. `Europe/Berlin`. Leave empty for the user's default.",
            optional=True,
        ),
    },
    trim=calendar_summary,
)
async def create_calendar(ctx):
    body = {"summary": ctx.props.summary}
    for key in ("description", "location"):
        if ctx.props.get(key):
            body[key] = ctx.props[key]
    if ctx.props.get("timeZone"):
        zone(ctx.props.timeZone)  # refuse an unknown zone before Google does
        body["timeZone"] = ctx.props.timeZone.strip()
    calendar = await api(ctx, "POST", "/calendars", json=body)
    ctx.summary = f"Created calendar \"{calendar.get('summary')}\" ({calendar.get('id')})"
    return calendar
