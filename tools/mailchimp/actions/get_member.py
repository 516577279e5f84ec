from ..app import api, app, member_summary, seg, subscriber_hash


@app.action(
    "get-member",
    title="Get Contact",
    description=(
        "Read one contact of a Mailchimp audience by email address: their status (subscribed, unsubscribed, cleaned, "
        "pending), merge fields, tags and rating. Without the audience, use mailchimp-search-members instead."
    ),
    props={"listId": app.definition("listId"), "email": app.definition("email")},
    read_only=True,
    trim=member_summary,
)
async def get_member(ctx):
    member = await api(ctx, "GET", f"/lists/{seg(ctx.props.listId)}/members/{subscriber_hash(ctx.props.email)}")
    ctx.summary = f"{member.get('email_address')} is {member.get('status')}"
    return member
