from mcp_gateway.catalog import props, within

from ..app import api, app, channel_query, find_channel, search_summary

ORDERS = ["relevance", "date", "viewCount", "rating", "title"]


@app.action(
    "search-videos",
    title="Search Videos",
    description=(
        "Search YouTube for videos matching words, optionally only one channel's, newer than a date, or ordered by "
        "date or views. Returns each video's ID, title, channel and link; for view counts and duration pass the IDs to "
        "youtube_data_api-get-video-details. Each search page costs 100 of the project's 10,000 daily quota units, so "
        "for one channel's uploads in order youtube_data_api-list-channel-videos is far cheaper."
    ),
    props={
        "q": props.string("Query", "What to search for, e.g. `home espresso tutorial`. Leave empty with a channel to list its videos by relevance.", optional=True),
        "channel": props.string(
            "Channel", "Only this channel's videos: its ID (`UC…`), handle (`@name`) or channel link. Leave empty for all of YouTube.",
            optional=True,
        ),
        "order": props.string(
            "Order", "`relevance` (default), `date` (newest first), `viewCount`, `rating` or `title`.",
            options=ORDERS, optional=True, default="relevance",
        ),
        "publishedAfter": props.string("Published After", "Only videos published after this time, e.g. `2026-01-01T00:00:00Z`.", optional=True),
        "limit": props.limit("videos", maximum=50),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("videos", search_summary),
)
async def search_videos(ctx):
    params = {"part": "snippet", "type": "video", "order": ctx.props.get("order") or "relevance"}
    if ctx.props.get("q"):
        params["q"] = ctx.props.q
    if ctx.props.get("publishedAfter"):
        params["publishedAfter"] = ctx.props.publishedAfter
    if ctx.props.get("channel"):
        query = channel_query(ctx.props.channel)
        params["channelId"] = query["id"] if "id" in query else (await find_channel(ctx, ctx.props.channel, "id"))["id"]
    # A search page holds up to 50 results, the most `limit` allows, so one request answers the call.
    params["maxResults"] = ctx.props.limit
    if ctx.props.get("cursor"):
        params["pageToken"] = ctx.props.cursor
    page = await api(ctx, "GET", "/search", params=params)
    videos = page.get("items") or []
    ctx.summary = f"Found {len(videos)} video{'s' if len(videos) != 1 else ''}" + (f" for {ctx.props.q!r}" if ctx.props.get("q") else "")
    return {"videos": videos, "next_cursor": page.get("nextPageToken")}

