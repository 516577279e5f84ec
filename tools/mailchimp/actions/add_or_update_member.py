from mcp_gateway.catalog import props

from ..app import api, app, member_summary, seg, subscriber_hash

_STATUSES = ["subscribed", "unsubscribed", "cleaned", "pending", "transactional"]


@app.action(
    "add-or-update-member",
    title="Add or Update Contact",
    description=(
        "Add a contact to a Mailchimp audience, or update them if the address is already there (an upsert by email). "
        "New contacts get `statusIfNew`; `status` changes existing ones too. To add or remove tags, use "
        "mailchimp-tag-member afterwards. Returns the contact with their member `id`."
    ),
    props={
        "listId": app.definition("listId"),
        "email": props.string("Email", "The contact's email address, e.g. `bob@example.com`."),
        "statusIfNew": props.string(
            "Status If New",
            "The status a new contact gets: `subscribed`, or `pending` to send them a confirmation email first "
            "(double opt-in), `unsubscribed`, `transactional` (never marketed to).",
            options=_STATUSES, optional=True, default="subscribed",
        ),
        "status": props.string(
            "Status", "A status to set whether or not the contact exists, e.g. `unsubscribed` to unsubscribe them. "
            "Leave empty to keep an existing contact's status.", options=_STATUSES, optional=True,
        ),
        "mergeFields": props.obj(
            "Merge Fields", "Audience fields by their merge tag, e.g. `{\"FNAME\": \"Bob\", \"LNAME\": \"Smith\"}`.",
            optional=True,
        ),
        "interests": props.obj(
            "Groups", "Group (interest) IDs to true or false, e.g. `{\"9143cf3bd1\": true}`.", optional=True,
        ),
        "language": props.string("Language", "The contact's language code, e.g. `en` or `fr`.", optional=True),
        "vip": props.boolean("VIP", "Mark the contact as a VIP.", optional=True),
        "emailType": props.string("Email Type", "The format of email they get: `html` or `text`.", options=["html", "text"],
                                  optional=True),
    },
    idempotent=True,
    trim=member_summary,
)
async def add_or_update_member(ctx):
    email = ctx.props.email.strip()
    body = {"email_address": email, "status_if_new": ctx.props.get("statusIfNew") or "subscribed"}
    for prop, field in (("status", "status"), ("mergeFields", "merge_fields"), ("interests", "interests"),
                        ("language", "language"), ("emailType", "email_type")):
        if ctx.props.get(prop):
            body[field] = ctx.props[prop]
    if ctx.props.get("vip") is not None:
        body["vip"] = bool(ctx.props.vip)
    member = await api(ctx, "PUT", f"/lists/{seg(ctx.props.listId)}/members/{subscriber_hash(email)}", json=body)
    ctx.summary = f"Saved {member.get('email_address') or email} as {member.get('status')}"
    return member
