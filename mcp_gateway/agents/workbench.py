"""The sub-agent's tools: one action being configured for one user.

The workbench holds the values set so far and the props they lead to (dynamic props
included), and answers the model's tool calls through the runtime. `AccountRequired`
from the runtime is never caught here: how to ask for an account depends on the client.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mcp_gateway.catalog import Action, Prop, PropValidator, configurable_prop
from mcp_gateway.files import FileError
from mcp_gateway.runtime.engine import RunResult, unwrap_values
from mcp_gateway.runtime.errors import ConfigurationError
from mcp_gateway.runtime.service import Caller, Runtime

from .chat import ToolCall, ToolOutput, ToolSpec

GET_PROPS = "get_props"
GET_OPTIONS = "get_options"
SET_PROPS = "set_props"
RUN = "run"
FAIL = "fail"

# Enough to find a value by its label, few enough to keep a turn cheap.
_OPTIONS_SHOWN = 200

_NO_ARGUMENTS: dict[str, Any] = {"type": "object", "properties": {}, "additionalProperties": False}

TOOLS: tuple[ToolSpec, ...] = (
    ToolSpec(
        GET_PROPS,
        "The action's props: type, label, description, whether required, whether valid values come from "
        "get_options (`remoteOptions`) or a fixed `options` list, whether setting it reloads the props "
        "(`reloadProps`), and the value set so far. `missing` lists the required props still unset.",
        _NO_ARGUMENTS,
    ),
    ToolSpec(
        GET_OPTIONS,
        "List the valid values of a prop from the user's account (channels, spreadsheets, people...) as "
        "label/value pairs; set the prop to an option's `value` exactly. Some lists depend on other props: "
        "set those first. `more: true` in the answer means there is another page.",
        {
            "type": "object",
            "properties": {
                "prop": {"type": "string", "description": "The prop whose valid values to list."},
                "query": {"type": "string", "description": "Search text to narrow the list, where the app supports it."},
                "next_page": {
                    "type": "boolean",
                    "description": "true to continue the previous listing of this prop with its next page.",
                },
            },
            "required": ["prop"],
            "additionalProperties": False,
        },
    ),
    ToolSpec(
        SET_PROPS,
        "Set prop values: an object from prop name to value (null unsets one). Each value must have the "
        "prop's type. Setting a prop marked `reloadProps` reloads the props; the answer then lists them, "
        "new ones included.",
        {
            "type": "object",
            "properties": {
                "values": {
                    "type": "object",
                    "description": 'Prop name to value, e.g. {"channel": "C0123ABCDEF", "text": "Hello"}.',
                },
            },
            "required": ["values"],
            "additionalProperties": False,
        },
    ),
    ToolSpec(
        RUN,
        "Run the action once with the values set. Call it when every required prop is set and the values do "
        "what the instruction asks; its result ends your work.",
        _NO_ARGUMENTS,
    ),
    ToolSpec(
        FAIL,
        "Give up without running the action, when the instruction cannot be carried out as given.",
        {
            "type": "object",
            "properties": {
                "reason": {
                    "type": "string",
                    "description": "For whoever gave the instruction: what is missing or wrong, e.g. "
                    "'There is no Slack channel named #deploy; the channels are #general and #random.'",
                },
            },
            "required": ["reason"],
            "additionalProperties": False,
        },
    ),
)


@dataclass(frozen=True, slots=True)
class Finished:
    """The end of the loop: the action ran (`run`), or the model gave up (`failure`)."""

    run: RunResult | None = None
    failure: str | None = None


@dataclass(frozen=True, slots=True)
class Choice:
    """One value used, as a person would read it."""

    name: str
    label: str
    value: Any
    option_label: str | None = None
    secret: bool = False


class Workbench:
    def __init__(
        self, runtime: Runtime, action: Action, caller: Caller, *, via: str = "mcp", stash_id: str | bool | None = None
    ) -> None:
        self._runtime = runtime
        self._action = action
        self._caller = caller
        self._via = via
        self._stash_id = stash_id  # chosen by the caller, not the model
        self.values: dict[str, Any] = {}
        self.props: dict[str, Prop] = dict(action.props)
        # The props of the last reload; None until one happens (the run then reloads by itself).
        self._reloaded: dict[str, Prop] | None = None
        # Labels of the options seen, by prop and JSON of the value: the account of a run shows them.
        self._labels: dict[str, dict[str, str]] = {}
        # Where each prop's listing stands: (query, page, context of the next page).
        self._listings: dict[str, tuple[str | None, int, dict[str, Any] | None]] = {}

    async def call(self, call: ToolCall) -> ToolOutput | Finished:
        if call.problem is not None:
            return _error(call, f"{call.name}: {call.problem}; call it again with a JSON object of arguments")
        if call.name == GET_PROPS:
            return _ok(call, self.view())
        if call.name == GET_OPTIONS:
            return await self._options(call)
        if call.name == SET_PROPS:
            return await self._set(call)
        if call.name == RUN:
            return await self._run(call)
        if call.name == FAIL:
            reason = call.arguments.get("reason")
            return Finished(failure=reason.strip() if isinstance(reason, str) and reason.strip() else "no reason given")
        return _error(call, f"there is no tool {call.name!r}; the tools are {', '.join(t.name for t in TOOLS)}")

    # The props as the model reads them

    def view(self) -> dict[str, Any]:
        props: list[dict[str, Any]] = []
        notes: list[str] = []
        for name, prop in self.props.items():
            if prop.type == "alert" and prop.content:
                notes.append(prop.content)
            if not prop.is_input:
                continue  # the account is chosen by the gateway; alerts are notes
            entry = configurable_prop(name, prop)
            entry["required"] = prop.required
            if name in self.values:
                entry["value"] = "(set; secret)" if prop.secret else self.values[name]
                label = self._label(name, self.values[name])
                if label is not None and not prop.secret:
                    entry["valueLabel"] = label
            props.append(entry)
        out: dict[str, Any] = {"action": self._action.key, "props": props, "missing": self.missing()}
        if notes:
            out["notes"] = notes
        return out

    def missing(self) -> list[str]:
        return [n for n, p in self.props.items() if p.is_input and p.required and n not in self.values]

    def choices(self) -> list[Choice]:
        out = []
        for name, value in self.values.items():
            prop = self.props.get(name)
            if prop is None:
                continue
            secret = prop.secret
            # A label that asks a question ("Does the first row have headers?") reads badly before a value.
            label = prop.label if prop.label and not prop.label.rstrip().endswith("?") else name
            out.append(Choice(name, label, None if secret else value, None if secret else self._label(name, value), secret))
        return out

    def configured_props(self) -> dict[str, Any]:
        """The values set, without secret ones: safe to show and to return."""
        return {n: v for n, v in self.values.items() if not (n in self.props and self.props[n].secret)}

    # The tools

    async def _options(self, call: ToolCall) -> ToolOutput:
        name = call.arguments.get("prop")
        query = call.arguments.get("query") or None
        if not isinstance(name, str) or name not in self.props or not self.props[name].is_input:
            return _error(call, f"get_options needs `prop`, one of: {', '.join(self._inputs())}")
        if query is not None and not isinstance(query, str):
            return _error(call, "`query` must be a string")
        page, context = 0, None
        if call.arguments.get("next_page"):
            last = self._listings.get(name)
            if last is None or last[2] is None:
                return _error(call, f"there is no next page of {name}'s options; list them again without next_page")
            query, page, context = last[0], last[1] + 1, last[2]
        try:
            found = await self._runtime.options(
                self._caller, self._action, name, self.values,
                page=page, prev_context=context, query=query, extra_props=self._reloaded,
            )
        except ConfigurationError as exc:
            return _error(call, str(exc))
        options = found["options"]
        self._listings[name] = (query, page, found["context"])
        seen = self._labels.setdefault(name, {})
        for option in options:
            seen[_key(option["value"])] = option["label"]
        out: dict[str, Any] = {"prop": name, "options": options[:_OPTIONS_SHOWN], "more": found["context"] is not None}
        if len(options) > _OPTIONS_SHOWN:
            out["note"] = f"{len(options) - _OPTIONS_SHOWN} more options on this page were left out; narrow with `query`"
        if found["errors"]:
            out["errors"] = found["errors"]
        if found["context"] and found["context"].get("dbInfo") is not None:
            out["dbInfo"] = found["context"]["dbInfo"]  # a SQL prop's schema: tables and columns
        return ToolOutput(call.id, _json(out), is_error=bool(found["errors"]) and not options)

    async def _set(self, call: ToolCall) -> ToolOutput:
        given = call.arguments.get("values")
        if not isinstance(given, Mapping) or not given:
            return _error(call, 'set_props needs `values`, an object from prop name to value, e.g. {"text": "Hello"}')
        problems: list[str] = []
        changed: list[str] = []
        for name, value in unwrap_values(given).items():
            prop = self.props.get(name)
            if prop is None or not prop.is_input:
                problems.append(f"{name}: not a prop you can set; the props are {', '.join(self._inputs())}")
                continue
            if value is None:
                if self.values.pop(name, None) is not None:
                    changed.append(name)
                continue
            errors = PropValidator(self._action.key, {name: prop}).errors({name: value})
            if errors:
                problems += errors
                continue
            self.values[name] = value
            changed.append(name)
        out: dict[str, Any] = {"set": [n for n in changed if n in self.values], "unset": [n for n in changed if n not in self.values]}
        if self._action.additional_props is not None and any(self.props[n].reload_props for n in changed):
            try:
                dropped = await self._reload()
            except ConfigurationError as exc:
                problems.append(str(exc))
            else:
                view = self.view()
                out["reloaded"] = "the props changed; these are the props now"
                out["props"] = view["props"]
                if dropped:
                    out["dropped"] = dropped
                if "notes" in view:
                    out["notes"] = view["notes"]
        if problems:
            out["problems"] = problems
        out["missing"] = self.missing()
        return ToolOutput(call.id, _json(out), is_error=bool(problems))

    async def _run(self, call: ToolCall) -> ToolOutput | Finished:
        if self._action.additional_props is not None and self._reloaded is None:
            # No reload prop was set: get the props these values lead to, as they may add required ones.
            try:
                await self._reload()
            except ConfigurationError as exc:
                return _error(call, str(exc))
        missing = self.missing()
        if missing:
            return _error(call, f"set the required props first: {', '.join(missing)}")
        try:
            result = await self._runtime.run(
                self._caller, self._action, self.values, via=self._via, extra_props=self._reloaded, stash_id=self._stash_id
            )
        except (ConfigurationError, FileError) as exc:  # refused before anything ran: the model can fix it or give up
            return _error(call, str(exc))
        # Once it ran, even with an error, it is not run again: it may have changed something.
        return Finished(run=result)

    async def _reload(self) -> list[str]:
        """Reload the props for the values set; values of props that are gone are dropped (and named)."""
        self.props = self._reloaded = await self._runtime.reload(self._caller, self._action, self.values)
        dropped = [n for n in self.values if n not in self.props]
        for n in dropped:
            del self.values[n]
        return dropped

    def _inputs(self) -> list[str]:
        return [n for n, p in self.props.items() if p.is_input]

    def _label(self, name: str, value: Any) -> str | None:
        """The option label of a value (of each item, for a list), if get_options showed it."""
        seen = self._labels.get(name) or {}
        if isinstance(value, list):
            labels = [seen.get(_key(v)) for v in value]
            return ", ".join(label or str(v) for label, v in zip(labels, value)) if any(labels) else None
        return seen.get(_key(value))


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, default=str)


def _ok(call: ToolCall, data: Any) -> ToolOutput:
    return ToolOutput(call.id, _json(data))


def _error(call: ToolCall, message: str) -> ToolOutput:
    return ToolOutput(call.id, _json({"error": message}), is_error=True)
