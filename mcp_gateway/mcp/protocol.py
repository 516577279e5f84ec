"""The MCP methods the gateway answers, independent of the transport that carried them.

Two protocol eras share one dispatcher: the handshake era (`initialize`, then
requests in a session) and the stateless 2026-07-28 era, where each request
carries its protocol version and client capabilities in `params._meta` and
results carry `resultType` (and cache hints on cacheable methods).
"""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from mcp_gateway import __version__
from mcp_gateway.catalog import LOG_LEVELS, AgentClient, InputRequired, MissingClientCapability
from mcp_gateway.runtime.errors import AccountRequired
from mcp_gateway.runtime.service import Caller

from .accounts import AccountLinks, ClientContext
from .full_config import ConversationRequired, FullConfig
from .inflight import Inflight
from .jsonrpc import JsonRpcError, error_response
from .params import McpParams
from .peer import CallPeer, SessionPeer, StatelessPeer
from .request_state import RequestStateError, RequestStates, binding
from .resources import METHODS as RESOURCE_METHODS
from .resources import Resources
from .sessions import LogLevels
from .subscriptions import ListChanges
from .tasks import TASKS_EXTENSION, LegacyTaskPeer, Owner, TaskFinished, TaskNotFound, Tasks, client_supports_tasks
from .tasks import ProtocolErrorOfTask, protocol_error
from .subagent import SubAgentMode
from .spec import (
    CLIENT_CAPABILITIES_META_KEY,
    HANDSHAKE_PROTOCOL_VERSIONS,
    LOG_LEVEL_META_KEY,
    HEADER_MISMATCH,
    INTERNAL_ERROR,
    INVALID_PARAMS,
    INVALID_REQUEST,
    LATEST_HANDSHAKE_VERSION,
    METHOD_NOT_FOUND,
    MISSING_REQUIRED_CLIENT_CAPABILITY,
    MODERN_PROTOCOL_VERSIONS,
    PARSE_ERROR,
    PROTOCOL_VERSION_META_KEY,
    SERVER_INFO_META_KEY,
    UNSUPPORTED_PROTOCOL_VERSION,
)
from .tools import ToolsOnly, UnknownTool, error_result

__all__ = [
    "HEADER_MISMATCH",
    "INTERNAL_ERROR",
    "INVALID_PARAMS",
    "INVALID_REQUEST",
    "METHOD_NOT_FOUND",
    "PARSE_ERROR",
    "UNSUPPORTED_PROTOCOL_VERSION",
    "JsonRpcError",
    "Protocol",
    "check_message",
    "error_response",
]

SERVER_INFO: Final = {"name": "mcp-gateway", "title": "mcp-gateway", "version": __version__}
INSTRUCTIONS: Final = (
    "Tools act on the user's connected accounts. If a tool answers that the user has no connected "
    "account, show them the link in the result and call the tool again once they have connected; "
    "if it says the app is not set up on this gateway yet, tell the user so instead of retrying."
)
HANDSHAKE_CAPABILITIES: Final = {"tools": {"listChanged": True}, "logging": {}}
MODERN_CAPABILITIES: Final = {"tools": {"listChanged": True}, "logging": {}}
ERROR_HTTP_STATUS: Final = {
    PARSE_ERROR: 400,
    INVALID_REQUEST: 400,
    INVALID_PARAMS: 400,
    HEADER_MISMATCH: 400,
    UNSUPPORTED_PROTOCOL_VERSION: 400,
    MISSING_REQUIRED_CLIENT_CAPABILITY: 400,
    METHOD_NOT_FOUND: 404,
}


def check_message(message: Any) -> None:
    """Refuse a message the dispatcher could not read: raise INVALID_REQUEST or INVALID_PARAMS
    naming what is wrong. A message without a method (a response) is left to be dropped."""
    if not isinstance(message, dict) or message.get("jsonrpc") != "2.0":
        raise JsonRpcError(INVALID_REQUEST, 'each message must be a JSON-RPC 2.0 object with "jsonrpc": "2.0"')
    if "method" not in message:
        return
    if not isinstance(message["method"], str):
        raise JsonRpcError(INVALID_REQUEST, "method must be a string, the name of the method to call")
    request_id = message.get("id")
    if "id" in message and (isinstance(request_id, bool) or not isinstance(request_id, (str, int))):
        raise JsonRpcError(INVALID_REQUEST, "id must be a string or an integer")
    if message.get("params") is not None and not isinstance(message["params"], dict):
        raise JsonRpcError(INVALID_PARAMS, f"{message['method'][:100]} params must be an object of named parameters")


def negotiate(requested: Any) -> str:
    return requested if requested in HANDSHAKE_PROTOCOL_VERSIONS else LATEST_HANDSHAKE_VERSION


@dataclass(frozen=True, slots=True)
class Envelope:
    """What a 2026-era request says about itself in `params._meta`."""

    protocol_version: str
    client_capabilities: Any


def read_envelope(method: str, params: Mapping[str, Any] | None, headers: Mapping[str, str], *,
                  http: bool = True) -> Envelope:
    """Check a modern request's envelope and, over HTTP, the headers that mirror it (which are
    required there); raise the spec's error codes."""
    meta = (params or {}).get("_meta")
    if not isinstance(meta, Mapping):
        raise JsonRpcError(INVALID_PARAMS, f"params._meta must carry {PROTOCOL_VERSION_META_KEY} and {CLIENT_CAPABILITIES_META_KEY}")
    missing = [k for k in (PROTOCOL_VERSION_META_KEY, CLIENT_CAPABILITIES_META_KEY) if k not in meta]
    if missing:
        raise JsonRpcError(INVALID_PARAMS, f"params._meta is missing {', '.join(missing)}")
    version = meta[PROTOCOL_VERSION_META_KEY]
    header_version = headers.get("mcp-protocol-version")
    if header_version is not None and header_version != version:
        raise JsonRpcError(HEADER_MISMATCH, f"MCP-Protocol-Version header {header_version!r} does not match params._meta ({version!r})")
    header_method = headers.get("mcp-method")
    if http and header_method is None:
        raise JsonRpcError(HEADER_MISMATCH, f"missing Mcp-Method header: send `Mcp-Method: {method[:100]}` with the request")
    if header_method is not None and header_method != method:
        raise JsonRpcError(HEADER_MISMATCH, f"Mcp-Method header {header_method!r} does not match the body's method {method!r}")
    if method in NAMED_METHODS:
        field_name = NAMED_METHODS[method]
        header_name = headers.get("mcp-name")
        body_name = (params or {}).get(field_name)
        if http and header_name is None:
            raise JsonRpcError(HEADER_MISMATCH, f"missing Mcp-Name header: send the request's params.{field_name} in it")
        if header_name is not None and _header_value(header_name) != body_name:
            raise JsonRpcError(HEADER_MISMATCH, f"Mcp-Name header {header_name!r} does not match params.{field_name} {body_name!r}")
    if not isinstance(version, str):
        raise JsonRpcError(INVALID_PARAMS, "the protocol version in params._meta must be a string")
    if version not in MODERN_PROTOCOL_VERSIONS:
        raise JsonRpcError(
            UNSUPPORTED_PROTOCOL_VERSION,
            "Unsupported protocol version",
            {"supported": list(MODERN_PROTOCOL_VERSIONS), "requested": version},
        )
    return Envelope(protocol_version=version, client_capabilities=meta[CLIENT_CAPABILITIES_META_KEY])


# The requests whose `Mcp-Name` header mirrors a parameter, and which one.
NAMED_METHODS: Final = {"tools/call": "name", "resources/read": "uri", "prompts/get": "name",
                        "tasks/get": "taskId", "tasks/update": "taskId", "tasks/cancel": "taskId"}
TASK_METHODS: Final = frozenset({"tasks/get", "tasks/update", "tasks/cancel"})
# Tasks in 2025-11-25 sessions (the revision they came with), and their methods there.
FIRST_TASKS_VERSION: Final = "2025-11-25"
LEGACY_TASK_METHODS: Final = frozenset({"tasks/get", "tasks/result", "tasks/list", "tasks/cancel"})
# How long one tasks/result waits for its task (it is called again for longer runs).
TASK_RESULT_WAIT_SECONDS: Final = 50.0
_BASE64_SENTINEL = re.compile(r"^=\?base64\?(.*)\?=$", re.DOTALL)


def _header_value(value: str) -> str | None:
    """A header's value, decoded when it is in the spec's Base64 sentinel form; None if that does not decode."""
    match = _BASE64_SENTINEL.match(value)
    if match is None:
        return value
    try:
        return base64.b64decode(match[1], validate=True).decode()
    except (ValueError, UnicodeDecodeError):
        return None


@dataclass
class Answer:
    """A request's result, and the notifications to send before it."""

    result: dict[str, Any]
    notifications: list[dict[str, Any]] = field(default_factory=list)


TOOLS_CHANGED: Final = {"jsonrpc": "2.0", "method": "notifications/tools/list_changed"}
# How long a client may keep a list that changes only with the gateway's catalog (a restart).
FIXED_LIST_TTL_MS: Final = 5 * 60 * 1000


class Protocol:
    def __init__(
        self, tools_only: ToolsOnly, links: AccountLinks, full_config: FullConfig, *, inflight: Inflight,
        request_states: RequestStates, log_levels: LogLevels, list_changes: ListChanges, resources: Resources,
        tasks: Tasks, sub_agent: SubAgentMode | None = None,
    ) -> None:
        self._resources = resources
        self._tasks = tasks
        self._tools_only = tools_only
        self._links = links
        self._full_config = full_config
        self._inflight = inflight
        self._request_states = request_states
        self._log_levels = log_levels
        self._list_changes = list_changes
        self._sub_agent = sub_agent  # None when no LLM provider is configured

    def capabilities(self, *, modern: bool, version: str = LATEST_HANDSHAKE_VERSION) -> dict[str, Any]:
        capabilities = dict(MODERN_CAPABILITIES if modern else HANDSHAKE_CAPABILITIES)
        if self._resources.capability is not None:
            capabilities["resources"] = self._resources.capability
        if modern:
            capabilities["extensions"] = {TASKS_EXTENSION: {}}
        elif version >= FIRST_TASKS_VERSION:
            capabilities["tasks"] = {"list": {}, "cancel": {}, "requests": {"tools": {"call": {}}}}
        return capabilities

    def initialize_result(self, params: Mapping[str, Any] | None) -> dict[str, Any]:
        version = negotiate((params or {}).get("protocolVersion"))
        return {
            "protocolVersion": version,
            "capabilities": self.capabilities(modern=False, version=version),
            "serverInfo": SERVER_INFO,
            "instructions": INSTRUCTIONS,
        }

    async def dispatch(
        self, method: str, params: Mapping[str, Any] | None, mcp: McpParams, *, modern: bool, client: ClientContext
    ) -> Answer:
        """Answer one request; raise `JsonRpcError` for protocol-level failures."""
        if method == "tools/list":
            caller = Caller(mcp.project_id, mcp.environment, mcp.external_user_id, mcp.account_id)
            result: dict[str, Any] = {"tools": await self._list_tools(mcp, caller, client)}
            if not modern:
                return Answer(result)
            # Full-config lists change with the conversation (and say so); the others change only
            # when the gateway's catalog does. Private: which apps a list holds depends on the caller.
            fixed = mcp.tool_mode != "full-config"
            return Answer(_modern(result, ttl_ms=FIXED_LIST_TTL_MS if fixed else 0, scope="private"))
        if method == "tools/call":
            name = (params or {}).get("name")
            if not isinstance(name, str) or not name:
                raise JsonRpcError(INVALID_PARAMS, "tools/call needs params.name, the tool to call")
            arguments = (params or {}).get("arguments") or {}
            if not isinstance(arguments, Mapping):
                raise JsonRpcError(INVALID_PARAMS, "tools/call params.arguments must be an object")
            caller = Caller(mcp.project_id, mcp.environment, mcp.external_user_id, mcp.account_id)
            notifications: list[dict[str, Any]] = []
            bound_to = binding(mcp.project_id, mcp.environment, mcp.external_user_id, method, name, arguments)
            if not modern and client.protocol_version >= FIRST_TASKS_VERSION:
                legacy = await self._legacy_task_call(mcp, caller, client, params or {}, name, arguments)
                if legacy is not None:
                    return legacy
            support = self._task_support(mcp, name) if modern else "forbidden"
            if support != "forbidden":
                if client_supports_tasks(client.capabilities):
                    return await self._as_task(mcp, caller, client, params or {}, name, arguments, bound_to)
                if support == "required":
                    raise JsonRpcError(MISSING_REQUIRED_CLIENT_CAPABILITY,
                                       f"{name} runs only as an MCP task: declare the {TASKS_EXTENSION} extension",
                                       {"requiredCapabilities": {"extensions": {TASKS_EXTENSION: {}}}})
            peer = await self._peer(params or {}, client, modern=modern, bound_to=bound_to)
            for attempt in (1, 2):
                try:
                    result, changed = await self._call_tool(mcp, caller, client, name, arguments, peer)
                except UnknownTool as exc:
                    raise JsonRpcError(INVALID_PARAMS, str(exc)) from None
                except MissingClientCapability as missing:
                    raise JsonRpcError(MISSING_REQUIRED_CLIENT_CAPABILITY, str(missing),
                                       {"requiredCapabilities": {missing.capability: {}}}) from None
                except InputRequired as asked:
                    assert isinstance(peer, StatelessPeer)
                    return Answer(_modern({
                        "resultType": "input_required",
                        "inputRequests": asked.requests,
                        "requestState": self._request_states.seal(peer.answers, bound_to=bound_to),
                    }, result_type="input_required"))
                except AccountRequired as exc:
                    # A 2026-07-28 client that says the user opened the Connect Link is answered
                    # once the account is there, rather than asked again at once.
                    if attempt == 1 and modern and self._links.link_opened(exc, params or {}) \
                            and await self._links.wait_for_account(exc, caller):
                        continue
                    ask = await self._links.request(exc, caller, client, params or {}, modern=modern)
                    if ask.error is not None:
                        raise JsonRpcError(*ask.error) from None
                    assert ask.result is not None
                    if ask.result.get("resultType") == "input_required":
                        ask.result["_meta"] = {SERVER_INFO_META_KEY: SERVER_INFO}
                        return Answer(ask.result)
                    result, changed = ask.result, False
                break
            if changed and modern:  # heard on `subscriptions/listen` streams, on any process
                await self._list_changes.tools_changed(mcp, client.conversation_id(mcp))
            elif changed:
                notifications.append(TOOLS_CHANGED)
            return Answer(_modern(result) if modern else result, notifications)
        if method in TASK_METHODS and modern:
            return Answer(await self._task_method(method, params or {}, mcp, client))
        if method in LEGACY_TASK_METHODS and not modern and client.protocol_version >= FIRST_TASKS_VERSION:
            return Answer(await self._legacy_task_method(method, params or {}, mcp))
        if method in RESOURCE_METHODS and self._resources.capability is not None:
            caller = Caller(mcp.project_id, mcp.environment, mcp.external_user_id, mcp.account_id)
            result = await self._resources.answer(method, params or {}, mcp, caller, modern=modern)
            return Answer(_modern(result) if modern else result)
        if method == "ping" and not modern:  # removed in 2026-07-28
            return Answer({})
        if method == "server/discover" and modern:
            return Answer(_modern(
                {"supportedVersions": list(MODERN_PROTOCOL_VERSIONS), "capabilities": self.capabilities(modern=True), "instructions": INSTRUCTIONS},
                ttl_ms=FIXED_LIST_TTL_MS, scope="public",  # the same for every caller of this gateway
            ))
        if method == "logging/setLevel" and not modern:
            level = (params or {}).get("level")
            if level not in LOG_LEVELS:
                raise JsonRpcError(INVALID_PARAMS, f"level must be one of {', '.join(LOG_LEVELS)}, not {level!r}")
            if client.session_id is not None:
                await self._log_levels.set(client.session_id, level)
            return Answer({})
        if method == "initialize":
            if modern:
                raise JsonRpcError(METHOD_NOT_FOUND, "initialize is not part of protocol version 2026-07-28: send requests "
                                                     "directly (server/discover describes the server)")
            return Answer(self.initialize_result(params))
        raise JsonRpcError(METHOD_NOT_FOUND, f"Method not found: {method}")

    async def _list_tools(self, mcp: McpParams, caller: Caller, client: ClientContext) -> list[dict[str, Any]]:
        if mcp.tool_mode == "full-config":
            return await self._full_config.list_tools(mcp, caller, client.conversation_id(mcp))
        if mcp.tool_mode == "sub-agent":
            return self._sub_agent_mode().toolset(mcp.apps).tools
        return self._tools_only.toolset(mcp.apps).tools

    def _task_support(self, mcp: McpParams, name: str) -> str:
        """Whether the tool may run as a task: as its action says in tools-only mode; always may in
        sub-agent mode, whose runs are an LLM loop of many calls."""
        if mcp.tool_mode == "sub-agent":
            return "optional"
        if mcp.tool_mode != "tools-only":
            return "forbidden"
        action = self._tools_only.toolset(mcp.apps).by_name.get(name)
        return action.task_support if action is not None else "forbidden"

    async def _as_task(self, mcp: McpParams, caller: Caller, client: ClientContext, params: Mapping[str, Any], name: str,
                       arguments: Mapping[str, Any], bound_to: str) -> Answer:
        """Run a call that may become a task. It becomes one when it starts, or when the action
        hands off; what it asks before that is asked as in any call (input_required)."""
        answers = self._answers(params, bound_to)
        peer = self._tasks.peer(None, answers=answers, emit=_drop, capabilities=client.capabilities)
        action = self._tools_only.toolset(mcp.apps).by_name.get(name) if mcp.tool_mode == "tools-only" else None
        if action is None or action.task_from == "start":
            peer.handed_off.set()
        work = asyncio.ensure_future(self._task_work(mcp, caller, client, name, arguments, peer))
        handoff = asyncio.ensure_future(peer.handed_off.wait())
        await asyncio.wait({work, handoff}, return_when=asyncio.FIRST_COMPLETED)
        handoff.cancel()
        if not peer.handed_off.is_set():
            try:
                work.result()  # ended, or asked, before becoming a task
            except InputRequired as asked:
                return Answer(_modern({
                    "resultType": "input_required", "inputRequests": asked.requests,
                    "requestState": self._request_states.seal(peer.answers, bound_to=bound_to),
                }, result_type="input_required"))
            except MissingClientCapability as missing:
                raise JsonRpcError(MISSING_REQUIRED_CLIENT_CAPABILITY, str(missing),
                                   {"requiredCapabilities": {missing.capability: {}}}) from None
        owner = Owner(mcp.project_id, mcp.environment, mcp.external_user_id)
        created = await self._tasks.create(owner, "tools/call", {"name": name})
        peer.attach(created["taskId"])
        self._tasks.run(created["taskId"], work, peer)
        return Answer(_modern(created, result_type="task"))

    async def _legacy_task_call(self, mcp: McpParams, caller: Caller, client: ClientContext, params: Mapping[str, Any],
                                name: str, arguments: Mapping[str, Any]) -> Answer | None:
        """A 2025-11-25 tool call made a task by its `task` parameter; None for a plain call."""
        support = self._task_support(mcp, name)
        augmented = params.get("task")
        if augmented is None:
            if support == "required":
                raise JsonRpcError(METHOD_NOT_FOUND, f"{name} runs only as a task: call it with a `task` parameter")
            return None
        if not isinstance(augmented, Mapping):
            raise JsonRpcError(INVALID_PARAMS, "task must be an object, e.g. {\"ttl\": 60000}")
        if support == "forbidden":
            raise JsonRpcError(METHOD_NOT_FOUND, f"{name} does not run as a task (its execution.taskSupport is "
                                                 "forbidden): call it without `task`")
        peer = LegacyTaskPeer(emit=_drop, capabilities=client.capabilities)
        work = asyncio.ensure_future(self._task_work(mcp, caller, client, name, arguments, peer))
        created = await self._tasks.create_legacy(Owner(mcp.project_id, mcp.environment, mcp.external_user_id),
                                                  "tools/call", {"name": name})
        self._tasks.run(created["task"]["taskId"], work, peer)
        return Answer(created)

    async def _legacy_task_method(self, method: str, params: Mapping[str, Any], mcp: McpParams) -> dict[str, Any]:
        owner = Owner(mcp.project_id, mcp.environment, mcp.external_user_id)
        task_id = params.get("taskId")
        try:
            if method == "tasks/get":
                return await self._tasks.get_legacy(owner, task_id)
            if method == "tasks/result":
                try:
                    return await self._tasks.result_legacy(owner, task_id, timeout=TASK_RESULT_WAIT_SECONDS)
                except TimeoutError:
                    raise JsonRpcError(INTERNAL_ERROR, f"task {task_id} is still running after "
                                       f"{TASK_RESULT_WAIT_SECONDS:g} s; call tasks/result again, or poll tasks/get") from None
            if method == "tasks/list":
                return await self._tasks.list_legacy(owner, params.get("cursor"))
            return await self._tasks.cancel_legacy(owner, task_id)
        except (TaskNotFound, TaskFinished) as exc:
            raise JsonRpcError(INVALID_PARAMS, str(exc)) from None
        except ProtocolErrorOfTask as exc:  # what the task's request ended with
            raise JsonRpcError(exc.error.get("code", INTERNAL_ERROR), exc.error.get("message", "the task failed"),
                               exc.error.get("data")) from None

    async def _task_work(self, mcp: McpParams, caller: Caller, client: ClientContext, name: str,
                         arguments: Mapping[str, Any], peer: CallPeer) -> dict[str, Any]:
        """A task's tool result; a protocol error fails the task instead."""
        try:
            result, _ = await self._call_tool(mcp, caller, client, name, arguments, peer)
        except UnknownTool as exc:
            raise protocol_error({"code": INVALID_PARAMS, "message": str(exc)}) from None
        except AccountRequired as exc:
            # A task cannot send the user to a link mid-run: the result says where to connect.
            plain = dataclasses.replace(client, capabilities=None)
            ask = await self._links.request(exc, caller, plain, {}, modern=True)
            if ask.result is None:
                raise protocol_error({"code": ask.error[0], "message": ask.error[1]} if ask.error else
                                     {"code": INTERNAL_ERROR, "message": str(exc)}) from None
            result = ask.result
        return result

    async def _task_method(self, method: str, params: Mapping[str, Any], mcp: McpParams,
                           client: ClientContext) -> dict[str, Any]:
        if not client_supports_tasks(client.capabilities):
            raise JsonRpcError(MISSING_REQUIRED_CLIENT_CAPABILITY, f"{method} is part of the {TASKS_EXTENSION} "
                               "extension: declare it in the client capabilities",
                               {"requiredCapabilities": {"extensions": {TASKS_EXTENSION: {}}}})
        owner = Owner(mcp.project_id, mcp.environment, mcp.external_user_id)
        task_id = params.get("taskId")
        try:
            if method == "tasks/get":
                return _modern(await self._tasks.get(owner, task_id))
            if method == "tasks/update":
                responses = params.get("inputResponses")
                if not isinstance(responses, Mapping):
                    raise JsonRpcError(INVALID_PARAMS, "tasks/update needs inputResponses: the answers by the keys of "
                                                       "the task's inputRequests")
                await self._tasks.update(owner, task_id, responses)
            else:
                await self._tasks.cancel(owner, task_id)
        except TaskNotFound as exc:
            raise JsonRpcError(INVALID_PARAMS, str(exc)) from None
        return _modern({})

    def _answers(self, params: Mapping[str, Any], bound_to: str) -> dict[str, Any]:
        """The answers a 2026-07-28 call carries: those sealed in its requestState, and new ones."""
        responses = params.get("inputResponses")
        if responses is not None and not isinstance(responses, Mapping):
            raise JsonRpcError(INVALID_PARAMS, "inputResponses must be an object of answers by the keys of "
                                               "the inputRequests they answer")
        answers: dict[str, Any] = {}
        if params.get("requestState") is not None:
            try:
                answers = self._request_states.open(params["requestState"], bound_to=bound_to)
            except RequestStateError as exc:
                raise JsonRpcError(INVALID_PARAMS, f"{exc}; call the tool again without requestState and "
                                                   "inputResponses to start over") from None
        # Only answers that are objects can be results; anything else is ignored, and asked again.
        answers.update({k: v for k, v in (responses or {}).items() if isinstance(v, Mapping)})
        return answers

    async def _peer(self, params: Mapping[str, Any], client: ClientContext, *, modern: bool, bound_to: str) -> CallPeer:
        """The client as the run sees it, from what the call says it wants to hear."""
        meta = params.get("_meta")
        meta = meta if isinstance(meta, Mapping) else {}
        emit = client.emit or _drop
        progress_token = meta.get("progressToken")
        if modern:
            log_level = meta.get(LOG_LEVEL_META_KEY)
            if log_level is not None and log_level not in LOG_LEVELS:
                raise JsonRpcError(INVALID_PARAMS, f"{LOG_LEVEL_META_KEY} must be one of {', '.join(LOG_LEVELS)}, "
                                                   f"not {log_level!r}")
            answers = self._answers(params, bound_to)
            return StatelessPeer(answers=answers, emit=emit, capabilities=client.capabilities,
                                 progress_token=progress_token, log_level=log_level)
        log_level = await self._log_levels.get(client.session_id) if client.session_id is not None else None
        return SessionPeer(inflight=self._inflight, session_id=client.session_id or "", emit=emit,
                           protocol_version=client.protocol_version, can_request=client.can_request,
                           capabilities=client.capabilities, progress_token=progress_token,
                           log_level=log_level or "info")

    async def _call_tool(
        self, mcp: McpParams, caller: Caller, client: ClientContext, name: str, arguments: Mapping[str, Any],
        peer: AgentClient,
    ) -> tuple[dict[str, Any], bool]:
        """The tool's result, and whether the tool list changed because of the call."""
        if mcp.tool_mode == "full-config":
            try:
                outcome = await self._full_config.call(mcp, caller, client.conversation_id(mcp), name, arguments, peer)
            except ConversationRequired as exc:
                return error_result(str(exc)), False
            return outcome.result, outcome.tools_changed
        if mcp.tool_mode == "sub-agent":
            return await self._sub_agent_mode().call(mcp.apps, caller, name, arguments), False
        return await self._tools_only.call(mcp.apps, caller, name, arguments, peer), False

    def _sub_agent_mode(self) -> SubAgentMode:
        if self._sub_agent is None:
            raise JsonRpcError(
                INVALID_PARAMS,
                "sub-agent mode needs an LLM provider: set MCP_GATEWAY_LLM_PROVIDER (anthropic, openai or "
                "openai-compatible) and MCP_GATEWAY_LLM_API_KEY, or use toolMode=tools-only or full-config",
            )
        return self._sub_agent


def _drop(_: dict[str, Any]) -> None:
    """Where a call's notifications go when the transport has no stream for them."""


def _modern(result: dict[str, Any], *, ttl_ms: int | None = None, scope: str = "private",
            result_type: str = "complete") -> dict[str, Any]:
    """A 2026-07-28 result: its type, the server's identity and, for cacheable methods, how long
    and for whom a client may keep it."""
    result["resultType"] = result_type
    result["_meta"] = {**result.get("_meta", {}), SERVER_INFO_META_KEY: SERVER_INFO}
    if ttl_ms is not None:
        result["ttlMs"] = ttl_ms
        result["cacheScope"] = scope
    return result
