from mcp_gateway.catalog import ActionError, props

from ..app import VACATION_FIELDS, api, app, epoch_ms, vacation_summary

_WHEN = (
    "A date such as `2024-07-01` (midnight UTC), a date-time with an offset such as `2024-07-01T09:00:00+02:00`, or "
    "epoch milliseconds."
)


@app.action(
    "update-vacation-settings",
    title="Set Vacation Responder",
    description=(
        "Turn the connected Gmail account's vacation responder (out-of-office auto-reply) on or off, or change its "
        "message, audience or dates; fields left empty keep their current values. Read the current settings with "
        "gmail-get-vacation-settings. Returns the settings afterwards."
    ),
    props={
        "enableAutoReply": props.boolean(
            "On", "`true` to turn the auto-reply on, `false` to turn it off. Leave empty to keep it as it is.",
            optional=True,
        ),
        "responseSubject": props.string(
            "Subject", "The auto-reply's subject, e.g. `Out of office until July 8`. Empty keeps Gmail's `Re:` subject.",
            optional=True,
        ),
        "responseBodyPlainText": props.string(
            "Message", "The auto-reply's text, e.g. `I'm away until July 8; for urgent matters write to ops@example.com.`",
            optional=True,
        ),
        "responseBodyHtml": props.string(
            "Message (HTML)", "The auto-reply as HTML, used instead of the text message when given.", optional=True
        ),
        "restrictToContacts": props.boolean(
            "Only My Contacts", "`true` to answer only people in the user's Google Contacts.", optional=True
        ),
        "restrictToDomain": props.boolean(
            "Only My Organization",
            "`true` to answer only people in the user's Google Workspace domain.",
            optional=True,
        ),
        "startTime": props.string("Start", f"When the auto-reply starts. {_WHEN}", optional=True),
        "endTime": props.string("End", f"When it stops. {_WHEN}", optional=True),
    },
    idempotent=True,
    trim=vacation_summary,
)
async def update_vacation_settings(ctx):
    given = {key: ctx.props[key] for key in VACATION_FIELDS if ctx.props.get(key) is not None and ctx.props[key] != ""}
    if not given:
        raise ActionError(f"nothing to change: give at least one of {', '.join(VACATION_FIELDS)}")
    for key in ("startTime", "endTime"):
        if key in given:
            given[key] = epoch_ms(given[key], key)
    if "startTime" in given and "endTime" in given and int(given["endTime"]) <= int(given["startTime"]):
        raise ActionError("endTime must be after startTime")
    # PUT replaces every setting, so the current ones are carried over.
    current = await api(ctx, "GET", "/settings/vacation")
    body = {key: current[key] for key in VACATION_FIELDS if key in current}
    body.update(given)
    settings = await api(ctx, "PUT", "/settings/vacation", json=body)
    state = "on" if settings.get("enableAutoReply") else "off"
    ctx.summary = f"Vacation responder is {state} ({', '.join(given)} changed)"
    return settings
