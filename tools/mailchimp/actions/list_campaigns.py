from mcp_gateway.catalog import props, within

from ..app import app, campaign_summary, page


@app.action(
    "list-campaigns",
    title="List Campaigns",
    description=(
        "List the account's email campaigns, newest first, optionally by status (draft `save`, `schedule`, "
        "`sending`, `sent`), type, audience or send time. For a sent campaign's opens and clicks, use "
        "mailchimp-get-campaign-report."
    ),
    props={
        "status": props.string("Status", "Only campaigns in this state; `save` means drafts.",
                               options=["save", "paused", "schedule", "sending", "sent"], optional=True),
        "type": props.string("Type", "Only campaigns of this type.", options=["regular", "plaintext", "absplit", "rss", "variate"],
                             optional=True),
        "listId": app.definition("listId").but(optional=True, description=(
            "Only campaigns sent to this audience (its list ID, from mailchimp-list-audiences).")),
        "sinceSendTime": props.string("Sent Since", "Only campaigns sent after this ISO 8601 time, e.g. `2026-11-01T00:00:00Z`.",
                                      optional=True),
        "beforeSendTime": props.string("Sent Before", "Only campaigns sent before this ISO 8601 time.", optional=True),
        "limit": props.limit("campaigns"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("campaigns", campaign_summary),
)
async def list_campaigns(ctx):
    params = {"sort_field": "create_time", "sort_dir": "DESC"}
    for prop, field in (("status", "status"), ("type", "type"), ("listId", "list_id"),
                        ("sinceSendTime", "since_send_time"), ("beforeSendTime", "before_send_time")):
        if ctx.props.get(prop):
            params[field] = ctx.props[prop]
    found = await page(ctx, "/campaigns", "campaigns", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(found['campaigns'])} of {found['total']} campaigns"
    return found
