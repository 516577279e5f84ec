from mcp_gateway.catalog import props, within

from ..app import api, app, voice_summary


@app.action(
    "list-voices",
    title="List Voices",
    description=(
        "List the voices this ElevenLabs account can use (premade, cloned, generated and saved from the library), with "
        "their IDs, names, categories and labels (accent, age, gender, use case), optionally searched or filtered. "
        "Use a voice ID in elevenlabs-text-to-speech; for one voice's settings use elevenlabs-get-voice."
    ),
    props={
        "search": props.string("Search", "Words to look for in the name, description, labels and category, e.g. `british narrator`.",
                               optional=True),
        "category": props.string("Category", "Only voices of this kind.", options=["premade", "cloned", "generated", "professional"],
                                 optional=True),
        "voiceType": props.string(
            "Voice Type", "Only `personal` (made by this account), `community`, `default`, `workspace` or `saved` voices.",
            options=["personal", "community", "default", "workspace", "non-default", "saved"], optional=True),
        "limit": props.limit("voices"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("voices", voice_summary),
)
async def list_voices(ctx):
    limit, token = ctx.props.limit, ctx.props.get("cursor")
    base = {name: ctx.props[prop] for prop, name in (("search", "search"), ("category", "category"), ("voiceType", "voice_type"))
            if ctx.props.get(prop)}
    voices, total = [], None
    while True:
        params = {**base, "page_size": min(100, limit - len(voices)), "include_total_count": "true"}
        if token:
            params["next_page_token"] = token
        data = await api(ctx, "GET", "/v2/voices", params=params)
        page = data.get("voices") or []
        voices.extend(page)
        total = data.get("total_count", total)
        token = data.get("next_page_token") if data.get("has_more") else None
        if not token or not page or len(voices) >= limit:
            break
    ctx.summary = f"Listed {len(voices)} voices" + (f" of {total}" if total is not None else "")
    return {"voices": voices, "total": total, "next_cursor": token}
