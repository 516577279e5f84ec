"""`requestState` for 2026-07-28 multi round-trip requests: the answers a call has gathered,
carried by the client between attempts, sealed so that it can neither read, alter, forge nor
move them.

A state is AES-256-GCM under a key derived from the gateway's secret key, so every gateway
process opens what any other sealed (and keys being rotated out still open). Sealed inside: the
answers, an expiry, and a digest binding it to one request: the project, environment and end
user it runs for, the method, the tool and its arguments. A state presented with anything else,
after it expires, or altered in any byte, is refused.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import time
from collections.abc import Mapping, Sequence
from typing import Any, Final

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from mcp_gateway.connect.keys import derive_key

TTL_SECONDS: Final = 15 * 60  # long enough for a person to answer a form
_PURPOSE: Final = "mcp-gateway request state v1"
_AAD: Final = b"mcp requestState"


class RequestStateError(ValueError):
    """The state cannot be used; the message says why, without saying what it held."""


def binding(*parts: Any) -> str:
    """A digest of what a state is valid for (canonical JSON of `parts`)."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, separators=(",", ":"), default=str).encode()).hexdigest()


class RequestStates:
    def __init__(self, masters: Sequence[bytes], ttl: float = TTL_SECONDS) -> None:
        self._ttl = ttl
        self._keys: dict[str, AESGCM] = {}
        self._current = ""
        for index, master in enumerate(masters):
            key = derive_key(master, _PURPOSE)
            key_id = hashlib.sha256(key).hexdigest()[:8]
            self._keys[key_id] = AESGCM(key)
            if index == 0:
                self._current = key_id

    def seal(self, answers: Mapping[str, Any], *, bound_to: str) -> str:
        payload = json.dumps({"a": dict(answers), "b": bound_to, "exp": int(time.time() + self._ttl)},
                             separators=(",", ":")).encode()
        nonce = os.urandom(12)
        sealed = self._keys[self._current].encrypt(nonce, payload, _AAD)
        return f"{self._current}.{base64.urlsafe_b64encode(nonce + sealed).decode().rstrip('=')}"

    def open(self, token: Any, *, bound_to: str) -> dict[str, Any]:
        """The answers a state holds; `RequestStateError` if it is not one this gateway sealed
        for this very request, unaltered and in time."""
        if not isinstance(token, str) or "." not in token:
            raise RequestStateError("requestState is not one this gateway issued")
        key_id, _, body = token.partition(".")
        aead = self._keys.get(key_id)
        try:
            raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
            if aead is None or len(raw) < 28:
                raise ValueError
            payload = json.loads(aead.decrypt(raw[:12], raw[12:], _AAD))
        except (ValueError, InvalidTag):
            raise RequestStateError("requestState failed verification: it was altered, or not issued by this "
                                    "gateway") from None
        if payload.get("b") != bound_to:
            raise RequestStateError("requestState belongs to another request (another tool, other arguments or "
                                    "another user)")
        if payload.get("exp", 0) < time.time():
            raise RequestStateError("requestState has expired")
        answers = payload.get("a")
        return answers if isinstance(answers, dict) else {}
