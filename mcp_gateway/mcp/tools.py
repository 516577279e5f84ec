"""Tools-only mode: each action of the selected apps is one tool, configured in one call.

A tool list depends only on the selected apps, so it is built once per app set
and reused; tool calls go to the runtime with the caller's identity.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mcp_gateway.catalog import Action, AgentClient, Catalog, input_schema, tool_name
from mcp_gateway.files import URL_TTL, FileError, StashOutput
from mcp_gateway.runtime.engine import RunResult
from mcp_gateway.runtime.errors import ConfigurationError
from mcp_gateway.runtime.service import Caller, Runtime

CONFIGURE_TOOL = "CONFIGURE_COMPONENT"
STASH_ARGUMENT = "stash_id"
_TEXT_LIMIT = 20_000


class UnknownTool(Exception):
    pass


@dataclass(frozen=True, slots=True)
class ToolSet:
    tools: list[dict[str, Any]]
    by_name: dict[str, Action]
    has_configure: bool


def action_tool(action: Action) -> dict[str, Any]:
    description = action.description
    if action.additional_props is not None:
        reloads = ", ".join(n for n, p in action.props.items() if p.reload_props)
        description += (
            f"\n\nMore inputs appear once {reloads} are set; pass them with the other arguments "
            "(an error result lists the inputs that are then expected)."
        )
    if action.input_schema is not None:
        schema = dict(action.input_schema)
    else:
        schema = input_schema(action.key, action.props, dynamic=action.additional_props is not None)
    if takes_stash_id(action):
        schema.setdefault("properties", {})[STASH_ARGUMENT] = stash_schema(action)
    tool = {
        "name": tool_name(action),
        "title": action.name,
        "description": description,
        "inputSchema": schema,
        "annotations": action.annotations.to_mcp(action.name),
    }
    if action.task_support != "forbidden":  # 2025-11-25 clients learn here which tools may be tasks
        tool["execution"] = {"taskSupport": action.task_support}
    return tool


def takes_stash_id(action: Action) -> bool:
    """Actions with a `stash` attribute take a `stash_id` argument beside their props."""
    return action.stash is not None and STASH_ARGUMENT not in action.props


def stash_schema(action: Action) -> dict[str, Any]:
    """The `stash_id` argument's schema, for an action that `takes_stash_id`."""
    return dict(_STASH_SCHEMAS[action.stash])  # type: ignore[index]


def split_stash_id(action: Action, arguments: Mapping[str, Any], *, files: bool) -> tuple[dict[str, Any], Any]:
    """A tool's arguments without `stash_id`, and the stash to run with. An action that requires
    a stash gets a new one when none is given (else the files it makes are lost with its /tmp)."""
    if not takes_stash_id(action):
        return dict(arguments), None
    arguments = dict(arguments)
    stash_id = arguments.pop(STASH_ARGUMENT, None)
    if stash_id is None and action.stash == "required" and files:
        stash_id = "NEW"
    return arguments, stash_id


_STASH_REUSE = (
    "Pass the stash_id of an earlier result to have that result's files in /tmp again, e.g. to upload a file "
    "an earlier call downloaded. Stashes last 24 hours."
)
_STASH_SCHEMAS: dict[str, dict[str, Any]] = {
    "required": {
        "type": "string",
        "description": "File Stash: the files this tool writes to /tmp come back as download links. A new stash "
        "is made when this is left out. " + _STASH_REUSE,
    },
    "optional": {
        "type": "string",
        "description": 'File Stash: "NEW" to get the files this tool writes to /tmp back as download links. '
        + _STASH_REUSE,
    },
}


_CONFIGURE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "key": {"type": "string", "description": "The action key named in the prop's description, e.g. `slack-send-message`."},
        "propName": {"type": "string", "description": "The prop whose valid values to list."},
        "configuredProps": {
            "type": "object",
            "description": "Values already chosen for the action's other props; some option lists depend on them.",
        },
        "query": {"type": "string", "description": "Optional search text to narrow the options."},
        "prevContext": {"type": "object", "description": "The `context` from the previous page, to get the next page."},
    },
    "required": ["key", "propName"],
    "additionalProperties": False,
}


def configure_tool() -> dict[str, Any]:
    return {
        "name": CONFIGURE_TOOL,
        "title": "List a prop's valid values",
        "description": (
            "List the valid values of an action prop whose description says to use this tool "
            "(channels, repositories, spreadsheets and other IDs from the user's account). "
            "Returns options as label/value pairs; pass the value to the action. When `context` is not null "
            "there are more pages: call again with it as prevContext."
        ),
        "inputSchema": _CONFIGURE_SCHEMA,
        "annotations": {"title": "List a prop's valid values", "readOnlyHint": True, "destructiveHint": False,
                        "idempotentHint": True, "openWorldHint": True},
    }


class ToolsOnly:
    def __init__(self, catalog: Catalog, runtime: Runtime) -> None:
        self._catalog = catalog
        self._runtime = runtime
        self._cache: dict[tuple[str, ...], ToolSet] = {}

    def toolset(self, apps: tuple[str, ...]) -> ToolSet:
        cached = self._cache.get(apps)
        if cached is None:
            actions = [a for slug in apps for a in self._catalog.tool_actions(slug)]
            tools = [action_tool(a) for a in actions]
            has_configure = any(p.has_remote_options for a in actions for p in a.props.values() if p.is_input)
            if has_configure:
                tools.append(configure_tool())
            cached = self._cache[apps] = ToolSet(tools, {t["name"]: a for t, a in zip(tools, actions)}, has_configure)
        return cached

    async def call(self, apps: tuple[str, ...], caller: Caller, name: str, arguments: Mapping[str, Any],
                   client: AgentClient | None = None) -> dict[str, Any]:
        toolset = self.toolset(apps)
        if name == CONFIGURE_TOOL and toolset.has_configure:
            return await self._configure(toolset, caller, arguments)
        action = toolset.by_name.get(name)
        if action is None:
            raise UnknownTool(f"unknown tool {name!r}; call tools/list for the tools of apps {', '.join(apps)}")
        arguments, stash_id = split_stash_id(action, arguments, files=self._runtime.files is not None)
        # AccountRequired goes up: how to ask for the account depends on the client.
        try:
            result = await self._runtime.run(caller, action, arguments, via="mcp", stash_id=stash_id, client=client)
        except (ConfigurationError, FileError) as exc:
            return error_result(str(exc))
        return run_result(result)

    async def _configure(self, toolset: ToolSet, caller: Caller, arguments: Mapping[str, Any]) -> dict[str, Any]:
        key, prop_name = arguments.get("key"), arguments.get("propName")
        if not isinstance(key, str) or not isinstance(prop_name, str):
            return error_result("CONFIGURE_COMPONENT needs `key` (the action key) and `propName`")
        action = next((a for a in toolset.by_name.values() if a.key == key), None)
        if action is None:
            keys = ", ".join(a.key for a in toolset.by_name.values())
            return error_result(f"unknown action key {key!r}; the actions here are: {keys}")
        try:
            options = await self._runtime.options(
                caller,
                action,
                prop_name,
                arguments.get("configuredProps") or {},
                prev_context=arguments.get("prevContext"),
                query=arguments.get("query"),
            )
        except ConfigurationError as exc:
            return error_result(str(exc))
        payload = {"options": options["options"], "context": options["context"], "errors": options["errors"]}
        text = json.dumps(payload, ensure_ascii=False)
        return {"content": [{"type": "text", "text": text}], "structuredContent": payload, "isError": bool(options["errors"])}


def run_result(result: RunResult) -> dict[str, Any]:
    """A run as an MCP tool result: text leading with `$summary`, the run as structured content."""
    structured = result.to_json()
    if result.error is not None:
        lines = [f"Error: {result.error}"]
        if result.summary:
            lines.append(result.summary)
        return {"content": [{"type": "text", "text": "\n\n".join(lines)}], "structuredContent": structured, "isError": True}
    # Text is text; anything else is shown as JSON.
    body = result.ret if isinstance(result.ret, str) else json.dumps(result.ret, ensure_ascii=False, default=str)
    if len(body) > _TEXT_LIMIT:
        body = body[:_TEXT_LIMIT] + "... (truncated; the full result is in structuredContent.ret)"
    text = f"{result.summary}\n\n{body}" if result.summary else body
    content = [{"type": "text", "text": text + stash_note(result)}, *result.content, *file_blocks(result.files)]
    return {"content": content, "structuredContent": structured, "isError": False}


def stash_note(result: RunResult) -> str:
    """What to tell the model about a run's File Stash: how to reuse it (empty without one)."""
    if result.stash_id is None:
        return ""
    return (f"\n\nFiles are in File Stash {result.stash_id}: pass stash_id \"{result.stash_id}\" to a later call "
            f"to have them in /tmp again (24 hours). Download links work for {URL_TTL // 60} minutes.")


# Where a resource link also carries the file's https download link.
DOWNLOAD_URL_META_KEY = "mcp-gateway/downloadUrl"


def file_blocks(files: list[StashOutput]) -> list[dict[str, Any]]:
    """A resource link for each file a run stashed, and the content of small text files.

    The link names the file as a `stash://` resource (`resources/read`, for its owner, 24 hours);
    its description and `_meta` carry the https download link too, for clients that cannot read
    resources and for people."""
    blocks: list[dict[str, Any]] = []
    for f in files:
        uri = f.resource_uri
        blocks.append({
            "type": "resource_link", "uri": uri, "name": f.name, "mimeType": f.mime_type, "size": f.size,
            "description": f"{f.local_path}; download it from {f.url} (the link works for {URL_TTL // 60} minutes)",
            "_meta": {DOWNLOAD_URL_META_KEY: f.url},
        })
        if f.text is not None:
            blocks.append({"type": "resource", "resource": {"uri": uri, "mimeType": f.mime_type, "text": f.text}})
    return blocks


def error_result(message: str) -> dict[str, Any]:
    return {"content": [{"type": "text", "text": message}], "isError": True}
