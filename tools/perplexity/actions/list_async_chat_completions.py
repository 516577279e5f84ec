from mcp_gateway.catalog import props, within

from ..app import api, app, job_summary


@app.action(
    "list-async-chat-completions",
    title="List Deep Research Jobs",
    description=(
        "List the background jobs of this API key, newest first, with their IDs, models and status (no answers). "
        "Read one job's answer with perplexity-get-async-chat-completion."
    ),
    props={"limit": props.limit("jobs"), "cursor": props.cursor()},
    read_only=True,
    trim=within("requests", job_summary),
)
async def list_async_chat_completions(ctx):
    limit, token = ctx.props.limit, ctx.props.get("cursor")
    jobs = []
    while True:
        params = {"limit": limit - len(jobs)}
        if token:
            params["next_token"] = token
        data = await api(ctx, "GET", "/async/chat/completions", params=params)
        page = data.get("requests") or []
        jobs.extend(page[: limit - len(jobs)])
        token = data.get("next_token") or None
        if not token or not page or len(jobs) >= limit:
            break
    ctx.summary = f"Listed {len(jobs)} async jobs" + (" (more remain)" if token else "")
    return {"requests": jobs, "next_cursor": token}
