from mcp_gateway.catalog import ActionError, props

from ..app import api, app, seg, subscriber_hash


@app.action(
    "tag-member",
    title="Tag Contact",
    description=(
        "Add tags to and remove tags from one contact of a Mailchimp audience. A tag that does not exist yet is "
        "created. The contact must be in the audience already (add them with mailchimp-add-or-update-member)."
    ),
    props={
        "listId": app.definition("listId"),
        "email": app.definition("email"),
        "addTags": props.string_list("Add Tags", "Tag names to add, e.g. `[\"customer\", \"webinar-2026\"]`.", optional=True),
        "removeTags": props.string_list("Remove Tags", "Tag names to take off the contact.", optional=True),
        "isSyncing": props.boolean(
            "Without Automations", "Change the tags without starting the automations that tags trigger.", optional=True,
        ),
    },
    idempotent=True,
)
async def tag_member(ctx):
    added = [t.strip() for t in ctx.props.get("addTags") or [] if t.strip()]
    removed = [t.strip() for t in ctx.props.get("removeTags") or [] if t.strip()]
    if not added and not removed:
        raise ActionError("name at least one tag in addTags or removeTags")
    body = {"tags": [{"name": t, "status": "active"} for t in added] + [{"name": t, "status": "inactive"} for t in removed]}
    if ctx.props.get("isSyncing") is not None:
        body["is_syncing"] = bool(ctx.props.isSyncing)
    await api(ctx, "POST", f"/lists/{seg(ctx.props.listId)}/members/{subscriber_hash(ctx.props.email)}/tags", json=body)
    ctx.summary = f"Tagged {ctx.props.email.strip()}: {len(added)} added, {len(removed)} removed"
    return {"email": ctx.props.email.strip(), "added": added, "removed": removed}
