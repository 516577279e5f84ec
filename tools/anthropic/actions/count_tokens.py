from mcp_gateway.catalog import props

from ..app import app, call, conversation


@app.action(
    "count-tokens",
    title="Count Tokens",
    description=(
        "Count how many input tokens a message to Claude would use (system prompt and conversation included), "
        "without sending it, e.g. to check it fits the context window or to estimate cost. Free to use. To get "
        "Claude's answer, use anthropic-create-message."
    ),
    props={
        "model": app.definition("model"),
        "userMessage": props.string("Message", "The message to count, e.g. the full text of a document."),
        "system": app.definition("system"),
        "messages": app.definition("messages"),
    },
    read_only=True,
)
async def count_tokens(ctx):
    body = {"model": ctx.props.model, "messages": conversation(ctx, ctx.props.userMessage)}
    if ctx.props.get("system"):
        body["system"] = ctx.props.system
    data = await call(ctx, "POST", "/messages/count_tokens", json=body)
    tokens = data.get("input_tokens")
    ctx.summary = f"The message would use {tokens} input tokens on {ctx.props.model}"
    return {"input_tokens": tokens, "model": ctx.props.model}
