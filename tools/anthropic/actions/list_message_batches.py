from mcp_gateway.catalog import props

from ..app import app, batch_summary, call, next_after, page_params


@app.action(
    "list-message-batches",
    title="List Batches",
    description=(
        "List the account's message batches, newest first, with each one's status and request counts, and a "
        "cursor for the next page."
    ),
    props={
        "limit": props.integer("Limit", "How many batches to return (1 to 1000).", min=1, max=1000, default=20),
        "afterId": props.string(
            "After", "To get the next page, the `last_id` returned by the previous call.", optional=True,
        ),
    },
    read_only=True,
)
async def list_message_batches(ctx):
    data = await call(ctx, "GET", "/messages/batches", params=page_params(ctx.props.get("afterId"), ctx.props.limit))
    batches = [batch_summary(b) for b in data.get("data") or []]
    following = next_after(data)
    ctx.summary = f"Listed {len(batches)} batch{'es' if len(batches) != 1 else ''}{' (more available)' if following else ''}"
    return {"batches": batches, "has_more": bool(data.get("has_more")), "last_id": data.get("last_id")}
