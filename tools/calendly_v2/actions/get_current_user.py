from ..app import app, current_user, user_summary


@app.action(
    "get-current-user",
    title="Get Current User",
    description=(
        "Read the connected Calendly user: name, email, scheduling page URL, time zone, and the user and organization "
        "URIs other Calendly actions take as `user` and `organization`."
    ),
    props={},
    read_only=True,
    trim=user_summary,
)
async def get_current_user(ctx):
    user = await current_user(ctx)
    ctx.summary = f"Connected as {user.get('name')} <{user.get('email')}>"
    return user
