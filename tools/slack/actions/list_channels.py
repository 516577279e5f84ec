from mcp_gateway.catalog import ActionError, props

from ..app import app, call, next_cursor

TYPES = ["public_channel", "private_channel", "mpim", "im"]


@app.action(
    "list-channels",
    title="List Channels",
    description=(
        "List the Slack conversations the connected user can see: public and private channels, and "
        "optionally direct messages. Returns each one's ID, name, privacy, membership, topic and purpose, "
        "plus a cursor for the next page."
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
        "limit": props.integer(
            "Limit",
            "How many conversations to return in this page (1 to 1000). Slack may return fewer.",
            min=1,
            max=1000,
            default=200,
        ),
        "cursor": props.string(
            "Cursor",
            "The `next_cursor` from a previous call, to get the following page.",
            optional=True,
        ),
    },
    read_only=True,
)
async def list_channels(ctx):
    types = list(ctx.props.types or [])
    unknown = [t for t in types if t not in TYPES]
    if unknown or not types:
        raise ActionError(f"types must be one or more of {', '.join(TYPES)}; got {types!r}")
    data = await call(
        ctx,
        "conversations.list",
        params={
            "types": ",".join(types),
            "exclude_archived": ctx.props.excludeArchived,
            "limit": ctx.props.limit,
            "cursor": ctx.props.get("cursor") or None,
        },
    )
    channels = [_channel(c) for c in data.get("channels") or []]
    following = next_cursor(data)
    more = " (more available)" if following else ""
    ctx.summary = f"Listed {len(channels)} conversation{'s' if len(channels) != 1 else ''}{more}"
    return {"channels": channels, "next_cursor": following}


def _channel(channel):
    return {
        "id": channel.get("id"),
        "name": channel.get("name"),
        "is_private": channel.get("is_private"),
        "is_archived": channel.get("is_archived"),
        "is_member": channel.get("is_member"),
        "is_im": channel.get("is_im"),
        "is_mpim": channel.get("is_mpim"),
        "user": channel.get("user"),
        "topic": (channel.get("topic") or {}).get("value"),
        "purpose": (channel.get("purpose") or {}).get("value"),
        "num_members": channel.get("num_members"),
        "created": channel.get("created"),
    }
