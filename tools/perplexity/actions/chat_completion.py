from ..app import answer_summary, answer_text, api, app, chat_props, chat_request


@app.action(
    "chat-completion",
    title="Ask Perplexity",
    description=(
        "Ask a Sonar model a question and get an answer written from a live web search, with the sources it cites "
        "(`citations`, numbered like the answer's [1], [2] markers) and the search results it read. Use it for current "
        "facts and research questions. For the ranked pages alone, without an answer, use perplexity-search; for "
        "sonar-deep-research, which can take minutes, prefer perplexity-create-async-chat-completion."
    ),
    props=chat_props(
        "sonar",
        "`sonar` (fast, cheap), `sonar-pro` (more sources, harder questions), `sonar-reasoning-pro` (thinks step by "
        "step first) or `sonar-deep-research` (an exhaustive report; slow).",
    ),
    trim=answer_summary,
)
async def chat_completion(ctx):
    completion = await api(ctx, "POST", "/chat/completions", json=chat_request(ctx))
    cited = len(completion.get("citations") or [])
    ctx.summary = f"{completion.get('model') or ctx.props.model} answered in {len(answer_text(completion) or '')} characters citing {cited} sources"
    return completion
