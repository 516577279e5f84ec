from ..app import app, channel_summary, find_channel


@app.action(
    "list-my-channel",
    title="Get My Channel",
    description=(
        "Read the connected user's own YouTube channel: its ID, title, handle, subscriber, video and view counts, and "
        "the ID of its uploads playlist. For the videos themselves use youtube_data_api-list-channel-videos."
    ),
    props={},
    read_only=True,
    trim=channel_summary,
)
async def list_my_channel(ctx):
    channel = await find_channel(ctx, None, "snippet,contentDetails,statistics")
    ctx.summary = f"Read the channel {(channel.get('snippet') or {}).get('title')!r}"
    return channel
