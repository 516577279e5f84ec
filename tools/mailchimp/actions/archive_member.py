from ..app import api, app, seg, subscriber_hash


@app.action(
    "archive-member",
    title="Archive Contact",
    description=(
        "Archive a contact of a Mailchimp audience: they get no more campaigns and stop counting toward the plan, "
        "but their history is kept and mailchimp-add-or-update-member can bring them back. To stop marketing to "
        "them but keep them in the audience, set status `unsubscribed` with mailchimp-add-or-update-member instead."
    ),
    props={"listId": app.definition("listId"), "email": app.definition("email")},
    idempotent=True,
)
async def archive_member(ctx):
    member = subscriber_hash(ctx.props.email)
    await api(ctx, "DELETE", f"/lists/{seg(ctx.props.listId)}/members/{member}")
    ctx.summary = f"Archived {ctx.props.email.strip()}"
    return {"list_id": ctx.props.listId, "email": ctx.props.email.strip(), "id": member, "archived": True}
