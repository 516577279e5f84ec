from mcp_gateway.catalog import props, within

from ..app import CHANNEL_TYPES, api, app, channel_summary, snowflake

KINDS = {
    "text": (0, 5),
    "voice": (2, 13),
    "category": (4,),
    "forum": (15, 16),
}


@app.action(
    "list-channels",
    title="List Channels",
    description=(
        "List the channels of a Discord server the bot is in: ID, name, type (text, voice, category, "
        "announcement, forum...), category and topic, in the order the server shows them (all at once; Discord does not page them). Threads are not "
        "included; a thread's ID, from discord-create-thread, works as a channel ID."
    ),
    props={
        "guildId": app.definition("guildId"),
        "kind": props.string(
            "Kind",
            "Only channels of this kind: `text` (text and announcement), `voice` (voice and stage), `category` or "
            "`forum`. Leave empty for all.",
            options=list(KINDS),
            optional=True,
        ),
    },
    read_only=True,
    trim=within("channels", channel_summary),
)
async def list_channels(ctx):
    guild = snowflake(ctx.props.guildId, "guildId")
    channels = await api(ctx, "GET", f"/guilds/{guild}/channels")
    kind = ctx.props.get("kind")
    if kind:
        channels = [c for c in channels if c.get("type") in KINDS.get(kind, ())]
    channels.sort(key=lambda c: (c.get("position") or 0, c.get("name") or ""))
    counts = {}
    for c in channels:
        name = CHANNEL_TYPES.get(c.get("type"), "other")
        counts[name] = counts.get(name, 0) + 1
    ctx.summary = f"Listed {len(channels)} channel(s) in server {guild}"
    return {"channels": channels, "counts": counts}
