from mcp_gateway.catalog import props, within

from ..app import app, count_of, label, next_after, object_type, record_id, request


def association_summary(item):
    types = item.get("associationTypes") or []
    return {
        "toObjectId": str(item.get("toObjectId")),
        "labels": [t.get("label") for t in types if t.get("label")],
        "types": [{"typeId": t.get("typeId"), "category": t.get("category")} for t in types],
    }


@app.action(
    "list-associations",
    title="List Associations",
    description=(
        "List the records of one type linked to a HubSpot record, e.g. a company's contacts, a deal's line items "
        "or a contact's tickets, with each link's labels. Returns the linked IDs (read them with Batch Read Records) "
        "and a cursor for more. For a record's notes, calls or meetings with their content use List Activities."
    ),
    props={
        "objectType": app.definition("objectType", description="The type of the record whose links to list, e.g. `deals`."),
        "objectId": app.definition("objectId"),
        "toObjectType": app.definition("objectType", label="Linked Type", description=(
            "The type of the linked records to list: `contacts`, `companies`, `deals`, `tickets`, `line_items`, "
            "`quotes`, `notes`..."
        )),
        "limit": props.limit("linked records", maximum=100),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("associations", association_summary),
)
async def list_associations(ctx):
    kind, to_kind = object_type(ctx.props.objectType), object_type(ctx.props.toObjectType)
    object_id = record_id(ctx.props.objectId, label(kind))
    params = {"limit": ctx.props.limit}
    if ctx.props.get("cursor"):
        params["after"] = ctx.props.cursor
    data = await request(ctx, "GET", f"/crm/v4/objects/{kind}/{object_id}/associations/{to_kind}", params=params)
    results = data.get("results") or []
    following = next_after(data)
    ctx.summary = f"Found {count_of(len(results), to_kind)} linked to {label(kind)} {object_id}" + (
        " (more available)" if following else "")
    return {"associations": results, "next_cursor": following}
