"""`POST /v1/oauth/token`: client credentials for a short-lived access token (RFC 6749 §4.4).

An OAuth endpoint, so its errors keep the RFC 6749 §5.2 shape
(`{"error": "invalid_client", "error_description": ...}`) rather than the API's own.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from mcp_gateway.authz.token_requests import TokenRequestError, basic_credentials, token_params
from mcp_gateway.connect.developer_auth import AuthError, DeveloperAuth

from .rest import Api, Call, JsonResponse

if TYPE_CHECKING:
    from mcp_gateway.gateway import Gateway

TOKEN_PATH = "/v1/oauth/token"
# Tokens carry the project's full access; a narrower requested scope is answered with this (RFC 6749 §3.3).
GRANTED_SCOPE = "*"
_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


class TokenRequest(BaseModel):
    """JSON or form-encoded; the client may instead authenticate with HTTP Basic (RFC 6749 §2.3.1)."""

    grant_type: Literal["client_credentials"]
    client_id: str
    client_secret: str
    scope: str | None = Field(None, description="Accepted; every token has the project's full access (`*`)")
    expires_in: int | None = Field(None, description="Seconds the token should live, up to the gateway's maximum "
                                   "(MCP_GATEWAY_ACCESS_TOKEN_MAX_TTL, 7 days by default); 1 hour when absent")


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["Bearer"]
    expires_in: int
    created_at: int
    scope: str


def register(api: Api, gateway: Gateway, base_url: Callable[[Request], str]) -> None:
    # raw_body: the body may be form-encoded, and errors must keep the OAuth shape.
    @api.route("POST", TOKEN_PATH, summary="Exchange client credentials for an access token", tag="oauth",
               auth="public", body=TokenRequest, raw_body=True, response=TokenResponse,
               extra_responses={401: "Unknown client or wrong secret (`invalid_client`)"})
    async def create_oauth_token(call: Call) -> Response:
        return await issue_token(gateway.auth, call.request)


async def issue_token(auth: DeveloperAuth, request: Request) -> Response:
    try:
        data = await token_params(request)
    except TokenRequestError as exc:
        return _oauth_error(400, "invalid_request", str(exc))
    basic = basic_credentials(request.headers.get("authorization"))
    if basic == ():
        return _oauth_error(401, "invalid_client", "the Authorization header must be `Basic base64(client_id:client_secret)`",
                            basic=True)
    grant_type = data.get("grant_type")
    if grant_type is None:
        return _oauth_error(400, "invalid_request", "grant_type is required: client_credentials")
    if grant_type != "client_credentials":
        return _oauth_error(400, "unsupported_grant_type", "grant_type must be client_credentials")
    if data.get("client_assertion") is not None or data.get("client_assertion_type") is not None:
        return _oauth_error(400, "invalid_request",
                            "client_assertion is not supported; authenticate with client_id and client_secret")
    client_id, client_secret = basic or (data.get("client_id"), data.get("client_secret"))
    if basic and data.get("client_id") not in (None, client_id):
        return _oauth_error(400, "invalid_request", "client_id in the body differs from the one in the Authorization header")
    for name, value in (("client_id", client_id), ("client_secret", client_secret)):
        if not isinstance(value, str) or not value:
            return _oauth_error(400, "invalid_request", f"{name} is required")
        if "\x00" in value:  # from form or Basic encoding (%00); no database looks text up with NUL in it
            return _oauth_error(400, "invalid_request", f"{name} holds a NUL character, which no {name} has")
    scope = data.get("scope")
    if scope is not None and not isinstance(scope, str):
        return _oauth_error(400, "invalid_scope", "scope must be a space-separated string")
    lifetime = data.get("expires_in")
    if isinstance(lifetime, str):  # form-encoded
        lifetime = int(lifetime) if lifetime.strip().isdigit() else lifetime
    if lifetime is not None and (not isinstance(lifetime, int) or isinstance(lifetime, bool)):
        return _oauth_error(400, "invalid_request", "expires_in must be a whole number of seconds")
    try:
        token, principal = await auth.issue_token(client_id, client_secret, lifetime)
    except AuthError as exc:
        if exc.status == 400:
            return _oauth_error(400, "invalid_request", str(exc))
        return _oauth_error(401, "invalid_client", str(exc), basic=basic is not None)
    now = int(time.time())
    granted = TokenResponse(
        access_token=token,
        token_type="Bearer",
        expires_in=int(principal.expires_at or now) - now,
        created_at=now,
        scope=GRANTED_SCOPE,
    )
    return JSONResponse(granted.model_dump(), headers=_NO_STORE)


def _oauth_error(status: int, error: str, description: str, *, basic: bool = False) -> JSONResponse:
    headers = dict(_NO_STORE)
    if basic:  # RFC 6749 §5.2: a failed Basic authentication names the scheme
        headers["WWW-Authenticate"] = 'Basic realm="mcp-gateway"'
    return JsonResponse({"error": error, "error_description": description}, status_code=status, headers=headers)
