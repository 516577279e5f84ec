import json

from mcp_gateway.catalog import ActionError, props, within

from ..app import app, call, quoted, request, save_tmp_file, text_of


@app.action(
    "get-message-batch-results",
    title="Get Batch Results",
    description=(
        "Read the answers of a message batch that has ended: for each request (by custom_id) Claude's reply text "
        "or the error, a page at a time (every result is counted). Optionally also saves the full results (.jsonl) "
        "under /tmp. Results may come in any order. Check first with anthropic-get-message-batch that it has ended."
    ),
    props={
        "batchId": app.definition("batch"),
        "limit": props.limit("results"),
        "cursor": props.cursor(),
        "filePath": props.string(
            "Save To",
            "Also save the raw results, one JSON object per line, under /tmp, e.g. `/tmp/batch_results.jsonl`.",
            optional=True,
        ),
    },
    read_only=True,
    stash="optional",
    trim=within("results", lambda entry: _result(entry.get("custom_id"), entry.get("result") or {})),
)
async def get_message_batch_results(ctx):
    batch = await call(ctx, "GET", f"/messages/batches/{quoted(ctx.props.batchId)}")
    status = batch.get("processing_status")
    if status != "ended" or not batch.get("results_url"):
        raise ActionError(
            f"batch {ctx.props.batchId} is {status}; results are available once it has ended (check it with "
            "anthropic-get-message-batch)"
        )
    response = await request(ctx, "GET", batch["results_url"], headers={"Accept": "application/binary"})
    lines = [line for line in response.text.splitlines() if line.strip()]
    entries, counts = [], {}
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        kind = (entry.get("result") or {}).get("type") or "unknown"
        counts[kind] = counts.get(kind, 0) + 1
        entries.append(entry)
    # The cursor counts the results already returned; the file is read whole each time.
    start = _offset(ctx.props.get("cursor"))
    end = start + ctx.props.limit
    results = entries[start:end]
    if ctx.props.get("filePath"):
        await save_tmp_file(ctx, ctx.props.filePath, response.content)
    tally = ", ".join(f"{n} {k}" for k, n in counts.items())
    saved = f", saved to {ctx.props.filePath}" if ctx.props.get("filePath") else ""
    ctx.summary = f"Read {len(lines)} result{'s' if len(lines) != 1 else ''} of batch {ctx.props.batchId} ({tally or 'none'}){saved}"
    out = {
        "batch_id": ctx.props.batchId,
        "total": len(lines),
        "counts": counts,
        "results": results,
        "next_cursor": str(end) if end < len(entries) else None,
    }
    if ctx.props.get("filePath"):
        out["filePath"] = ctx.props.filePath
    return out


def _result(custom_id, outcome):
    kind = outcome.get("type")
    item = {"custom_id": custom_id, "type": kind}
    if kind == "succeeded":
        message = outcome.get("message") or {}
        item.update(text=text_of(message), stop_reason=message.get("stop_reason"), usage=message.get("usage"))
    elif kind == "errored":
        error = outcome.get("error") or {}
        error = error.get("error") if isinstance(error.get("error"), dict) else error
        item["error"] = {"type": error.get("type"), "message": error.get("message")}
    return item


def _offset(cursor):
    if cursor in (None, ""):
        return 0
    if not str(cursor).isdigit():
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass `next_cursor` from the previous result unchanged")
    return int(cursor)
