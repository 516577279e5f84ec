from mcp_gateway.catalog import props

from ..app import app, list_ids_of, membership_change, record_id, request


@app.action(
    "remove-records-from-list",
    title="Remove Records from List",
    description=(
        "Take records out of a static (`MANUAL` or `SNAPSHOT`) HubSpot list by their IDs; the records themselves "
        "stay. IDs not in the list are reported as missing. To add records use Add Records to List."
    ),
    props={
        "listId": app.definition("listId"),
        "recordIds": props.string_list("Record IDs", "IDs of the records to remove, e.g. `[\"512\"]`."),
    },
    destructive=True,
    idempotent=True,
    trim=membership_change,
)
async def remove_records_from_list(ctx):
    list_id = record_id(ctx.props.listId, "list")
    ids = list_ids_of(ctx)
    data = await request(ctx, "PUT", f"/crm/v3/lists/{list_id}/memberships/remove", json=ids)
    removed = len(data.get("recordIdsRemoved") or [])
    ctx.summary = f"Removed {removed} of {len(ids)} records from list {list_id}"
    return data
