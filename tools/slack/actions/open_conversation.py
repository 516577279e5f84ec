from mcp_gateway.catalog import props

from ..app import app, call, user_list, user_options


@app.action(
    "open-conversation",
    title="Open Direct Message",
    description=(
        "Get the direct message conversation between the connected user and one person, or a group DM with up "
        "to 8 people, opening it if it does not exist yet. Returns its channel ID (`D...` or `G...`), which "
        "slack-send-message and slack-get-conversation-history take. To post in a channel, no DM is needed."
    ),
    props={
        "users": props.string_list(
            "People",
            "The user IDs of the other people, e.g. `[\"W1234567890\"]`; from slack-find-user-by-email or "
            "slack-list-users.",
            options=user_options,
        ),
    },
    idempotent=True,
)
async def open_conversation(ctx):
    users = user_list(ctx.props.users)
    data = await call(ctx, "conversations.open", form={"users": users})
    channel = data.get("channel") or {}
    again = " (already open)" if data.get("already_open") else ""
    ctx.summary = f"Opened conversation {channel.get('id')} with {users}{again}"
    return {"channel": channel.get("id"), "users": users.split(","), "already_open": bool(data.get("already_open"))}
