"""The authorization server's HTTP surface: metadata under `/.well-known/`, `/register`,
`/authorize`, the sign-in callback, `/token` and `/revoke`. (The consent page is in `web/`.)

The JSON endpoints answer cross-origin requests, since browser-based MCP clients call them.
Errors keep RFC 6749's shape: `{"error": ..., "error_description": ...}`.
"""

from __future__ import annotations

import html
import time
from collections import deque
from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from mcp_gateway.http_json import JsonBodyError, read_json

from .clients import ClientError
from .server import CALLBACK_PATH, CONSENT_PATH, AuthorizationServer, AuthzError, redirect_with
from .token_requests import MAX_BODY, TokenRequestError, basic_credentials, token_params

BROWSER_COOKIE = "mcp_gateway_signin"
_CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "Authorization, Content-Type, mcp-protocol-version",
         "Access-Control-Allow-Methods": "GET, POST, OPTIONS"}
_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
# Dynamic registrations a client address may make per window: enough for a person's clients.
_REGISTRATIONS_PER_WINDOW, _REGISTRATION_WINDOW = 20, 3600.0
_NOT_CONFIGURED = ("end-user sign-in is not configured on this gateway, so MCP clients cannot get tokens here: its "
                   "operator sets MCP_GATEWAY_AUTH_ISSUER, MCP_GATEWAY_AUTH_CLIENT_ID, MCP_GATEWAY_AUTH_CLIENT_SECRET and "
                   "MCP_GATEWAY_AUTH_PROJECT_ID; meanwhile send `Authorization: Bearer` with a developer token or a "
                   "project API key (`mcp-gateway keys create`)")


def oauth_error(status: int, error: str, description: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": error, "error_description": description}, status_code=status,
                        headers={**_CORS, **_NO_STORE, **(headers or {})})


class _RegistrationLimit:
    """A sliding window of registrations per client address, in this process."""

    def __init__(self) -> None:
        self._seen: dict[str, deque[float]] = {}

    def allow(self, address: str) -> bool:
        now = time.monotonic()
        window = self._seen.setdefault(address, deque())
        while window and window[0] < now - _REGISTRATION_WINDOW:
            window.popleft()
        if len(window) >= _REGISTRATIONS_PER_WINDOW:
            return False
        window.append(now)
        if len(self._seen) > 10_000:  # forget the quiet ones rather than grow without end
            self._seen = {k: v for k, v in self._seen.items() if v and v[-1] > now - _REGISTRATION_WINDOW}
        return True


def routes(server: AuthorizationServer, base_url: Callable[[Request], str]) -> list[Route]:
    limit = _RegistrationLimit()

    def enabled() -> JSONResponse | None:
        return None if server.signin is not None else oauth_error(404, "not_found", _NOT_CONFIGURED)

    async def server_metadata(request: Request) -> Response:
        if request.method == "OPTIONS":
            return Response(status_code=204, headers=_CORS)
        return enabled() or JSONResponse(server.metadata(base_url(request)), headers=_CORS)

    async def resource_metadata(request: Request) -> Response:
        if request.method == "OPTIONS":
            return Response(status_code=204, headers=_CORS)
        issuer = base_url(request)
        rest = request.path_params.get("rest", "")
        return enabled() or JSONResponse(server.resource_metadata(issuer, issuer + ("/" + rest if rest else "")),
                                         headers=_CORS)

    async def register(request: Request) -> Response:
        if request.method == "OPTIONS":
            return Response(status_code=204, headers=_CORS)
        if (refused := enabled()) is not None:
            return refused
        address = request.client.host if request.client else "unknown"
        if not limit.allow(address):
            return oauth_error(429, "too_many_requests", f"at most {_REGISTRATIONS_PER_WINDOW} registrations an hour from "
                               "one address; reuse the client you registered", {"Retry-After": "3600"})
        raw = await request.body()
        if len(raw) > MAX_BODY:
            return oauth_error(400, "invalid_client_metadata", f"the registration is larger than {MAX_BODY // 1024} KB")
        try:
            metadata = read_json(raw or b"null")
        except JsonBodyError as exc:
            return oauth_error(400, "invalid_client_metadata", str(exc))
        try:
            answer = await server.clients.register(metadata)
        except ClientError as exc:
            return oauth_error(400, exc.error, exc.description)
        return JSONResponse(answer, status_code=201, headers={**_CORS, **_NO_STORE})

    async def authorize(request: Request) -> Response:
        params = dict(request.query_params)
        try:
            return RedirectResponse(await server.begin(params, base_url(request)), status_code=302)
        except AuthzError as exc:
            return _browser_error(exc, base_url(request))

    async def callback(request: Request) -> Response:
        params = dict(request.query_params)
        state, code = params.get("state"), params.get("code")
        issuer = base_url(request)
        try:
            if not state:
                raise AuthzError("invalid_request", "the sign-in provider's answer has no state")
            if params.get("error") or not code:
                reason = params.get("error_description") or params.get("error") or "no code"
                raise AuthzError("access_denied", f"the sign-in provider did not sign you in: {reason}")
            request_id, browser = await server.signed_in(state, code, issuer)
        except AuthzError as exc:
            return _browser_error(exc, issuer)
        response = RedirectResponse(f"{issuer}{CONSENT_PATH}?request={request_id}", status_code=302)
        response.set_cookie(BROWSER_COOKIE, browser, max_age=900, httponly=True, samesite="lax",
                            secure=issuer.startswith("https://"), path=CONSENT_PATH)
        return response

    async def client_request(request: Request) -> Response | tuple[dict[str, str], tuple[str, str] | None]:
        """A preflight's answer or a refusal, else the form and the HTTP Basic client credentials."""
        if request.method == "OPTIONS":
            return Response(status_code=204, headers=_CORS)
        if (refused := enabled()) is not None:
            return refused
        form = await _form(request)
        if isinstance(form, Response):
            return form
        basic = basic_credentials(request.headers.get("authorization"))
        if basic == ():
            return oauth_error(401, "invalid_client", "the Authorization header must be `Basic base64(client_id:client_secret)`")
        return form, basic or None

    async def token(request: Request) -> Response:
        asked = await client_request(request)
        if isinstance(asked, Response):
            return asked
        try:
            answer = await server.token(*asked, base_url(request))
        except AuthzError as exc:
            return oauth_error(exc.status, exc.error, exc.description)
        return JSONResponse(answer, headers={**_CORS, **_NO_STORE})

    async def revoke(request: Request) -> Response:
        asked = await client_request(request)
        if isinstance(asked, Response):
            return asked
        try:
            await server.revoke(*asked)
        except AuthzError as exc:
            return oauth_error(exc.status, exc.error, exc.description)
        return Response(status_code=200, headers=_CORS)

    json_methods = ["GET", "OPTIONS"]
    return [
        Route("/.well-known/oauth-authorization-server", server_metadata, methods=json_methods),
        Route("/.well-known/openid-configuration", server_metadata, methods=json_methods),
        Route("/.well-known/oauth-protected-resource", resource_metadata, methods=json_methods),
        Route("/.well-known/oauth-protected-resource/{rest:path}", resource_metadata, methods=json_methods),
        Route("/register", register, methods=["POST", "OPTIONS"]),
        Route("/authorize", authorize, methods=["GET"]),
        Route(CALLBACK_PATH, callback, methods=["GET"]),
        Route("/token", token, methods=["POST", "OPTIONS"]),
        Route("/revoke", revoke, methods=["POST", "OPTIONS"]),
    ]


async def _form(request: Request) -> dict[str, str] | Response:
    try:
        data = await token_params(request)
    except TokenRequestError as exc:
        return oauth_error(400, "invalid_request", str(exc))
    out = {str(k): v for k, v in data.items() if isinstance(v, str)}
    if any("\x00" in v for v in out.values()):
        return oauth_error(400, "invalid_request", "a parameter holds a NUL character")
    return out


def _browser_error(exc: AuthzError, issuer: str) -> Response:
    """Back to the client when its redirect URI is known; else a page for the person."""
    if exc.redirect is not None:
        params = {"error": exc.error, "error_description": exc.description, "iss": issuer}
        if exc.state:
            params["state"] = exc.state
        return RedirectResponse(redirect_with(exc.redirect, params), status_code=302)
    return error_page(exc.description, exc.status)


def error_page(message: str, status: int) -> HTMLResponse:
    body = (
        "<!doctype html><html lang=en><meta charset=utf-8><meta name=viewport content='width=device-width'>"
        "<title>Cannot sign in</title><body style='font-family:system-ui;max-width:36rem;margin:3rem auto'>"
        f"<h1>Cannot sign in</h1><p>{html.escape(message)}</p></body></html>"
    )
    return HTMLResponse(body, status_code=status, headers=_NO_STORE)
