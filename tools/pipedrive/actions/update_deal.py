from mcp_gateway.catalog import ActionError, props

from ..app import DEAL_FIELDS, api, app, deal_body, deal_summary


@app.action(
    "update-deal",
    title="Update Deal",
    description=(
        "Change a Pipedrive deal: its title, value, stage, status (mark it `won` or `lost`), owner, person or "
        "organization. Fields left empty stay as they are. To log a call or meeting on it use "
        "pipedrive-create-activity; to write a note, pipedrive-create-note."
    ),
    props={
        "dealId": app.definition("dealId"),
        "title": props.string("Title", "The deal's new name.", optional=True),
        **{name: prop for name, (_field, prop) in DEAL_FIELDS.items()},
    },
    idempotent=True,
    trim=deal_summary,
)
async def update_deal(ctx):
    try:
        body = deal_body(ctx)
    except ValueError:
        raise ActionError(f"value {ctx.props.value!r} is not a number; write it like `5000` or `1250.50`") from None
    if ctx.props.get("title"):
        body["title"] = ctx.props.title
    if not body:
        raise ActionError("nothing to change: give at least one field, e.g. stageId or status")
    deal = (await api(ctx, "PATCH", f"/v2/deals/{ctx.props.dealId}", json=body)).get("data") or {}
    ctx.summary = f"Updated the deal {deal.get('title')!r}"
    return deal
