"""The gateway's own address for download links the local store makes.

`MCP_GATEWAY_PUBLIC_URL` wins; otherwise the address the current HTTP request came to, which
`BaseUrlMiddleware` (or a REST handler) records for the duration of the request.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

from starlette.types import ASGIApp, Receive, Scope, Send

_base_url: ContextVar[str | None] = ContextVar("mcp_gateway_files_base_url", default=None)


def current_base_url() -> str | None:
    return _base_url.get()


@contextlib.contextmanager
def serving(base_url: str) -> Iterator[None]:
    """Make download links point at `base_url` while the block runs."""
    token = _base_url.set(base_url.rstrip("/"))
    try:
        yield
    finally:
        _base_url.reset(token)


class BaseUrlMiddleware:
    """Records each HTTP request's scheme and host, so links made while serving it point back here."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"host"), None)
        if host is None:
            server = scope.get("server")
            host = f"{server[0]}:{server[1]}" if server else "localhost"
        with serving(f"{scope.get('scheme', 'http')}://{host}"):
            await self.app(scope, receive, send)
