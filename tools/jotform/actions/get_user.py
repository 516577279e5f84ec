from ..app import api, app


def _user(user):
    return {key: user.get(key) for key in (
        "username", "name", "email", "account_type", "status", "time_zone", "website", "created_at")}


@app.action(
    "get-user",
    title="Get Account Info",
    description=(
        "Read the connected Jotform account: username, name, email, plan (`account_type`), status and time zone. "
        "For its forms, use jotform-list-forms."
    ),
    props={},
    read_only=True,
    trim=_user,
)
async def get_user(ctx):
    user = await api(ctx, "GET", "/user")
    ctx.summary = f"Read the Jotform account {user.get('username')}"
    return user
