"""Calls in progress, reachable from whichever process the client's next message lands on.

In a session, the client answers the gateway's requests (elicitation, sampling, roots) and
cancels calls with messages POSTed separately, and with several gateway processes and no sticky
routing those reach any of them. Each process watches two shared channels: one for replies,
one for cancellations; the process holding the waiting request or the running call acts on it,
the others ignore it.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from mcp_gateway.store.shared import Shared, SharedUnavailable

logger = logging.getLogger(__name__)

_REPLIES = "mcp-client-replies"
_CANCELS = "mcp-client-cancels"


class Inflight:
    def __init__(self, shared: Shared) -> None:
        self._shared = shared
        self._waiting: dict[tuple[str, str], asyncio.Future[dict[str, Any]]] = {}
        self._running: dict[tuple[str, str], asyncio.Task[Any]] = {}

    async def start(self) -> None:
        await self._shared.watch(_REPLIES, self._replied)
        await self._shared.watch(_CANCELS, self._cancelled)

    # The gateway's requests to clients, and their replies

    def expect(self, session_id: str, request_id: str) -> asyncio.Future[dict[str, Any]]:
        """A future for the client's reply to request `request_id`; `forget` it when done."""
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._waiting[(session_id, request_id)] = future
        return future

    def forget(self, session_id: str, request_id: str) -> None:
        self._waiting.pop((session_id, request_id), None)

    async def reply(self, session_id: str, message: dict[str, Any]) -> None:
        """Hand a client's JSON-RPC response to the process waiting for it."""
        if not isinstance(message.get("id"), (str, int)) or isinstance(message.get("id"), bool):
            return
        await self._publish(_REPLIES, {"session": session_id, "message": message})

    def _replied(self, payload: Any) -> None:
        message = payload.get("message") if isinstance(payload, dict) else None
        if not isinstance(message, dict):
            return
        future = self._waiting.pop((str(payload.get("session")), str(message.get("id"))), None)
        if future is not None and not future.done():
            future.set_result(message)

    # Calls, and their cancellation

    def track(self, session_id: str, request_id: Any, task: asyncio.Task[Any]) -> None:
        """Let a `notifications/cancelled` for this request, sent to any process, stop `task`."""
        key = (session_id, str(request_id))
        self._running[key] = task
        task.add_done_callback(lambda _: self._running.pop(key, None))

    async def cancel(self, session_id: str, params: Any) -> None:
        request_id = params.get("requestId") if isinstance(params, dict) else None
        if isinstance(request_id, (str, int)) and not isinstance(request_id, bool):
            await self._publish(_CANCELS, {"session": session_id, "requestId": str(request_id)})

    def _cancelled(self, payload: Any) -> None:
        if not isinstance(payload, dict):
            return
        task = self._running.get((str(payload.get("session")), str(payload.get("requestId"))))
        if task is not None:
            task.cancel()

    async def _publish(self, channel: str, payload: dict[str, Any]) -> None:
        try:
            await self._shared.publish(channel, payload)
        except SharedUnavailable as exc:  # the waiting call then ends at its time limit
            logger.warning("could not pass a client message to the other processes: %s", exc)
