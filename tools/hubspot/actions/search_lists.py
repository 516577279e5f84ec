from mcp_gateway.catalog import ActionError, props, within

from ..app import app, list_summary, plural, request

PROCESSING_TYPES = ["MANUAL", "SNAPSHOT", "DYNAMIC"]


@app.action(
    "search-lists",
    title="Search Lists",
    description=(
        "Find HubSpot lists (segments) by name, or page through all of them, with their IDs, object type, size and "
        "whether they are static (`MANUAL`, `SNAPSHOT`: records are added by hand or API) or active (`DYNAMIC`: "
        "filled by filters). Use the ID with Get List Memberships, Add Records to List or Remove Records from List."
    ),
    props={
        "query": props.string("Name", "Words in the list's name, e.g. `webinar`. Leave empty for all lists.", optional=True),
        "processingTypes": props.string_list(
            "Kinds", "Only lists of these kinds: `MANUAL`, `SNAPSHOT` and/or `DYNAMIC`.", optional=True,
        ),
        "limit": props.limit("lists"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("lists", list_summary),
)
async def search_lists(ctx):
    raw = str(ctx.props.get("cursor") or "0").strip()
    if not raw.isdigit():
        raise ActionError(f"cursor {raw!r} is not one this action returned; pass `next_cursor` from the previous result unchanged")
    body = {"query": (ctx.props.get("query") or "").strip(), "count": ctx.props.limit, "offset": int(raw),
            "additionalProperties": ["hs_list_size"]}
    kinds = [str(k).upper() for k in ctx.props.get("processingTypes") or []]
    unknown = [k for k in kinds if k not in PROCESSING_TYPES]
    if unknown:
        raise ActionError(f"processingTypes {', '.join(unknown)}: use MANUAL, SNAPSHOT or DYNAMIC")
    if kinds:
        body["processingTypes"] = kinds
    data = await request(ctx, "POST", "/crm/v3/lists/search", json=body)
    lists = data.get("lists") or []
    total = data.get("total", len(lists))
    ctx.summary = f"Found {plural(total, 'list')}" + (f", returned {len(lists)}" if total != len(lists) else "")
    following = str(data["offset"]) if data.get("hasMore") and data.get("offset") is not None else None
    return {"lists": lists, "total": total, "next_cursor": following}
