"""Identifiers with the hosted product's prefixes; random parts come from `secrets`."""

from __future__ import annotations

import secrets

PROJECT = "proj_"
EXTERNAL_USER = "exu_"
ACCOUNT = "apn_"
CONNECT_TOKEN = "ctok_"
DYNAMIC_PROPS = "dyp_"
OAUTH_APP = "oa_"
CLIENT = "cli_"

_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_id(prefix: str, length: int = 12) -> str:
    # One read of the system's randomness (a byte per character is ample), spelled in the
    # alphabet: ids are made on hot paths (one per run with destinations).
    n = int.from_bytes(secrets.token_bytes(length))
    chars = []
    for _ in range(length):
        n, digit = divmod(n, len(_ALPHABET))
        chars.append(_ALPHABET[digit])
    return prefix + "".join(chars)
