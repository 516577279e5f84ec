from mcp_gateway.catalog import props

from ..app import app, call, check_response, incomplete_note, output_text


def response_summary(response):
    result = {
        "id": response.get("id"),
        "model": response.get("model"),
        "status": response.get("status"),
        "output_text": output_text(response),
        "usage": response.get("usage"),
    }
    citations = _citations(response)
    if citations:
        result["citations"] = citations
    if response.get("incomplete_details"):
        result["incomplete_details"] = response["incomplete_details"]
    return result


@app.action(
    "create-response",
    title="Generate Text (Responses API)",
    description=(
        "Ask an OpenAI model to answer a prompt with the Responses API and return its text. Optionally give "
        "instructions (a system prompt), continue an earlier response by its ID, or let the model search the web. "
        "Returns the text, the response ID (to continue the conversation) and token usage. To send a whole "
        "conversation with roles, use openai-create-chat-completion."
    ),
    props={
        "model": app.definition("textModel"),
        "input": props.string(
            "Prompt",
            "What to ask or tell the model, e.g. `Write a two-line product description for a steel water bottle`.",
        ),
        "instructions": props.string(
            "Instructions",
            "A system message that steers how the model answers, e.g. `You are a concise assistant. Answer in French.`",
            optional=True,
        ),
        "previousResponseId": props.string(
            "Previous Response ID",
            "To continue a conversation, the `id` of an earlier response (e.g. `resp_67ccd2bed1ec8190b14f964abc054267`); "
            "the model then sees that exchange. Instructions are not carried over.",
            optional=True,
        ),
        "webSearch": props.boolean(
            "Search the Web",
            "`true` lets the model search the web for current information and cite sources.",
            optional=True,
        ),
        "temperature": app.definition("temperature"),
        "maxOutputTokens": props.integer(
            "Max Output Tokens",
            "The most tokens the model may produce, including reasoning tokens, e.g. `1000`.",
            optional=True,
            min=16,
        ),
    },
    trim=response_summary,
)
async def create_response(ctx):
    body = {"model": ctx.props.model, "input": ctx.props.input}
    if ctx.props.get("instructions"):
        body["instructions"] = ctx.props.instructions
    if ctx.props.get("previousResponseId"):
        body["previous_response_id"] = ctx.props.previousResponseId
    if ctx.props.get("webSearch"):
        body["tools"] = [{"type": "web_search"}]
    if ctx.props.get("temperature") is not None:
        body["temperature"] = ctx.props.temperature
    if ctx.props.get("maxOutputTokens"):
        body["max_output_tokens"] = ctx.props.maxOutputTokens
    response = await call(ctx, "POST", "/responses", json=body)
    check_response(response)
    usage = response.get("usage") or {}
    ctx.summary = (
        f"Generated {usage.get('output_tokens', 0)} tokens with {response.get('model')}{incomplete_note(response)}"
    )
    return response



def _citations(response):
    found = []
    for item in response.get("output") or []:
        if item.get("type") != "message":
            continue
        for content in item.get("content") or []:
            for note in content.get("annotations") or []:
                if note.get("type") == "url_citation" and note.get("url") not in [c["url"] for c in found]:
                    found.append({"url": note.get("url"), "title": note.get("title")})
    return found
