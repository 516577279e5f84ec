"""Perplexity: answers grounded in live web search (the Sonar models), raw web search results,
and long deep-research jobs run in the background."""

from mcp_gateway.catalog import ActionError, App, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API = "https://api.perplexity.ai"

MODELS = ["sonar", "sonar-pro", "sonar-reasoning-pro", "sonar-deep-research"]
RECENCY = ["hour", "day", "week", "month", "year"]


def _headers(auth):
    return {"Authorization": f"Bearer {auth['api_key']}"} if auth.get("api_key") else {}


async def _account_test(ctx):
    """Listing the key's async jobs costs nothing and needs a valid key."""
    await api(ctx, "GET", "/async/chat/completions", params={"limit": 1})
    return None


app = App(
    "perplexity",
    "Perplexity",
    "Ask Perplexity's Sonar models questions answered from live web search, with the sources they cite; get ranked "
    "web search results; and run deep research as a background job.",
    auth=Keys([KeyField("api_key", "API Key", "A Perplexity API key (starts with `pplx-`), from the API Keys tab of "
                        "https://www.perplexity.ai/account/api.")]),
    categories=["Artificial Intelligence"],
    featured_weight=60,
    base_url=API,
    allowed_domains=["api.perplexity.ai"],
    auth_headers=_headers,
    test=_account_test,
)


_STATUS_HINTS = {
    400: "fix the values named in the message",
    401: "Perplexity rejected the API key; the user should reconnect Perplexity with a valid key",
    402: "the Perplexity account has no credit left; add credit in the API billing settings",
    403: "this key may not use that model or feature; check the Perplexity API tier",
    404: "no async job has that ID for this key; list them with perplexity-list-async-chat-completions",
    422: "a value is not one the API accepts; see the message",
}


def perplexity_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    error = data.get("error") if isinstance(data, dict) else None
    if isinstance(error, dict):
        message = error.get("message") or error.get("type")
    else:
        message = error or (data.get("detail") if isinstance(data, dict) else None)
    message = message if isinstance(message, str) else (str(message) if message else response.text[:300] or response.reason_phrase)
    retry_after = retry_after_seconds(response)
    if status == 429:
        hint = f"rate limited by Perplexity; {'retry after %g s' % retry_after if retry_after is not None else 'retry in a minute'}"
    elif status in _STATUS_HINTS:
        hint = _STATUS_HINTS[status]
    elif status >= 500:
        hint = "Perplexity had a server error; retrying later may work"
    else:
        hint = "fix the request values named in the message"
    return UpstreamError(f"Perplexity API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise perplexity_error(method, path, response)
    return response.json() if response.content else {}


def domains(value):
    """Domains to search or (with a leading `-`) to skip, as the search_domain_filter takes them."""
    items = [str(d).strip() for d in value or [] if str(d).strip()]
    if any("/" in d for d in items):
        raise ActionError("domain filters take bare domains such as `nature.com` or `-reddit.com`, without https:// or paths")
    if len(items) > 20:
        raise ActionError("Perplexity takes at most 20 domains in a domain filter")
    return items


def messages(ctx):
    """The conversation: an optional system prompt, earlier turns, then the question."""
    chat = []
    if ctx.props.get("systemPrompt"):
        chat.append({"role": "system", "content": ctx.props.systemPrompt})
    for turn in ctx.props.get("history") or []:
        if not isinstance(turn, dict) or turn.get("role") not in ("user", "assistant") or not turn.get("content"):
            raise ActionError("each history turn is `{\"role\": \"user\" | \"assistant\", \"content\": \"...\"}`")
        chat.append({"role": turn["role"], "content": turn["content"]})
    if not str(ctx.props.question or "").strip():
        raise ActionError("give a question to answer")
    chat.append({"role": "user", "content": ctx.props.question})
    return chat


def chat_request(ctx):
    """The chat completion body shared by the direct and the async actions."""
    body = {"model": ctx.props.model, "messages": messages(ctx)}
    if ctx.props.get("searchDomainFilter"):
        body["search_domain_filter"] = domains(ctx.props.searchDomainFilter)
    for prop, field in (("searchRecencyFilter", "search_recency_filter"), ("searchAfterDate", "search_after_date_filter"),
                        ("searchBeforeDate", "search_before_date_filter"), ("searchMode", "search_mode"),
                        ("reasoningEffort", "reasoning_effort"), ("maxTokens", "max_tokens")):
        if ctx.props.get(prop) not in (None, ""):
            body[field] = ctx.props[prop]
    if ctx.props.get("temperature") is not None:
        body["temperature"] = ctx.props.temperature
    if ctx.props.get("searchContextSize"):
        body["web_search_options"] = {"search_context_size": ctx.props.searchContextSize}
    return body


def answer_text(completion):
    choices = (completion or {}).get("choices") or []
    content = ((choices[0] if choices else {}).get("message") or {}).get("content")
    if isinstance(content, list):
        content = "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return content


def answer_summary(completion):
    """The answer, the sources it cites (numbered as its [1], [2] markers), and the cost."""
    completion = completion or {}
    usage = completion.get("usage") or {}
    choices = completion.get("choices") or []
    return {
        "id": completion.get("id"),
        "model": completion.get("model"),
        "answer": answer_text(completion),
        "finish_reason": (choices[0] if choices else {}).get("finish_reason"),
        "citations": completion.get("citations") or [],
        "search_results": [{"title": r.get("title"), "url": r.get("url"), "date": r.get("date")}
                           for r in completion.get("search_results") or []],
        "usage": {"total_tokens": usage.get("total_tokens"), "cost": (usage.get("cost") or {}).get("total_cost")},
    }


def job_summary(job):
    return {
        "id": job.get("id"),
        "model": job.get("model"),
        "status": job.get("status"),
        "created_at": job.get("created_at"),
        "started_at": job.get("started_at"),
        "completed_at": job.get("completed_at"),
        "failed_at": job.get("failed_at"),
        **({"error_message": job["error_message"]} if job.get("error_message") else {}),
        **({"result": answer_summary(job["response"])} if job.get("response") else {}),
    }


async def _job_options(ctx):
    params = {"limit": 50}
    if ctx.prev_context.get("next_token"):
        params["next_token"] = ctx.prev_context["next_token"]
    data = await api(ctx, "GET", "/async/chat/completions", params=params)
    options = [Option(label=f"{j.get('model')} {j.get('status')} ({j.get('id')})", value=j["id"])
               for j in data.get("requests") or [] if j.get("id")]
    following = data.get("next_token")
    return OptionsPage(options=options, context={"next_token": following} if following else None)


app.define(
    "requestId",
    props.string(
        "Request ID",
        "The ID of an async job, as perplexity-create-async-chat-completion or perplexity-list-async-chat-completions "
        "return it. The choices list this key's jobs, newest first.",
        options=_job_options,
    ),
)


def chat_props(model_default, model_description):
    """The props of a chat request, for the direct and the async actions alike."""
    return {
        "question": props.string("Question", "What to ask, e.g. `What changed in the EU AI Act this month?`."),
        "model": props.string("Model", model_description, options=MODELS, default=model_default),
        "systemPrompt": props.string(
            "System Prompt", "Instructions on how to answer, e.g. `Answer in three bullet points.`. Search does not read it.",
            optional=True),
        "history": props.object_list(
            "Earlier Turns",
            "Earlier turns of the conversation, oldest first, alternating user and assistant: "
            "`[{\"role\": \"user\", \"content\": \"...\"}, {\"role\": \"assistant\", \"content\": \"...\"}]`.",
            optional=True),
        "searchDomainFilter": props.string_list(
            "Domain Filter",
            "Search only these domains, e.g. `[\"nature.com\", \"arxiv.org\"]`, or skip domains by a leading `-`, e.g. "
            "`[\"-reddit.com\"]` (one or the other, at most 20).",
            optional=True),
        "searchRecencyFilter": props.string("Recency", "Only sources published in the last hour, day, week, month or year.",
                                            options=RECENCY, optional=True),
        "searchAfterDate": props.string("Published After", "Only sources published after this date, as `%m/%d/%Y`, e.g. `3/1/2025`.",
                                        optional=True),
        "searchBeforeDate": props.string("Published Before", "Only sources published before this date, as `%m/%d/%Y`.",
                                         optional=True),
        "searchMode": props.string("Search Mode", "`web` (the default), `academic` for scholarly sources, or `sec` for SEC filings.",
                                   options=["web", "academic", "sec"], optional=True),
        "searchContextSize": props.string(
            "Search Context Size", "How much search content the model reads: `low` (cheapest), `medium` or `high` (most thorough).",
            options=["low", "medium", "high"], optional=True),
        "reasoningEffort": props.string(
            "Reasoning Effort", "For sonar-deep-research only: `low`, `medium` or `high` (deeper, slower, more tokens).",
            options=["low", "medium", "high"], optional=True),
        "maxTokens": props.integer("Max Tokens", "The most tokens the answer may have.", min=1, optional=True),
        "temperature": props.any_value("Temperature", "Randomness from 0 to 2 (default 0.2); lower is more focused.",
                                       optional=True, json_schema={"type": "number", "minimum": 0, "maximum": 2}),
    }
