from mcp_gateway.catalog import props, within

from ..app import app, batch_summary, call, next_after, page_params


@app.action(
    "list-message-batches",
    title="List Batches",
    description=(
        "List the account's message batches, newest first, with each one's status and request counts, and a "
        "`next_cursor` for the next page. For one batch's progress use anthropic-get-message-batch; for its "
        "answers, anthropic-get-message-batch-results."
    ),
    props={
        "limit": props.limit("batches"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("batches", batch_summary),
)
async def list_message_batches(ctx):
    data = await call(ctx, "GET", "/messages/batches", params=page_params(ctx.props.get("cursor"), ctx.props.limit))
    batches = data.get("data") or []
    following = next_after(data)
    ctx.summary = f"Listed {len(batches)} batch{'es' if len(batches) != 1 else ''}{' (more available)' if following else ''}"
    return {"batches": batches, "next_cursor": following}
