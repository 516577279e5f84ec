from mcp_gateway.catalog import ActionError, props

from ..app import api, app


@app.action(
    "add-profiles-to-list",
    title="Add Profiles to List",
    description=(
        "Put existing Klaviyo profiles on a list, by profile ID (up to 1000 at once). This adds them without "
        "changing their email or SMS consent. Find IDs with klaviyo-search-profiles, or create the profile first "
        "with klaviyo-create-or-update-profile."
    ),
    props={
        "listId": app.definition("listId"),
        "profileIds": props.string_list("Profiles", "The profile IDs, e.g. `01GDDKASAP8TKDDA2GRZDSVP4H`."),
    },
    idempotent=True,
)
async def add_profiles_to_list(ctx):
    ids = [str(i).strip() for i in ctx.props.profileIds if str(i).strip()]
    if not ids or len(ids) > 1000:
        raise ActionError("give between 1 and 1000 profileIds")
    body = {"data": [{"type": "profile", "id": profile_id} for profile_id in ids]}
    await api(ctx, "POST", f"/lists/{ctx.props.listId}/relationships/profiles", body=body)
    ctx.summary = f"Added {len(ids)} profile{'s' if len(ids) != 1 else ''} to the list {ctx.props.listId}"
    return {"list_id": ctx.props.listId, "added_profile_ids": ids}
