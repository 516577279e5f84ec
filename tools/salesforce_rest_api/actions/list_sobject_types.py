from mcp_gateway.catalog import ActionError, props, within

from ..app import app, describe_global, plural, sobject_summary


@app.action(
    "list-sobject-types",
    title="List sObject Types",
    description=(
        "List the kinds of records (sObjects) in the connected Salesforce org — standard ones such as Account and "
        "Opportunity and custom ones ending in `__c` — with their API names, labels and what the user may do with "
        "them. Filter by part of a name or label. Returns `sobjects` and a `next_cursor` when more exist. For one "
        "type's fields use salesforce_rest_api-describe-sobject."
    ),
    props={
        "search": props.string("Name Contains", "Only types whose API name or label contains this, e.g. `invoice`.", optional=True),
        "customOnly": props.boolean("Custom Only", "`true` lists only custom objects.", optional=True),
        "limit": props.limit("sObject types"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("sobjects", sobject_summary),
)
async def list_sobject_types(ctx):
    needle = (ctx.props.get("search") or "").strip().lower()
    matches = [
        o for o in await describe_global(ctx)
        if (not ctx.props.get("customOnly") or o.get("custom"))
        and (not needle or needle in str(o.get("name", "")).lower() or needle in str(o.get("label", "")).lower())
    ]
    # describeGlobal answers with every type at once; the cursor is an offset into that list.
    cursor = ctx.props.get("cursor") or "0"
    if not str(cursor).isdigit():
        raise ActionError("cursor must be the `next_cursor` of the previous result, passed unchanged")
    start = int(cursor)
    end = start + ctx.props.limit
    ctx.summary = f"Found {plural(len(matches), 'sObject type')}" + (
        f", returned {len(matches[start:end])} from {start}" if len(matches) > ctx.props.limit else ""
    )
    return {"sobjects": matches[start:end], "next_cursor": str(end) if end < len(matches) else None}
