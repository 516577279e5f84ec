from ..app import app, get_json, user_summary


@app.action(
    "get-user",
    title="Get User",
    description=(
        "Read one Zendesk user (a customer or an agent) by ID: name, email, role, phone, organization, tags and "
        "whether they are verified or suspended. To find a user by email or name use Find Users."
    ),
    props={"user": app.definition("user")},
    read_only=True,
    trim=user_summary,
)
async def get_user(ctx):
    user = (await get_json(ctx, f"/users/{ctx.props.user}"))["user"]
    ctx.summary = f"Retrieved {user.get('role')} {user.get('name')} (user {user['id']})"
    return user
