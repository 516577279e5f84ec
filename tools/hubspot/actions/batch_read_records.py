from mcp_gateway.catalog import ActionError, props

from ..app import app, count_of, object_type, property_names, record_summary, request

MAX_BATCH = 100


def batch_page(data):
    return {**data, "records": [record_summary(r) for r in data["records"]],
            "errors": [{"message": e.get("message"), "ids": ((e.get("context") or {}).get("ids") or [])}
                       for e in data.get("errors") or []]}


@app.action(
    "batch-read-records",
    title="Batch Read Records",
    description=(
        "Read up to 100 HubSpot records of one type at once by their IDs (or by a unique property such as "
        "`email`), e.g. the line items of a deal after List Associations. IDs that match nothing are reported "
        "under `errors`. For one record use Get Record; to find records by conditions use Search CRM."
    ),
    props={
        "objectType": app.definition("objectType"),
        "ids": props.string_list(
            "IDs", "The records' IDs, e.g. `[\"512\", \"513\"]` (or their idProperty values), at most 100.",
        ),
        "idProperty": props.string(
            "ID Property", "Match the IDs against this unique property instead, e.g. `email`.", optional=True,
        ),
        "properties": app.definition("properties"),
    },
    read_only=True,
    trim=batch_page,
)
async def batch_read_records(ctx):
    kind = object_type(ctx.props.objectType)
    ids = list(dict.fromkeys(str(i).strip() for i in ctx.props.ids or [] if str(i).strip()))
    if not ids:
        raise ActionError("give at least one ID")
    if len(ids) > MAX_BATCH:
        raise ActionError(f"HubSpot reads at most {MAX_BATCH} records a call; split the {len(ids)} IDs into batches")
    body = {"inputs": [{"id": i} for i in ids], "properties": property_names(ctx, kind)}
    if ctx.props.get("idProperty"):
        body["idProperty"] = ctx.props.idProperty
    data = await request(ctx, "POST", f"/crm/v3/objects/{kind}/batch/read", json=body)
    records = data.get("results") or []
    missing = len(ids) - len(records)
    ctx.summary = f"Read {count_of(len(records), kind)}" + (f"; {missing} not found" if missing > 0 else "")
    return {"records": records, "status": data.get("status"), "errors": data.get("errors") or []}
