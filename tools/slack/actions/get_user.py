from ..app import app, call, user_summary


@app.action(
    "get-user",
    title="Get User",
    description=(
        "Read one Slack user by ID: names, email, title, time zone, status, and whether they are an admin, a "
        "bot or deactivated. Use it for the user IDs that messages and member lists carry; from an email "
        "address, use slack-find-user-by-email instead."
    ),
    props={"user": app.definition("user")},
    read_only=True,
    trim=user_summary,
)
async def get_user(ctx):
    data = await call(ctx, "users.info", params={"user": ctx.props.user})
    user = data.get("user") or {}
    ctx.summary = f"Read {user.get('real_name') or user.get('name')} ({user.get('id')})"
    return user
