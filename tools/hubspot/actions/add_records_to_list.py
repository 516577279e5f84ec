from mcp_gateway.catalog import props

from ..app import app, list_ids_of, membership_change, record_id, request


@app.action(
    "add-records-to-list",
    title="Add Records to List",
    description=(
        "Add records (e.g. contacts) to a static HubSpot list by their IDs. Works on `MANUAL` and `SNAPSHOT` lists "
        "only; active lists fill themselves from their filters. Records already in the list or that do not exist "
        "are skipped and reported. To take records out use Remove Records from List."
    ),
    props={
        "listId": app.definition("listId"),
        "recordIds": props.string_list(
            "Record IDs", "IDs of records of the list's object type, e.g. `[\"512\", \"513\"]` (at most 100,000).",
        ),
    },
    idempotent=True,
    trim=membership_change,
)
async def add_records_to_list(ctx):
    list_id = record_id(ctx.props.listId, "list")
    ids = list_ids_of(ctx)
    data = await request(ctx, "PUT", f"/crm/v3/lists/{list_id}/memberships/add", json=ids)
    added = len(data.get("recordsIdsAdded") or [])
    ctx.summary = f"Added {added} of {len(ids)} records to list {list_id}"
    return data
