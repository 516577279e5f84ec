from mcp_gateway.catalog import props, within

from ..app import app, next_after, plural, record_id, request


def membership_summary(item):
    return {"recordId": item.get("recordId"), "addedAt": item.get("membershipTimestamp")}


@app.action(
    "get-list-memberships",
    title="Get List Memberships",
    description=(
        "List the IDs of the records in a HubSpot list (segment), in ID order, with when each joined. Read the "
        "records themselves with Batch Read Records (objectType as the list's: contacts for `0-1` lists). Returns "
        "a page and a cursor for more."
    ),
    props={
        "listId": app.definition("listId", description=(
            "The ID of the list, e.g. `123`: hubspot-search-lists finds it; it is also the number in the list's URL. "
            "The choices list the static lists; any list's ID works."
        )),
        "limit": props.limit("members"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("members", membership_summary),
)
async def get_list_memberships(ctx):
    list_id = record_id(ctx.props.listId, "list")
    params = {"limit": ctx.props.limit}
    if ctx.props.get("cursor"):
        params["after"] = ctx.props.cursor
    data = await request(ctx, "GET", f"/crm/v3/lists/{list_id}/memberships", params=params)
    members = data.get("results") or []
    following = next_after(data)
    ctx.summary = f"Listed {plural(len(members), 'member')} of list {list_id}" + (" (more available)" if following else "")
    return {"members": members, "total": data.get("total"), "next_cursor": following}
