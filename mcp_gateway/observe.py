"""Every HTTP request, observed: an id (echoed as `x-request-id` and on every log line written
while serving it), a place in the drain's in-flight count, its metrics, and one access-log line.

Pure ASGI, so responses pass through as they are sent: event streams are not buffered, and
a stream's line and duration come when it ends.
"""

from __future__ import annotations

import logging
import re
import secrets
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .lifecycle import Drain
from .logs import current_request_id
from .metrics import UNMATCHED_ROUTE, Metrics

access_log = logging.getLogger("mcp_gateway.access")

# An id from a proxy or client is kept when it is plainly an id (UUIDs, hex, base64, ULIDs).
_GOOD_ID = re.compile(r"[A-Za-z0-9._:+/=-]{1,128}")


def request_id_from(headers: list[tuple[bytes, bytes]]) -> str:
    """The request's own `X-Request-Id` when it is well formed, else a new random one."""
    for name, value in headers:
        if name.lower() == b"x-request-id":
            given = value.decode("latin-1")
            if _GOOD_ID.fullmatch(given):
                return given
            break
    return secrets.token_hex(16)


class RequestObserver:
    def __init__(self, app: ASGIApp, *, drain: Drain, metrics: Metrics) -> None:
        self.app = app
        self._drain = drain
        self._metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = request_id_from(scope["headers"])
        header = (b"x-request-id", request_id.encode())
        status = 500  # unless a response starts: an exception escaped, and the server answers 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message = {**message, "headers": [*message.get("headers", ()), header]}
            await send(message)

        token = current_request_id.set(request_id)
        self._drain.enter()
        started = time.perf_counter()
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            self._drain.leave()
            route = scope.get("route")
            self._metrics.request_finished(scope["method"], getattr(route, "path", UNMATCHED_ROUTE), status, seconds)
            if access_log.isEnabledFor(logging.INFO):
                # As sent, still percent-encoded: a decoded %0A would start a forged line in text logs.
                raw_path = scope.get("raw_path")
                path = raw_path.decode("latin-1") if raw_path else scope["path"]
                access_log.info(
                    "%s %s %d %.1f ms", scope["method"], path, status, seconds * 1000,
                    extra={"method": scope["method"], "path": path, "status": status, "duration_ms": round(seconds * 1000, 1)},
                )
            current_request_id.reset(token)
