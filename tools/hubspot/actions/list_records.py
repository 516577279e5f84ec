from mcp_gateway.catalog import props, within

from ..app import app, count_of, next_after, object_type, property_names, record_summary, request


@app.action(
    "list-records",
    title="List Records",
    description=(
        "Page through all HubSpot records of one type (contacts, companies, deals, tickets, products, line items, "
        "quotes, activities or a custom object) in ID order, with the properties asked for and, optionally, the IDs "
        "of linked records. To find records by text or conditions use Search CRM instead."
    ),
    props={
        "objectType": app.definition("objectType"),
        "properties": app.definition("properties"),
        "associations": props.string_list(
            "Associated Types", "Object types whose linked record IDs to include, e.g. `[\"companies\"]`.", optional=True,
        ),
        "archived": props.boolean("Archived", "`true` to list archived (deleted) records instead.", default=False),
        "limit": props.limit("records"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("records", record_summary),
)
async def list_records(ctx):
    kind = object_type(ctx.props.objectType)
    params = {"limit": ctx.props.limit, "archived": "true" if ctx.props.archived else "false"}
    properties = property_names(ctx, kind)
    if properties:
        params["properties"] = ",".join(properties)
    if ctx.props.get("associations"):
        params["associations"] = ",".join(object_type(a) for a in ctx.props.associations)
    if ctx.props.get("cursor"):
        params["after"] = ctx.props.cursor
    data = await request(ctx, "GET", f"/crm/v3/objects/{kind}", params=params)
    records = data.get("results") or []
    following = next_after(data)
    ctx.summary = f"Listed {count_of(len(records), kind)}" + (" (more available)" if following else "")
    return {"records": records, "next_cursor": following}
