from mcp_gateway.catalog import props

from ..app import app, create_record, created_summary, sf_id


@app.action(
    "add-contact-to-campaign",
    title="Add Contact to Campaign",
    description=(
        "Add a contact to a Salesforce campaign as a campaign member, optionally with a member status such as "
        "`Sent` or `Responded`. Returns the campaign member's ID. A contact already in the campaign is refused. "
        "To add a lead instead use salesforce_rest_api-add-lead-to-campaign."
    ),
    props={
        "campaignId": app.definition("campaignId"),
        "contactId": app.definition("contactId"),
        "status": props.string(
            "Member Status",
            "The member status, e.g. `Sent` or `Responded`; one of the campaign's member statuses. Defaults to the "
            "campaign's default status.",
            optional=True,
        ),
    },
    trim=created_summary,
)
async def add_contact_to_campaign(ctx):
    fields = {"CampaignId": sf_id(ctx.props.campaignId, "campaignId"), "ContactId": sf_id(ctx.props.contactId, "contactId")}
    if ctx.props.get("status"):
        fields["Status"] = ctx.props.status
    created = await create_record(ctx, "CampaignMember", fields)
    ctx.summary = f"Added contact {fields['ContactId']} to campaign {fields['CampaignId']} (member {created['id']})"
    return created
