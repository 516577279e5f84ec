from mcp_gateway.catalog import props

from ..app import api, app, bounce_summary


@app.action(
    "activate-bounce",
    title="Reactivate Bounced Address",
    description=(
        "Let Postmark send to an address again after it bounced (for example once its mailbox is fixed). Only bounces "
        "with `can_activate` true can be reactivated; spam complaints cannot. Find the bounce ID with postmark-list-bounces."
    ),
    props={"bounceId": props.integer("Bounce ID", "The bounce's numeric ID, the `id` from postmark-list-bounces.", min=1)},
    idempotent=True,
    trim=lambda answer: {"message": answer.get("Message"), "bounce": bounce_summary(answer.get("Bounce") or {})},
)
async def activate_bounce(ctx):
    answer = await api(ctx, "PUT", f"/bounces/{ctx.props.bounceId}/activate")
    ctx.summary = f"Reactivated {(answer.get('Bounce') or {}).get('Email') or 'the address'}"
    return answer
