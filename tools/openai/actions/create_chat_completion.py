from mcp_gateway.catalog import ActionError, props

from ..app import app, call

_ROLES = ("system", "developer", "user", "assistant")


def _reply(data):
    choice = (data.get("choices") or [{}])[0]
    usage = data.get("usage") or {}
    return {
        "id": data.get("id"),
        "model": data.get("model"),
        "content": (choice.get("message") or {}).get("content"),
        "finish_reason": choice.get("finish_reason"),
        "usage": {k: usage.get(k) for k in ("prompt_tokens", "completion_tokens", "total_tokens")},
    }


@app.action(
    "create-chat-completion",
    title="Chat Completion",
    description=(
        "Send a conversation to an OpenAI chat model with the Chat Completions API and return its reply. Give the "
        "user's message, optionally a system message and earlier turns of the conversation. Returns the reply text, "
        "why it stopped (`stop`, `length`...) and token usage. For a single prompt, web search or continuing by "
        "response ID, openai-create-response is simpler; to summarize or classify a text, use openai-summarize-text "
        "or openai-classify-text."
    ),
    props={
        "model": app.definition("textModel"),
        "userMessage": props.string(
            "User Message",
            "The latest message from the user, e.g. `Summarize the email below in one sentence: ...`.",
        ),
        "systemMessage": props.string(
            "System Message",
            "Instructions that set the assistant's behaviour, e.g. `You are a helpful assistant that answers in JSON.`",
            optional=True,
        ),
        "messages": props.object_list(
            "Earlier Messages",
            "Earlier turns, oldest first, each `{\"role\": \"user\" or \"assistant\", \"content\": \"...\"}`; they go "
            "between the system message and the user message.",
            optional=True,
        ),
        "temperature": app.definition("temperature"),
        "maxCompletionTokens": props.integer(
            "Max Completion Tokens",
            "The most tokens the reply may use, including reasoning tokens, e.g. `500`.",
            optional=True,
            min=1,
        ),
        "jsonMode": props.boolean(
            "JSON Output",
            "`true` makes the model answer with a valid JSON object. The messages must ask for JSON.",
            optional=True,
        ),
    },
    trim=_reply,
)
async def create_chat_completion(ctx):
    messages = []
    if ctx.props.get("systemMessage"):
        messages.append({"role": "system", "content": ctx.props.systemMessage})
    for i, message in enumerate(ctx.props.get("messages") or []):
        if message.get("role") not in _ROLES or not isinstance(message.get("content"), str):
            raise ActionError(
                f"messages[{i}] must look like {{\"role\": \"user\", \"content\": \"...\"}} with role one of {', '.join(_ROLES)}"
            )
        messages.append({"role": message["role"], "content": message["content"]})
    messages.append({"role": "user", "content": ctx.props.userMessage})
    body = {"model": ctx.props.model, "messages": messages}
    if ctx.props.get("temperature") is not None:
        body["temperature"] = ctx.props.temperature
    if ctx.props.get("maxCompletionTokens"):
        body["max_completion_tokens"] = ctx.props.maxCompletionTokens
    if ctx.props.get("jsonMode"):
        body["response_format"] = {"type": "json_object"}
    data = await call(ctx, "POST", "/chat/completions", json=body)
    choice = (data.get("choices") or [{}])[0]
    message = choice.get("message") or {}
    if message.get("refusal") and not message.get("content"):
        raise ActionError(f"The model refused to answer: {message['refusal']}")
    usage = data.get("usage") or {}
    ctx.summary = (
        f"Got a reply from {data.get('model')} ({usage.get('completion_tokens', 0)} tokens, "
        f"finish reason {choice.get('finish_reason')})"
    )
    return data
