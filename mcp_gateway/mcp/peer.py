"""The MCP client of one tool call, as the run's `$` sees it (`AgentClient`).

Notifications (progress, log messages) go out only when the client asked for them: a progress
token in the call's `_meta`, and a log level (set for the session with `logging/setLevel`, or
per request in 2026-07-28). Requests to the client go one of two ways:
- in a session (2025 revisions), as a JSON-RPC request on the call's event stream, whose reply
  the client POSTs back, to this process or another (`Inflight` routes it);
- in 2026-07-28, statelessly (multi round-trip requests): the run stops and the call answers
  `input_required` with the questions, and the client calls again with the answers; the
  answers gathered so far travel sealed in `requestState` (see `request_state.py`).
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Callable, Mapping
from typing import Any, Final

from mcp_gateway.catalog import LOG_LEVELS, ActionError, InputRequired, MissingClientCapability

from .inflight import Inflight

# What a client declares to be asked each request (MCP client capabilities).
_CAPABILITY: Final = {"elicitation/create": "elicitation", "sampling/createMessage": "sampling", "roots/list": "roots"}
_SEVERITY: Final = {level: rank for rank, level in enumerate(LOG_LEVELS)}
# Elicitation's `mode` came with 2025-11-25; earlier clients validate it away or refuse it.
_ELICITATION_MODES_SINCE: Final = "2025-11-25"


class CallPeer:
    """Progress and log notifications for one call, queued on `emit`."""

    def __init__(self, *, emit: Callable[[dict[str, Any]], None], capabilities: Mapping[str, Any] | None,
                 progress_token: Any = None, log_level: str | None = None) -> None:
        self._emit = emit
        self._capabilities = capabilities or {}
        self._progress_token = progress_token
        self._log_level = log_level

    def log(self, level: str, data: Any, logger: str | None) -> None:
        if self._log_level is None or _SEVERITY.get(level, 0) < _SEVERITY[self._log_level]:
            return
        params: dict[str, Any] = {"level": level, "data": data}
        if logger:
            params["logger"] = logger
        self._emit({"jsonrpc": "2.0", "method": "notifications/message", "params": params})

    def progress(self, progress: float, total: float | None, message: str | None) -> None:
        if self._progress_token is None:
            return
        params: dict[str, Any] = {"progressToken": self._progress_token, "progress": progress}
        if total is not None:
            params["total"] = total
        if message is not None:
            params["message"] = message
        self._emit({"jsonrpc": "2.0", "method": "notifications/progress", "params": params})

    async def run_as_task(self) -> None:
        """Only a call that may become a task does anything here (see `tasks.TaskPeer`)."""

    def can_ask(self, method: str) -> bool:
        capability = _CAPABILITY.get(method)
        return capability is not None and isinstance(self._capabilities.get(capability), Mapping)

    def _check(self, method: str) -> None:
        if method not in _CAPABILITY:
            raise ActionError(f"{method} is not a request a server may send a client; use elicitation/create, "
                              "sampling/createMessage or roots/list")
        if not self.can_ask(method):
            self._missing(_CAPABILITY[method], f"the MCP client did not declare the {_CAPABILITY[method]} capability, so "
                                               f"it cannot be asked ({method}); use a client that supports it")

    def _missing(self, capability: str, message: str) -> None:
        # A session has no error for this: the call fails with a tool error that says why.
        raise ActionError(message)


class SessionPeer(CallPeer):
    """A call in a 2025 session: requests go to the client on the call's stream."""

    def __init__(self, *, inflight: Inflight, session_id: str, protocol_version: str, can_request: bool,
                 **kw: Any) -> None:
        super().__init__(**kw)
        self._inflight = inflight
        self._session_id = session_id
        self._protocol_version = protocol_version
        self._can_request = can_request

    async def ask(self, method: str, params: Mapping[str, Any], key: str | None) -> dict[str, Any]:
        self._check(method)
        if not self._can_request:
            raise ActionError(f"the gateway cannot ask the client ({method}) on this connection: the client takes "
                              "plain JSON answers and has no event stream open for the session")
        params = dict(params)
        if method == "elicitation/create" and self._protocol_version < _ELICITATION_MODES_SINCE:
            params.pop("mode", None)
        request_id = f"gw-{secrets.token_hex(8)}"
        reply = self._inflight.expect(self._session_id, request_id)
        try:
            self._emit({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
            message = await reply
        finally:
            self._inflight.forget(self._session_id, request_id)
        error = message.get("error")
        if error is not None:
            text = error.get("message") if isinstance(error, Mapping) else error
            raise ActionError(f"the MCP client refused {method}: {text}")
        result = message.get("result")
        if not isinstance(result, dict):
            raise ActionError(f"the MCP client answered {method} without a result object")
        return result


class StatelessPeer(CallPeer):
    """A 2026-07-28 call: a question the client has not answered yet ends the run with it."""

    def __init__(self, *, answers: Mapping[str, Any], **kw: Any) -> None:
        super().__init__(**kw)
        self.answers = dict(answers)
        self._asked: dict[str, dict[str, Any]] = {}
        self._counts: dict[str, int] = {}

    def _missing(self, capability: str, message: str) -> None:
        raise MissingClientCapability(capability, message)  # the request fails with -32021

    async def ask(self, method: str, params: Mapping[str, Any], key: str | None) -> dict[str, Any]:
        self._check(method)
        if key is None:
            # Numbered in the order the run asks, which is the same on every attempt.
            kind = _CAPABILITY[method]
            self._counts[kind] = self._counts.get(kind, 0) + 1
            key = f"{kind}-{self._counts[kind]}"
        answer = self.answers.get(key)
        if isinstance(answer, dict):
            return answer
        self._asked[key] = {"method": method, "params": dict(params)}
        # Let asks gathered with this one add theirs, so the client gets all of them at once.
        await asyncio.sleep(0)
        raise InputRequired(self._asked)
