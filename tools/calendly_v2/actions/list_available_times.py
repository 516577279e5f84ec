from mcp_gateway.catalog import props

from ..app import api, app, event_type_uri, plural


def _times(page):
    return {"available_times": [{"start_time": t.get("start_time"), "status": t.get("status"),
                                 "invitees_remaining": t.get("invitees_remaining"), "scheduling_url": t.get("scheduling_url")}
                                for t in page.get("collection") or []]}


@app.action(
    "list-available-times",
    title="List Available Times",
    description=(
        "List the open start times of one Calendly event type between two moments (at most 31 days apart, both in the "
        "future), each with a link that books that slot. To get the event type's URI use calendly_v2-list-event-types."
    ),
    props={
        "eventType": app.definition("eventType"),
        "startTime": props.string("From", "The start of the range, ISO 8601 in UTC, e.g. `2026-12-08T00:00:00Z`; not in the past."),
        "endTime": props.string("Until", "The end of the range, ISO 8601 in UTC, e.g. `2026-12-15T00:00:00Z`; at most 31 days after the start."),
    },
    read_only=True,
    trim=_times,
)
async def list_available_times(ctx):
    params = {"event_type": event_type_uri(ctx.props.eventType), "start_time": ctx.props.startTime, "end_time": ctx.props.endTime}
    page = await api(ctx, "GET", "/event_type_available_times", params=params)
    ctx.summary = f"Found {plural(len(page.get('collection') or []), 'open time')}"
    return page
