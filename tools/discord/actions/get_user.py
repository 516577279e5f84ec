from mcp_gateway.catalog import props

from ..app import api, app, snowflake, user_details, user_label


@app.action(
    "get-user",
    title="Get User",
    description=(
        "Look up a Discord user by ID: username, display name, whether it is a bot, and avatar URL. For a "
        "member's nickname and roles in one server, use discord-list-members instead."
    ),
    props={
        "userId": props.string(
            "User ID",
            "The user's ID, e.g. `80351110224678912`: the `id` of a member in discord-list-members or of a message's "
            "`author` in discord-list-messages.",
        ),
    },
    read_only=True,
    trim=user_details,
)
async def get_user(ctx):
    user_id = snowflake(ctx.props.userId, "userId")
    user = await api(ctx, "GET", f"/users/{user_id}")
    ctx.summary = f"Retrieved user {user_label(user)} ({user_id})"
    return user
