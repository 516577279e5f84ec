"""Full-config mode: every action can be configured, dynamic props included, and app
discovery chooses the apps when the request names none.

An action with `reload_props` props starts as `begin_configuration_<tool>`. Calling it narrows
the tool list to that configuration: set props (the schema grows as reloads add props), list
a prop's options, abort, and run once every required prop is set. Each change of the list is
reported so the transport can send `notifications/tools/list_changed`. Where a conversation
stands is kept in the store (see `conversations.py`).
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mcp_gateway.catalog import Action, AgentClient, Catalog, Prop, input_schema, tool_name
from mcp_gateway.catalog.model import MAX_TOOL_NAME
from mcp_gateway.catalog.schema import PropValidator
from mcp_gateway.files import FileError
from mcp_gateway.runtime.errors import ConfigurationError, DynamicPropsNotFound
from mcp_gateway.runtime.service import Caller, Runtime

from .conversations import Conversation, ConversationStore
from .params import McpParams
from .tools import STASH_ARGUMENT, ToolsOnly, UnknownTool, error_result, run_result, split_stash_id, stash_schema, takes_stash_id

BEGIN_PREFIX = "begin_configuration_"
SET_PROPS = "configure_props"
LIST_OPTIONS = "list_prop_options"
RUN = "run_configured_action"
ABORT = "abort_configuration"
DISCOVER = "discover_apps"
SELECT_APPS = "select_apps"
_DISCOVERED = 5
_PROPS_CACHE = 256


@dataclass(frozen=True, slots=True)
class Outcome:
    result: dict[str, Any]
    tools_changed: bool = False


class ConversationRequired(Exception):
    """Configuration state needs a conversation id, and this request has none."""


def begin_tool_name(action: Action) -> str:
    """`begin_configuration_<tool name>`, shortened with a hash of the key when it would pass 64."""
    name = BEGIN_PREFIX + tool_name(action)
    if len(name) <= MAX_TOOL_NAME:
        return name
    digest = hashlib.sha256(action.key.encode()).hexdigest()[:8]
    return f"{name[: MAX_TOOL_NAME - 9]}-{digest}"


def _tool(name: str, title: str, description: str, schema: dict[str, Any], *, read_only: bool = False) -> dict[str, Any]:
    return {
        "name": name,
        "title": title,
        "description": description,
        "inputSchema": schema,
        "annotations": {"title": title, "readOnlyHint": read_only, "destructiveHint": False,
                        "idempotentHint": read_only, "openWorldHint": not read_only},
    }


_EMPTY = {"type": "object", "properties": {}, "additionalProperties": False}


class FullConfig:
    def __init__(self, catalog: Catalog, runtime: Runtime, tools_only: ToolsOnly, conversations: ConversationStore) -> None:
        self._catalog = catalog
        self._runtime = runtime
        self._tools_only = tools_only
        self._conversations = conversations
        # Dynamic props rebuilt from a `dyp_` id cost upstream calls; keep the recent ones.
        self._props: OrderedDict[str, dict[str, Prop]] = OrderedDict()

    # Listing

    async def list_tools(self, mcp: McpParams, caller: Caller, conversation_id: str | None) -> list[dict[str, Any]]:
        state = await self._state(caller, conversation_id)
        if state.action_key is not None:
            action = self._catalog.actions.get(state.action_key)
            if action is not None:
                return await self._configuration_tools(caller, action, state)
        apps = self._apps(mcp, state)
        tools: list[dict[str, Any]] = []
        if mcp.app_discovery:
            tools += [self._discover_tool(), self._select_tool()]
        if apps:
            toolset = self._tools_only.toolset(apps)
            for tool in toolset.tools:
                action = toolset.by_name.get(tool["name"])
                dynamic = action is not None and action.additional_props is not None
                tools.append(self._begin_tool(action) if dynamic else tool)
        return tools

    def _apps(self, mcp: McpParams, state: Conversation) -> tuple[str, ...]:
        if mcp.apps:
            return mcp.apps
        return state.apps or ()

    def _begin_tool(self, action: Action) -> dict[str, Any]:
        reloads = ", ".join(n for n, p in action.props.items() if p.reload_props)
        return _tool(
            begin_tool_name(action),
            f"Configure: {action.name}",
            f"{action.description}\n\nThis action's inputs depend on {reloads}, so it is configured step by step: call "
            "this tool (no arguments), then list the tools again to set its props and run it.",
            _EMPTY,
        )

    async def _configuration_tools(self, caller: Caller, action: Action, state: Conversation) -> list[dict[str, Any]]:
        props = await self._props_for(caller, action, state)
        missing = _missing(props, state.values)
        known = json.dumps(_shown_values(props, state.values), ensure_ascii=False)
        tools = [
            _tool(
                SET_PROPS,
                f"Set inputs of {action.name}",
                f"Set one or more inputs of {action.key} ({action.name}). Values set so far: {known}. "
                + (f"Still required: {', '.join(missing)}. " if missing else "Every required input is set. ")
                + "Setting an input marked as reloading adds more inputs: list the tools again afterwards.",
                _partial(input_schema(action.key, props)),
            ),
            _tool(
                LIST_OPTIONS,
                "List an input's valid values",
                f"List the valid values of an input of {action.key} (IDs from the user's account); pass `query` to "
                "search and the returned `context` as `prevContext` for the next page.",
                {
                    "type": "object",
                    "properties": {
                        "propName": {"type": "string", "enum": sorted(n for n, p in props.items() if p.has_remote_options)}
                        if any(p.has_remote_options for p in props.values()) else {"type": "string"},
                        "query": {"type": "string"},
                        "prevContext": {"type": "object"},
                    },
                    "required": ["propName"],
                    "additionalProperties": False,
                },
                read_only=True,
            ),
            _tool(ABORT, "Abort the configuration", f"Stop configuring {action.key} and get the full tool list back.", _EMPTY),
        ]
        if not missing:
            run_schema = _EMPTY
            if takes_stash_id(action):
                run_schema = {**_EMPTY, "properties": {STASH_ARGUMENT: stash_schema(action)}}
            tools.append(_tool(RUN, f"Run {action.name}", f"Run {action.key} with the inputs set.", run_schema))
        return tools

    def _discover_tool(self) -> dict[str, Any]:
        return _tool(
            DISCOVER,
            "Find the apps for a task",
            "Say what the user wants to do; answers with the most relevant apps, ranked, and makes their tools "
            "available (list the tools again afterwards).",
            {"type": "object", "properties": {"query": {"type": "string", "description": "The user's request, in their words."}},
             "required": ["query"], "additionalProperties": False},
            read_only=True,
        )

    def _select_tool(self) -> dict[str, Any]:
        return _tool(
            SELECT_APPS,
            "Choose the apps to use",
            "Make these apps' tools available, by slug (see discover_apps).",
            {"type": "object", "properties": {"apps": {"type": "array", "items": {"type": "string"}, "minItems": 1}},
             "required": ["apps"], "additionalProperties": False},
        )

    # Calling

    async def call(
        self, mcp: McpParams, caller: Caller, conversation_id: str | None, name: str, arguments: Mapping[str, Any],
        client: AgentClient | None = None,
    ) -> Outcome:
        state = await self._state(caller, conversation_id)
        if state.action_key is not None and name in (SET_PROPS, LIST_OPTIONS, RUN, ABORT):
            action = self._catalog.actions.get(state.action_key)
            if action is not None:
                return await self._configure(caller, conversation_id, state, action, name, arguments, client)
        if mcp.app_discovery and name == DISCOVER:
            return await self._discover(caller, conversation_id, state, arguments)
        if mcp.app_discovery and name == SELECT_APPS:
            return await self._select(caller, conversation_id, state, arguments)
        apps = self._apps(mcp, state)
        if name.startswith(BEGIN_PREFIX):
            action = next((a for slug in apps for a in self._catalog.tool_actions(slug) if begin_tool_name(a) == name), None)
            if action is None:
                raise UnknownTool(f"unknown tool {name!r}; list the tools again")
            kept = await self._save(caller, conversation_id, state.configuring(action.key))
            return Outcome(
                {"content": [{"type": "text", "text": f"Configuring {action.key}. List the tools again: set its inputs with "
                              f"{SET_PROPS}, look up valid values with {LIST_OPTIONS}, then call {RUN}.{_kept_note(kept)}"}],
                 "isError": False},
                tools_changed=True,
            )
        if not apps:
            raise UnknownTool(f"unknown tool {name!r}: no apps are chosen yet; call {DISCOVER} first")
        return Outcome(await self._tools_only.call(apps, caller, name, arguments, client))

    async def _configure(
        self, caller: Caller, conversation_id: str | None, state: Conversation, action: Action, name: str,
        arguments: Mapping[str, Any], client: AgentClient | None,
    ) -> Outcome:
        if name == ABORT:
            await self._save(caller, conversation_id, state.idle())
            return Outcome({"content": [{"type": "text", "text": f"Stopped configuring {action.key}."}], "isError": False}, True)
        props = await self._props_for(caller, action, state)
        if name == LIST_OPTIONS:
            prop_name = arguments.get("propName")
            if not isinstance(prop_name, str):
                return Outcome(error_result(f"{LIST_OPTIONS} needs propName, the input whose values to list"))
            try:
                options = await self._runtime.options(
                    caller, action, prop_name, state.values, prev_context=arguments.get("prevContext"),
                    query=arguments.get("query"), extra_props=props,
                )
            except ConfigurationError as exc:
                return Outcome(error_result(str(exc)))
            payload = {"options": options["options"], "context": options["context"], "errors": options["errors"]}
            return Outcome({"content": [{"type": "text", "text": json.dumps(payload, ensure_ascii=False)}],
                            "structuredContent": payload, "isError": bool(options["errors"])})
        if name == RUN:
            missing = _missing(props, state.values)
            if missing:
                return Outcome(error_result(f"set {', '.join(missing)} with {SET_PROPS} before running"))
            unknown, stash_id = split_stash_id(action, arguments, files=self._runtime.files is not None)
            if unknown:
                return Outcome(error_result(f"{RUN} takes no inputs but stash_id; set {', '.join(unknown)} with {SET_PROPS}"))
            try:
                result = await self._runtime.run(caller, action, state.values, via="mcp", extra_props=props,
                                                 stash_id=stash_id, client=client)
            except (ConfigurationError, FileError) as exc:
                return Outcome(error_result(str(exc)))
            if result.error is None:
                await self._save(caller, conversation_id, state.idle())
            return Outcome(run_result(result), tools_changed=result.error is None)
        # SET_PROPS
        unknown = [n for n in arguments if n not in props or not props[n].is_input]
        if unknown:
            inputs = ", ".join(sorted(n for n, p in props.items() if p.is_input))
            problems = [f"{n}: not an input of {action.key} (inputs: {inputs})" for n in unknown]
        else:
            problems = PropValidator(action.key, {n: props[n] for n in arguments}).errors(arguments)
        if problems:
            return Outcome(error_result("Invalid inputs: " + "; ".join(problems)))
        values = {**state.values, **arguments}
        updated = Conversation(state.key, state.apps, action.key, values, state.dynamic_props_id)
        reloaded = any(props[n].reload_props for n in arguments)
        if reloaded:
            try:
                dyp_id, new_props = await self._runtime.save_dynamic_props(caller, action, values)
            except ConfigurationError as exc:
                return Outcome(error_result(str(exc)))
            self._remember(dyp_id, new_props)
            updated = Conversation(state.key, state.apps, action.key, values, dyp_id)
            props = new_props
        kept = await self._save(caller, conversation_id, updated)
        missing = _missing(props, values)
        added = [n for n in props if n not in action.props and props[n].is_input]
        text = f"Set {', '.join(arguments)}."
        if reloaded and added:
            text += f" New inputs: {', '.join(added)}."
        text += f" Still required: {', '.join(missing)}." if missing else f" Every required input is set: call {RUN}."
        text += f" List the tools again to see the updated inputs.{_kept_note(kept)}"
        # The configure tool's description lists the values set, so the tool list has changed.
        return Outcome({"content": [{"type": "text", "text": text}], "isError": False}, tools_changed=True)

    async def _discover(self, caller: Caller, conversation_id: str | None, state: Conversation, arguments: Mapping[str, Any]) -> Outcome:
        query = arguments.get("query")
        if not isinstance(query, str) or not query.strip():
            return Outcome(error_result(f"{DISCOVER} needs `query`: what the user wants to do"))
        matches = self._catalog.discover(query, limit=_DISCOVERED)
        apps = [{"slug": m.slug, "name": m.name, "score": round(m.score, 4), "reason": m.reason} for m in matches]
        text = "\n".join(f"{a['slug']} ({a['name']}): {a['reason']}" for a in apps) or "No app matches that request."
        if apps:
            kept = await self._save(caller, conversation_id, Conversation(state.key, tuple(a["slug"] for a in apps)))
            text += f"\n\nTheir tools are available now: list the tools again.{_kept_note(kept)}"
        return Outcome({"content": [{"type": "text", "text": text}], "structuredContent": {"apps": apps}, "isError": False},
                       tools_changed=bool(apps))

    async def _select(self, caller: Caller, conversation_id: str | None, state: Conversation, arguments: Mapping[str, Any]) -> Outcome:
        apps = arguments.get("apps")
        if not isinstance(apps, list) or not apps or not all(isinstance(a, str) for a in apps):
            return Outcome(error_result(f"{SELECT_APPS} needs `apps`: a list of app slugs"))
        unknown = [a for a in apps if a not in self._catalog.apps]
        if unknown:
            return Outcome(error_result(f"unknown app {', '.join(map(repr, unknown))}; call {DISCOVER} to find slugs"))
        kept = await self._save(caller, conversation_id, Conversation(state.key, tuple(dict.fromkeys(apps))))
        text = f"Using {', '.join(apps)}. List the tools again.{_kept_note(kept)}"
        return Outcome({"content": [{"type": "text", "text": text}], "isError": False}, tools_changed=True)

    # State

    async def _state(self, caller: Caller, conversation_id: str | None) -> Conversation:
        if conversation_id is None:
            return Conversation("")
        return await self._conversations.get(caller, conversation_id)

    async def _save(self, caller: Caller, conversation_id: str | None, state: Conversation) -> str:
        """Keep `state`; the conversation id it is kept under."""
        if conversation_id is None:
            raise ConversationRequired(
                "full-config mode keeps state between calls: send an `x-pd-conversation-id` header (or `conversationId` "
                "query parameter), or use a client that keeps an MCP session"
            )
        await self._conversations.save(caller, state)
        return conversation_id

    async def _props_for(self, caller: Caller, action: Action, state: Conversation) -> dict[str, Prop]:
        if state.dynamic_props_id is None:
            return dict(action.props)
        cached = self._props.get(state.dynamic_props_id)
        if cached is not None:
            self._props.move_to_end(state.dynamic_props_id)
            return cached
        try:
            props = await self._runtime.saved_dynamic_props(caller, action, state.dynamic_props_id)
        except (DynamicPropsNotFound, ConfigurationError):
            return dict(action.props)
        self._remember(state.dynamic_props_id, props)
        return props

    def _remember(self, dynamic_props_id: str, props: dict[str, Prop]) -> None:
        self._props[dynamic_props_id] = props
        while len(self._props) > _PROPS_CACHE:
            self._props.popitem(last=False)


def _kept_note(conversation_id: str) -> str:
    """What a client without an MCP session must send again to keep what a call just saved."""
    return (
        f"\n\nThis is kept under conversation id {conversation_id!r}. A client without an MCP session must send the "
        f"header `x-pd-conversation-id: {conversation_id}` on every later request (listing and calling tools) to keep "
        "the configuration; a request without it starts over."
    )


def _missing(props: Mapping[str, Prop], values: Mapping[str, Any]) -> list[str]:
    return [n for n, p in props.items() if p.is_input and p.required and n not in values]


def _partial(schema: dict[str, Any]) -> dict[str, Any]:
    """The props' schema with nothing required: inputs are set a few at a time."""
    return {k: v for k, v in schema.items() if k != "required"}


def _shown_values(props: Mapping[str, Prop], values: Mapping[str, Any]) -> dict[str, Any]:
    return {n: ("(secret)" if n in props and props[n].secret else v) for n, v in values.items()}

