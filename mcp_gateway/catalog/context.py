"""The `$` an action's code receives: its props, the account's auth, an HTTP client
for the app, exports and observations. The runtime builds one per run."""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from mcp_gateway.net import EgressPolicy

from .errors import ActionError
from .http import AppHttp

LOG_LEVELS = ("debug", "info", "notice", "warning", "error", "critical", "alert", "emergency")


class AgentClient(Protocol):
    """The MCP client whose tool call started a run, while the run lasts.

    Notifications go to the client if it asked for them (a progress token, a log level) and are
    dropped otherwise. `ask` sends the client a request (elicitation, sampling, roots) and returns
    its result; the transport decides how: on the call's stream in a session, or, in the stateless
    protocol, by ending the call with the question and running it again once answered.
    """

    def log(self, level: str, data: Any, logger: str | None) -> None: ...

    def progress(self, progress: float, total: float | None, message: str | None) -> None: ...

    def can_ask(self, method: str) -> bool: ...

    async def run_as_task(self) -> None: ...

    async def ask(self, method: str, params: Mapping[str, Any], key: str | None) -> dict[str, Any]: ...


class ClientAnswerNeeded(BaseException):
    """Raised by `AgentClient.ask` in the stateless protocol: the run stops here, and the call is
    answered with what the client must do first.

    A BaseException, like cancellation, so that an action's own `except Exception` cannot keep
    the run going without the answer. An action asks before it changes anything upstream.
    """


class InputRequired(ClientAnswerNeeded):
    """The client is to answer these questions; the run starts again once it has."""

    def __init__(self, requests: Mapping[str, Any]) -> None:
        super().__init__("the client must answer before the run can go on")
        self.requests = dict(requests)


class MissingClientCapability(ClientAnswerNeeded):
    """The run needs to ask the client something it did not declare it can answer."""

    def __init__(self, capability: str, message: str) -> None:
        super().__init__(message)
        self.capability = capability


class Props(dict[str, Any]):
    """Configured prop values; readable as `props["name"]` or `props.name`.

    A prop named like a dict method (`values`, `items`, `get`...) is read as
    `props["values"]`: attribute access finds the method first.
    """

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(
                f"props.{name}: no value is set for {name!r}; an optional prop left unset is absent, "
                f"read it with props.get({name!r})"
            ) from None


class _BaseContext:
    def __init__(
        self,
        *,
        props: Mapping[str, Any],
        auth: Mapping[str, Any] | None,
        http: AppHttp | None,
        external_user_id: str,
        egress: EgressPolicy = EgressPolicy(),
    ) -> None:
        self.props = Props(props)
        self.auth: Mapping[str, Any] = auth or {}
        self._http = http
        self.external_user_id = external_user_id
        # The gateway's egress policy, for code that dials out without `http`: a database
        # driver checks `await egress.addresses(host, port)` and connects to what it returns.
        self.egress = egress

    @property
    def http(self) -> AppHttp:
        if self._http is None:
            raise RuntimeError("this app has no HTTP API configured")
        return self._http


class RunContext(_BaseContext):
    """`$` for an action run."""

    def __init__(self, *, tmp_dir: Path | Callable[[], Path], send: Any = None, client: AgentClient | None = None,
                 logger: str | None = None, **kw: Any) -> None:
        super().__init__(**kw)
        self.exports: dict[str, Any] = {}
        self.observations: list[dict[str, Any]] = []
        # MCP content blocks (images, audio, embedded resources) the result carries beside its text.
        self.content: list[dict[str, Any]] = []
        self._tmp_dir = tmp_dir
        self._send = send
        self._client = client
        self._logger = logger

    @property
    def send(self) -> Any:
        """`$.send`: s3, http, email, sse and emit destinations, delivered after a successful run."""
        if self._send is None:
            raise RuntimeError("destinations are not available in this run")
        return self._send

    @property
    def tmp_dir(self) -> Path:
        """This run's `/tmp`, created on first use (most actions never touch it)."""
        if callable(self._tmp_dir):
            self._tmp_dir = self._tmp_dir()
        return self._tmp_dir

    def tmp_path(self, path: str) -> Path:
        """Where an action's `/tmp/...` path lives for this run; refuses paths outside it."""
        relative = path[len("/tmp/") :] if path.startswith("/tmp/") else path.lstrip("/")
        root = self.tmp_dir.resolve()
        target = (root / relative).resolve()
        if target != root and root not in target.parents:
            raise ValueError(f"file path {path!r} must stay inside /tmp")
        return target

    def export(self, name: str, value: Any) -> None:
        self.exports[name] = value

    @property
    def summary(self) -> str | None:
        return self.exports.get("$summary")

    @summary.setter
    def summary(self, text: str) -> None:
        self.exports["$summary"] = text

    def log(self, *parts: Any, level: str = "info") -> None:
        """Note a line in the run's log; an MCP client that asked for log messages gets it too."""
        if level not in LOG_LEVELS:
            raise ValueError(f"log level {level!r} must be one of {', '.join(LOG_LEVELS)}")
        message = " ".join(str(p) for p in parts)
        self.observations.append({"ts": _now_ms(), "k": "console.log", "msg": message})
        if self._client is not None:
            self._client.log(level, message, self._logger)

    def progress(self, progress: float, total: float | None = None, message: str | None = None) -> None:
        """Tell the MCP client how far the run is, if it asked to know (elsewhere, nothing)."""
        if self._client is not None:
            self._client.progress(progress, total, message)

    def add_content(self, block: Mapping[str, Any]) -> None:
        """Add an MCP content block (`image`, `audio`, `resource`, `resource_link`, `text`) to the
        tool result, after the text the run's return value becomes."""
        if not isinstance(block, Mapping) or block.get("type") not in _CONTENT_TYPES:
            raise ValueError(f"a content block is an object whose type is one of {', '.join(_CONTENT_TYPES)}")
        self.content.append(dict(block))

    async def elicit(self, message: str, requested_schema: Mapping[str, Any], *, key: str | None = None) -> dict[str, Any]:
        """Ask the user for input through the MCP client (a form of flat fields). Returns the
        client's answer: `{"action": "accept", "content": {...}}`, or `decline` or `cancel`."""
        return await self.ask("elicitation/create", {"mode": "form", "message": message,
                                                     "requestedSchema": dict(requested_schema)}, key=key)

    async def sample(self, messages: Sequence[Mapping[str, Any]], *, max_tokens: int, system_prompt: str | None = None,
                     key: str | None = None, **params: Any) -> dict[str, Any]:
        """Ask the MCP client's model for a completion; returns its `CreateMessageResult`."""
        request: dict[str, Any] = {"messages": [dict(m) for m in messages], "maxTokens": max_tokens, **params}
        if system_prompt is not None:
            request["systemPrompt"] = system_prompt
        return await self.ask("sampling/createMessage", request, key=key)

    async def list_roots(self, *, key: str | None = None) -> list[dict[str, Any]]:
        """The client's roots (folders it lets servers know of), as `[{"uri", "name"}]`."""
        return list((await self.ask("roots/list", {}, key=key)).get("roots") or [])

    async def run_as_task(self) -> None:
        """For an action declared with `task_support` and `task_from="handoff"`: what it asked so
        far was asked in the call itself; from here on the run goes on as an MCP task, whose
        handle the client now gets and polls. Elsewhere the run simply goes on."""
        if self._client is not None:
            await self._client.run_as_task()

    def can_ask(self, method: str) -> bool:
        """Whether the MCP client declared it can be sent `method` (`elicitation/create`,
        `sampling/createMessage`, `roots/list`); False outside an MCP tool call."""
        return self._client is not None and self._client.can_ask(method)

    async def ask(self, method: str, params: Mapping[str, Any], *, key: str | None = None) -> dict[str, Any]:
        """Send the MCP client a request and return its result. `key` names the question where
        the protocol keys them (2026-07-28 `inputRequests`); by default they are numbered.
        Several asks gathered at once (`asyncio.gather`) reach the client together."""
        if self._client is None:
            raise ActionError(f"this action asks the user through their MCP client ({method}); "
                              "call it as an MCP tool from a client that supports that")
        return await self._client.ask(method, params, key)

    def record_error(self, exc: BaseException) -> None:
        self.observations.append(
            {
                "ts": _now_ms(),
                "k": "error",
                "err": {
                    "name": type(exc).__name__,
                    "message": str(exc),
                    "stack": "".join(traceback.format_exception_only(type(exc), exc)).strip(),
                },
            }
        )


_CONTENT_TYPES = ("text", "image", "audio", "resource", "resource_link")


class OptionsContext(_BaseContext):
    """`$` for a remote options function: the props configured so far, and paging."""

    def __init__(self, *, page: int = 0, prev_context: Mapping[str, Any] | None = None, query: str | None = None, **kw: Any) -> None:
        super().__init__(**kw)
        self.page = page
        self.prev_context: dict[str, Any] = dict(prev_context or {})
        self.query = query


class PropsContext(_BaseContext):
    """`$` for `additional_props`: the props configured so far, used to work out the rest."""


def _now_ms() -> int:
    return int(time.time() * 1000)


class AccountContext(_BaseContext):
    """What an app's account test gets: the new credentials and an HTTP client using them."""

    def __init__(self, *, auth: Mapping[str, Any], http: AppHttp | None, egress: EgressPolicy = EgressPolicy()) -> None:
        super().__init__(props={}, auth=auth, http=http, external_user_id="", egress=egress)
