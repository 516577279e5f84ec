"""What a request to one of the gateway's token endpoints carries (the developer's
`/v1/oauth/token` and the authorization server's `/token` and `/revoke`): its parameters, form-
encoded or JSON, and HTTP Basic client authentication (RFC 6749 §2.3.1)."""

from __future__ import annotations

import base64
import binascii
from urllib.parse import parse_qsl, unquote

from starlette.requests import Request

from mcp_gateway.http_json import JsonBodyError, read_json

MAX_BODY = 64 * 1024


class TokenRequestError(ValueError):
    """The body cannot be read as token parameters; the message says why (an `invalid_request`)."""


async def token_params(request: Request) -> dict[str, object]:
    """The parameters of a form-encoded or JSON body."""
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise TokenRequestError(f"the body is larger than {MAX_BODY // 1024} KB")
    try:
        if "application/json" in request.headers.get("content-type", ""):
            data = read_json(raw or b"{}")
        else:
            data = dict(parse_qsl(raw.decode("utf-8")))
    except JsonBodyError as exc:
        raise TokenRequestError(str(exc)) from None
    except (ValueError, UnicodeDecodeError):
        raise TokenRequestError("the body must be JSON or form-encoded") from None
    if not isinstance(data, dict):
        raise TokenRequestError("the body must be a JSON object")
    return data


def basic_credentials(authorization: str | None) -> tuple[str, str] | tuple[()] | None:
    """Client id and secret from HTTP Basic; None without it, () when it is malformed."""
    if not authorization:
        return None
    scheme, _, encoded = authorization.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return ()
    client_id, colon, client_secret = decoded.partition(":")
    if not colon:
        return ()
    # RFC 6749 §2.3.1: both halves are form-urlencoded before they are joined.
    return unquote(client_id.replace("+", " ")), unquote(client_secret.replace("+", " "))
