from mcp_gateway.catalog import ActionError, props

from ..app import app, contact_options, request


@app.action(
    "remove-contacts-from-list",
    title="Remove Contacts from List",
    description=(
        "Take contacts off one marketing list without deleting them. SendGrid does this in the background; the "
        "result is the job ID. "
        "To delete contacts from every list, use sendgrid-delete-contacts instead."
    ),
    props={
        "listId": app.definition("listId"),
        "contactIds": props.string_list(
            "Contact IDs",
            "IDs of the contacts to take off the list (from sendgrid-search-contacts), not email addresses. The choices "
            "list up to 50 contacts on the chosen list.",
            options=contact_options,
        ),
    },
    destructive=True,
)
async def remove_contacts_from_list(ctx):
    ids = [str(i).strip() for i in ctx.props.contactIds if str(i).strip()]
    if not ids:
        raise ActionError("give at least one contact ID")
    data = await request(
        ctx, "DELETE", f"/marketing/lists/{ctx.props.listId}/contacts", params={"contact_ids": ",".join(ids)}
    ) or {}
    ctx.summary = f"Queued removing {len(ids)} contact{'s' if len(ids) != 1 else ''} from list {ctx.props.listId} (job {data.get('job_id')})"
    return {"job_id": data.get("job_id"), "list_id": ctx.props.listId, "contact_ids": ids}
