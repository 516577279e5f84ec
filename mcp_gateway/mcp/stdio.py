"""The stdio transport: newline-delimited JSON-RPC on stdin/stdout, for local clients
such as Claude Desktop and Cursor. No developer token: the local user is trusted."""

from __future__ import annotations

import asyncio
import json
import logging
import sys
import uuid
from typing import Any

from mcp_gateway.commands import LocalCommands

from .accounts import ClientContext
from .inflight import Inflight
from .params import McpParams
from .protocol import INTERNAL_ERROR, INVALID_REQUEST, PARSE_ERROR, JsonRpcError, Protocol, error_response, negotiate, read_envelope
from .spec import LATEST_HANDSHAKE_VERSION, MODERN_PROTOCOL_VERSIONS, PROTOCOL_VERSION_META_KEY

logger = logging.getLogger(__name__)


class StdioServer:
    def __init__(
        self, protocol: Protocol, params: McpParams, inflight: Inflight, public_url: str | None = None,
        local: LocalCommands | None = None,
    ) -> None:
        self._protocol = protocol
        self._inflight = inflight
        self._params = params
        self._public_url = public_url
        self._local = local
        # What `initialize` said, for handshake-era requests.
        # One process serves one conversation: full-config state is kept under this id.
        self._conversation = f"stdio-{uuid.uuid4()}"
        self._write_lock = asyncio.Lock()
        self._tasks: set[asyncio.Task[None]] = set()
        # Everything for the client (responses; progress, log messages and requests of runs), in order.
        self._outbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._client = self._context(LATEST_HANDSHAKE_VERSION, None)

    def _context(self, version: str, capabilities: dict[str, Any] | None) -> ClientContext:
        return ClientContext(version, capabilities, self._public_url, self._conversation, self._local,
                             emit=self._outbox.put_nowait, can_request=True)

    async def serve(self, reader: asyncio.StreamReader, write: Any) -> None:
        """Answer messages until stdin closes; requests run concurrently."""
        sending = asyncio.create_task(self._send_outbox(write))
        try:
            await self._read(reader, write)
            await self._outbox.join()
        finally:
            sending.cancel()

    async def _send_outbox(self, write: Any) -> None:
        """The one writer of stdout: messages go out in the order they were queued."""
        while True:
            message = await self._outbox.get()
            try:
                await self._write(write, message)
            finally:
                self._outbox.task_done()

    async def _read(self, reader: asyncio.StreamReader, write: Any) -> None:
        while True:
            line = await reader.readline()
            if not line:
                break
            if not line.strip():
                continue
            task = asyncio.create_task(self._handle(line, write))
            self._track(line, task)
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    def _track(self, line: bytes, task: asyncio.Task[None]) -> None:
        """Let the client's `notifications/cancelled` stop the request on this line."""
        try:
            message = json.loads(line)
        except ValueError:
            return
        if isinstance(message, dict) and "id" in message and isinstance(message.get("method"), str):
            self._inflight.track(self._conversation, message["id"], task)

    async def _handle(self, line: bytes, write: Any) -> None:
        try:
            message = json.loads(line)
        except ValueError:
            self._outbox.put_nowait(error_response(None, JsonRpcError(PARSE_ERROR, "Parse error: a line is not valid JSON")))
            return
        if not isinstance(message, dict) or message.get("jsonrpc") != "2.0":
            self._outbox.put_nowait(error_response(None, JsonRpcError(INVALID_REQUEST, "each line must be one JSON-RPC 2.0 message")))
            return
        method = message.get("method")
        if "method" not in message and "id" in message:  # the client's answer to a run's request
            await self._inflight.reply(self._conversation, message)
            return
        if method == "notifications/cancelled":
            await self._inflight.cancel(self._conversation, message.get("params"))
            return
        if "id" not in message or not isinstance(method, str):
            return  # other notifications need no answer
        params = message.get("params")
        meta = (params or {}).get("_meta") if isinstance(params, dict) else None
        modern = isinstance(meta, dict) and meta.get(PROTOCOL_VERSION_META_KEY) in MODERN_PROTOCOL_VERSIONS
        try:
            client = self._client
            if modern:
                envelope = read_envelope(method, params, {}, http=False)
                caps = envelope.client_capabilities if isinstance(envelope.client_capabilities, dict) else None
                client = self._context(envelope.protocol_version, caps)
            elif method == "initialize" and isinstance(params, dict):
                caps = params.get("capabilities") if isinstance(params.get("capabilities"), dict) else None
                self._client = self._context(negotiate(params.get("protocolVersion")), caps)
            answer = await self._protocol.dispatch(method, params, self._params, modern=modern, client=client)
            for notification in answer.notifications:
                self._outbox.put_nowait(notification)
            reply: dict[str, Any] = {"jsonrpc": "2.0", "id": message["id"], "result": answer.result}
        except JsonRpcError as exc:
            reply = error_response(message["id"], exc)
        except asyncio.CancelledError:
            return  # cancelled by the client: no response is due
        except Exception:
            logger.exception("%s failed", method)
            reply = error_response(message["id"], JsonRpcError(INTERNAL_ERROR, "internal error; see the gateway's stderr"))
        self._outbox.put_nowait(reply)

    async def _write(self, write: Any, message: dict[str, Any]) -> None:
        data = json.dumps(message, separators=(",", ":"), ensure_ascii=False).encode() + b"\n"
        async with self._write_lock:
            await write(data)


async def run_stdio(
    protocol: Protocol, params: McpParams, inflight: Inflight, public_url: str | None = None,
    local: LocalCommands | None = None,
) -> None:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=16 * 1024 * 1024)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    out = sys.stdout.buffer

    async def write(data: bytes) -> None:
        out.write(data)
        out.flush()

    await StdioServer(protocol, params, inflight, public_url, local).serve(reader, write)
