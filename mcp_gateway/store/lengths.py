"""How long a text value may be: the length of the column keeping it, read from the models.

What operators and API callers set is checked against it before it is stored, so a value
too long is refused by name on every database (PostgreSQL would fail the statement with a
raw error; SQLite would keep it).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import InstrumentedAttribute


class TooLong(ValueError):
    """A value longer than its column keeps; the message names the value and the limit."""


def max_length(column: InstrumentedAttribute[Any]) -> int:
    """The most characters `column` keeps."""
    length = column.type.length if isinstance(column.type, String) else None
    if length is None:
        raise TypeError(f"{column} is not a String column of bounded length")
    return length


def check_length(name: str, value: str | None, column: InstrumentedAttribute[Any]) -> None:
    """Raise `TooLong` when `value` (called `name` in the message) would not fit in `column`."""
    limit = max_length(column)
    if value is not None and len(value) > limit:
        raise TooLong(f"{name} is {len(value)} characters; the limit is {limit}")
