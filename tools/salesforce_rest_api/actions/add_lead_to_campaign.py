from mcp_gateway.catalog import props

from ..app import app, create_record, created_summary, sf_id


@app.action(
    "add-lead-to-campaign",
    title="Add Lead to Campaign",
    description=(
        "Add a lead to a Salesforce campaign as a campaign member, optionally with a member status such as "
        "`Sent` or `Responded`. Returns the campaign member's ID. A lead already in the campaign is refused. "
        "To add a contact instead use salesforce_rest_api-add-contact-to-campaign."
    ),
    props={
        "campaignId": app.definition("campaignId"),
        "leadId": app.definition("leadId"),
        "status": props.string(
            "Member Status",
            "The member status, e.g. `Sent` or `Responded`; one of the campaign's member statuses. Defaults to the "
            "campaign's default status.",
            optional=True,
        ),
    },
    trim=created_summary,
)
async def add_lead_to_campaign(ctx):
    fields = {"CampaignId": sf_id(ctx.props.campaignId, "campaignId"), "LeadId": sf_id(ctx.props.leadId, "leadId")}
    if ctx.props.get("status"):
        fields["Status"] = ctx.props.status
    created = await create_record(ctx, "CampaignMember", fields)
    ctx.summary = f"Added lead {fields['LeadId']} to campaign {fields['CampaignId']} (member {created['id']})"
    return created
