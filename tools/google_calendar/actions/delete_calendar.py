from mcp_gateway.catalog import MISSING, ActionError

from ..app import api, app, seg


@app.action(
    "delete-calendar",
    title="Delete Calendar",
    description=(
        "Delete a secondary Google Calendar the user owns, with all its events, for everyone it is shared with. It "
        "cannot be undone. The primary calendar cannot be deleted. To only stop seeing a calendar someone else "
        "shared, remove it in Google Calendar instead."
    ),
    props={"calendarId": app.definition("calendarId", default=MISSING, description=(
        "The ID of the calendar to delete, e.g. `c_1a2b3c4d5e6f7g8h9i0j@group.calendar.google.com`, from "
        "google_calendar-list-calendars (one whose accessRole is owner). Not `primary`."
    ))},
    destructive=True,
    idempotent=True,
)
async def delete_calendar(ctx):
    calendar_id = str(ctx.props.calendarId).strip()
    if calendar_id == "primary":
        raise ActionError("the primary calendar cannot be deleted; give the ID of a secondary calendar")
    await api(ctx, "DELETE", f"/calendars/{seg(calendar_id)}")
    ctx.summary = f"Deleted calendar {calendar_id}"
    return {"deleted": True, "calendarId": calendar_id}
