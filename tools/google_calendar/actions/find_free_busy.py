from datetime import datetime, timedelta

from mcp_gateway.catalog import ActionError, props

from ..app import Clock, api, app, calendar_options


def _merge(periods):
    merged = []
    for start, end in sorted(periods):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _moment(text):
    return datetime.fromisoformat(str(text).replace("Z", "+00:00"))


@app.action(
    "find-free-busy",
    title="Find Free/Busy Times",
    description=(
        "Find when one or more calendars are busy in a time range, and the free gaps between, e.g. to pick a meeting "
        "time. Works for the user's calendars and for colleagues' calendars they can see (by email address). Returns "
        "each calendar's busy periods, the combined busy periods and the free slots of at least minFreeMinutes. To see "
        "the events themselves (titles, guests), use google_calendar-list-events."
    ),
    props={
        "calendars": props.string_list(
            "Calendars",
            "The calendars to check: `primary` (the user's own, the default), calendar IDs from "
            "google_calendar-list-calendars, or colleagues' email addresses, e.g. `[\"primary\", \"ada@example.com\"]`.",
            options=calendar_options,
            optional=True,
        ),
        "timeMin": props.string(
            "From",
            "The start of the range, e.g. `2024-06-03T09:00:00` (read in timeZone or the primary calendar's time "
            "zone), `2024-06-03T09:00:00-07:00`, or a date `2024-06-03` (midnight).",
        ),
        "timeMax": props.string("To", "The end of the range, in the same forms, e.g. `2024-06-03T17:00:00`."),
        "timeZone": app.definition("timeZone", description=(
            "The IANA time zone for times without an offset, and for the times returned, e.g. `America/New_York`. "
            "Defaults to the primary calendar's time zone."
        )),
        "minFreeMinutes": props.integer(
            "Shortest Free Slot", "Only report free slots at least this many minutes long.", min=1, default=30
        ),
    },
    read_only=True,
)
async def find_free_busy(ctx):
    calendars = [c.strip() for c in ctx.props.get("calendars") or [] if c.strip()] or ["primary"]
    clock = Clock(ctx, "primary", ctx.props.get("timeZone"))
    time_min = await clock.instant(ctx.props.timeMin, "timeMin")
    time_max = await clock.instant(ctx.props.timeMax, "timeMax")
    if _moment(time_min) >= _moment(time_max):
        raise ActionError(f"timeMax ({ctx.props.timeMax}) must be after timeMin ({ctx.props.timeMin})")
    body = {"timeMin": time_min, "timeMax": time_max, "items": [{"id": c} for c in calendars]}
    if clock.time_zone:
        body["timeZone"] = clock.time_zone
    data = await api(ctx, "POST", "/freeBusy", json=body)

    per_calendar, errors, periods = {}, {}, []
    for calendar_id, info in (data.get("calendars") or {}).items():
        busy = info.get("busy") or []
        per_calendar[calendar_id] = busy
        if info.get("errors"):
            errors[calendar_id] = [e.get("reason") for e in info["errors"]]
        periods += [(_moment(b["start"]), _moment(b["end"])) for b in busy]
    merged = _merge(periods)
    free, cursor, least = [], _moment(time_min), timedelta(minutes=ctx.props.minFreeMinutes)
    for start, end in merged + [(_moment(time_max), _moment(time_max))]:
        if start - cursor >= least:
            free.append({"start": cursor.isoformat(), "end": start.isoformat()})
        cursor = max(cursor, end)

    checked = len(per_calendar) - len(errors)
    problem = f"; could not read {', '.join(errors)}" if errors else ""
    ctx.summary = (
        f"Checked {checked} calendar{'s' if checked != 1 else ''}: {len(merged)} busy period"
        f"{'s' if len(merged) != 1 else ''}, {len(free)} free slot{'s' if len(free) != 1 else ''}{problem}"
    )
    return {
        "timeMin": time_min,
        "timeMax": time_max,
        "calendars": per_calendar,
        "errors": errors,
        "busy": [{"start": s.isoformat(), "end": e.isoformat()} for s, e in merged],
        "free": free,
    }
