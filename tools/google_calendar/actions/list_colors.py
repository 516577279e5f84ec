from ..app import api, app


def _colors(data):
    def listed(group):
        return [
            {"colorId": color_id, "background": color.get("background"), "foreground": color.get("foreground")}
            for color_id, color in (data.get(group) or {}).items()
        ]

    return {"event": listed("event"), "calendar": listed("calendar")}


@app.action(
    "list-colors",
    title="List Colours",
    description=(
        "List the colours Google Calendar offers, as IDs with their background and text hex colours: event colours "
        "(the colorId that google_calendar-create-event and google_calendar-update-event take) and calendar colours."
    ),
    props={},
    read_only=True,
    trim=_colors,
)
async def list_colors(ctx):
    data = await api(ctx, "GET", "/colors")
    events, calendars = len(data.get("event") or {}), len(data.get("calendar") or {})
    ctx.summary = (
        f"Listed {events} event colour{'s' if events != 1 else ''} and "
        f"{calendars} calendar colour{'s' if calendars != 1 else ''}"
    )
    return data
