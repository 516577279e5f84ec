from mcp_gateway.catalog import ActionError, props

from ..app import ROUTER, api, app


def _answer(completion):
    choices = completion.get("choices") or []
    choice = choices[0] if choices else {}
    usage = completion.get("usage") or {}
    return {
        "id": completion.get("id"),
        "model": completion.get("model"),
        "answer": (choice.get("message") or {}).get("content"),
        "finish_reason": choice.get("finish_reason"),
        "usage": {"prompt_tokens": usage.get("prompt_tokens"), "completion_tokens": usage.get("completion_tokens"),
                  "total_tokens": usage.get("total_tokens")},
    }


@app.action(
    "chat-completion",
    title="Chat with an Open Model",
    description=(
        "Ask an open model (Llama, Qwen, DeepSeek, Mistral, gpt-oss and more) a question through Hugging Face "
        "Inference Providers, which route it to a provider that serves the model (pick one with `model:provider`). "
        "Returns the answer text and token usage. To find chat models use huggingface-search-models with "
        "`inferenceProvider` set to `all`."
    ),
    props={
        "model": app.definition("chatModel"),
        "prompt": props.string("Prompt", "The user's message, e.g. `Summarize the plot of Hamlet in two sentences.`."),
        "systemPrompt": props.string("System Prompt", "Instructions for the model, e.g. `Answer in French.`.", optional=True),
        "history": props.object_list(
            "Earlier Turns", "Earlier turns, oldest first: `[{\"role\": \"user\", \"content\": \"...\"}, {\"role\": "
            "\"assistant\", \"content\": \"...\"}]`.", optional=True),
        "maxTokens": props.integer("Max Tokens", "The most tokens the answer may have.", min=1, optional=True),
        "temperature": props.any_value("Temperature", "Randomness from 0 to 2; lower is more focused.", optional=True,
                                       json_schema={"type": "number", "minimum": 0, "maximum": 2}),
        "topP": props.any_value("Top P", "Nucleus sampling, from 0 to 1; change this or temperature, not both.",
                                optional=True, json_schema={"type": "number", "minimum": 0, "maximum": 1}),
        "seed": props.integer("Seed", "A number for repeatable answers, where the provider supports it.", optional=True),
        "responseFormat": props.obj(
            "Response Format", "To get JSON back: `{\"type\": \"json_schema\", \"json_schema\": {\"name\": \"answer\", "
            "\"schema\": {...}}}` or `{\"type\": \"json_object\"}`.", optional=True),
    },
    trim=_answer,
)
async def chat_completion(ctx):
    messages = []
    if ctx.props.get("systemPrompt"):
        messages.append({"role": "system", "content": ctx.props.systemPrompt})
    for turn in ctx.props.get("history") or []:
        if not isinstance(turn, dict) or turn.get("role") not in ("user", "assistant", "system") or "content" not in turn:
            raise ActionError("each earlier turn is `{\"role\": \"user\" | \"assistant\", \"content\": \"...\"}`")
        messages.append({"role": turn["role"], "content": turn["content"]})
    messages.append({"role": "user", "content": ctx.props.prompt})
    body = {"model": str(ctx.props.model).strip(), "messages": messages}
    for prop, field in (("maxTokens", "max_tokens"), ("temperature", "temperature"), ("topP", "top_p"), ("seed", "seed"),
                        ("responseFormat", "response_format")):
        if ctx.props.get(prop) is not None:
            body[field] = ctx.props[prop]
    completion = await api(ctx, "POST", f"{ROUTER}/v1/chat/completions", json=body)
    usage = completion.get("usage") or {}
    ctx.summary = f"{completion.get('model') or body['model']} answered ({usage.get('total_tokens')} tokens)"
    return completion
