"""Paths the gateway keeps for itself, matched before the `/{external_user_id}/{app}` MCP form.

A first path segment listed in `RESERVED` is never taken for an external user id: `/register/x`
or `/.well-known/oauth-protected-resource/alice/slack` reaches the routes added here (the legacy
`/sse` URL, later the authorization server's endpoints and metadata), and otherwise a JSON 404
saying what the path is for, not the MCP endpoint's 406 to a GET without an event-stream Accept.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

_BEARER_HINT = "send `Authorization: Bearer <token>` with an access token from POST /v1/oauth/token"
_SSE_HINT = "legacy HTTP+SSE clients GET /sse or /{external_user_id}/{app}/sse"

# First segment -> (what it is kept for, what a client can do instead while nothing serves it).
RESERVED: dict[str, tuple[str, str]] = {
    ".well-known": ("well-known metadata (RFC 8615), such as OAuth server and resource metadata", _BEARER_HINT),
    "register": ("OAuth dynamic client registration", _BEARER_HINT),
    "authorize": ("the OAuth authorization endpoint", _BEARER_HINT),
    "token": ("the OAuth token endpoint", _BEARER_HINT),
    "revoke": ("OAuth token revocation", _BEARER_HINT),
    "consent": ("the OAuth consent page", _BEARER_HINT),
    "oauth": ("the gateway's OAuth authorization server", _BEARER_HINT),
    "sse": ("the legacy HTTP+SSE MCP endpoint", _SSE_HINT),
}


class ReservedPaths:
    """The routes serving reserved paths, followed by a JSON 404 for every reserved path left."""

    def __init__(self) -> None:
        self._served: list[Route] = []

    def add(self, route: Route) -> None:
        """Serve `route`, which must lie under a reserved segment. Methods it does not list reach
        the 404 below rather than a 405, so a route should list every method its path answers."""
        segment = route.path.split("/", 2)[1]
        if segment not in RESERVED:
            raise ValueError(f"{route.path} is not under a reserved path ({', '.join('/' + s for s in RESERVED)}); add it to RESERVED first")
        self._served.append(route)

    def routes(self) -> list[Route]:
        not_served = [
            Route(path, _NotServed(segment)) for segment in RESERVED for path in (f"/{segment}", f"/{segment}/{{rest:path}}")
        ]
        return [*self._served, *not_served]


class _NotServed:
    # An ASGI app rather than a function, which Starlette would route for GET alone: every method is told.
    def __init__(self, segment: str) -> None:
        self._what, self._hint = RESERVED[segment]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        description = f"{Request(scope).url.path} is reserved for {self._what} and is not served by this gateway; {self._hint}"
        response = JSONResponse({"error": "not_found", "error_description": description}, status_code=404)
        await response(scope, receive, send)
