from mcp_gateway.catalog import props, within

from ..app import app, collect, contact_summary


@app.action(
    "list-contacts",
    title="List Contacts",
    description=(
        "List Freshdesk contacts (the people who raise tickets), or find one by exact email, phone or mobile number, "
        "or those of one company. Returns their IDs, for freshdesk-create-ticket and freshdesk-list-tickets. To add "
        "someone use freshdesk-create-contact."
    ),
    props={
        "email": props.string("Email", "Only the contact with this exact email.", optional=True),
        "phone": props.string("Phone", "Only contacts with this exact phone number.", optional=True),
        "mobile": props.string("Mobile", "Only contacts with this exact mobile number.", optional=True),
        "companyId": app.definition("companyId", description="Only contacts of this company (its ID)."),
        "state": props.string("State", "Only `verified`, `unverified`, `blocked` or `deleted` contacts.",
                              options=["verified", "unverified", "blocked", "deleted"], optional=True),
        "updatedSince": props.string("Updated Since", "Only contacts changed since this time, e.g. `2026-11-01T00:00:00Z`.",
                                     optional=True),
        "limit": props.limit("contacts"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("contacts", contact_summary),
)
async def list_contacts(ctx):
    params = {field: ctx.props[name] for name, field in (
        ("email", "email"), ("phone", "phone"), ("mobile", "mobile"), ("companyId", "company_id"), ("state", "state"),
        ("updatedSince", "_updated_since")) if ctx.props.get(name) not in (None, "")}
    contacts, following = await collect(ctx, "/contacts", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(contacts)} contact{'s' if len(contacts) != 1 else ''}"
    return {"contacts": contacts, "next_cursor": following}
