"""Credentials encrypted at rest with AES-256-GCM.

Ciphertext is `v1.<key id>.<base64(nonce + ciphertext)>`; the key id lets several
keys be configured at once so the newest encrypts and older ones still decrypt.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .keys import derive_key


class VaultError(Exception):
    """Ciphertext cannot be decrypted with any configured key."""


class Vault:
    def __init__(self, masters: Sequence[bytes]) -> None:
        if not masters:
            raise ValueError("the vault needs at least one key")
        self._keys: dict[str, AESGCM] = {}
        self._current = ""
        for i, master in enumerate(masters):
            key = derive_key(master, "mcp-gateway credentials v1")
            kid = hashlib.sha256(key).hexdigest()[:8]
            self._keys[kid] = AESGCM(key)
            if i == 0:
                self._current = kid

    def encrypt(self, data: Mapping[str, Any], *, context: str) -> str:
        """Encrypt a credentials object; `context` (the account id) is bound to the ciphertext."""
        nonce = os.urandom(12)
        sealed = self._keys[self._current].encrypt(nonce, json.dumps(dict(data)).encode(), context.encode())
        return f"v1.{self._current}.{base64.urlsafe_b64encode(nonce + sealed).decode()}"

    def is_current(self, token: str) -> bool:
        """Whether ciphertext is under the current key (rotation re-encrypts the rest)."""
        return token.startswith(f"v1.{self._current}.")

    def decrypt(self, token: str, *, context: str) -> dict[str, Any]:
        try:
            version, kid, payload = token.split(".", 2)
        except ValueError:
            raise VaultError("credentials are not in the vault's format") from None
        aead = self._keys.get(kid)
        if version != "v1" or aead is None:
            raise VaultError(f"credentials were encrypted with key {kid}, which is not configured")
        raw = base64.urlsafe_b64decode(payload)
        try:
            plain = aead.decrypt(raw[:12], raw[12:], context.encode())
        except InvalidTag:
            raise VaultError("credentials failed their integrity check") from None
        return json.loads(plain)
