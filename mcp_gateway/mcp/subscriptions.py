"""`subscriptions/listen` (2026-07-28): change notifications for clients that keep no session.

A tool list changes for one conversation (full-config mode: an action being configured, apps
chosen), whichever process served the call that changed it. The change is published on a
shared channel named for the conversation's scope (project, environment, end user,
conversation), and every listen stream for that scope, on any process, passes it on.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Mapping
from typing import Any, Final

from mcp_gateway.store.shared import Shared, SharedUnavailable

from .params import McpParams
from .request_state import binding

logger = logging.getLogger(__name__)

SUBSCRIPTION_ID_META_KEY: Final = "io.modelcontextprotocol/subscriptionId"
# The notification filters the gateway honours, by the method each one delivers.
HONOURED: Final = {"toolsListChanged": "notifications/tools/list_changed"}


def honoured(requested: Any) -> dict[str, Any]:
    """The part of a listen request's `notifications` filter the gateway will deliver."""
    if not isinstance(requested, Mapping):
        return {}
    return {name: True for name in HONOURED if requested.get(name) is True}


class ListChanges:
    def __init__(self, shared: Shared) -> None:
        self._shared = shared

    async def tools_changed(self, mcp: McpParams, conversation_id: str | None) -> None:
        try:
            await self._shared.publish(_channel(mcp, conversation_id), HONOURED["toolsListChanged"])
        except SharedUnavailable as exc:  # listeners then see the change when they next list
            logger.warning("could not announce a tool list change: %s", exc)

    @contextlib.asynccontextmanager
    async def listen(self, mcp: McpParams, conversation_id: str | None) -> AsyncIterator[Any]:
        """A queue of the notification methods published for this scope while the context is open."""
        async with self._shared.subscribe(_channel(mcp, conversation_id)) as queue:
            yield queue


def _channel(mcp: McpParams, conversation_id: str | None) -> str:
    scope = binding(mcp.project_id, mcp.environment, mcp.external_user_id, conversation_id or "")
    return f"mcp-list-changes:{scope}"
