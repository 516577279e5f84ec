"""The egress policy: which addresses the gateway may connect to on someone else's behalf.

A URL, a database host or a webhook from a user, a developer, a model or a spec is judged by
the addresses its host resolves to, never by how it is spelled: `2130706433`, `0x7f.1`, `127.1`
and a name in /etc/hosts all resolve to loopback. Operators open their own internal ranges
with `MCP_GATEWAY_PRIVATE_NETWORKS`.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

SETTING = "MCP_GATEWAY_PRIVATE_NETWORKS"

# The ranges nobody outside this machine's networks should make it call, with the word a
# refusal uses and the block it suggests opening. Order matters: the first match names it.
_BLOCKED: tuple[tuple[IPNetwork, str], ...] = tuple(
    (ipaddress.ip_network(cidr), kind)
    for cidr, kind in (
        ("0.0.0.0/8", "unspecified"),
        ("127.0.0.0/8", "loopback"),
        ("10.0.0.0/8", "private"),
        ("172.16.0.0/12", "private"),
        ("192.168.0.0/16", "private"),
        ("100.64.0.0/10", "shared (carrier-grade NAT)"),
        ("169.254.0.0/16", "link-local"),
        ("192.0.0.0/24", "reserved"),
        ("192.0.2.0/24", "reserved"),
        ("198.18.0.0/15", "reserved"),
        ("198.51.100.0/24", "reserved"),
        ("203.0.113.0/24", "reserved"),
        ("224.0.0.0/4", "multicast"),
        ("240.0.0.0/4", "reserved"),
        ("::/128", "unspecified"),
        ("::1/128", "loopback"),
        ("fc00::/7", "unique-local"),
        ("fe80::/10", "link-local"),
        ("fec0::/10", "reserved"),
        ("ff00::/8", "multicast"),
        ("100::/64", "reserved"),
        ("2001:db8::/32", "reserved"),
    )
)
# What `MCP_GATEWAY_DESTINATION_PRIVATE_URLS=1` used to open.
LEGACY_PRIVATE_NETWORKS = ("127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")

_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_SIX_TO_FOUR = ipaddress.ip_network("2002::/16")


class EgressDenied(Exception):
    """A connection the policy refuses; the message says what the operator can set to allow it."""

    def __init__(self, target: str, address: str, kind: str, allow: str) -> None:
        self.target = target
        self.address = address
        self.kind = kind
        self.allow = allow
        super().__init__(self._message())

    def _message(self) -> str:
        article = "an" if self.kind.startswith(("a", "e", "i", "o", "unsp")) else "a"  # "a unique-local"
        remedy = f"allow it with {SETTING}={self.allow}" if self.allow else "give a host on the network instead"
        return f"{self.target} resolves to {self.address}, {article} {self.kind} address; {remedy}"

    def for_url(self, url: str) -> EgressDenied:
        """The same refusal, naming the URL that led here (without its query or credentials)."""
        return EgressDenied(f"url {shown_url(url)!r}", self.address, self.kind, self.allow)


def shown_url(url: str) -> str:
    """A URL as a message may show it: no user info, no query (tokens live there)."""
    try:
        parts = urlsplit(url)
        netloc = parts.hostname or ""
        if ":" in netloc:
            netloc = f"[{netloc}]"
        if parts.port:
            netloc += f":{parts.port}"
    except ValueError:
        return "(an unparsable URL)"
    return urlunsplit((parts.scheme, netloc, parts.path or "/", "", ""))


def parse_networks(raw: Iterable[str], setting: str = SETTING) -> tuple[IPNetwork, ...]:
    """CIDRs as an operator writes them; a bad one is a ValueError naming it."""
    networks = []
    for item in raw:
        try:
            networks.append(ipaddress.ip_network(item.strip(), strict=False))
        except ValueError:
            raise ValueError(f"{setting}: {item.strip()!r} is not a network; write CIDRs such as 10.0.0.0/8,fd00::/8") from None
    return tuple(networks)


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (mapped, 6to4, NAT64, Teredo), which is where it leads."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _SIX_TO_FOUR:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if any(address in network for network in _NAT64):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if int(address) >> 32 == 0 and int(address) > 1:  # deprecated IPv4-compatible ::a.b.c.d
        return ipaddress.IPv4Address(int(address))
    return None


@dataclass(frozen=True, slots=True)
class EgressPolicy:
    """Loopback, private, link-local, unique-local, multicast, reserved and unspecified
    addresses are refused unless they fall in `private_networks`."""

    private_networks: tuple[IPNetwork, ...] = ()
    # PEM certificates trusted beside the public roots: an operator's private CA, for upstreams
    # inside the networks opened above.
    ca_file: str | None = None

    @classmethod
    def allowing(cls, *cidrs: str) -> EgressPolicy:
        return cls(parse_networks(cidrs))

    def refusal(self, address: IPAddress) -> tuple[str, str] | None:
        """(kind, block to open) when `address` may not be dialled, else None."""
        candidates: list[IPAddress] = [address]
        if isinstance(address, ipaddress.IPv6Address) and (inner := _embedded_ipv4(address)) is not None:
            candidates.append(inner)
        for candidate in candidates:
            if any(candidate in network for network in self.private_networks if network.version == candidate.version):
                return None
        for candidate in candidates:
            for network, kind in _BLOCKED:
                if network.version == candidate.version and candidate in network:
                    return kind, str(network)
        return None

    def check_literal(self, url: str) -> None:
        """Refuse a URL whose host is an address in any spelling (`127.1`, `0x7f000001`, `[::1]`)
        or `localhost`, without a lookup: the early answer for a value checked where no lookup
        can wait. Connections are still checked on their resolved addresses."""
        host = (urlsplit(url).hostname or "").rstrip(".").lower()
        if host == "localhost" or host.endswith(".localhost"):
            address = "127.0.0.1"
        else:
            try:
                address = str(ipaddress.ip_address(host))
            except ValueError:
                try:
                    address = socket.inet_ntoa(socket.inet_aton(host))  # the forms inet_aton reads
                except OSError:
                    return
        refused = self.refusal(ipaddress.ip_address(address))
        if refused is not None:
            raise EgressDenied(f"url {shown_url(url)!r}", address, *refused)

    def check(self, target: str, address: str) -> None:
        """Raise EgressDenied if the policy refuses `address` (a resolved IP literal)."""
        refused = self.refusal(ipaddress.ip_address(address.split("%", 1)[0]))
        if refused is not None:
            raise EgressDenied(target, address, *refused)

    async def addresses(self, host: str, port: int) -> list[str]:
        """The addresses `host` resolves to, all of them allowed, in the resolver's order.

        Every address must pass: a name that resolves to a public and a private address is
        refused, since which one a connection would reach is not ours to choose."""
        host = host.strip("[]")
        if host.startswith("/"):  # a Unix socket path (a database driver would accept it)
            raise EgressDenied(f"host {host!r}", host, "local socket", "")
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
        found: list[str] = []
        for _family, _type, _proto, _name, sockaddr in infos:
            address = str(sockaddr[0])
            if address not in found:
                self.check(f"host {host!r}", address)
                found.append(address)
        if not found:
            raise OSError(f"{host} has no address")
        return found

    async def dial_address(self, host: str, port: int, *, tls_verifies_name: bool) -> str:
        """What a driver (a database's) should connect to for `host`: the first address that
        passed, so no second lookup can lead elsewhere. Where TLS verifies the host name, the name
        itself, which the driver needs for that check; a name rebound to another address then
        fails the handshake, since that server holds no certificate for it."""
        addresses = await self.addresses(host, port)
        return host if tls_verifies_name else addresses[0]

    def aiohttp_resolver(self) -> Any:
        """This policy as an aiohttp resolver (`TCPConnector(resolver=...)`)."""
        from .resolver import GuardedResolver

        return GuardedResolver(self)
