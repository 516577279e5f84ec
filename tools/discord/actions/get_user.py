from mcp_gateway.catalog import props

from ..app import api, app, snowflake, user_label, user_summary


@app.action(
    "get-user",
    title="Get User",
    description="Look up a Discord user by ID: username, display name, whether it is a bot, and avatar URL.",
    props={
        "userId": props.string(
            "User ID",
            "The user's ID, e.g. `80351110224678912`. discord-list-members and message authors show user IDs.",
        ),
    },
    read_only=True,
)
async def get_user(ctx):
    user_id = snowflake(ctx.props.userId, "userId")
    user = await api(ctx, "GET", f"/users/{user_id}")
    ctx.summary = f"Retrieved user {user_label(user)} ({user_id})"
    out = user_summary(user)
    if user.get("banner"):
        out["banner"] = user["banner"]
    return out
