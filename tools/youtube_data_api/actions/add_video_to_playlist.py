from mcp_gateway.catalog import props

from ..app import api, app, playlist_item_summary, video_id


@app.action(
    "add-video-to-playlist",
    title="Add Video To Playlist",
    description=(
        "Add a YouTube video to one of the connected user's playlists, at the end or at a position. Any public video "
        "can be added, not only the user's own. Find the playlist with youtube_data_api-list-playlists."
    ),
    props={
        "playlistId": app.definition("playlistId"),
        "videoId": app.definition("videoId"),
        "position": props.integer(
            "Position", "Where in the playlist to put it, from 0 for the first; leave empty for the end. Only playlists "
            "sorted by hand take a position.", min=0, optional=True,
        ),
    },
    trim=playlist_item_summary,
)
async def add_video_to_playlist(ctx):
    snippet = {"playlistId": ctx.props.playlistId, "resourceId": {"kind": "youtube#video", "videoId": video_id(ctx.props.videoId)}}
    if ctx.props.get("position") is not None:
        snippet["position"] = ctx.props.position
    item = await api(ctx, "POST", "/playlistItems", params={"part": "snippet"}, json={"snippet": snippet})
    ctx.summary = f"Added {(item.get('snippet') or {}).get('title')!r} to the playlist"
    return item
