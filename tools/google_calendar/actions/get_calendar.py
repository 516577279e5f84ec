from ..app import api, app, calendar_summary, seg


@app.action(
    "get-calendar",
    title="Get Calendar",
    description=(
        "Read one Google Calendar's details: its name, description, location and time zone. Works for any calendar "
        "the user can see, also one not on their list (by its ID). To see all the user's calendars with their "
        "access roles, use google_calendar-list-calendars."
    ),
    props={"calendarId": app.definition("calendarId")},
    read_only=True,
    trim=calendar_summary,
)
async def get_calendar(ctx):
    calendar = await api(ctx, "GET", f"/calendars/{seg(ctx.props.calendarId)}")
    ctx.summary = f"Read calendar \"{calendar.get('summary')}\" ({calendar.get('timeZone')})"
    return calendar
