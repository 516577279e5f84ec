from ..app import api, app


@app.action(
    "get-credit-usage",
    title="Get Credit Usage",
    description="How many Firecrawl credits the team has left: check before a large crawl.",
    read_only=True,
    trim=lambda answer: {"remaining_credits": (answer.get("data") or {}).get("remaining_credits")},
)
async def get_credit_usage(ctx):
    answer = await api(ctx, "GET", "/team/credit-usage")
    ctx.summary = f"{(answer.get('data') or {}).get('remaining_credits')} credits left"
    return answer
