import re

from mcp_gateway.catalog import ActionError, props

from ..app import app, batch_summary, call

_CUSTOM_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


@app.action(
    "create-message-batch",
    title="Create Batch of Prompts",
    description=(
        "Send many prompts to Claude at once as a message batch, processed asynchronously within 24 hours at half "
        "the price. Give simple prompts (sharing one model, system prompt and max tokens) or full requests. "
        "Returns the batch ID to check with anthropic-get-message-batch and read with anthropic-get-message-batch-results."
    ),
    props={
        "prompts": props.string_list(
            "Prompts",
            "The user messages to send, one request each, e.g. `[\"Summarize: ...\", \"Translate to German: ...\"]`. "
            "Their results are named `prompt-1`, `prompt-2`... in order.",
            optional=True,
        ),
        "requests": props.object_list(
            "Requests",
            "Full requests instead of (or besides) prompts, each `{\"custom_id\": \"ticket-42\", \"params\": {Messages "
            "API body}}` or the short form `{\"custom_id\": \"ticket-42\", \"prompt\": \"...\"}`. custom_id is up to 64 "
            "letters, digits, `-` and `_`, unique in the batch. Missing model and max_tokens come from the props below.",
            optional=True,
        ),
        "model": app.definition("model"),
        "system": app.definition("system"),
        "maxTokens": app.definition("maxTokens"),
    },
    trim=batch_summary,
)
async def create_message_batch(ctx):
    defaults = {"model": ctx.props.model, "max_tokens": ctx.props.maxTokens}
    if ctx.props.get("system"):
        defaults["system"] = ctx.props.system
    requests = [
        {"custom_id": f"prompt-{i}", "params": {**defaults, "messages": [{"role": "user", "content": prompt}]}}
        for i, prompt in enumerate(ctx.props.get("prompts") or [], start=1)
    ]
    for i, item in enumerate(ctx.props.get("requests") or []):
        requests.append(_request(i, item, defaults))
    if not requests:
        raise ActionError("give prompts or requests: the batch needs at least one request")
    seen = set()
    for item in requests:
        if item["custom_id"] in seen:
            raise ActionError(f"custom_id {item['custom_id']!r} is used twice; each request needs its own")
        seen.add(item["custom_id"])
    batch = await call(ctx, "POST", "/messages/batches", json={"requests": requests})
    ctx.summary = f"Created message batch {batch.get('id')} with {len(requests)} request{'s' if len(requests) != 1 else ''}"
    return batch


def _request(i, item, defaults):
    custom_id = item.get("custom_id")
    if not isinstance(custom_id, str) or not _CUSTOM_ID.match(custom_id):
        raise ActionError(f"requests[{i}].custom_id must be 1 to 64 letters, digits, `-` or `_`, e.g. `ticket-42`")
    if isinstance(item.get("params"), dict):
        params = {**defaults, **item["params"]}
    elif isinstance(item.get("prompt"), str) and item["prompt"]:
        params = {**defaults, "messages": [{"role": "user", "content": item["prompt"]}]}
    else:
        raise ActionError(f"requests[{i}] needs `params` (a Messages API body) or `prompt` (a user message)")
    if not params.get("messages"):
        raise ActionError(f"requests[{i}].params needs `messages`")
    return {"custom_id": custom_id, "params": params}
