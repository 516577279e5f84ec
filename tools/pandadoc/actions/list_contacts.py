from mcp_gateway.catalog import ActionError, props, within

from ..app import api, app


def _contact(contact):
    return {key: contact.get(key) for key in ("id", "email", "first_name", "last_name", "company", "job_title", "phone")}


@app.action(
    "list-contacts",
    title="List Contacts",
    description=(
        "List the PandaDoc workspace's contacts (people documents were sent to, or saved by hand), or find one by exact "
        "email. Their emails and names are what pandadoc-create-document-from-template takes as recipients."
    ),
    props={
        "email": props.string("Email", "Only the contact with exactly this email.", optional=True),
        "limit": props.limit("contacts"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("contacts", _contact),
)
async def list_contacts(ctx):
    params = {"email": ctx.props.email.strip()} if ctx.props.get("email") else {}
    data = await api(ctx, "GET", "/contacts", params=params)
    contacts = data.get("results") or []
    # PandaDoc returns every contact at once; the cursor is an offset into them.
    try:
        start = max(0, int(ctx.props.get("cursor") or 0))
    except ValueError:
        raise ActionError("pass the `next_cursor` of the previous result unchanged") from None
    end = start + ctx.props.limit
    ctx.summary = f"Listed {len(contacts[start:end])} of {len(contacts)} contact{'s' if len(contacts) != 1 else ''}"
    return {"contacts": contacts[start:end], "next_cursor": str(end) if end < len(contacts) else None}
