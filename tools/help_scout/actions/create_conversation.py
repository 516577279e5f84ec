from mcp_gateway.catalog import ActionError, props

from ..app import app, created_id, request


def _customer(ctx):
    if ctx.props.get("customerId"):
        return {"id": ctx.props.customerId}
    if ctx.props.get("customerEmail"):
        return {"email": ctx.props.customerEmail}
    raise ActionError("say who the conversation is with: give customerEmail or customerId")


@app.action(
    "create-conversation",
    title="Create Conversation",
    description=(
        "Start a Help Scout conversation in a mailbox: log a message a customer sent (thread type `customer`), or "
        "write to a customer first (`reply`, emailed to them). A customer not yet in Help Scout is added by email. To "
        "answer an existing conversation use help_scout-reply-to-conversation. Returns the new conversation's ID."
    ),
    props={
        "mailboxId": app.definition("mailboxId"),
        "subject": props.string("Subject", "The conversation's subject."),
        "text": props.string("Message", "The first message; HTML is allowed."),
        "customerEmail": props.string("Customer Email", "The customer's email address.", optional=True),
        "customerId": app.definition("customerId", optional=True, description="The customer's ID, instead of an email."),
        "threadType": props.string("Thread Type", "`customer` (a message from the customer, the default) or `reply` "
                                   "(from the team to the customer).", options=["customer", "reply"], optional=True,
                                   default="customer"),
        "type": props.string("Type", "`email` (the default), `phone` or `chat`.", options=["email", "phone", "chat"],
                             optional=True, default="email"),
        "status": app.definition("status", default="active", description="`active` (the default), `pending` or `closed`."),
        "assignTo": app.definition("userId", label="Assign To", description="The user to assign it to (their ID)."),
        "tags": props.string_list("Tags", "Tags to put on the conversation.", optional=True),
    },
)
async def create_conversation(ctx):
    customer = _customer(ctx)
    body = {
        "subject": ctx.props.subject,
        "customer": customer,
        "mailboxId": ctx.props.mailboxId,
        "type": ctx.props.type,
        "status": ctx.props.status,
        "threads": [{"type": ctx.props.threadType, "customer": customer, "text": ctx.props.text}],
    }
    if ctx.props.get("assignTo"):
        body["assignTo"] = ctx.props.assignTo
    if ctx.props.get("tags"):
        body["tags"] = list(ctx.props.tags)
    response = await request(ctx, "POST", "/conversations", json=body)
    conversation_id = created_id(response)
    ctx.summary = f"Created the conversation {ctx.props.subject!r} ({conversation_id})"
    return {"id": conversation_id, "subject": ctx.props.subject, "mailbox_id": ctx.props.mailboxId}
