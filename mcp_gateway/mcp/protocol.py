"""The MCP methods the gateway answers, independent of the transport that carried them.

Two protocol eras share one dispatcher: the handshake era (`initialize`, then
requests in a session) and the stateless 2026-07-28 era, where each request
carries its protocol version and client capabilities in `params._meta` and
results carry `resultType` (and cache hints on cacheable methods).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from mcp_gateway import __version__
from mcp_gateway.runtime.errors import AccountRequired
from mcp_gateway.runtime.service import Caller

from .accounts import AccountLinks, ClientContext
from .full_config import ConversationRequired, FullConfig
from .params import McpParams
from .subagent import SubAgentMode
from .spec import (
    CLIENT_CAPABILITIES_META_KEY,
    HANDSHAKE_PROTOCOL_VERSIONS,
    HEADER_MISMATCH,
    INTERNAL_ERROR,
    INVALID_PARAMS,
    INVALID_REQUEST,
    LATEST_HANDSHAKE_VERSION,
    METHOD_NOT_FOUND,
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
MODERN_CAPABILITIES: Final = {"tools": {"listChanged": True}}
ERROR_HTTP_STATUS: Final = {
    PARSE_ERROR: 400,
    INVALID_REQUEST: 400,
    INVALID_PARAMS: 400,
    HEADER_MISMATCH: 400,
    UNSUPPORTED_PROTOCOL_VERSION: 400,
    METHOD_NOT_FOUND: 404,
}


class JsonRpcError(Exception):
    def __init__(self, code: int, message: str, data: Any = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.data = data

    def to_json(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.data is not None:
            error["data"] = self.data
        return error


def error_response(request_id: Any, exc: JsonRpcError) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "id": request_id, "error": exc.to_json()}


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


def read_envelope(method: str, params: Mapping[str, Any] | None, headers: Mapping[str, str]) -> Envelope:
    """Check a modern request's envelope and its mirror headers; raise the spec's error codes."""
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
    if header_method is not None and header_method != method:
        raise JsonRpcError(HEADER_MISMATCH, f"Mcp-Method header {header_method!r} does not match the body's method {method!r}")
    if method == "tools/call":
        header_name = headers.get("mcp-name")
        body_name = (params or {}).get("name")
        if header_name is not None and header_name != body_name:
            raise JsonRpcError(HEADER_MISMATCH, f"Mcp-Name header {header_name!r} does not match the tool name {body_name!r}")
    if not isinstance(version, str):
        raise JsonRpcError(INVALID_PARAMS, "the protocol version in params._meta must be a string")
    if version not in MODERN_PROTOCOL_VERSIONS:
        raise JsonRpcError(
            UNSUPPORTED_PROTOCOL_VERSION,
            "Unsupported protocol version",
            {"supported": list(MODERN_PROTOCOL_VERSIONS), "requested": version},
        )
    return Envelope(protocol_version=version, client_capabilities=meta[CLIENT_CAPABILITIES_META_KEY])


@dataclass
class Answer:
    """A request's result, and the notifications to send before it."""

    result: dict[str, Any]
    notifications: list[dict[str, Any]] = field(default_factory=list)


TOOLS_CHANGED: Final = {"jsonrpc": "2.0", "method": "notifications/tools/list_changed"}


class Protocol:
    def __init__(
        self, tools_only: ToolsOnly, links: AccountLinks, full_config: FullConfig, sub_agent: SubAgentMode | None = None
    ) -> None:
        self._tools_only = tools_only
        self._links = links
        self._full_config = full_config
        self._sub_agent = sub_agent  # None when no LLM provider is configured

    def initialize_result(self, params: Mapping[str, Any] | None) -> dict[str, Any]:
        return {
            "protocolVersion": negotiate((params or {}).get("protocolVersion")),
            "capabilities": HANDSHAKE_CAPABILITIES,
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
            return Answer(_modern(result, cacheable=True) if modern else result)
        if method == "tools/call":
            name = (params or {}).get("name")
            if not isinstance(name, str) or not name:
                raise JsonRpcError(INVALID_PARAMS, "tools/call needs params.name, the tool to call")
            arguments = (params or {}).get("arguments") or {}
            if not isinstance(arguments, Mapping):
                raise JsonRpcError(INVALID_PARAMS, "tools/call params.arguments must be an object")
            caller = Caller(mcp.project_id, mcp.environment, mcp.external_user_id, mcp.account_id)
            notifications: list[dict[str, Any]] = []
            try:
                result, changed = await self._call_tool(mcp, caller, client, name, arguments)
                if changed:
                    notifications.append(TOOLS_CHANGED)
            except UnknownTool as exc:
                raise JsonRpcError(INVALID_PARAMS, str(exc)) from None
            except AccountRequired as exc:
                ask = await self._links.request(exc, caller, client, params or {}, modern=modern)
                if ask.error is not None:
                    raise JsonRpcError(*ask.error) from None
                assert ask.result is not None
                result = ask.result
                if result.get("resultType") == "input_required":
                    result["_meta"] = {SERVER_INFO_META_KEY: SERVER_INFO}
                    return Answer(result)
            return Answer(_modern(result) if modern else result, notifications)
        if method == "ping":
            return Answer(_modern({}) if modern else {})
        if method == "server/discover" and modern:
            return Answer(_modern(
                {"supportedVersions": list(MODERN_PROTOCOL_VERSIONS), "capabilities": MODERN_CAPABILITIES, "instructions": INSTRUCTIONS},
                cacheable=True,
            ))
        if method == "logging/setLevel" and not modern:
            return Answer({})
        if method == "initialize":
            if modern:
                raise JsonRpcError(INVALID_REQUEST, "initialize is not part of protocol version 2026-07-28; send requests directly")
            return Answer(self.initialize_result(params))
        raise JsonRpcError(METHOD_NOT_FOUND, f"Method not found: {method}")

    async def _list_tools(self, mcp: McpParams, caller: Caller, client: ClientContext) -> list[dict[str, Any]]:
        if mcp.tool_mode == "full-config":
            return await self._full_config.list_tools(mcp, caller, client.conversation_id(mcp))
        if mcp.tool_mode == "sub-agent":
            return self._sub_agent_mode().toolset(mcp.apps).tools
        return self._tools_only.toolset(mcp.apps).tools

    async def _call_tool(
        self, mcp: McpParams, caller: Caller, client: ClientContext, name: str, arguments: Mapping[str, Any]
    ) -> tuple[dict[str, Any], bool]:
        """The tool's result, and whether the tool list changed because of the call."""
        if mcp.tool_mode == "full-config":
            try:
                outcome = await self._full_config.call(mcp, caller, client.conversation_id(mcp), name, arguments)
            except ConversationRequired as exc:
                return error_result(str(exc)), False
            return outcome.result, outcome.tools_changed
        if mcp.tool_mode == "sub-agent":
            return await self._sub_agent_mode().call(mcp.apps, caller, name, arguments), False
        return await self._tools_only.call(mcp.apps, caller, name, arguments), False

    def _sub_agent_mode(self) -> SubAgentMode:
        if self._sub_agent is None:
            raise JsonRpcError(
                INVALID_PARAMS,
                "sub-agent mode needs an LLM provider: set MCP_GATEWAY_LLM_PROVIDER (anthropic, openai or "
                "openai-compatible) and MCP_GATEWAY_LLM_API_KEY, or use toolMode=tools-only or full-config",
            )
        return self._sub_agent


def _modern(result: dict[str, Any], *, cacheable: bool = False) -> dict[str, Any]:
    result["resultType"] = "complete"
    result["_meta"] = {**result.get("_meta", {}), SERVER_INFO_META_KEY: SERVER_INFO}
    if cacheable:
        # Tool lists depend on the caller's apps and, in other modes, on conversation state.
        result["ttlMs"] = 0
        result["cacheScope"] = "private"
    return result
