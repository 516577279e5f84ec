"""JSON at the HTTP edge: request bodies parsed into only what every store and encoder can
keep, and responses encoded whatever strings they carry.

A parsed body holds no lone UTF-16 surrogate (`"\\ud800"` decodes to one, which no UTF-8
encoder, SQLite or PostgreSQL takes), no NUL (PostgreSQL refuses it in text), no number beyond
a double or the interpreter's integer digit limit, and no nesting deeper than `MAX_DEPTH` (so
code that walks it recursively, such as schema validation, never runs out of stack).
"""

from __future__ import annotations

import json
import math
import re
import sys
from dataclasses import dataclass
from typing import Any

MAX_DEPTH = 64
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# Only these escapes can put NUL or a surrogate into parsed text: a raw NUL is not valid JSON,
# and raw surrogates are not valid UTF-8.
_UNSTORABLE_ESCAPE = re.compile(r"\\u(?:0000|[dD][89a-fA-F])")


class JsonBodyError(ValueError):
    """A body that is not JSON the gateway can keep; the message says what to fix."""


class _BadNumber(Exception):
    pass


def read_json(raw: bytes, what: str = "the body") -> Any:
    """`raw` parsed as JSON, or `JsonBodyError` naming what is wrong and where."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JsonBodyError(
            f"{what} is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); send JSON encoded as UTF-8"
        ) from None
    try:
        value = json.loads(text, parse_float=_finite_float, parse_constant=_no_constant)
    except _BadNumber as exc:
        raise JsonBodyError(f"{what} {exc}") from None
    except RecursionError:
        raise JsonBodyError(f"{what} nests arrays and objects more than {MAX_DEPTH} deep") from None
    except json.JSONDecodeError as exc:
        raise JsonBodyError(f"{what} is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except ValueError:  # the only other one json raises: an integer past the interpreter's digit limit
        raise JsonBodyError(f"{what} holds an integer of more than {sys.get_int_max_str_digits()} digits") from None
    deep = text.count("[") + text.count("{") > MAX_DEPTH
    strings = _UNSTORABLE_ESCAPE.search(text) is not None
    if deep or strings:
        _check_tree(value, what, strings=strings)
    return value


def check_text(value: str, where: str) -> None:
    """Refuse text no store can keep (NUL, lone surrogates), e.g. a form field that `where` names."""
    problem = _unstorable(value)
    if problem is not None:
        raise JsonBodyError(f"{where} {problem}")


def dump_json(value: Any, *, allow_nan: bool = True) -> bytes:
    """Compact UTF-8 JSON. A lone surrogate (from an upstream API's JSON, say) has no UTF-8 form:
    it is written as the `\\udXXX` escape it came as, valid JSON since it only occurs in strings."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=allow_nan)
    return text.encode("utf-8", "backslashreplace")


def _check_tree(value: Any, what: str, *, strings: bool) -> None:
    """Depth, and keys and strings when `strings`. Iterative, so a deep body cannot exhaust the
    stack here; each container remembers its parent and key, to name where a problem is."""
    if isinstance(value, str):
        if strings:
            check_text(value, f"{what} is a string that")
        return
    if not isinstance(value, (dict, list)):
        return
    pending: list[_Node] = [_Node(value, 0, None, None)]
    while pending:
        entry = pending.pop()
        if entry.depth >= MAX_DEPTH:
            raise JsonBodyError(f"{what} nests arrays and objects more than {MAX_DEPTH} deep")
        node = entry.value
        items = node.items() if type(node) is dict else enumerate(node)
        for key, child in items:
            # The key first: it is part of the path any later message names.
            if strings and type(key) is str and _UNSTORABLE.search(key):
                check_text(key, f"{what} has a key in {entry.path() or 'the top-level object'} that")
            kind = type(child)
            if kind is dict or kind is list:
                pending.append(_Node(child, entry.depth + 1, entry, key))
            elif strings and kind is str and _UNSTORABLE.search(child):
                check_text(child, f"{what} has a string at {entry.path(key)} that")


@dataclass(slots=True)
class _Node:
    value: Any
    depth: int
    parent: _Node | None
    key: str | int | None

    def path(self, *last: str | int) -> str:
        """Like `params.arguments[0].name`, each key cut to 40 characters."""
        keys: list[str | int] = list(last)
        entry: _Node | None = self
        while entry is not None and entry.parent is not None:
            assert entry.key is not None
            keys.append(entry.key)
            entry = entry.parent
        parts = [f"[{k}]" if isinstance(k, int) else f".{k if len(k) <= 40 else k[:37] + '...'}" for k in reversed(keys)]
        return "".join(parts).removeprefix(".")


def _unstorable(text: str) -> str | None:
    found = _UNSTORABLE.search(text)
    if found is None:
        return None
    if found.group() == "\x00":
        return "holds a NUL character (\\u0000), which the gateway cannot store; remove it"
    return (f"holds a lone UTF-16 surrogate (\\u{ord(found.group()):04x}), which is not Unicode text; "
            "send valid Unicode (a character beyond U+FFFF as a high and low surrogate pair)")


def _finite_float(literal: str) -> float:
    number = float(literal)
    if not math.isfinite(number):
        raise _BadNumber(f"holds the number {_clip(literal)}, beyond the range of a double (about 1.8e308)")
    return number


def _no_constant(literal: str) -> Any:
    raise _BadNumber(f"holds {literal}, which is not a JSON number")


def _clip(literal: str) -> str:
    return literal if len(literal) <= 40 else literal[:37] + "..."
