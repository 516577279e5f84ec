from ..app import app, batch_summary, call, quoted


@app.action(
    "get-message-batch",
    title="Get Batch",
    description=(
        "Check a message batch: whether it is still `in_progress`, `canceling` or `ended`, and how many requests "
        "succeeded, errored, were canceled or expired. Once ended, read the answers with "
        "anthropic-get-message-batch-results. To find a batch ID, use anthropic-list-message-batches."
    ),
    props={"batchId": app.definition("batch")},
    read_only=True,
    trim=batch_summary,
)
async def get_message_batch(ctx):
    batch = await call(ctx, "GET", f"/messages/batches/{quoted(ctx.props.batchId)}")
    counts = batch.get("request_counts") or {}
    done = ", ".join(f"{n} {k}" for k, n in counts.items() if n)
    ctx.summary = f"Batch {batch.get('id')} is {batch.get('processing_status')}" + (f" ({done})" if done else "")
    return batch
