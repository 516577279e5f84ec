from mcp_gateway.catalog import ActionError, props

from ..app import api, app, created_id, request


@app.action(
    "reply-to-conversation",
    title="Reply To Conversation",
    description=(
        "Send a reply on a Help Scout conversation; the customer gets it by email. Optionally change the status with "
        "it (e.g. `closed` or `pending`) or keep it as a draft. For a remark only the team sees, use "
        "help_scout-add-note. Returns the new thread's ID."
    ),
    props={
        "conversationId": app.definition("conversationId"),
        "text": props.string("Text", "The reply; HTML is allowed."),
        "customerId": app.definition(
            "customerId", optional=True,
            description="The customer the reply goes to (their ID); empty: the conversation's customer."),
        "status": app.definition("status", description="The conversation's status after the reply: `active`, "
                                 "`pending` or `closed`; empty: as it is."),
        "draft": props.boolean("Draft", "Save the reply as a draft instead of sending it.", optional=True),
        "cc": props.string_list("Cc", "Addresses to copy.", optional=True),
        "bcc": props.string_list("Bcc", "Addresses to copy blindly.", optional=True),
        "user": app.definition("userId", description="The user the reply is from (their ID); empty: the connected user."),
    },
)
async def reply_to_conversation(ctx):
    path = f"/conversations/{ctx.props.conversationId}"
    customer_id = ctx.props.get("customerId")
    if not customer_id:
        conversation = await api(ctx, "GET", path)
        customer_id = (conversation.get("primaryCustomer") or {}).get("id")
        if not customer_id:
            raise ActionError("the conversation has no customer to reply to; give customerId")
    body = {"customer": {"id": customer_id}, "text": ctx.props.text}
    for name in ("status", "cc", "bcc", "user"):
        if ctx.props.get(name) not in (None, "", []):
            body[name] = ctx.props[name]
    if ctx.props.get("draft"):
        body["draft"] = True
    response = await request(ctx, "POST", f"{path}/reply", json=body)
    ctx.summary = f"{'Saved a draft reply on' if body.get('draft') else 'Replied on'} conversation {ctx.props.conversationId}"
    return {"conversation_id": ctx.props.conversationId, "thread_id": created_id(response), "draft": bool(body.get("draft"))}
