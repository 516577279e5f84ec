from mcp_gateway.catalog import props, within

from ..app import MAX_BATCH, app, check_batch, check_fields, plural, record_summary, request, table_path


@app.action(
    "create-multiple-records",
    title="Create Multiple Records",
    description=(
        f"Add up to {MAX_BATCH} records to an Airtable table in one request. Each item is the field values of one "
        "record. For one record use airtable_oauth-create-record; to change existing records, "
        "airtable_oauth-update-multiple-records. Returns the new records with their IDs, in the same order."
    ),
    props={
        "baseId": app.definition("baseId"),
        "tableId": app.definition("tableId"),
        "records": props.object_list(
            "Records",
            f"1 to {MAX_BATCH} records, each an object of field names to values, e.g. "
            "`[{\"Name\": \"Ada\", \"Status\": \"Active\"}, {\"Name\": \"Grace\", \"Status\": \"Pending\"}]`.",
        ),
        "typecast": app.definition("typecast"),
    },
    trim=within("records", record_summary),
)
async def create_multiple_records(ctx):
    records = check_batch(list(ctx.props.records), "record")
    body = {"records": [{"fields": check_fields(r, f"record {n}")} for n, r in enumerate(records, start=1)]}
    if ctx.props.get("typecast"):
        body["typecast"] = True
    data = await request(ctx, "POST", table_path(ctx.props.baseId, ctx.props.tableId), json=body)
    data["records"] = data.get("records") or []
    ctx.summary = f"Created {plural(len(data['records']), 'record')} in {ctx.props.tableId}"
    return data
