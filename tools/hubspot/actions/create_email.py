import json

from mcp_gateway.catalog import ActionError, props

from ..app import activity_links, activity_summary, app, create_activity, on_records, timestamp

DIRECTIONS = {"outgoing": "EMAIL", "incoming": "INCOMING_EMAIL", "forwarded": "FORWARDED_EMAIL"}


def _address(text):
    return {"email": text.strip()}


@app.action(
    "create-email",
    title="Log Email",
    description=(
        "Record an email that was sent or received outside HubSpot on the timelines of contacts, companies, deals "
        "and/or tickets: subject, text, sender and recipients. It does not send anything. For a note that is not "
        "an email use Create Note. Returns the logged email's ID."
    ),
    props={
        "subject": props.string("Subject", "The email's subject line, e.g. `Your quote`."),
        "text": props.string("Body", "The email's body as plain text.", optional=True),
        "html": props.string("HTML Body", "The email's body as HTML, when it has one.", optional=True),
        "direction": props.string(
            "Direction", "`outgoing` (sent by the user, the default), `incoming` (received) or `forwarded`.",
            options=list(DIRECTIONS), optional=True,
        ),
        "fromEmail": props.string("From", "The sender's address, e.g. `sam@example.com`.", optional=True),
        "to": props.string_list("To", "Recipients' addresses, e.g. `[\"ada@example.com\"]`.", optional=True),
        "cc": props.string_list("Cc", "Copied addresses.", optional=True),
        "timestamp": props.string("Time", "When it was sent, e.g. `2025-05-01T15:00:00Z`. Defaults to now.", optional=True),
        "owner": app.definition("owner", description="The ID of the HubSpot user the email belongs to."),
        **activity_links("emails"),
    },
    trim=activity_summary,
)
async def create_email(ctx):
    subject = str(ctx.props.subject).strip()
    if not subject:
        raise ActionError("the email needs a subject")
    direction = ctx.props.get("direction") or "outgoing"
    if direction not in DIRECTIONS:
        raise ActionError(f"direction must be one of {', '.join(DIRECTIONS)}")
    properties = {
        "hs_timestamp": timestamp(ctx.props.get("timestamp"), "timestamp"),
        "hs_email_direction": DIRECTIONS[direction],
        "hs_email_status": "SENT",
        "hs_email_subject": subject,
    }
    if ctx.props.get("text"):
        properties["hs_email_text"] = ctx.props.text
    if ctx.props.get("html"):
        properties["hs_email_html"] = ctx.props.html
    headers = {}
    if ctx.props.get("fromEmail"):
        headers["from"] = _address(ctx.props.fromEmail)
    for field in ("to", "cc"):
        if ctx.props.get(field):
            headers[field] = [_address(a) for a in ctx.props[field]]
    if headers:
        properties["hs_email_headers"] = json.dumps(headers)
    email, links = await create_activity(ctx, "emails", properties)
    ctx.summary = f"Logged email {email.get('id')} ({subject})" + (f" on {on_records(links)}" if links else "")
    return email
