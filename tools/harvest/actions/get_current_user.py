from ..app import api, app


def _user(me):
    return {"id": me.get("id"), "first_name": me.get("first_name"), "last_name": me.get("last_name"), "email": me.get("email"),
            "timezone": me.get("timezone"), "is_active": me.get("is_active"), "access_roles": me.get("access_roles"),
            "weekly_capacity": me.get("weekly_capacity")}


@app.action(
    "get-current-user",
    title="Get Current User",
    description=(
        "Read the Harvest user the token belongs to: ID, name, email, time zone and access roles (`administrator`, "
        "`manager` or `member`; only the first two may list all projects with harvest-list-projects)."
    ),
    read_only=True,
    trim=_user,
)
async def get_current_user(ctx):
    me = await api(ctx, "GET", "/users/me")
    ctx.summary = f"Signed in as {me.get('first_name')} {me.get('last_name')} ({me.get('email')})"
    return me
