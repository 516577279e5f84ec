from mcp_gateway.catalog import props

from ..app import app, check_next_link, chosen_team, graph, message_summary, seg


@app.action(
    "list-channel-messages",
    title="List Channel Messages",
    description=(
        "Read the latest messages (thread starters) of a Microsoft Teams channel, newest first, optionally with "
        "their replies: sender, text, time, link and ID. Pass the returned nextLink to read older messages. "
        "Reading channel messages needs the ChannelMessage.Read.All permission, which a tenant admin may have to approve."
    ),
    props={
        "teamId": app.definition("teamId"),
        "channelId": app.definition("channelId"),
        "top": props.integer("Page Size", "How many messages to return, 1 to 50. Defaults to 20.", min=1, max=50, default=20),
        "includeReplies": props.boolean(
            "Include Replies", "`true` also returns each message's replies.", optional=True
        ),
        "nextLink": props.string(
            "Next Page Link",
            "The `nextLink` a previous call returned, to read the next (older) page. Leave empty for the newest messages.",
            optional=True,
        ),
    },
    read_only=True,
)
async def list_channel_messages(ctx):
    if ctx.props.get("nextLink"):
        data = await graph(ctx, "GET", check_next_link(ctx.props.nextLink))
    else:
        params = {"$top": ctx.props.top}
        if ctx.props.get("includeReplies"):
            params["$expand"] = "replies"
        data = await graph(ctx, "GET", f"/teams/{chosen_team(ctx)}/channels/{seg(ctx.props.channelId)}/messages", params=params)
    messages = [message_summary(m) for m in data.get("value") or []]
    following = data.get("@odata.nextLink")
    more = " (more available)" if following else ""
    ctx.summary = f"Listed {len(messages)} message(s) of channel {ctx.props.channelId}{more}"
    return {"messages": messages, "nextLink": following}
