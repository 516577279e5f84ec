"""What a failed outbound connection was, in words a person or a model can act on.

httpx words a refused port "All connection attempts failed" and a read timeout not at all. What
happened is in the chain of causes (a socket error, a lookup error, a TLS verification error) and
the time allowed is in the request; the guarded transports (clients.py) raise their errors with
the words `explain` finds there.
"""

from __future__ import annotations

import errno
import socket
import ssl
import types
from collections.abc import Iterator
from typing import Any

CA_FILE_SETTING = "MCP_GATEWAY_CA_FILE"

# OpenSSL's codes for a certificate whose issuer is not among the trusted roots: a private CA's,
# which the operator can trust with CA_FILE_SETTING (an expired or misnamed one they cannot fix so).
_UNKNOWN_ISSUER = frozenset({
    2,  # X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT
    18,  # X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT
    19,  # X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN
    20,  # X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY
    21,  # X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE
})
_NO_SUCH_NAME = frozenset(code for code in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", None)) if code is not None)
_SOCKET_ERRORS = {
    errno.ECONNREFUSED: "connection refused",
    errno.ECONNRESET: "connection reset",
    errno.ECONNABORTED: "connection aborted",
    errno.EPIPE: "connection closed while the request was being sent",
    errno.ENETUNREACH: "the network is unreachable",
    errno.EHOSTUNREACH: "no route to the host",
    errno.ETIMEDOUT: "the connection timed out",
}


class NameLookupTimeout(TimeoutError):
    """Resolving the host took longer than the connect timeout allows. Raised by the guarded
    backend past httpcore, whose own timeout would not say it was the lookup; the transport
    turns it into the client's `ConnectTimeout`."""


def explain(exc: Exception, http: types.ModuleType, request: Any, *, answering: bool = False) -> str | None:
    """What `exc`, an error of the `http` module (httpx or httpx2) or a `NameLookupTimeout`, met
    sending `request`, means; None for the errors whose own words say it (an unsupported URL
    scheme, a proxy's refusal). `answering`: the response had begun, and its body was being read."""
    url = request.url
    host = f"[{url.host}]" if ":" in url.host else url.host
    where = f"{host}:{url.port or (443 if url.scheme == 'https' else 80)}"
    timeouts = request.extensions.get("timeout") or {}

    def allowed(stage: str) -> str:
        seconds = timeouts.get(stage)
        return f"{seconds:g} s" if seconds is not None else "the time allowed"

    if isinstance(exc, NameLookupTimeout):
        return f"could not reach {host}: looking up the name took longer than {allowed('connect')}"
    if isinstance(exc, http.PoolTimeout):
        return f"no connection to {host} came free within {allowed('pool')}: too many requests to it at once"
    if isinstance(exc, http.ConnectTimeout):
        return f"could not reach {where}: it did not answer within {allowed('connect')}"
    if isinstance(exc, http.ReadTimeout):
        if answering:
            return f"{host} stopped sending its answer: nothing came for {allowed('read')}"
        return f"{host} did not answer within {allowed('read')}"
    if isinstance(exc, http.WriteTimeout):
        return f"{host} did not take the request within {allowed('write')}"
    found = _reason(exc)
    if isinstance(exc, http.ConnectError):
        if found is None:
            return f"could not reach {where}: {str(exc) or 'the connection failed'}"
        reason, about_the_name = found
        return f"could not reach {host if about_the_name else where}: {reason}"
    if isinstance(exc, (http.NetworkError, http.RemoteProtocolError)):
        if found is None:
            return f"{where} broke off the exchange: {str(exc) or type(exc).__name__}"
        when = "while it was answering" if answering else "before it answered"
        return f"lost the connection to {where} {when}: {found[0]}"
    return None


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """`exc` and what it was raised from, innermost last (the first of a group's failures)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        if isinstance(current, BaseExceptionGroup) and current.exceptions:
            current = current.exceptions[0]
        else:
            # Past a suppressed context too: httpcore's pool re-raises `from None`, and the socket
            # error is what that hides.
            current = current.__cause__ or current.__context__


def _reason(exc: BaseException) -> tuple[str, bool] | None:
    """What the socket, lookup or TLS error behind `exc` says, and whether it is about the host's
    name or certificate (said without the port) rather than the connection."""
    for cause in _causes(exc):
        if isinstance(cause, socket.gaierror):
            return _lookup_failure(cause), True
        if isinstance(cause, ssl.SSLCertVerificationError):
            return _untrusted(cause), True
        if isinstance(cause, ssl.SSLError):
            return f"the TLS handshake failed ({cause.reason or cause})", False
        if isinstance(cause, OSError) and cause.errno in _SOCKET_ERRORS:
            return _SOCKET_ERRORS[cause.errno], False
    return None


def _lookup_failure(cause: socket.gaierror) -> str:
    if cause.errno in _NO_SUCH_NAME:
        return "the name does not resolve"
    if cause.errno == socket.EAI_AGAIN:
        return "the name could not be looked up: the DNS server did not answer (retrying later may work)"
    return f"the name could not be looked up ({cause.strerror or cause})"


def _untrusted(cause: ssl.SSLCertVerificationError) -> str:
    detail = cause.verify_message or cause.reason or str(cause)
    fix = ""
    if cause.verify_code in _UNKNOWN_ISSUER:
        fix = f"; if it is your own, set {CA_FILE_SETTING} to the PEM file of the CA certificate that signed it"
    return f"the TLS certificate is not trusted ({detail}){fix}"
