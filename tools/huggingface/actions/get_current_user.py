from ..app import api, app


def _user(user):
    token = (user.get("auth") or {}).get("accessToken") or {}
    return {
        "name": user.get("name"),
        "fullname": user.get("fullname"),
        "type": user.get("type"),
        "email": user.get("email"),
        "is_pro": user.get("isPro"),
        "orgs": [{"name": o.get("name"), "role": o.get("roleInOrg")} for o in user.get("orgs") or []],
        "token": {"name": token.get("displayName"), "role": token.get("role")},
    }


@app.action(
    "get-current-user",
    title="Get Current User",
    description=(
        "Read who the connected token belongs to: the username, full name, Pro plan, the organizations and roles in "
        "them, and the token's name and role (read, write or fine-grained). Use the username or an organization as "
        "the author in the search actions."
    ),
    props={},
    read_only=True,
    trim=_user,
)
async def get_current_user(ctx):
    user = await api(ctx, "GET", "/whoami-v2")
    ctx.summary = f"Connected as {user.get('name')}" + (f" ({user['fullname']})" if user.get("fullname") else "")
    return user
