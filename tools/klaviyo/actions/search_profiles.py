from mcp_gateway.catalog import ActionError, props, within

from ..app import app, collect, equals, profile_summary

_FILTERS = {"email": "email", "phoneNumber": "phone_number", "externalId": "external_id"}


@app.action(
    "search-profiles",
    title="Search Profiles",
    description=(
        "Find Klaviyo profiles by exact email address, phone number or external ID (give one or more; all must "
        "match). Returns each profile's ID, for klaviyo-add-profiles-to-list and klaviyo-get-profile. If nobody "
        "matches, add the person with klaviyo-create-or-update-profile."
    ),
    props={
        "email": props.string("Email", "The exact email address, e.g. `sarah.mason@example.com`.", optional=True),
        "phoneNumber": props.string("Phone Number", "The exact phone number in E.164 form, e.g. `+15005550006`.",
                                    optional=True),
        "externalId": props.string("External ID", "The ID your own system gave the profile.", optional=True),
        "limit": props.limit("profiles"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("profiles", profile_summary),
)
async def search_profiles(ctx):
    clauses = [equals(field, ctx.props[name]) for name, field in _FILTERS.items() if ctx.props.get(name)]
    if not clauses:
        raise ActionError("say whom to look for: give an email, phoneNumber or externalId")
    found, token = await collect(ctx, "/profiles", limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
                                 params={"filter": ",".join(clauses)}, page_size=ctx.props.limit)
    ctx.summary = f"Found {len(found)} profile{'s' if len(found) != 1 else ''}"
    return {"profiles": found, "next_cursor": token}
