"""Errors an action, an options function or the catalog itself raise.

Each message is written for whoever reads the tool result, often a model: it says
what went wrong and what to change.
"""

from __future__ import annotations


class CatalogError(Exception):
    """An app or action is declared wrongly (raised while loading the catalog)."""


class ActionError(Exception):
    """An action cannot do what it was asked; the message says why and what to change."""


class UpstreamError(ActionError):
    """The app's API answered with an error status."""

    def __init__(self, message: str, *, status: int, retry_after: float | None = None, body: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after
        self.body = body
