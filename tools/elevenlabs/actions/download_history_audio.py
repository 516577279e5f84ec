from urllib.parse import quote

from mcp_gateway.catalog import props

from ..app import app, request, save_audio, saved

_EXTENSIONS = {"audio/mpeg": "mp3", "audio/wav": "wav", "audio/x-wav": "wav", "audio/ogg": "ogg", "audio/opus": "opus"}


@app.action(
    "download-history-audio",
    title="Download History Audio",
    description=(
        "Save the audio of a past generation under /tmp, to send or reuse it without paying for it again. Returns the "
        "saved path, size and type. Find the item with elevenlabs-list-history."
    ),
    props={
        "historyItemId": app.definition("historyItemId"),
        "filePath": props.string("File Path", "Where to save it under /tmp, e.g. `/tmp/intro.mp3`. Defaults to "
                                 "`/tmp/<history item ID>.<extension>`.", optional=True),
    },
    read_only=True,
    stash="optional",
)
async def download_history_audio(ctx):
    item_id = str(ctx.props.historyItemId).strip()
    response = await request(ctx, "GET", f"/v1/history/{quote(item_id, safe='')}/audio")
    kind = (response.headers.get("content-type") or "audio/mpeg").split(";")[0].strip()
    path = ctx.props.get("filePath") or f"/tmp/{item_id}.{_EXTENSIONS.get(kind, 'mp3')}"
    await save_audio(ctx, path, response.content)
    ctx.summary = f"Saved the audio of {item_id} ({len(response.content)} bytes) to {path}"
    return saved(path, response, historyItemId=item_id)
