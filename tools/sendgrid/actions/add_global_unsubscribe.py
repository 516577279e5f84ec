from mcp_gateway.catalog import ActionError, props

from ..app import app, request


@app.action(
    "add-global-unsubscribe",
    title="Unsubscribe Globally",
    description=(
        "Add addresses to the global unsubscribe list: SendGrid will not send them any email from this account "
        "until they are removed. Use when someone asks to stop all email; "
        "to stop only marketing email to a contact, take them off lists with sendgrid-remove-contacts-from-list."
    ),
    props={
        "emails": props.string_list("Emails", "Addresses to unsubscribe, e.g. `[\"ada@example.com\"]`."),
    },
    idempotent=True,
)
async def add_global_unsubscribe(ctx):
    emails = [e.strip() for e in ctx.props.emails if e.strip()]
    if not emails:
        raise ActionError("give at least one email address")
    data = await request(ctx, "POST", "/asm/suppressions/global", body={"recipient_emails": emails}) or {}
    added = data.get("recipient_emails") or emails
    ctx.summary = f"Unsubscribed {len(added)} address{'es' if len(added) != 1 else ''} from all email"
    return {"recipient_emails": added}
