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
    return prefix + "".join(secrets.choice(_ALPHABET) for _ in range(length))
