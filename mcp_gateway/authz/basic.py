"""HTTP Basic client authentication (RFC 6749 §2.3.1), shared by the gateway's token endpoints."""

from __future__ import annotations

import base64
import binascii
from urllib.parse import unquote


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
