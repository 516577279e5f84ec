"""Identifiers with the hosted product's prefixes; random parts come from `secrets`."""

from __future__ import annotations

import secrets
import time

PROJECT = "proj_"
EXTERNAL_USER = "exu_"
ACCOUNT = "apn_"
CONNECT_TOKEN = "ctok_"
DYNAMIC_PROPS = "dyp_"
OAUTH_APP = "oa_"
CLIENT = "cli_"
API_KEY = "key_"
SSE_EVENT = "sse_"
EMITTED_EVENT = "emit_"

_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


_SORTED = "".join(sorted(_ALPHABET))
_TIME_CHARS = 8  # milliseconds since 1970 fit in 8 characters for thousands of years


# Random bytes become characters through one table lookup each (in C: ids are made on hot
# paths, one per run with destinations). Bytes past the last whole multiple of the
# alphabet's length are dropped, so every character is equally likely.
_WHOLE = 256 - 256 % len(_ALPHABET)
_BYTE_TO_CHAR = bytes(ord(_ALPHABET[b % len(_ALPHABET)]) if b < _WHOLE else 0 for b in range(256))
_LEFTOVER = bytes(range(_WHOLE, 256))


def new_id(prefix: str, length: int = 12) -> str:
    chars = b""
    while len(chars) < length:
        chars += secrets.token_bytes(length + length // 2).translate(_BYTE_TO_CHAR, _LEFTOVER)
    return prefix + chars[:length].decode()


def new_ordered_id(prefix: str, length: int = 12) -> str:
    """An id that sorts by creation time (to the millisecond), then `length` random characters.
    For rows inserted at a high rate: each lands at the end of the primary key's index
    instead of at a random page of it."""
    millis = time.time_ns() // 1_000_000
    return prefix + _spell(millis, _TIME_CHARS, _SORTED)[::-1] + new_id("", length)


def _spell(n: int, length: int, alphabet: str) -> str:
    """`length` digits of `n` in `alphabet`, least significant first."""
    chars = []
    for _ in range(length):
        n, digit = divmod(n, len(alphabet))
        chars.append(alphabet[digit])
    return "".join(chars)
