"""Errors of configuring and running an action, each with a message that says what to fix."""

from __future__ import annotations


class RuntimeFailure(Exception):
    """Base of the runtime's errors."""


class ConfigurationError(RuntimeFailure):
    """The prop values given cannot be used; `problems` names every bad field."""

    def __init__(self, message: str, *, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or [message]


class RunTimeout(RuntimeFailure):
    """The action ran past its time limit and was stopped."""


class AccountRequired(RuntimeFailure):
    """The user has no connected account for the app the action needs."""

    def __init__(self, situation: str, *, app_slug: str, advice: str, connect_url: str | None = None) -> None:
        super().__init__(f"{situation} {advice}")
        # What is wrong, without the advice: for an app nobody can connect yet the edge advises otherwise.
        self.situation = situation
        self.app_slug = app_slug
        self.connect_url = connect_url


class DynamicPropsNotFound(RuntimeFailure):
    """No saved dynamic props have this id for this action and user."""
