from mcp_gateway.catalog import props, within

from ..app import app, meeting_summary, page


@app.action(
    "list-meetings",
    title="List Meetings",
    description=(
        "List the connected user's Zoom meetings: upcoming ones (the default), scheduled, live or previous. Returns each "
        "meeting's ID, topic, start time and join link. For one meeting's full settings use zoom-get-meeting."
    ),
    props={
        "type": props.string(
            "Which", "`upcoming` (the default), `scheduled` (all scheduled, also past ones that recur), `live`, or "
            "`previous_meetings`.", options=["upcoming", "scheduled", "live", "previous_meetings"], optional=True,
            default="upcoming"),
        "limit": props.limit("meetings"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("meetings", meeting_summary),
)
async def list_meetings(ctx):
    meetings, token = await page(ctx, "/users/me/meetings", "meetings", limit=ctx.props.limit,
                                 cursor=ctx.props.get("cursor"), params={"type": ctx.props.get("type") or "upcoming"})
    ctx.summary = f"Listed {len(meetings)} meetings"
    return {"meetings": meetings, "next_cursor": token}
