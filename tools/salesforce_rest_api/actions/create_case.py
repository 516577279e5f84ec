from mcp_gateway.catalog import props

from ..app import app, case_status_options, create_record, created_summary, extra_fields, set_if, sf_id


@app.action(
    "create-case",
    title="Create Case",
    description=(
        "Open a support case in Salesforce: subject, description, status, priority, origin and the contact and "
        "account it is for. Returns the new case's ID and link. To log follow-up work on it use "
        "salesforce_rest_api-create-task; to change it later, salesforce_rest_api-update-record with sObject `Case`."
    ),
    props={
        "subject": props.string("Subject", "A one-line summary, e.g. `Cannot log in to the portal`."),
        "description": props.string("Description", "The problem in full.", optional=True),
        "status": props.string(
            "Status", "The case status, e.g. `New` (the org's default when empty), `Working`, `Escalated`.",
            options=case_status_options, optional=True,
        ),
        "priority": props.string("Priority", "`High`, `Medium` or `Low`.", options=["High", "Medium", "Low"], optional=True),
        "origin": props.string("Origin", "How the case came in, e.g. `Phone`, `Email`, `Web`.", optional=True),
        "contactId": app.definition("contactId", optional=True, description=(
            "The contact (`003...`) who reported it. The choices list recently changed contacts; type to search."
        )),
        "accountId": app.definition("accountId"),
        "additionalFields": app.definition("additionalFields"),
    },
    trim=created_summary,
)
async def create_case(ctx):
    fields = {"Subject": ctx.props.subject}
    for prop, field in (("description", "Description"), ("status", "Status"), ("priority", "Priority"),
                        ("origin", "Origin")):
        set_if(fields, field, ctx.props.get(prop))
    if ctx.props.get("contactId"):
        fields["ContactId"] = sf_id(ctx.props.contactId, "contactId")
    if ctx.props.get("accountId"):
        fields["AccountId"] = sf_id(ctx.props.accountId, "accountId")
    extra_fields(ctx, fields)
    created = await create_record(ctx, "Case", fields)
    ctx.summary = f"Created case {created['id']} ({ctx.props.subject})"
    return created
