from ..app import app, batch_summary, call, quoted


@app.action(
    "cancel-message-batch",
    title="Cancel Batch",
    description=(
        "Cancel a message batch that is still processing. Requests not yet processed are canceled; the batch "
        "goes to `canceling` and then `ended`, and the results keep whatever finished before. To remove an ended "
        "batch and its results, use anthropic-delete-message-batch."
    ),
    props={"batchId": app.definition("batch")},
    destructive=True,
    trim=batch_summary,
)
async def cancel_message_batch(ctx):
    batch = await call(ctx, "POST", f"/messages/batches/{quoted(ctx.props.batchId)}/cancel")
    ctx.summary = f"Asked to cancel batch {batch.get('id')}; it is now {batch.get('processing_status')}"
    return batch
