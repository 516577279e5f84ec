from ..app import api, app, crawl_path


@app.action(
    "cancel-crawl",
    title="Cancel Crawl",
    description="Stop a crawl started with firecrawl-crawl-site; pages already scraped stay readable with firecrawl-get-crawl-status.",
    props={"crawlId": app.definition("crawlId")},
    idempotent=True,
)
async def cancel_crawl(ctx):
    answer = await api(ctx, "DELETE", crawl_path(ctx.props.crawlId))
    ctx.summary = f"Crawl {ctx.props.crawlId} {answer.get('status') or 'cancelled'}"
    return {"crawl_id": ctx.props.crawlId, "status": answer.get("status")}
