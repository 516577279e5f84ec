"""Props as JSON Schema (tool inputs), as `configurable_props` (the REST shape), and
validation of the values a caller sends."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .errors import CatalogError
from .props import MISSING, Prop

_SCALAR = {"boolean": "boolean", "integer": "integer", "string": "string", "object": "object"}
_SQL_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string"},
        {
            "type": "object",
            "properties": {
                "query": {"type": "string"},
                "params": {"type": "array", "items": {}},
            },
            "required": ["query"],
        },
    ]
}


def prop_schema(prop: Prop) -> dict[str, Any]:
    """The JSON Schema of one input prop (without description)."""
    t = prop.type
    if t == "any":
        schema: dict[str, Any] = {}
    elif t == "sql":
        schema = dict(_SQL_SCHEMA)
    elif t.endswith("[]"):
        item = _SCALAR[t[:-2]]
        items: dict[str, Any] = {"type": item}
        if item == "integer":
            _bounds(items, prop)
        schema = {"type": "array", "items": items}
    else:
        schema = {"type": _SCALAR[t]}
        if t == "integer":
            _bounds(schema, prop)
    if prop.json_schema:
        schema.update(prop.json_schema)
    if prop.default is not MISSING and prop.default is not None:
        schema["default"] = prop.default
    return schema


def _bounds(schema: dict[str, Any], prop: Prop) -> None:
    if prop.min is not None:
        schema["minimum"] = prop.min
    if prop.max is not None:
        schema["maximum"] = prop.max


def describe(prop: Prop, *, action_key: str, name: str) -> str:
    """The description a model reads: what the prop is and how to find valid values."""
    parts: list[str] = []
    if prop.label:
        if prop.description:
            sep = " " if prop.label.rstrip().endswith((".", "?", "!", ":")) else ". "
            parts.append(f"{prop.label}{sep}{prop.description}")
        else:
            parts.append(prop.label)
    elif prop.description:
        parts.append(prop.description)
    static = prop.static_options
    if static:
        shown = ", ".join(
            repr(o.value) if str(o.value) == o.label else f"{o.value!r} ({o.label})" for o in static[:50]
        )
        parts.append(f"Valid values: {shown}.")
    if prop.type == "sql" and prop.has_remote_options:
        parts.append(
            "To get the database schema (tables and columns), call the CONFIGURE_COMPONENT tool with "
            f"key: {action_key}, propName: {name}; it is in context.dbInfo."
        )
    elif prop.has_remote_options:
        parts.append(
            "To list valid values, call the CONFIGURE_COMPONENT tool with "
            f"key: {action_key}, propName: {name}."
        )
    if prop.secret:
        parts.append("Sensitive value.")
    return "\n\n".join(parts)


def input_schema(action_key: str, props: Mapping[str, Prop], *, dynamic: bool = False) -> dict[str, Any]:
    """The tool input schema of an action: one property per input prop.

    `dynamic` actions get more props once their `reload_props` props are set, so
    their schema lets those extra values through (the run validates them).
    """
    properties: dict[str, Any] = {}
    required: list[str] = []
    for name, prop in props.items():
        if not prop.is_input:
            continue
        schema = prop_schema(prop)
        text = describe(prop, action_key=action_key, name=name)
        if text:
            schema["description"] = text
        properties[name] = schema
        if prop.required:
            required.append(name)
    schema = {"type": "object", "properties": properties, "additionalProperties": dynamic}
    if required:
        schema["required"] = required
    return schema


def configurable_prop(name: str, prop: Prop) -> dict[str, Any]:
    """One entry of `configurable_props`, in the component API's camelCase shape."""
    out: dict[str, Any] = {"name": name, "type": prop.type}
    if prop.type == "app":
        out["app"] = prop.app
        return out
    if prop.label:
        out["label"] = prop.label
    if prop.description:
        out["description"] = prop.description
    if prop.optional:
        out["optional"] = True
    if prop.default is not MISSING:
        out["default"] = prop.default
    for flag, key in (
        (prop.hidden, "hidden"),
        (prop.disabled, "disabled"),
        (prop.secret, "secret"),
        (prop.use_query, "useQuery"),
        (prop.reload_props, "reloadProps"),
    ):
        if flag:
            out[key] = True
    if prop.min is not None:
        out["min"] = prop.min
    if prop.max is not None:
        out["max"] = prop.max
    if prop.has_remote_options:
        out["remoteOptions"] = True
    elif prop.static_options is not None:
        out["options"] = [o.to_json() for o in prop.static_options]
    if prop.type == "sql":
        out["auth"] = {"app": prop.app}
    if prop.type == "alert":
        out["alertType"] = prop.alert_type
        out["content"] = prop.content
    return out


class PropValidator:
    """Checks prop values against their props, reporting every bad field.

    Written against the props themselves rather than through a generic JSON Schema
    engine: this runs on every tool call, and knowing the few shapes props take
    makes it an order of magnitude faster with clearer messages.
    """

    def __init__(self, action_key: str, props: Mapping[str, Prop]) -> None:
        self._inputs = {name: prop for name, prop in props.items() if prop.is_input}
        self._required = [name for name, prop in self._inputs.items() if prop.required]
        if any(prop.json_schema for prop in self._inputs.values()):
            from jsonschema import Draft202012Validator  # only props with refinements need it
        self._refined = {
            name: Draft202012Validator(prop_schema(prop))
            for name, prop in self._inputs.items()
            if prop.json_schema
        }

    def errors(self, values: Mapping[str, Any]) -> list[str]:
        problems: list[str] = []
        for name, value in values.items():
            prop = self._inputs.get(name)
            if prop is None:
                known = ", ".join(sorted(self._inputs)) or "none"
                problems.append(f"{name}: not a prop of this action (props: {known})")
                continue
            found = _check(prop, value)
            if found is None and name in self._refined:
                error = next(iter(self._refined[name].iter_errors(value)), None)
                found = ("", error.message) if error is not None else None
            if found is not None:
                where, problem = found
                problems.append(f"{name}{where}: {problem}")
        for name in self._required:
            if name not in values:
                problems.append(f"{name}: required, no value given")
        return problems


class SchemaValidator:
    """Checks an action's arguments against the input JSON Schema it was declared with."""

    def __init__(self, schema: Mapping[str, Any]) -> None:
        from jsonschema import Draft202012Validator  # only actions declared with a schema need it

        self._validator = Draft202012Validator(schema)

    @staticmethod
    def check(schema: Mapping[str, Any], action_key: str) -> None:
        """Raise `CatalogError` when `schema` is not a valid JSON Schema."""
        from jsonschema import Draft202012Validator, SchemaError

        try:
            Draft202012Validator.check_schema(schema)
        except SchemaError as exc:
            raise CatalogError(f"{action_key}: input_schema is not a valid JSON Schema: {exc.message}") from None

    def errors(self, values: Mapping[str, Any]) -> list[str]:
        problems = []
        for error in self._validator.iter_errors(dict(values)):
            where = "/".join(str(part) for part in error.absolute_path)
            problems.append(f"{where}: {error.message}" if where else error.message)
        return problems


_PY_TYPES: dict[str, tuple[type, ...]] = {"string": (str,), "boolean": (bool,), "object": (dict,), "integer": (int,)}


def _check(prop: Prop, value: Any) -> tuple[str, str] | None:
    """None if `value` fits `prop`, else (where inside the value, what is wrong)."""
    t = prop.type
    if t == "any":
        return None
    if t == "sql":
        if isinstance(value, str) or (
            isinstance(value, dict)
            and isinstance(value.get("query"), str)
            and isinstance(value.get("params", []), list)
        ):
            return None
        return "", f"{_short(value)} is not a SQL query (a string, or an object with `query` and optional `params`)"
    if t.endswith("[]"):
        if not isinstance(value, list):
            return "", f"{_short(value)} is not of type 'array'"
        for i, item in enumerate(value):
            problem = _check_scalar(t[:-2], prop, item)
            if problem is not None:
                return f".{i}", problem
        return None
    problem = _check_scalar(t, prop, value)
    return None if problem is None else ("", problem)


def _check_scalar(t: str, prop: Prop, value: Any) -> str | None:
    if not isinstance(value, _PY_TYPES[t]) or (t == "integer" and isinstance(value, bool)):
        return f"{_short(value)} is not of type {t!r}"
    if t == "integer":
        if prop.min is not None and value < prop.min:
            return f"{value} is less than the minimum of {prop.min}"
        if prop.max is not None and value > prop.max:
            return f"{value} is greater than the maximum of {prop.max}"
    return None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
