import asyncio
import posixpath

import httpx

from mcp_gateway.catalog import ActionError, props

from ..app import app, call, file_options, file_url


@app.action(
    "download-file",
    title="Download File to /tmp",
    description=(
        "Download a file sent to the bot (photo, document, voice note...) by its `file_id` and save it under "
        "/tmp for later steps. Bots can download files of up to 20 MB. Returns the saved path and size. "
        "To send a file instead, use telegram_bot_api-send-document."
    ),
    props={
        "fileId": props.string(
            "File ID",
            "The file's `file_id`, from a message's photo, document, audio, video or voice (see "
            "telegram_bot_api-get-updates), e.g. `BQACAgIAAxkBAAIBX2Zk...`. The choices list files in the bot's recent updates.",
            options=file_options,
        ),
        "filePath": props.string(
            "Save As",
            "Where to save it under /tmp, e.g. `/tmp/report.pdf`. Leave empty to use Telegram's file name.",
            optional=True,
        ),
    },
    stash="optional",
)
async def download_file(ctx):
    info = await call(ctx, "getFile", {"file_id": ctx.props.fileId})
    remote = info.get("file_path")
    if not remote:
        raise ActionError("Telegram has no download for this file (files over 20 MB cannot be downloaded by bots)")
    target_name = ctx.props.get("filePath") or f"/tmp/{posixpath.basename(remote)}"
    target = ctx.tmp_path(target_name)
    try:
        response = await ctx.http.get(file_url(ctx, remote), raise_for_status=False)
    except httpx.HTTPError as exc:
        raise ActionError(f"could not download the file from Telegram: {type(exc).__name__}") from None
    if response.status_code >= 400:
        raise ActionError(
            f"Telegram refused the download (HTTP {response.status_code}); the link expires after an hour, run the action again"
        )
    await asyncio.to_thread(_save, target, response.content)
    size = len(response.content)
    ctx.summary = f"Downloaded {size} bytes to {target_name}"
    return {"filePath": target_name, "size": size, "telegramPath": remote, "fileUniqueId": info.get("file_unique_id")}


def _save(target, content):
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
