from mcp_gateway.catalog import props, within

from ..app import app, channel_query, collect, find_channel, playlist_summary


@app.action(
    "list-playlists",
    title="List Playlists",
    description=(
        "List the connected user's YouTube playlists (private ones too), or another channel's public playlists, with "
        "their IDs, privacy and video counts. Use a playlist's ID with youtube_data_api-add-video-to-playlist."
    ),
    props={
        "channel": props.string(
            "Channel", "Another channel's ID (`UC…`), handle (`@name`) or link; leave empty for the user's own playlists.",
            optional=True,
        ),
        "limit": props.limit("playlists"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("playlists", playlist_summary),
)
async def list_playlists(ctx):
    params = {"part": "snippet,contentDetails,status"}
    if ctx.props.get("channel"):
        query = channel_query(ctx.props.channel)
        params["channelId"] = query["id"] if "id" in query else (await find_channel(ctx, ctx.props.channel, "id"))["id"]
    else:
        params["mine"] = "true"
    playlists, token = await collect(ctx, "/playlists", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(playlists)} playlist{'s' if len(playlists) != 1 else ''}"
    return {"playlists": playlists, "next_cursor": token}
