import re

from mcp_gateway.catalog import ActionError, props

from ..app import app, create_record, created_summary, extra_fields, set_if, sf_id, stage_options

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@app.action(
    "create-opportunity",
    title="Create Opportunity",
    description=(
        "Create an opportunity (a potential deal) in Salesforce with its name, stage, close date, amount and "
        "account. Returns the new opportunity's ID and link. To move a deal along later use "
        "salesforce_rest_api-update-opportunity."
    ),
    props={
        "name": props.string("Name", "The opportunity's name, e.g. `Acme – 50 seats`."),
        "stageName": props.string(
            "Stage", "The sales stage, e.g. `Prospecting`, `Qualification`, `Closed Won` (the org's stage values).",
            options=stage_options,
        ),
        "closeDate": props.string("Close Date", "The expected close date as `YYYY-MM-DD`, e.g. `2025-06-30`."),
        "amount": props.string("Amount", "The deal's value as a number, e.g. `25000`.", optional=True),
        "accountId": app.definition("accountId", description=(
            "The account (`001...`) the opportunity is with. The choices list recently changed accounts; type to "
            "search by name."
        )),
        "description": props.string("Description", "Notes about the opportunity.", optional=True),
        "additionalFields": app.definition("additionalFields"),
    },
    trim=created_summary,
)
async def create_opportunity(ctx):
    close = str(ctx.props.closeDate).strip()
    if not _DATE.match(close):
        raise ActionError(f"closeDate {ctx.props.closeDate!r} must be a date as YYYY-MM-DD, e.g. 2025-06-30")
    fields = {"Name": ctx.props.name, "StageName": ctx.props.stageName, "CloseDate": close}
    if ctx.props.get("amount") not in (None, ""):
        try:
            fields["Amount"] = float(str(ctx.props.amount).replace(",", ""))
        except ValueError:
            raise ActionError(f"amount {ctx.props.amount!r} must be a number, e.g. 25000") from None
    if ctx.props.get("accountId"):
        fields["AccountId"] = sf_id(ctx.props.accountId, "accountId")
    set_if(fields, "Description", ctx.props.get("description"))
    extra_fields(ctx, fields)
    created = await create_record(ctx, "Opportunity", fields)
    opportunity_id = created["id"]
    ctx.summary = f"Created opportunity {opportunity_id} ({ctx.props.name}, {ctx.props.stageName}, closing {close})"
    return created
