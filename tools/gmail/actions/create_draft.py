from ..app import api, app, build_message, compose_props, draft_summary, parse_addresses


@app.action(
    "create-draft",
    title="Create Draft",
    description=(
        "Save an email as a draft in the connected Gmail account without sending it, so the user can review and "
        "send it from Gmail. Accepts the same fields as gmail-send-email, including attachments from /tmp; "
        "recipients may be left for later. Send it later with gmail-send-draft; to save a reply in a thread as a "
        "draft, use gmail-reply-to-email with saveAsDraft. Returns the draft's ID and its message's ID."
    ),
    props=compose_props(recipients_required=False),
    stash="optional",
    trim=draft_summary,
)
async def create_draft(ctx):
    to = parse_addresses(ctx.props.get("to"), "to")
    raw = await build_message(
        ctx,
        to=to,
        cc=parse_addresses(ctx.props.get("cc"), "cc"),
        bcc=parse_addresses(ctx.props.get("bcc"), "bcc"),
        reply_to=parse_addresses(ctx.props.get("replyTo"), "replyTo"),
        subject=ctx.props.subject,
        body=ctx.props.body,
        body_type=ctx.props.get("bodyType") or "plaintext",
        from_name=ctx.props.get("fromName"),
        attachments=ctx.props.get("attachments"),
    )
    draft = await api(ctx, "POST", "/drafts", json={"message": {"raw": raw}})
    where = f" to {', '.join(to)}" if to else ""
    ctx.summary = f"Saved draft \"{ctx.props.subject}\"{where}"
    return draft
