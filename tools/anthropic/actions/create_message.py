from mcp_gateway.catalog import props

from ..app import app, call, conversation, message_result, stop_note


@app.action(
    "create-message",
    title="Ask Claude",
    description=(
        "Ask a Claude model a question or give it a task and return its reply, optionally with a system prompt, "
        "earlier turns of the conversation, a temperature and stop sequences. Returns the reply text, why it "
        "stopped (`end_turn`, `max_tokens`...) and token usage. To ask about an image or PDF, use "
        "anthropic-create-message-with-file; for many prompts at half the price, anthropic-create-message-batch; to "
        "check a prompt's size first, anthropic-count-tokens."
    ),
    props={
        "model": app.definition("model"),
        "userMessage": props.string(
            "Message",
            "What to ask or tell Claude, e.g. `Draft a polite reply declining the meeting below: ...`.",
        ),
        "system": app.definition("system"),
        "messages": app.definition("messages"),
        "maxTokens": app.definition("maxTokens"),
        "temperature": app.definition("temperature"),
        "stopSequences": props.string_list(
            "Stop Sequences",
            "Texts that make Claude stop writing when it produces them, e.g. `[\"###\"]`.",
            optional=True,
        ),
    },
    trim=message_result,
)
async def create_message(ctx):
    body = {
        "model": ctx.props.model,
        "max_tokens": ctx.props.maxTokens,
        "messages": conversation(ctx, ctx.props.userMessage),
    }
    if ctx.props.get("system"):
        body["system"] = ctx.props.system
    if ctx.props.get("temperature") is not None:
        body["temperature"] = ctx.props.temperature
    if ctx.props.get("stopSequences"):
        body["stop_sequences"] = ctx.props.stopSequences
    message = await call(ctx, "POST", "/messages", json=body)
    usage = message.get("usage") or {}
    ctx.summary = f"Claude ({message.get('model')}) replied with {usage.get('output_tokens', 0)} tokens{stop_note(message)}"
    return message
