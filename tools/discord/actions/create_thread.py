from mcp_gateway.catalog import ActionError, props

from ..app import CHANNEL_TYPES, api, app, channel_props, snowflake, thread_summary

PUBLIC_THREAD = 11
PRIVATE_THREAD = 12


@app.action(
    "create-thread",
    title="Create Thread",
    description=(
        "Start a thread in a Discord text or announcement channel: from an existing message (the thread hangs "
        "off it), or on its own. Returns the thread's ID, which works as a channel ID for discord-send-message."
    ),
    props=channel_props(
        name=props.string("Thread Name", "The thread's name, 1 to 100 characters, e.g. `Release 2.4 planning`."),
        messageId=app.definition(
            "messageId",
            optional=True,
            description=(
                "To start the thread from a message, that message's ID in the channel, e.g. `1143600000000000000`. "
                "Leave empty for a thread without a starter message."
            ),
        ),
        private=props.boolean(
            "Private",
            "For a thread without a starter message: `true` makes it private (only people added or mentioned "
            "see it). Defaults to a public thread.",
            optional=True,
        ),
        autoArchiveDuration=props.integer(
            "Auto Archive After (minutes)",
            "Minutes without activity before the thread is hidden: 60, 1440 (1 day), 4320 (3 days) or 10080 (7 days).",
            options=[60, 1440, 4320, 10080],
            optional=True,
        ),
    ),
    trim=thread_summary,
)
async def create_thread(ctx):
    channel = snowflake(ctx.props.channelId, "channelId")
    name = ctx.props.name.strip()
    if not 1 <= len(name) <= 100:
        raise ActionError("the thread name must be 1 to 100 characters")
    body = {"name": name}
    if ctx.props.get("autoArchiveDuration") is not None:
        if ctx.props.autoArchiveDuration not in (60, 1440, 4320, 10080):
            raise ActionError("autoArchiveDuration must be 60, 1440, 4320 or 10080 minutes")
        body["auto_archive_duration"] = ctx.props.autoArchiveDuration
    if ctx.props.get("messageId"):
        if ctx.props.get("private"):
            raise ActionError("a thread started from a message is always public; leave private empty or drop messageId")
        message_id = snowflake(ctx.props.messageId, "messageId")
        thread = await api(ctx, "POST", f"/channels/{channel}/messages/{message_id}/threads", json_body=body)
        origin = f"from message {message_id} "
    else:
        body["type"] = PRIVATE_THREAD if ctx.props.get("private") else PUBLIC_THREAD
        thread = await api(ctx, "POST", f"/channels/{channel}/threads", json_body=body)
        origin = ""
    kind = CHANNEL_TYPES.get(thread.get("type"), "thread").replace("_", " ")
    ctx.summary = f"Started {kind} \"{thread.get('name')}\" ({thread.get('id')}) {origin}in channel {channel}"
    return thread
