from ..app import app, call_summary, request


@app.action(
    "get-call",
    title="Get Call",
    description=(
        "Get one call by SID: its status (`queued`, `ringing`, `in-progress`, `completed`, `busy`, `no-answer`, "
        "`failed`, `canceled`), numbers, start and end times, duration, price and who answered. To find calls by "
        "number or date, use twilio-list-calls; to end or redirect a live call, twilio-update-call."
    ),
    props={"callSid": app.definition("callSid")},
    read_only=True,
    trim=call_summary,
)
async def get_call(ctx):
    call = await request(ctx, "GET", f"/Calls/{ctx.props.callSid}.json")
    lasted = f", {call['duration']} s" if call.get("duration") else ""
    ctx.summary = f"Call {call.get('sid')} to {call.get('to')} is {call.get('status')}{lasted}"
    return call
