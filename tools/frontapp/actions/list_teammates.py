from mcp_gateway.catalog import ActionError, props, within

from ..app import api, app, teammate_summary


@app.action(
    "list-teammates",
    title="List Teammates",
    description=(
        "List the Front company's teammates with their IDs (`tea_...`), names, emails and availability: the IDs "
        "frontapp-update-conversation assigns to and frontapp-add-comment writes as."
    ),
    props={"limit": props.limit("teammates"), "cursor": props.cursor()},
    read_only=True,
    trim=within("teammates", teammate_summary),
)
async def list_teammates(ctx):
    # Front returns every teammate at once; the cursor is the position in that list.
    cursor = ctx.props.get("cursor") or "0"
    if not cursor.isdigit():
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged")
    start = int(cursor)
    everyone = (await api(ctx, "GET", "/teammates")).get("_results") or []
    teammates = everyone[start:start + ctx.props.limit]
    following = start + len(teammates)
    ctx.summary = f"Listed {len(teammates)} teammate{'s' if len(teammates) != 1 else ''}"
    return {"teammates": teammates, "next_cursor": str(following) if following < len(everyone) else None}
