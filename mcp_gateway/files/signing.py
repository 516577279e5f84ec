"""Signed download links for the local store: an HMAC over the object key, its content type
and an expiry, so the gateway can serve a file to anyone holding an unexpired link."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Sequence

from mcp_gateway.connect.keys import derive_key

_PURPOSE = "file-download-links"


class UrlSigner:
    def __init__(self, master_keys: Sequence[bytes]) -> None:
        # The current secret signs; older ones still verify while links made with them live.
        self._keys = [derive_key(master, _PURPOSE) for master in master_keys]

    def sign(self, key: str, expires: int, content_type: str) -> str:
        return _mac(self._keys[0], key, expires, content_type)

    def verify(self, key: str, expires: int, content_type: str, signature: str) -> bool:
        given = signature.encode()  # compare_digest refuses non-ASCII str; bytes compare anything
        return any(hmac.compare_digest(_mac(k, key, expires, content_type).encode(), given) for k in self._keys)


def _mac(secret: bytes, key: str, expires: int, content_type: str) -> str:
    message = f"{key}\n{expires}\n{content_type}".encode()
    digest = hmac.new(secret, message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
