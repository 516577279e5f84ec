from mcp_gateway.catalog import ActionError, props

from ..app import app, call_summary, pairs, request


@app.action(
    "update-call",
    title="Update Call",
    description=(
        "Change a call that is still queued, ringing or in progress: hang it up (`status` `completed`), cancel it "
        "before it is answered (`canceled`), or redirect it to new TwiML or a TwiML URL. To place a new call, use "
        "twilio-make-call; to read a call, twilio-get-call."
    ),
    props={
        "callSid": app.definition("callSid"),
        "status": props.string(
            "End the Call",
            "`completed` hangs up a call in progress; `canceled` stops one that is queued or ringing. Leave empty to redirect instead.",
            options=["completed", "canceled"],
            optional=True,
        ),
        "twiml": props.string(
            "TwiML", "New instructions for the live call, e.g. `<Response><Say>Transferring you now</Say></Response>`.", optional=True,
        ),
        "url": props.string("TwiML URL", "A public URL returning the TwiML the call should run next.", optional=True),
        "statusCallback": app.definition("statusCallback"),
    },
    destructive=True,
    trim=call_summary,
)
async def update_call(ctx):
    status, twiml, url = ctx.props.get("status"), ctx.props.get("twiml"), ctx.props.get("url")
    if sum(bool(v) for v in (status, twiml, url)) != 1:
        raise ActionError("give one of: `status` (to end the call), `twiml` or `url` (to redirect it)")
    data = pairs({"Status": status, "Twiml": twiml, "Url": url, "StatusCallback": ctx.props.get("statusCallback")})
    call = await request(ctx, "POST", f"/Calls/{ctx.props.callSid}.json", data=data)
    what = "Ended" if status else "Redirected"
    ctx.summary = f"{what} call {call.get('sid')} ({call.get('status')})"
    return call
