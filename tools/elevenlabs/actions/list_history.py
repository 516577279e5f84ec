from mcp_gateway.catalog import props, within

from ..app import api, app, history_summary


@app.action(
    "list-history",
    title="List History",
    description=(
        "List past generations of this account (text to speech and more), newest first, with their IDs, text, voice, "
        "model and time; optionally by voice, model or words in the text. Get one with elevenlabs-get-history-item or "
        "its audio with elevenlabs-download-history-audio."
    ),
    props={
        "voiceId": app.definition("voiceId", optional=True,
                                  description="Only generations in this voice (an ID from elevenlabs-list-voices)."),
        "modelId": props.string("Model", "Only generations by this model, e.g. `eleven_multilingual_v2`.", optional=True),
        "search": props.string("Search", "Only generations whose text contains these words.", optional=True),
        "source": props.string("Source", "Only generations from text to speech (`TTS`), speech to speech (`STS`) or Flows.",
                               options=["TTS", "STS", "Flows"], optional=True),
        "limit": props.limit("history items"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("history", history_summary),
)
async def list_history(ctx):
    limit, after = ctx.props.limit, ctx.props.get("cursor")
    base = {name: ctx.props[prop] for prop, name in (("voiceId", "voice_id"), ("modelId", "model_id"), ("search", "search"),
                                                     ("source", "source")) if ctx.props.get(prop)}
    items = []
    while True:
        params = {**base, "page_size": limit - len(items)}
        if after:
            params["start_after_history_item_id"] = after
        data = await api(ctx, "GET", "/v1/history", params=params)
        page = data.get("history") or []
        items.extend(page)
        after = data.get("last_history_item_id") if data.get("has_more") else None
        if not after or not page or len(items) >= limit:
            break
    ctx.summary = f"Listed {len(items)} history items" + (" (more remain)" if after else "")
    return {"history": items, "next_cursor": after}
