"""The per-request parameters of the MCP server: headers, query params or path.

Every parameter can come as an `x-pd-*` header or a query parameter, as in the
hosted server; the path forms `/{external_user_id}/{app}` carry two of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from mcp_gateway.config import ENVIRONMENTS, TOOL_MODES
from mcp_gateway.connect.accounts import AccountError, check_external_user_id

# (field, header, query param)
_PARAMS = (
    ("project_id", "x-pd-project-id", "projectId"),
    ("environment", "x-pd-environment", "environment"),
    ("external_user_id", "x-pd-external-user-id", "externalUserId"),
    ("apps", "x-pd-app-slug", "app"),
    ("account_id", "x-pd-account-id", "accountId"),
    ("tool_mode", "x-pd-tool-mode", "toolMode"),
    ("app_discovery", "x-pd-app-discovery", "appDiscovery"),
    ("conversation_id", "x-pd-conversation-id", "conversationId"),
)
_NAMES = {f: f"`{h}` header or `{q}` query parameter" for f, h, q in _PARAMS}


class ParamError(Exception):
    """A request parameter is missing or has a bad value; the message names it."""


@dataclass(frozen=True, slots=True)
class McpParams:
    project_id: str
    environment: str
    external_user_id: str
    apps: tuple[str, ...]
    tool_mode: str
    app_discovery: bool = False
    account_id: str | None = None
    conversation_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "project_id": self.project_id,
            "environment": self.environment,
            "external_user_id": self.external_user_id,
            "apps": list(self.apps),
            "tool_mode": self.tool_mode,
            "app_discovery": self.app_discovery,
            "account_id": self.account_id,
            "conversation_id": self.conversation_id,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> McpParams:
        return cls(**{**data, "apps": tuple(data["apps"])})

    def but(self, **changes: Any) -> McpParams:
        return replace(self, **changes)


def raw_params(headers: Mapping[str, str], query: Mapping[str, str], path: Mapping[str, str]) -> dict[str, str]:
    """The parameters a request names, header first, then query, then path."""
    found: dict[str, str] = {}
    for field_name, header, query_name in _PARAMS:
        value = headers.get(header) or query.get(query_name)
        if value:
            found[field_name] = value.strip()
    if path.get("external_user_id") and "external_user_id" not in found:
        found["external_user_id"] = path["external_user_id"]
    if path.get("app") and "apps" not in found:
        found["apps"] = path["app"]
    return found


def resolve(
    raw: Mapping[str, str],
    *,
    base: McpParams | None = None,
    default_project_id: str | None = None,
    default_tool_mode: str = "tools-only",
    known_apps: Mapping[str, Any],
) -> McpParams:
    """Turn raw parameters into checked `McpParams`, filling gaps from `base` (a session's)."""
    def get(name: str) -> str | None:
        return raw.get(name)

    for name, value in raw.items():
        if value and "\x00" in value:  # from %00 in the query or path; no database keeps NUL in text
            raise ParamError(f"the {_NAMES[name]} must not contain NUL characters")
    project_id = get("project_id") or (base.project_id if base else default_project_id)
    if not project_id:
        raise ParamError(f"missing project id: send the {_NAMES['project_id']} (proj_...)")
    environment = get("environment") or (base.environment if base else None)
    if not environment:
        raise ParamError(f"missing environment: send the {_NAMES['environment']} (development or production)")
    if environment not in ENVIRONMENTS:
        raise ParamError(f"environment must be development or production, not {environment!r} ({_NAMES['environment']})")
    external_user_id = get("external_user_id") or (base.external_user_id if base else None)
    if not external_user_id:
        raise ParamError(f"missing external user id: send the {_NAMES['external_user_id']}, or use the /{{external_user_id}}/{{app}} URL")
    try:
        check_external_user_id(external_user_id)
    except AccountError as exc:
        raise ParamError(f"{exc} ({_NAMES['external_user_id']})") from None
    tool_mode = get("tool_mode") or (base.tool_mode if base else default_tool_mode)
    if tool_mode not in TOOL_MODES:
        raise ParamError(f"tool mode must be one of {', '.join(TOOL_MODES)}, not {tool_mode!r} ({_NAMES['tool_mode']})")
    discovery_raw = get("app_discovery")
    if discovery_raw is None:
        app_discovery = base.app_discovery if base else False
    elif discovery_raw.lower() in ("true", "1"):
        app_discovery = True
    elif discovery_raw.lower() in ("false", "0"):
        app_discovery = False
    else:
        raise ParamError(f"app discovery must be true or false, not {discovery_raw!r} ({_NAMES['app_discovery']})")
    if app_discovery and tool_mode != "full-config":
        raise ParamError(f"app discovery works in full-config mode: send toolMode=full-config with {_NAMES['app_discovery']}")
    apps_raw = get("apps")
    if apps_raw is not None:
        apps = tuple(dict.fromkeys(a.strip() for a in apps_raw.split(",") if a.strip()))
    else:
        apps = base.apps if base else ()
    if not apps and not app_discovery:
        raise ParamError(f"missing app: send the {_NAMES['apps']} (one slug, or several comma-separated)")
    unknown = [a for a in apps if a not in known_apps]
    if unknown:
        raise ParamError(f"unknown app {', '.join(repr(a) for a in unknown)} in the {_NAMES['apps']}; see `mcp-gateway apps list`")
    return McpParams(
        project_id=project_id,
        environment=environment,
        external_user_id=external_user_id,
        apps=apps,
        tool_mode=tool_mode,
        app_discovery=app_discovery,
        account_id=get("account_id") or (base.account_id if base else None),
        conversation_id=get("conversation_id") or (base.conversation_id if base else None),
    )
