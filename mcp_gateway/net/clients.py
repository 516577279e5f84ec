"""HTTP clients whose every connection goes through the egress policy.

The check sits where the connection is opened: the host is resolved once, every address is
judged, and the socket is opened to an address that passed, so no second lookup can rebind the
name in between. TLS still verifies and sends SNI for the host name, and `Host` is the URL's,
because only the address handed to the socket changes. Each redirect opens its own connection,
so each hop is checked the same way. A failure says what failed and where ("could not reach
api.example.com:443: connection refused"; see failures.py), for requests and their bodies alike.

Two flavours: `httpx` for our own code, `httpx2` for libraries that send with it (the MCP SDK's
client, authlib).
"""

from __future__ import annotations

import asyncio
import functools
import ssl
import types
from collections.abc import Callable, Iterable
from typing import Any

import certifi
import httpcore
import httpcore2
import httpx
import httpx2

from .failures import NameLookupTimeout, explain
from .policy import EgressDenied, EgressPolicy

MAX_REDIRECTS = 5
# A callable in a request's extensions, under this key, saying which other hosts may receive the
# request's credentials when a redirect leads there; without it, only the request's own host.
CREDENTIAL_HOSTS = "mcp_gateway.credential_hosts"
# What a request keeps when a redirect takes it to a host not trusted with its credentials.
_HEADERS_KEPT_ACROSS_HOSTS = frozenset({
    "accept", "accept-encoding", "accept-language", "user-agent", "content-type", "content-length",
    "transfer-encoding", "host", "connection", "cache-control", "range", "if-none-match",
    "if-modified-since",
})


class _GuardedBackend:
    """A network backend (httpcore's interface) that dials only addresses the policy allows."""

    def __init__(self, policy: EgressPolicy, core: types.ModuleType) -> None:
        self._policy = policy
        self._core = core
        self._inner = core.AnyIOBackend()

    async def connect_tcp(
        self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> Any:
        try:
            async with asyncio.timeout(timeout):
                addresses = await self._policy.addresses(host, port)
        except TimeoutError:
            raise NameLookupTimeout(f"resolving {host} took longer than {timeout:g} s") from None
        except OSError as exc:  # chained: `explain` words the lookup error
            raise self._core.ConnectError(f"cannot resolve {host}: {exc.strerror or exc}") from exc
        failure: Exception | None = None
        for address in addresses:  # the resolver's order, as a plain connect would try them
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address, socket_options=socket_options,
                )
            except (self._core.ConnectError, self._core.ConnectTimeout) as exc:
                failure = exc
        assert failure is not None
        raise failure

    async def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options: Any = None) -> Any:
        raise EgressDenied(f"socket {path!r}", path, "local socket", "")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def _stripped_for_redirect(request: Any, url: Any, headers: Any) -> Any:
    """Drop the credentials from a redirect that leaves the hosts trusted with them."""
    trusted: Callable[[str], bool] | None = request.extensions.get(CREDENTIAL_HOSTS)
    if url.host == request.url.host or (trusted is not None and trusted(url.host)):
        return headers
    for name in list(headers.keys()):
        if name.lower() not in _HEADERS_KEPT_ACROSS_HOSTS:
            del headers[name]
    return headers


def _flavour(http: types.ModuleType, core: types.ModuleType) -> tuple[type, type]:
    class GuardedTransport(http.AsyncHTTPTransport):  # type: ignore[name-defined,misc]
        def __init__(self, policy: EgressPolicy, **options: Any) -> None:
            super().__init__(trust_env=False, **options)
            # Swapped in after construction: the transport builds its pool without a way to
            # pass a network backend, and the pool reads this attribute on every connect.
            self._pool._network_backend = _GuardedBackend(policy, core)

        async def handle_async_request(self, request: Any) -> Any:
            try:
                response = await super().handle_async_request(request)
            except EgressDenied as exc:
                raise exc.for_url(str(request.url)) from None
            except (http.TransportError, NameLookupTimeout) as exc:
                better = reworded(exc, request)
                if better is None:
                    raise
                raise better from exc
            # The body is read after this returns: its failures are worded the same way.
            response.stream = ExplainedStream(response.stream, request)
            return response

    class ExplainedStream(http.AsyncByteStream):  # type: ignore[name-defined,misc]
        def __init__(self, stream: Any, request: Any) -> None:
            self._stream = stream
            self._request = request

        async def __aiter__(self) -> Any:
            try:
                async for chunk in self._stream:
                    yield chunk
            except http.TransportError as exc:
                better = reworded(exc, self._request, answering=True)
                if better is None:
                    raise
                raise better from exc

        async def aclose(self) -> None:
            await self._stream.aclose()

    def reworded(exc: Exception, request: Any, *, answering: bool = False) -> Exception | None:
        """The same error, saying what failed and where; None when its own words do."""
        message = explain(exc, http, request, answering=answering)
        if message is None:
            return None
        return (http.ConnectTimeout if isinstance(exc, NameLookupTimeout) else type(exc))(message, request=request)

    class GuardedClient(http.AsyncClient):  # type: ignore[name-defined,misc]
        def _redirect_headers(self, request: Any, url: Any, method: str) -> Any:
            return _stripped_for_redirect(request, url, super()._redirect_headers(request, url, method))

    return GuardedTransport, GuardedClient


_HTTPX = _flavour(httpx, httpcore)
_HTTPX2 = _flavour(httpx2, httpcore2)


@functools.lru_cache(maxsize=4)
def _tls_context(ca_file: str) -> ssl.SSLContext:
    """The public roots and the operator's own CA certificates."""
    context = ssl.create_default_context(cafile=certifi.where())
    context.load_verify_locations(cafile=ca_file)
    return context


def _transport_options(policy: EgressPolicy, limits: Any) -> dict[str, Any]:
    options: dict[str, Any] = {"limits": limits} if limits is not None else {}
    if policy.ca_file:
        options["verify"] = _tls_context(policy.ca_file)
    return options


def _make(
    flavour: tuple[type, type], policy: EgressPolicy, *, limits: Any = None, **options: Any,
) -> Any:
    transport_class, client_class = flavour
    transport = transport_class(policy, **_transport_options(policy, limits))
    options.setdefault("max_redirects", MAX_REDIRECTS)
    return client_class(transport=transport, trust_env=False, **options)


def http_client(policy: EgressPolicy, *, limits: httpx.Limits | None = None, **options: Any) -> httpx.AsyncClient:
    """An `httpx.AsyncClient` (same options) whose connections the egress policy guards."""
    return _make(_HTTPX, policy, limits=limits, **options)


def sdk_transport(policy: EgressPolicy) -> httpx2.AsyncHTTPTransport:
    """A guarded `httpx2` transport, for a library that builds its own client (authlib)."""
    return _HTTPX2[0](policy, **_transport_options(policy, None))


def sdk_http_client(policy: EgressPolicy, **options: Any) -> httpx2.AsyncClient:
    """The same, as an `httpx2.AsyncClient`, for the libraries that send with httpx2."""
    return _make(_HTTPX2, policy, **options)
