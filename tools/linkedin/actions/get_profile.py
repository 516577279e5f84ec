from ..app import app, userinfo


def _profile(me):
    return {"sub": me.get("sub"), "person_urn": f"urn:li:person:{me['sub']}" if me.get("sub") else None,
            "name": me.get("name"), "given_name": me.get("given_name"), "family_name": me.get("family_name"),
            "email": me.get("email"), "email_verified": me.get("email_verified"), "picture": me.get("picture"),
            "locale": me.get("locale")}


@app.action(
    "get-profile",
    title="Get Profile",
    description=(
        "Read the connected LinkedIn member's name, email, photo and person URN (`urn:li:person:...`, the author of "
        "their posts). LinkedIn gives a member token nothing more of the profile (no headline or work history)."
    ),
    props={},
    read_only=True,
    trim=_profile,
)
async def get_profile(ctx):
    me = await userinfo(ctx)
    ctx.summary = f"Read the profile of {me.get('name') or me.get('sub')}"
    return me
