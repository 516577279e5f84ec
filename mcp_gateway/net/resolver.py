"""The egress policy as an aiohttp resolver, for libraries that send with aiohttp (aiobotocore)."""

from __future__ import annotations

import socket
from collections.abc import Awaitable
from typing import Any, Protocol

from aiohttp.abc import AbstractResolver


class _Judge(Protocol):
    """What the resolver needs of an `EgressPolicy`: its checked lookup."""

    def addresses(self, host: str, port: int) -> Awaitable[list[str]]: ...


class GuardedResolver(AbstractResolver):
    """Answers only with addresses the policy allows; aiohttp then dials exactly those, and keeps
    the host name for TLS. (aiohttp dials an IP literal without asking: check those beforehand
    with `EgressPolicy.check_literal`.)"""

    def __init__(self, policy: _Judge) -> None:
        self._policy = policy

    async def resolve(self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET) -> list[dict[str, Any]]:
        return [
            {"hostname": host, "host": address, "port": port, "proto": 0, "flags": socket.AI_NUMERICHOST,
             "family": socket.AF_INET6 if ":" in address else socket.AF_INET}
            for address in await self._policy.addresses(host, port)
        ]

    async def close(self) -> None:
        return None
