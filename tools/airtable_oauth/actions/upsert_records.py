from mcp_gateway.catalog import ActionError, props, within

from ..app import MAX_BATCH, app, check_batch, check_fields, field_options, record_summary, request, table_path


@app.action(
    "upsert-records",
    title="Upsert Records",
    description=(
        f"Create or update up to {MAX_BATCH} Airtable records, matching existing ones on 1 to 3 fields (e.g. update "
        "the contact whose Email matches, or create it). Fields given replace the matched record's values. Returns "
        "the records and which were created and which updated. When the record IDs are known, "
        "airtable_oauth-update-multiple-records is simpler."
    ),
    props={
        "baseId": app.definition("baseId"),
        "tableId": app.definition("tableId"),
        "fieldsToMergeOn": props.string_list(
            "Match On",
            "Names of 1 to 3 fields whose values identify a record, e.g. `[\"Email\"]`. Every record given must have a "
            "value for them; a record matching more than one existing record fails the request.",
            options=field_options,
        ),
        "records": props.object_list(
            "Records",
            f"1 to {MAX_BATCH} records, each an object of field names to values including the match fields, e.g. "
            "`[{\"Email\": \"ada@example.com\", \"Name\": \"Ada Lovelace\", \"Status\": \"Active\"}]`.",
        ),
        "typecast": app.definition("typecast"),
    },
    destructive=True,
    idempotent=True,
    trim=within("records", record_summary),
)
async def upsert_records(ctx):
    merge_on = [str(f) for f in ctx.props.fieldsToMergeOn or []]
    if not 1 <= len(merge_on) <= 3:
        raise ActionError(f"fieldsToMergeOn needs 1 to 3 field names; got {len(merge_on)}")
    records = check_batch(list(ctx.props.records), "record")
    for n, fields in enumerate(records, start=1):
        check_fields(fields, f"record {n}")
        missing = [name for name in merge_on if name not in fields]
        if missing:
            raise ActionError(f"record {n} has no value for the match field(s) {', '.join(missing)}")
    body = {"performUpsert": {"fieldsToMergeOn": merge_on}, "records": [{"fields": r} for r in records]}
    if ctx.props.get("typecast"):
        body["typecast"] = True
    data = await request(ctx, "PATCH", table_path(ctx.props.baseId, ctx.props.tableId), json=body)
    data["records"] = data.get("records") or []
    created, updated = data.get("createdRecords") or [], data.get("updatedRecords") or []
    ctx.summary = f"Upserted into {ctx.props.tableId}: created {len(created)}, updated {len(updated)}"
    return data
