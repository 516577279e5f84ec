"""An outbound connection that fails says what failed and where, in words a person acts on: tried
against real failures on this machine (a port nothing listens on, a name that never resolves, a
certificate nobody signed, a server that never answers, one that resets the connection), with
loopback opened as an operator would (MCP_GATEWAY_PRIVATE_NETWORKS=127.0.0.0/8)."""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import socket
import ssl
import struct
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import httpx
import httpx2
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from mcp_gateway.net import EgressDenied, EgressPolicy, http_client, sdk_http_client
from tests.support import LOCAL_UPSTREAMS, free_port

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]
UNTRUSTED_FIX = "if it is your own, set MCP_GATEWAY_CA_FILE to the PEM file of the CA certificate that signed it"


@asynccontextmanager
async def serving(handler: Handler, tls: ssl.SSLContext | None = None) -> AsyncIterator[int]:
    """A server on 127.0.0.1 answering each connection with `handler`; yields its port."""
    server = await asyncio.start_server(handler, "127.0.0.1", 0, ssl=tls)
    try:
        yield server.sockets[0].getsockname()[1]
    finally:
        server.close()


def reset(writer: asyncio.StreamWriter) -> None:
    """Close with a TCP reset (RST), as a crashed or overloaded server does."""
    writer.get_extra_info("socket").setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


async def failure_of(url: str, *, timeout: httpx.Timeout = httpx.Timeout(5.0), policy: EgressPolicy = LOCAL_UPSTREAMS) -> httpx.TransportError:
    async with http_client(policy, timeout=timeout) as client:
        with pytest.raises(httpx.TransportError) as caught:
            await client.get(url)
    return caught.value


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory) -> tuple[str, str]:
    """A self-signed certificate for 127.0.0.1 and its key, as PEM files."""
    now = datetime.datetime.now(datetime.timezone.utc)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("self-signed")
    (folder / "cert.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return str(folder / "cert.pem"), str(folder / "key.pem")


async def test_a_port_nothing_listens_on_refuses_the_connection():
    port = free_port()
    failure = await failure_of(f"http://127.0.0.1:{port}/items")
    assert isinstance(failure, httpx.ConnectError)
    assert str(failure) == f"could not reach 127.0.0.1:{port}: connection refused"


async def test_a_name_that_never_resolves():
    failure = await failure_of("https://api.example.invalid/v1/items")  # RFC 6761: .invalid never resolves
    assert isinstance(failure, httpx.ConnectError)
    assert str(failure) == "could not reach api.example.invalid: the name does not resolve"


async def test_a_self_signed_certificate_is_not_trusted_until_the_operator_trusts_it(self_signed):
    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
        await writer.drain()
        writer.close()

    certificate, key = self_signed
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(certificate, key)
    async with serving(answer, tls) as port:
        failure = await failure_of(f"https://127.0.0.1:{port}/")
        assert isinstance(failure, httpx.ConnectError)
        assert str(failure) == f"could not reach 127.0.0.1: the TLS certificate is not trusted (self-signed certificate); {UNTRUSTED_FIX}"
        # The fix the message names: the operator trusts the certificate.
        async with http_client(EgressPolicy(LOCAL_UPSTREAMS.private_networks, ca_file=certificate)) as client:
            assert (await client.get(f"https://127.0.0.1:{port}/")).text == "ok"


async def test_a_server_that_never_answers_times_out_with_the_time_allowed():
    stop = asyncio.Event()

    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await stop.wait()
        writer.close()

    async with serving(silent) as port:
        try:
            failure = await failure_of(f"http://127.0.0.1:{port}/", timeout=httpx.Timeout(5.0, read=0.5))
        finally:
            stop.set()
    assert isinstance(failure, httpx.ReadTimeout)
    assert str(failure) == "127.0.0.1 did not answer within 0.5 s"


async def test_a_connection_that_is_never_accepted_times_out():
    # A listener with a full accept queue drops new connection attempts: the connect times out.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        port = listener.getsockname()[1]
        fillers = [socket.socket() for _ in range(4)]
        try:
            for filler in fillers:
                filler.setblocking(False)
                filler.connect_ex(("127.0.0.1", port))
            failure = await failure_of(f"http://127.0.0.1:{port}/", timeout=httpx.Timeout(5.0, connect=0.3))
        finally:
            for filler in fillers:
                filler.close()
    assert isinstance(failure, httpx.ConnectTimeout)
    assert str(failure) == f"could not reach 127.0.0.1:{port}: it did not answer within 0.3 s"


async def test_a_name_lookup_that_never_ends_times_out():
    class StalledResolver(EgressPolicy):
        async def addresses(self, host: str, port: int) -> list[str]:
            await asyncio.Event().wait()  # a DNS server that never answers
            return []

    failure = await failure_of("https://api.example.invalid/", timeout=httpx.Timeout(5.0, connect=0.3),
                               policy=StalledResolver())
    assert isinstance(failure, httpx.ConnectTimeout)
    assert str(failure) == "could not reach api.example.invalid: looking up the name took longer than 0.3 s"


async def test_too_many_requests_at_once_wait_for_a_connection_in_vain():
    entered, stop = asyncio.Event(), asyncio.Event()

    async def busy(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        entered.set()
        await stop.wait()
        writer.close()

    async with serving(busy) as port, http_client(LOCAL_UPSTREAMS, limits=httpx.Limits(max_connections=1),
                                                  timeout=httpx.Timeout(5.0, pool=0.3)) as client:
        first = asyncio.create_task(client.get(f"http://127.0.0.1:{port}/slow"))
        await entered.wait()  # the only connection is taken
        with pytest.raises(httpx.PoolTimeout) as caught:
            await client.get(f"http://127.0.0.1:{port}/next")
        stop.set()
        with pytest.raises(httpx.TransportError):
            await first
    assert str(caught.value) == "no connection to 127.0.0.1 came free within 0.3 s: too many requests to it at once"


async def test_a_reset_before_the_answer():
    async def crash(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        reset(writer)

    async with serving(crash) as port:
        failure = await failure_of(f"http://127.0.0.1:{port}/")
    assert isinstance(failure, httpx.ReadError)
    assert str(failure) == f"lost the connection to 127.0.0.1:{port} before it answered: connection reset"


async def test_a_server_that_hangs_up_without_answering():
    async def hang_up(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.close()

    async with serving(hang_up) as port:
        failure = await failure_of(f"http://127.0.0.1:{port}/")
    assert isinstance(failure, httpx.RemoteProtocolError)
    assert str(failure) == f"127.0.0.1:{port} broke off the exchange: Server disconnected without sending a response."


async def test_a_reset_while_the_body_is_read():
    headers_read = asyncio.Event()

    async def crash_midway(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\npartial")
        await writer.drain()
        await headers_read.wait()
        reset(writer)

    async with serving(crash_midway) as port, http_client(LOCAL_UPSTREAMS) as client:
        async with client.stream("GET", f"http://127.0.0.1:{port}/download") as response:
            assert response.status_code == 200
            headers_read.set()
            with pytest.raises(httpx.ReadError) as caught:
                await response.aread()
    assert str(caught.value) == f"lost the connection to 127.0.0.1:{port} while it was answering: connection reset"


async def test_the_clients_libraries_send_with_say_the_same():
    port = free_port()
    async with sdk_http_client(LOCAL_UPSTREAMS) as client:
        with pytest.raises(httpx2.ConnectError) as caught:
            await client.get(f"http://127.0.0.1:{port}/mcp")
    assert str(caught.value) == f"could not reach 127.0.0.1:{port}: connection refused"


async def test_the_egress_guard_keeps_its_own_words():
    async with http_client(LOCAL_UPSTREAMS) as client:
        with pytest.raises(EgressDenied) as caught:
            await client.get("http://10.0.0.7/")
    assert str(caught.value) == ("url 'http://10.0.0.7/' resolves to 10.0.0.7, a private address; "
                                 "allow it with MCP_GATEWAY_PRIVATE_NETWORKS=10.0.0.0/8")
