from mcp_gateway.catalog import ActionError, props

from ..app import app, call_summary, pairs, request


@app.action(
    "make-call",
    title="Make Call",
    description=(
        "Place an outgoing phone call from a Twilio number. What happens when it is answered is given as TwiML, "
        "e.g. `<Response><Say>Your order has shipped.</Say></Response>`, or as a URL that returns TwiML. "
        "Returns the call SID and status; follow it with twilio-get-call, and change or end a live call with "
        "twilio-update-call."
    ),
    props={
        "to": app.definition("to", description=(
            "The number to call in E.164 format, e.g. `+14155552671`, or a SIP address such as `sip:alice@example.com`."
        )),
        "from": app.definition("from", description=(
            "The Twilio number to call from (voice-capable), in E.164 format, e.g. `+15017122661`."
        )),
        "twiml": props.string(
            "TwiML",
            "Instructions for the call, e.g. `<Response><Say voice=\"alice\">Hello from Twilio</Say></Response>`. "
            "Use this or `url`.",
            optional=True,
        ),
        "url": props.string(
            "TwiML URL", "A public URL that returns TwiML when the call is answered, e.g. `https://demo.twilio.com/docs/voice.xml`.",
            optional=True,
        ),
        "timeout": props.integer("Ring Timeout", "Seconds to let the phone ring before giving up (5 to 600).", min=5, max=600, optional=True),
        "record": props.boolean("Record", "`true` to record the call.", optional=True),
        "statusCallback": app.definition("statusCallback"),
    },
    trim=call_summary,
)
async def make_call(ctx):
    twiml, url = ctx.props.get("twiml"), ctx.props.get("url")
    if bool(twiml) == bool(url):
        raise ActionError("give either TwiML or a TwiML URL (one of them)")
    data = pairs({
        "To": ctx.props.to,
        "From": ctx.props["from"],
        "Twiml": twiml,
        "Url": url,
        "Timeout": ctx.props.get("timeout"),
        "Record": ctx.props.get("record"),
        "StatusCallback": ctx.props.get("statusCallback"),
    })
    call = await request(ctx, "POST", "/Calls.json", data=data)
    ctx.summary = f"Started call {call.get('sid')} to {call.get('to')} ({call.get('status')})"
    return call
