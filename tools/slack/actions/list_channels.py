from mcp_gateway.catalog import ActionError, props, within

from ..app import app, channel_summary, collect, plural

TYPES = ["public_channel", "private_channel", "mpim", "im"]


@app.action(
    "list-channels",
    title="List Channels",
    description=(
        "List the Slack conversations the connected user can see: public and private channels, and optionally "
        "group and direct messages, with each one's ID, name, privacy, membership, topic and purpose. Use it to "
        "turn a #name into the channel ID other actions need; for one channel's details use slack-get-channel, "
        "for its people slack-list-members-in-channel."
    ),
    props={
        "types": props.string_list(
            "Types",
            "Which kinds of conversation to list: `public_channel`, `private_channel`, `mpim` (group DMs), "
            "`im` (direct messages).",
            options=TYPES,
            default=["public_channel", "private_channel"],
        ),
        "excludeArchived": props.boolean("Exclude Archived", "`false` to include archived channels too.", default=True),
        "limit": props.limit("conversations"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("channels", channel_summary),
)
async def list_channels(ctx):
    types = list(ctx.props.types or [])
    unknown = [t for t in types if t not in TYPES]
    if unknown or not types:
        raise ActionError(f"types must be one or more of {', '.join(TYPES)}; got {types!r}")
    params = {"types": ",".join(types), "exclude_archived": ctx.props.excludeArchived}
    channels, following = await collect(
        ctx, "conversations.list", "channels", params, limit=ctx.props.limit, cursor=ctx.props.get("cursor")
    )
    more = " (more available)" if following else ""
    ctx.summary = f"Listed {plural(len(channels), 'conversation')}{more}"
    return {"channels": channels, "next_cursor": following}
