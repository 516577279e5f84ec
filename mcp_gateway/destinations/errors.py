"""Errors of the destinations layer."""

from __future__ import annotations


class DestinationError(ValueError):
    """A `$.send` call the destination cannot take; the message names the bad argument and what
    would be right. Raised inside the action's run, so the run fails with it."""
