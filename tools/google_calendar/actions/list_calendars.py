from ..app import api, app

_MAX_PAGES = 5


@app.action(
    "list-calendars",
    title="List Calendars",
    description=(
        "List the calendars on the connected user's Google Calendar list (their own, shared with them and subscribed), "
        "with each calendar's ID, name, time zone and the user's access role. The IDs go in calendarId of the other "
        "google_calendar actions."
    ),
    props={},
    read_only=True,
)
async def list_calendars(ctx):
    calendars, token = [], None
    for _ in range(_MAX_PAGES):
        params = {"maxResults": 250}
        if token:
            params["pageToken"] = token
        data = await api(ctx, "GET", "/users/me/calendarList", params=params)
        for entry in data.get("items") or []:
            calendars.append(
                {
                    "id": entry.get("id"),
                    "summary": entry.get("summaryOverride") or entry.get("summary"),
                    "description": entry.get("description"),
                    "primary": bool(entry.get("primary")),
                    "accessRole": entry.get("accessRole"),
                    "timeZone": entry.get("timeZone"),
                }
            )
        token = data.get("nextPageToken")
        if not token:
            break
    ctx.summary = f"Listed {len(calendars)} calendar{'s' if len(calendars) != 1 else ''}"
    return {"calendars": calendars}
