from urllib.parse import quote

from ..app import api, app, history_summary


@app.action(
    "get-history-item",
    title="Get History Item",
    description=(
        "Read one past generation: its text, voice, model, time, characters charged and the settings used. For its "
        "audio file use elevenlabs-download-history-audio."
    ),
    props={"historyItemId": app.definition("historyItemId")},
    read_only=True,
    trim=lambda item: {**history_summary(item), "settings": item.get("settings"), "output_format": item.get("output_format")},
)
async def get_history_item(ctx):
    item = await api(ctx, "GET", f"/v1/history/{quote(str(ctx.props.historyItemId).strip(), safe='')}")
    ctx.summary = f"Read history item {item.get('history_item_id')} ({item.get('voice_name')}, {item.get('model_id')})"
    return item
