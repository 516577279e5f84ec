from mcp_gateway.catalog import props

from ..app import api, app, playlist_summary


@app.action(
    "create-playlist",
    title="Create Playlist",
    description=(
        "Create a playlist on the connected user's YouTube channel, private unless asked otherwise. Add videos to it "
        "with youtube_data_api-add-video-to-playlist. Returns the playlist's ID and link."
    ),
    props={
        "title": props.string("Title", "The playlist's name, e.g. `Espresso guides`."),
        "description": props.string("Description", "What the playlist is about.", optional=True),
        "privacyStatus": props.string(
            "Privacy", "`private` (only the user), `unlisted` (anyone with the link) or `public`.",
            options=["private", "unlisted", "public"], optional=True, default="private",
        ),
    },
    trim=playlist_summary,
)
async def create_playlist(ctx):
    snippet = {"title": ctx.props.title}
    if ctx.props.get("description"):
        snippet["description"] = ctx.props.description
    body = {"snippet": snippet, "status": {"privacyStatus": ctx.props.get("privacyStatus") or "private"}}
    playlist = await api(ctx, "POST", "/playlists", params={"part": "snippet,status"}, json=body)
    ctx.summary = f"Created the {body['status']['privacyStatus']} playlist {ctx.props.title!r}"
    return playlist
