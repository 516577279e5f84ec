"""DNS-rebinding protection: a page on another site must not reach a local gateway.

On by default when the gateway listens on a loopback address: the Host header
must name the loopback interface (or an allowed host) and a browser Origin, when
sent, must be local (or allowed).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping, Sequence

_LOCAL_NAMES = ("localhost", "127.0.0.1", "[::1]")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _host_part(value: str) -> str:
    if value.startswith("["):
        return value.split("]", 1)[0] + "]"
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class HostGuard:
    def __init__(self, *, enabled: bool, allowed_hosts: Sequence[str] = (), allowed_origins: Sequence[str] = ()) -> None:
        self.enabled = enabled
        self._hosts = {h.lower() for h in allowed_hosts}
        self._origins = {o.lower().rstrip("/") for o in allowed_origins}

    def check(self, headers: Mapping[str, str]) -> str | None:
        """None when the request may proceed, else why it may not."""
        if not self.enabled:
            return None
        host = headers.get("host", "").lower()
        if host not in self._hosts and _host_part(host) not in _LOCAL_NAMES:
            return f"Host {host!r} is not allowed; add it to MCP_GATEWAY_ALLOWED_HOSTS to serve it"
        origin = headers.get("origin")
        if origin is not None:
            origin = origin.lower().rstrip("/")
            scheme, _, rest = origin.partition("://")
            if origin not in self._origins and not (scheme in ("http", "https") and _host_part(rest) in _LOCAL_NAMES):
                return f"Origin {origin!r} is not allowed; add it to MCP_GATEWAY_ALLOWED_ORIGINS to accept it"
        return None
