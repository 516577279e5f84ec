"""Props: the typed inputs of an action, as in the component API.

A prop is declared once (in an action, or as a shared definition on its app) and
read three ways: as JSON Schema for tool inputs, as a `configurable_props` entry
for the REST API, and as the validator of the value a caller sends.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Union

if TYPE_CHECKING:
    from .context import OptionsContext

PropType = Literal[
    "app",
    "boolean",
    "integer",
    "string",
    "object",
    "any",
    "sql",
    "alert",
    "boolean[]",
    "integer[]",
    "string[]",
    "object[]",
]
PROP_TYPES: frozenset[str] = frozenset(PropType.__args__)  # type: ignore[attr-defined]

AlertType = Literal["info", "neutral", "warning", "error"]


class _Missing:
    """Sentinel for "no default": `None` is a legitimate default value."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Missing()


@dataclass(frozen=True, slots=True)
class Option:
    """One selectable value, with the label a person sees."""

    label: str
    value: Any

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "value": self.value}


@dataclass(frozen=True, slots=True)
class OptionsPage:
    """What a remote options function returns when it paginates.

    `context` is handed back as `prev_context` on the next call, so a function can
    carry a cursor between pages without any state of its own.
    """

    options: Sequence[Option | str | int | dict[str, Any]]
    context: dict[str, Any] | None = None


OptionsResult = Union[OptionsPage, Sequence[Union[Option, str, int, dict[str, Any]]]]
OptionsFunction = Callable[["OptionsContext"], Awaitable[OptionsResult]]
StaticOptions = Sequence[Union[str, int, Option, dict[str, Any]]]


@dataclass(frozen=True, slots=True)
class Prop:
    """A typed input of an action.

    `options` is either a static list (strings, or label/value pairs) or an async
    function returning the choices for one user's account; the latter is what the
    component API calls remote options.
    """

    type: PropType
    label: str | None = None
    description: str | None = None
    optional: bool = False
    default: Any = MISSING
    hidden: bool = False
    disabled: bool = False
    secret: bool = False
    min: int | None = None
    max: int | None = None
    options: StaticOptions | OptionsFunction | None = None
    use_query: bool = False
    reload_props: bool = False
    # For `app` props: the app slug the account must belong to.
    app: str | None = None
    # For `alert` props: what the alert says and how loud it is.
    alert_type: AlertType | None = None
    content: str | None = None
    # Free-form JSON Schema refinements for `object` props (properties, required...).
    json_schema: dict[str, Any] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.type not in PROP_TYPES:
            raise ValueError(f"unknown prop type {self.type!r}; use one of {sorted(PROP_TYPES)}")
        if self.type == "app" and not self.app:
            raise ValueError("an app prop needs `app`, the slug of the app it connects")
        if self.type == "alert" and not self.content:
            raise ValueError("an alert prop needs `content`, the text it shows")
        if (self.min is not None or self.max is not None) and self.type not in ("integer", "integer[]"):
            raise ValueError("min and max apply to integer props only")

    @property
    def has_remote_options(self) -> bool:
        return callable(self.options)

    @property
    def static_options(self) -> list[Option] | None:
        if self.options is None or callable(self.options):
            return None
        return [to_option(o) for o in self.options]

    @property
    def is_input(self) -> bool:
        """Whether a caller supplies a value for this prop (apps and alerts are not inputs)."""
        return self.type not in ("app", "alert") and not self.hidden and not self.disabled

    @property
    def required(self) -> bool:
        return not self.optional and self.default is MISSING

    def but(self, **changes: Any) -> Prop:
        """A copy with some attributes changed: how actions tailor a shared definition."""
        return dataclasses.replace(self, **changes)


def to_option(raw: Option | str | int | dict[str, Any]) -> Option:
    if isinstance(raw, Option):
        return raw
    if isinstance(raw, dict):
        if "value" not in raw:
            raise ValueError(f"an option object needs a `value`: {raw!r}")
        return Option(label=str(raw.get("label", raw["value"])), value=raw["value"])
    return Option(label=str(raw), value=raw)


# Constructors that read like the component API's prop declarations.


def string(label: str, description: str | None = None, **kw: Any) -> Prop:
    return Prop("string", label=label, description=description, **kw)


def integer(label: str, description: str | None = None, **kw: Any) -> Prop:
    return Prop("integer", label=label, description=description, **kw)


def boolean(label: str, description: str | None = None, **kw: Any) -> Prop:
    return Prop("boolean", label=label, description=description, **kw)


def obj(label: str, description: str | None = None, **kw: Any) -> Prop:
    return Prop("object", label=label, description=description, **kw)


def any_value(label: str, description: str | None = None, **kw: Any) -> Prop:
    return Prop("any", label=label, description=description, **kw)


def string_list(label: str, description: str | None = None, **kw: Any) -> Prop:
    return Prop("string[]", label=label, description=description, **kw)


def integer_list(label: str, description: str | None = None, **kw: Any) -> Prop:
    return Prop("integer[]", label=label, description=description, **kw)


def object_list(label: str, description: str | None = None, **kw: Any) -> Prop:
    return Prop("object[]", label=label, description=description, **kw)


def sql(label: str = "SQL Query", description: str | None = None, *, app: str, **kw: Any) -> Prop:
    return Prop("sql", label=label, description=description, app=app, **kw)


def alert(content: str, alert_type: AlertType = "info") -> Prop:
    return Prop("alert", content=content, alert_type=alert_type)


# The props every list and read action shares, so agents meet the same names in every app.

FULL_RESPONSE = "fullResponse"


def full_response() -> Prop:
    return boolean(
        "Full Response",
        "Return the API's whole response instead of the trimmed fields. Leave off unless a field you need is missing.",
        optional=True,
        default=False,
    )


def limit(noun: str = "items", *, default: int = 25, maximum: int = 100) -> Prop:
    return integer(
        "Limit",
        f"How many {noun} to return in this call (default {default}, at most {maximum}). "
        "When more exist, the result has a `next_cursor` for the next call.",
        optional=True,
        default=default,
        min=1,
        max=maximum,
    )


def cursor() -> Prop:
    return string(
        "Cursor",
        "Leave empty for the first page. For the next page, pass the `next_cursor` of the previous result unchanged.",
        optional=True,
    )
