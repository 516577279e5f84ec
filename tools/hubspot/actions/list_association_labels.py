from mcp_gateway.catalog import within

from ..app import app, label, object_type, plural, request


def label_summary(item):
    return {"typeId": item.get("typeId"), "label": item.get("label"), "category": item.get("category")}


@app.action(
    "list-association-labels",
    title="List Association Labels",
    description=(
        "List the association types between two HubSpot object types, e.g. contacts to companies: the unlabeled "
        "default, HubSpot's labels such as `Primary`, and the account's own labels, with the type IDs and "
        "categories that Associate Records takes for a labeled link."
    ),
    props={
        "fromObjectType": app.definition("objectType", label="From Type", description="e.g. `contacts`."),
        "toObjectType": app.definition("objectType", label="To Type", description="e.g. `companies`."),
    },
    read_only=True,
    trim=within("labels", label_summary),
)
async def list_association_labels(ctx):
    from_kind, to_kind = object_type(ctx.props.fromObjectType), object_type(ctx.props.toObjectType)
    data = await request(ctx, "GET", f"/crm/v4/associations/{from_kind}/{to_kind}/labels")
    labels = data.get("results") or []
    ctx.summary = f"Found {plural(len(labels), 'association type')} from {label(from_kind)} to {label(to_kind)}"
    return {"labels": labels}
