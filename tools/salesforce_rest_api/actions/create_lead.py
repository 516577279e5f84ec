from mcp_gateway.catalog import props

from ..app import app, create_record, created_summary, extra_fields, lead_status_options, set_if


@app.action(
    "create-lead",
    title="Create Lead",
    description=(
        "Create a lead in Salesforce: a prospect's name, company, email, phone, title, status and source. Returns the "
        "new lead's ID and link. For a person at a known customer use salesforce_rest_api-create-contact instead; "
        "to put the lead in a campaign, salesforce_rest_api-add-lead-to-campaign."
    ),
    props={
        "lastName": props.string("Last Name", "The lead's last name, e.g. `Lovelace`."),
        "company": props.string("Company", "The lead's company, e.g. `Analytical Engines Ltd`."),
        "firstName": props.string("First Name", "The lead's first name, e.g. `Ada`.", optional=True),
        "email": props.string("Email", "The lead's email address, e.g. `ada@example.com`.", optional=True),
        "phone": props.string("Phone", "The lead's phone number.", optional=True),
        "title": props.string("Title", "The lead's job title, e.g. `CTO`.", optional=True),
        "status": props.string(
            "Status", "The lead status value, e.g. `Open - Not Contacted` (the org's default when empty).",
            options=lead_status_options, optional=True,
        ),
        "leadSource": props.string("Lead Source", "Where the lead came from, e.g. `Web`, `Phone Inquiry`, `Partner Referral`.", optional=True),
        "description": props.string("Description", "Notes about the lead.", optional=True),
        "additionalFields": app.definition("additionalFields"),
    },
    trim=created_summary,
)
async def create_lead(ctx):
    fields = {"LastName": ctx.props.lastName, "Company": ctx.props.company}
    for prop, field in (("firstName", "FirstName"), ("email", "Email"), ("phone", "Phone"), ("title", "Title"),
                        ("status", "Status"), ("leadSource", "LeadSource"), ("description", "Description")):
        set_if(fields, field, ctx.props.get(prop))
    extra_fields(ctx, fields)
    created = await create_record(ctx, "Lead", fields)
    lead_id = created["id"]
    name = " ".join(p for p in (ctx.props.get("firstName"), ctx.props.lastName) if p)
    ctx.summary = f"Created lead {lead_id} ({name}, {ctx.props.company})"
    return created
