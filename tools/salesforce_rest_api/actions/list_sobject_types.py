from mcp_gateway.catalog import props

from ..app import app, describe_global, plural


@app.action(
    "list-sobject-types",
    title="List sObject Types",
    description=(
        "List the kinds of records (sObjects) in the connected Salesforce org — standard ones such as Account and "
        "Opportunity and custom ones ending in `__c` — with their API names, labels and what the user may do with "
        "them. Filter by part of a name or label."
    ),
    props={
        "search": props.string("Name Contains", "Only types whose API name or label contains this, e.g. `invoice`.", optional=True),
        "customOnly": props.boolean("Custom Only", "`true` lists only custom objects.", optional=True),
    },
    read_only=True,
)
async def list_sobject_types(ctx):
    needle = (ctx.props.get("search") or "").strip().lower()
    out = []
    for o in await describe_global(ctx):
        if ctx.props.get("customOnly") and not o.get("custom"):
            continue
        if needle and needle not in str(o.get("name", "")).lower() and needle not in str(o.get("label", "")).lower():
            continue
        out.append({
            "name": o.get("name"), "label": o.get("label"), "custom": o.get("custom"), "keyPrefix": o.get("keyPrefix"),
            "queryable": o.get("queryable"), "createable": o.get("createable"), "updateable": o.get("updateable"),
            "deletable": o.get("deletable"), "searchable": o.get("searchable"),
        })
    ctx.summary = f"Found {plural(len(out), 'sObject type')}"
    return {"sobjects": out, "count": len(out)}
