from mcp_gateway.catalog import ActionError, props

from ..app import app, contact_options, request


@app.action(
    "delete-contacts",
    title="Delete Contacts",
    description=(
        "Permanently delete marketing contacts by ID (from every list). SendGrid deletes them in the background; "
        "the result is the job ID. Find contact IDs with sendgrid-search-contacts; to keep a contact but take it off one list, use "
        "sendgrid-remove-contacts-from-list instead."
    ),
    props={
        "contactIds": props.string_list(
            "Contact IDs",
            "IDs of the contacts to delete (not email addresses), e.g. `[\"cbbf3c6a-8b2c-4f3b-a8e6-2c1c0b1f4a77\"]`, "
            "from sendgrid-search-contacts. The choices list the 50 most recently added contacts.",
            options=contact_options,
        ),
    },
    destructive=True,
)
async def delete_contacts(ctx):
    ids = [str(i).strip() for i in ctx.props.contactIds if str(i).strip()]
    if not ids:
        raise ActionError("give at least one contact ID")
    if any("@" in i for i in ids):
        raise ActionError("contactIds takes contact IDs, not email addresses; find the IDs with sendgrid-search-contacts")
    data = await request(ctx, "DELETE", "/marketing/contacts", params={"ids": ",".join(ids)}) or {}
    ctx.summary = f"Queued deleting {len(ids)} contact{'s' if len(ids) != 1 else ''} (job {data.get('job_id')})"
    return {"job_id": data.get("job_id"), "contact_ids": ids}
