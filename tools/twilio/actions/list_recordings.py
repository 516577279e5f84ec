from mcp_gateway.catalog import props, within

from ..app import app, collect, count, recording_summary


@app.action(
    "list-recordings",
    title="List Recordings",
    description=(
        "List the account's call recordings, newest first, optionally only one call's or those made in a date range. "
        "Returns each recording's SID, call SID, duration, status and `media_url` (the audio, which needs the "
        "account's credentials), and a `next_cursor` when more exist. For one recording by SID, use twilio-get-recording."
    ),
    props={
        "callSid": app.definition("callSid", optional=True, description=(
            "Only the recordings of this call (`CA...`), from twilio-list-calls or twilio-make-call."
        )),
        "createdAfter": props.string("Created On or After", "Only recordings made on or after this date (UTC), `YYYY-MM-DD`.", optional=True),
        "createdBefore": props.string("Created On or Before", "Only recordings made on or before this date (UTC), `YYYY-MM-DD`.", optional=True),
        "limit": props.limit("recordings"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("recordings", recording_summary),
)
async def list_recordings(ctx):
    params = {}
    for name, field in (("callSid", "CallSid"), ("createdAfter", "DateCreated>"), ("createdBefore", "DateCreated<")):
        if ctx.props.get(name):
            params[field] = ctx.props[name]
    recordings, following = await collect(
        ctx, "/Recordings.json", "recordings", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params
    )
    ctx.summary = f"Listed {count(len(recordings), 'recording')}{' (more available)' if following else ''}"
    return {"recordings": recordings, "next_cursor": following}
