from mcp_gateway.catalog import ActionError, props, within

from ..app import app, label, object_type, property_summary, request


def _offset(cursor):
    text = str(cursor or "0").strip()
    if not text.isdigit():
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass `next_cursor` from the previous result unchanged")
    return int(text)


@app.action(
    "list-properties",
    title="List Properties",
    description=(
        "List the properties of a HubSpot object type (contacts, deals, tickets...): internal names to use in "
        "create, update and search actions, labels, types, groups, and the option values of select properties. "
        "Filter by words in the name or label. For one property in full use Get Property; to add one use Create "
        "Property."
    ),
    props={
        "objectType": app.definition("objectType"),
        "search": props.string(
            "Search", "Only properties whose internal name or label contains this text, e.g. `lead` or `phone`.",
            optional=True,
        ),
        "groupName": props.string(
            "Group", "Only properties of this property group, e.g. `contactinformation` or `dealinformation`.",
            optional=True,
        ),
        "includeHubspotDefined": props.boolean(
            "Include HubSpot's", "`false` to list only the account's custom properties.", default=True,
        ),
        "limit": props.limit("properties"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("properties", property_summary),
)
async def list_properties(ctx):
    kind = object_type(ctx.props.objectType)
    offset = _offset(ctx.props.get("cursor"))
    data = await request(ctx, "GET", f"/crm/v3/properties/{kind}", params={"archived": "false"})
    found = data.get("results") or []
    words = (ctx.props.get("search") or "").strip().lower()
    if words:
        found = [p for p in found if words in str(p.get("name")).lower() or words in str(p.get("label")).lower()]
    if ctx.props.get("groupName"):
        found = [p for p in found if p.get("groupName") == ctx.props.groupName]
    if not ctx.props.includeHubspotDefined:
        found = [p for p in found if not p.get("hubspotDefined")]
    # HubSpot returns every property at once; the cursor pages through them here.
    page = found[offset:offset + ctx.props.limit]
    following = offset + len(page) if offset + len(page) < len(found) else None
    ctx.summary = f"Found {len(found)} {label(kind)} propert{'y' if len(found) == 1 else 'ies'}, returned {len(page)}"
    return {"properties": page, "total": len(found), "next_cursor": None if following is None else str(following)}
