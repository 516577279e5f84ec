from mcp_gateway.catalog import props, within

from ..app import app, collect, find_channel, playlist_item_summary


@app.action(
    "list-channel-videos",
    title="List Channel Videos",
    description=(
        "List the videos a YouTube channel uploaded, newest first: the user's own channel, or any channel by ID, handle "
        "or link. Reads the channel's uploads playlist, which costs far less quota than youtube_data_api-search-videos. "
        "For views and duration pass the video IDs to youtube_data_api-get-video-details."
    ),
    props={
        "channel": props.string(
            "Channel", "The channel's ID (`UC…`, from its youtube.com/channel/ URL), handle (e.g. `@GoogleDevelopers`) or "
            "link. Leave empty for the user's own channel.", optional=True,
        ),
        "limit": props.limit("videos"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("videos", playlist_item_summary),
)
async def list_channel_videos(ctx):
    channel = await find_channel(ctx, ctx.props.get("channel"), "contentDetails")
    uploads = ((channel.get("contentDetails") or {}).get("relatedPlaylists") or {}).get("uploads")
    if not uploads:
        ctx.summary = "The channel has no uploads"
        return {"videos": [], "next_cursor": None, "channel_id": channel.get("id")}
    videos, token = await collect(ctx, "/playlistItems", limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
                                  params={"part": "snippet,contentDetails", "playlistId": uploads})
    ctx.summary = f"Listed {len(videos)} video{'s' if len(videos) != 1 else ''} of the channel"
    return {"videos": videos, "next_cursor": token, "channel_id": channel.get("id")}
