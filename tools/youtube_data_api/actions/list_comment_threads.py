from mcp_gateway.catalog import props, within

from ..app import app, collect, comment_thread_summary, video_id


@app.action(
    "list-comment-threads",
    title="List Video Comments",
    description=(
        "List the top-level comments on a YouTube video, newest first or most relevant first, with their authors, "
        "plain text, likes and reply counts."
    ),
    props={
        "videoId": app.definition("videoId"),
        "order": props.string(
            "Order", "`time` (newest first, default) or `relevance`.", options=["time", "relevance"], optional=True, default="time",
        ),
        "searchTerms": props.string("Containing", "Only comments containing these words.", optional=True),
        "limit": props.limit("comments"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("comments", comment_thread_summary),
)
async def list_comment_threads(ctx):
    params = {"part": "snippet", "videoId": video_id(ctx.props.videoId), "order": ctx.props.get("order") or "time",
              "textFormat": "plainText"}
    if ctx.props.get("searchTerms"):
        params["searchTerms"] = ctx.props.searchTerms
    threads, token = await collect(ctx, "/commentThreads", limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
                                   params=params, page_size=100)
    ctx.summary = f"Listed {len(threads)} comment{'s' if len(threads) != 1 else ''}"
    return {"comments": threads, "next_cursor": token}
