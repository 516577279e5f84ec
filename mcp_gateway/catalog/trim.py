"""Building blocks for an action's `trim`: the same summary applied to many records."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

Summary = Callable[[Any], Any]


def each(summary: Summary) -> Callable[[list[Any]], list[Any]]:
    """Trim for a run that returns a list of records."""
    return lambda records: [summary(record) for record in records]


def within(key: str, summary: Summary) -> Callable[[Mapping[str, Any]], dict[str, Any]]:
    """Trim for a run that returns a page, `{key: [records], "next_cursor": ...}`: the
    records are summarised, the rest of the page is kept."""
    return lambda page: {**page, key: [summary(record) for record in page[key]]}
