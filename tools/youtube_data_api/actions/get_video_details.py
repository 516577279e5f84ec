from mcp_gateway.catalog import ActionError, each, props

from ..app import api, app, video_id, video_summary


@app.action(
    "get-video-details",
    title="Get Video Details",
    description=(
        "Read one or more YouTube videos (up to 50) by ID or link: title, description, channel, tags, duration "
        "(ISO 8601, e.g. `PT4M13S`), privacy, and view, like and comment counts. Videos that are private or gone are "
        "left out. To find videos, use youtube_data_api-search-videos."
    ),
    props={
        "videoIds": props.string_list(
            "Videos", "The videos' 11-character IDs or links, e.g. `[\"dQw4w9WgXcQ\"]`, from youtube_data_api-search-videos "
            "or youtube_data_api-list-channel-videos.",
        ),
    },
    read_only=True,
    trim=each(video_summary),
)
async def get_video_details(ctx):
    ids = list(dict.fromkeys(video_id(v) for v in ctx.props.videoIds or []))
    if not ids:
        raise ActionError("give at least one video ID or link")
    if len(ids) > 50:
        raise ActionError(f"{len(ids)} videos is more than the 50 YouTube reads at once; split them into calls")
    answer = await api(ctx, "GET", "/videos", params={"part": "snippet,contentDetails,statistics,status", "id": ",".join(ids)})
    videos = answer.get("items") or []
    missing = [i for i in ids if i not in {v.get("id") for v in videos}]
    ctx.summary = f"Read {len(videos)} video{'s' if len(videos) != 1 else ''}" + (f"; not found: {', '.join(missing)}" if missing else "")
    return videos
