"""Request bodies over the size limit answer 413 before they are read whole: at once when
Content-Length says so, else as soon as the bytes received pass the limit (chunked bodies).

Multipart bodies (file uploads) have the upload limit, every other body the body limit.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mcp_gateway.http_json import dump_json


class BodyTooLarge(Exception):
    """Raised from `receive` once the body passes the limit; `BodyLimit` answers 413 for it."""


class BodyLimit:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int, max_upload_bytes: int) -> None:
        self.app = app
        self._limits = {
            False: (max_body_bytes, "MCP_GATEWAY_MAX_BODY_BYTES"),
            True: (max_upload_bytes, "MCP_GATEWAY_FILE_MAX_UPLOAD"),
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        is_upload = headers.get(b"content-type", b"").lower().startswith(b"multipart/form-data")
        limit, setting = self._limits[is_upload]
        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await _refuse(send, limit, setting)
            return
        received = 0
        responded = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise BodyTooLarge
            return message

        async def watched_send(message: Message) -> None:
            nonlocal responded
            responded = responded or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except BodyTooLarge:
            if responded:
                raise
            await _refuse(send, limit, setting)


async def _refuse(send: Send, limit: int, setting: str) -> None:
    body = dump_json({"error": f"the request body is larger than {_size(limit)}, the limit {setting} sets; send a smaller one"})
    await send({"type": "http.response.start", "status": 413, "headers": [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        # The rest of the body is never read, so the connection cannot carry another request.
        (b"connection", b"close"),
    ]})
    await send({"type": "http.response.body", "body": body})


def _size(count: int) -> str:
    mib = 1024 * 1024
    return f"{count // mib} MiB" if count % mib == 0 else f"{count} bytes"
