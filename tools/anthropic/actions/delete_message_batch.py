from ..app import app, call, quoted


@app.action(
    "delete-message-batch",
    title="Delete Batch",
    description=(
        "Delete a message batch and its results. Only batches that have ended can be deleted; cancel a running "
        "batch first with anthropic-cancel-message-batch. Find batch IDs with anthropic-list-message-batches."
    ),
    props={"batchId": app.definition("batch")},
    destructive=True,
)
async def delete_message_batch(ctx):
    data = await call(ctx, "DELETE", f"/messages/batches/{quoted(ctx.props.batchId)}")
    ctx.summary = f"Deleted message batch {data.get('id') or ctx.props.batchId}"
    return {"id": data.get("id") or ctx.props.batchId, "deleted": data.get("type") == "message_batch_deleted"}
