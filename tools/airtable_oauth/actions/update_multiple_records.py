from mcp_gateway.catalog import ActionError, props, within

from ..app import MAX_BATCH, app, check_batch, check_fields, plural, record_id, record_summary, request, table_path


@app.action(
    "update-multiple-records",
    title="Update Multiple Records",
    description=(
        f"Change fields of up to {MAX_BATCH} Airtable records in one request, each by its record ID. Only the fields "
        "given change. For one record use airtable_oauth-update-record; to match records on a field value instead of "
        "an ID, airtable_oauth-upsert-records. Returns the updated records with all their fields."
    ),
    props={
        "baseId": app.definition("baseId"),
        "tableId": app.definition("tableId"),
        "records": props.object_list(
            "Records",
            f"1 to {MAX_BATCH} changes, each `{{\"id\": \"rec...\", \"fields\": {{...}}}}`, e.g. "
            "`[{\"id\": \"recwPQIfs4wKPyc9D\", \"fields\": {\"Status\": \"Done\"}}]`. Record IDs come from "
            "airtable_oauth-list-records or airtable_oauth-search-records; set a field to null to clear it.",
        ),
        "typecast": app.definition("typecast"),
    },
    destructive=True,
    idempotent=True,
    trim=within("records", record_summary),
)
async def update_multiple_records(ctx):
    changes = []
    for n, item in enumerate(check_batch(list(ctx.props.records), "record"), start=1):
        if not isinstance(item, dict) or not item.get("id"):
            raise ActionError(f"record {n} needs an `id` (rec...) and `fields`")
        changes.append({"id": record_id(item["id"]), "fields": check_fields(item.get("fields"), f"the fields of record {n}")})
    body = {"records": changes}
    if ctx.props.get("typecast"):
        body["typecast"] = True
    data = await request(ctx, "PATCH", table_path(ctx.props.baseId, ctx.props.tableId), json=body)
    data["records"] = data.get("records") or []
    ctx.summary = f"Updated {plural(len(data['records']), 'record')} in {ctx.props.tableId}"
    return data
