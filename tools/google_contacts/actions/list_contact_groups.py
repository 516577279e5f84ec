from mcp_gateway.catalog import props, within

from ..app import app, collect, group_summary


@app.action(
    "list-contact-groups",
    title="List Contact Groups",
    description=(
        "List the user's Google Contacts groups (labels) with their member counts: their own labels "
        "(`USER_CONTACT_GROUP`) and system groups such as `contactGroups/myContacts` and `contactGroups/starred`. "
        "Use a group's resource name with google_contacts-add-contacts-to-group."
    ),
    props={"limit": props.limit("groups"), "cursor": props.cursor()},
    read_only=True,
    trim=within("contact_groups", group_summary),
)
async def list_contact_groups(ctx):
    groups, token = await collect(ctx, "/contactGroups", "contactGroups", limit=ctx.props.limit,
                                  cursor=ctx.props.get("cursor"), params={"groupFields": "name,groupType,memberCount"})
    ctx.summary = f"Listed {len(groups)} contact group{'s' if len(groups) != 1 else ''}"
    return {"contact_groups": groups, "next_cursor": token}
