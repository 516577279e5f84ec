from mcp_gateway.catalog import props

from ..app import MAX_BATCH, app, check_batch, plural, record_id, request, table_path


def _deleted(data):
    deleted = [r.get("id") for r in data.get("records") or [] if r.get("deleted")]
    return {"deleted": deleted, "count": len(deleted)}


@app.action(
    "delete-records",
    title="Delete Records",
    description=(
        f"Delete 1 to {MAX_BATCH} records from an Airtable table by their IDs. They go to the base's trash, where "
        "a base collaborator can restore them for a while. Find the IDs with airtable_oauth-list-records or "
        "airtable_oauth-search-records; to clear some fields only, use airtable_oauth-update-record. Returns the IDs "
        "deleted."
    ),
    props={
        "baseId": app.definition("baseId"),
        "tableId": app.definition("tableId"),
        "recordIds": props.string_list(
            "Record IDs", f"The IDs of 1 to {MAX_BATCH} records to delete, e.g. `[\"recwPQIfs4wKPyc9D\"]`.",
        ),
    },
    destructive=True,
    idempotent=True,
    trim=_deleted,
)
async def delete_records(ctx):
    ids = [record_id(r) for r in check_batch(list(ctx.props.recordIds), "record ID")]
    data = await request(
        ctx, "DELETE", table_path(ctx.props.baseId, ctx.props.tableId), params=[("records[]", r) for r in ids],
    )
    ctx.summary = f"Deleted {plural(len(_deleted(data)['deleted']), 'record')} from {ctx.props.tableId}"
    return data
