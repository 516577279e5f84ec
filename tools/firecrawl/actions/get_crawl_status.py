from mcp_gateway.catalog import ActionError, props

from ..app import API, api, app, crawl_path, page_summary


def _status(answer):
    return {"status": answer.get("status"), "completed": answer.get("completed"), "total": answer.get("total"),
            "credits_used": answer.get("creditsUsed"), "expires_at": answer.get("expiresAt"),
            "pages": [page_summary(p) for p in answer.get("data") or []], "next_cursor": answer.get("next")}


@app.action(
    "get-crawl-status",
    title="Get Crawl Status",
    description=(
        "See how a crawl started with firecrawl-crawl-site is going and get the pages scraped so far. While `status` is "
        "`scraping`, call it again later; when results are many, pass `next_cursor` back to get the rest. Results are "
        "kept for 24 hours."
    ),
    props={"crawlId": app.definition("crawlId"), "cursor": props.cursor()},
    read_only=True,
    trim=_status,
)
async def get_crawl_status(ctx):
    cursor = ctx.props.get("cursor")
    if cursor and not cursor.startswith(f"{API}/crawl/"):
        raise ActionError("cursor must be the `next_cursor` this action returned, unchanged")
    answer = await api(ctx, "GET", cursor or crawl_path(ctx.props.crawlId))
    ctx.summary = f"Crawl {answer.get('status')}: {answer.get('completed', 0)} of {answer.get('total', 0)} pages"
    return answer
