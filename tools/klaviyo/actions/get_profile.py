from ..app import api, app, profile_summary


@app.action(
    "get-profile",
    title="Get Profile",
    description=(
        "Read one Klaviyo profile by its ID: email, phone, name, organization, location and custom properties. To "
        "find a profile by email address or phone number, use klaviyo-search-profiles instead."
    ),
    props={"profileId": app.definition("profileId")},
    read_only=True,
    trim=profile_summary,
)
async def get_profile(ctx):
    profile = (await api(ctx, "GET", f"/profiles/{ctx.props.profileId}")).get("data") or {}
    ctx.summary = f"Read the profile {(profile.get('attributes') or {}).get('email') or profile.get('id')}"
    return profile
