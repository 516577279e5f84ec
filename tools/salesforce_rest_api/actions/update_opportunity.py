from mcp_gateway.catalog import ActionError, props

from ..app import app, date_value, extra_fields, named_record_options, request, sf_id, stage_options


@app.action(
    "update-opportunity",
    title="Update Opportunity",
    description=(
        "Move a Salesforce opportunity along: change its stage, amount, close date, probability, next step or "
        "description. Only the values given change. Returns the opportunity's ID and the fields changed. For other "
        "record types use salesforce_rest_api-update-record."
    ),
    props={
        "opportunityId": props.string(
            "Opportunity ID",
            "The opportunity's ID (`006...`), from salesforce_rest_api-soql-query or -search-records. The choices list "
            "recently changed opportunities; type to search by name.",
            options=named_record_options("Opportunity"),
            use_query=True,
        ),
        "stageName": props.string(
            "Stage", "The new sales stage, e.g. `Negotiation/Review` or `Closed Won` (the org's stage values).",
            options=stage_options, optional=True,
        ),
        "amount": props.string("Amount", "The deal's value as a number, e.g. `25000`.", optional=True),
        "closeDate": props.string("Close Date", "The expected close date as `YYYY-MM-DD`, e.g. `2025-06-30`.", optional=True),
        "probability": props.integer("Probability (%)", "The chance of winning, 0 to 100.", min=0, max=100, optional=True),
        "nextStep": props.string("Next Step", "What happens next, e.g. `Send the contract`.", optional=True),
        "description": props.string("Description", "New notes replacing the description.", optional=True),
        "additionalFields": app.definition("additionalFields"),
    },
    destructive=True,
    idempotent=True,
)
async def update_opportunity(ctx):
    opportunity = sf_id(ctx.props.opportunityId, "opportunityId")
    fields = {}
    if ctx.props.get("stageName"):
        fields["StageName"] = ctx.props.stageName
    if ctx.props.get("amount") not in (None, ""):
        try:
            fields["Amount"] = float(str(ctx.props.amount).replace(",", ""))
        except ValueError:
            raise ActionError(f"amount {ctx.props.amount!r} must be a number, e.g. 25000") from None
    if ctx.props.get("closeDate"):
        fields["CloseDate"] = date_value(ctx.props.closeDate, "closeDate")
    if ctx.props.get("probability") is not None:
        fields["Probability"] = ctx.props.probability
    for prop, field in (("nextStep", "NextStep"), ("description", "Description")):
        if ctx.props.get(prop):
            fields[field] = ctx.props[prop]
    extra_fields(ctx, fields)
    if not fields:
        raise ActionError("nothing to change: give at least one of stageName, amount, closeDate, probability, nextStep, "
                          "description or additionalFields")
    await request(ctx, "PATCH", f"sobjects/Opportunity/{opportunity}", json=fields)
    ctx.summary = f"Updated {', '.join(fields)} of opportunity {opportunity}"
    return {"id": opportunity, "sobjectType": "Opportunity", "updatedFields": list(fields)}
