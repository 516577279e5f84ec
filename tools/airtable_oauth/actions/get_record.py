from ..app import app, record_id, record_summary, request, table_path


@app.action(
    "get-record",
    title="Get Record",
    description=(
        "Get one Airtable record by its ID (`rec...`): its created time and all non-empty fields (empty fields are "
        "left out). Without the ID, find the record with airtable_oauth-search-records or airtable_oauth-list-records."
    ),
    props={
        "baseId": app.definition("baseId"),
        "tableId": app.definition("tableId"),
        "recordId": app.definition("recordId"),
        "returnFieldsByFieldId": app.definition("returnFieldsByFieldId"),
    },
    read_only=True,
    trim=record_summary,
)
async def get_record(ctx):
    params = {"returnFieldsByFieldId": "true"} if ctx.props.get("returnFieldsByFieldId") else None
    record = await request(ctx, "GET", table_path(ctx.props.baseId, ctx.props.tableId, record_id(ctx.props.recordId)), params=params)
    ctx.summary = f"Got record {record.get('id')}"
    return record
