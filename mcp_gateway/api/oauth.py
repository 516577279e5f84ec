"""`POST /v1/oauth/token`: client credentials for a short-lived access token (RFC 6749 §4.4)."""

from __future__ import annotations

import json
import time
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import JSONResponse

from mcp_gateway.connect.developer_auth import AuthError, DeveloperAuth


def _oauth_error(status: int, error: str, description: str) -> JSONResponse:
    return JSONResponse({"error": error, "error_description": description}, status_code=status)


def token_endpoint(auth: DeveloperAuth):
    async def create_token(request: Request) -> JSONResponse:
        raw = await request.body()
        content_type = request.headers.get("content-type", "")
        try:
            if "application/json" in content_type:
                data = json.loads(raw or b"{}")
            else:
                data = dict(parse_qsl(raw.decode("utf-8")))
        except (ValueError, UnicodeDecodeError):
            return _oauth_error(400, "invalid_request", "the body must be JSON or form-encoded")
        if not isinstance(data, dict):
            return _oauth_error(400, "invalid_request", "the body must be a JSON object")
        grant_type = data.get("grant_type")
        if grant_type != "client_credentials":
            return _oauth_error(400, "unsupported_grant_type", "grant_type must be client_credentials")
        client_id, client_secret = data.get("client_id"), data.get("client_secret")
        if not isinstance(client_id, str) or not isinstance(client_secret, str) or not client_id or not client_secret:
            return _oauth_error(400, "invalid_request", "client_id and client_secret are required")
        try:
            token, principal = await auth.issue_token(client_id, client_secret)
        except AuthError as exc:
            return _oauth_error(401, "invalid_client", str(exc))
        now = int(time.time())
        return JSONResponse(
            {
                "access_token": token,
                "token_type": "Bearer",
                "expires_in": int(principal.expires_at) - now,
                "created_at": now,
            },
            headers={"cache-control": "no-store"},
        )

    return create_token
