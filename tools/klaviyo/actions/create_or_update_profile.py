from mcp_gateway.catalog import ActionError, props

from ..app import api, app, profile_summary

_ATTRIBUTES = {"email": "email", "phoneNumber": "phone_number", "externalId": "external_id", "firstName": "first_name",
               "lastName": "last_name", "organization": "organization", "title": "title"}
_LOCATION = {"city": "city", "region": "region", "country": "country", "zip": "zip"}


@app.action(
    "create-or-update-profile",
    title="Create or Update Profile",
    description=(
        "Add a person to Klaviyo, or update them if a profile with the same email, phone number or external ID (or "
        "the given profile ID) exists. Only the fields given change. This does not subscribe them to marketing; to "
        "put them on a list use klaviyo-add-profiles-to-list. Returns the profile with its ID."
    ),
    props={
        "profileId": app.definition("profileId", optional=True,
                                    description="The ID of the profile to update; empty: match by email, phone or external ID."),
        "email": props.string("Email", "The person's email address.", optional=True),
        "phoneNumber": props.string("Phone Number", "The phone number in E.164 form, e.g. `+15005550006`.", optional=True),
        "externalId": props.string("External ID", "The ID your own system gives the person.", optional=True),
        "firstName": props.string("First Name", optional=True),
        "lastName": props.string("Last Name", optional=True),
        "organization": props.string("Organization", "The company they work for.", optional=True),
        "title": props.string("Job Title", optional=True),
        "city": props.string("City", optional=True),
        "region": props.string("Region", "State or region.", optional=True),
        "country": props.string("Country", optional=True),
        "zip": props.string("Postal Code", optional=True),
        "properties": props.obj("Custom Properties", "Custom profile properties, e.g. `{\"plan\": \"pro\"}`.",
                                optional=True),
    },
    idempotent=True,
    trim=profile_summary,
)
async def create_or_update_profile(ctx):
    attributes = {field: ctx.props[name] for name, field in _ATTRIBUTES.items() if ctx.props.get(name)}
    location = {field: ctx.props[name] for name, field in _LOCATION.items() if ctx.props.get(name)}
    if location:
        attributes["location"] = location
    if ctx.props.get("properties"):
        attributes["properties"] = ctx.props.properties
    if not ctx.props.get("profileId") and not any(k in attributes for k in ("email", "phone_number", "external_id")):
        raise ActionError("say who this is: give an email, phoneNumber or externalId (or the profileId to update)")
    data = {"type": "profile", "attributes": attributes}
    if ctx.props.get("profileId"):
        data["id"] = ctx.props.profileId
    profile = (await api(ctx, "POST", "/profile-import", body={"data": data})).get("data") or {}
    ctx.summary = f"Saved the profile {(profile.get('attributes') or {}).get('email') or profile.get('id')}"
    return profile
