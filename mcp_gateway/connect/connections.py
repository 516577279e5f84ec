"""Word that an end user has just connected an account, for whoever waits on it in any process:
a 2025 session told so with `notifications/elicitation/complete`, a 2026-07-28 call that retries
once the user has opened its Connect Link."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

from mcp_gateway.store.shared import Shared, SharedUnavailable

logger = logging.getLogger(__name__)

# How long a wait is remembered: as long as a Connect Link works.
_WAIT_SECONDS = 4 * 3600


def _scope(project_id: str, environment: str, external_user_id: str, app_slug: str) -> str:
    return hashlib.sha256(json.dumps([project_id, environment, external_user_id, app_slug]).encode()).hexdigest()


class Connections:
    def __init__(self, shared: Shared) -> None:
        self._shared = shared

    async def connected(self, project_id: str, environment: str, external_user_id: str, app_slug: str) -> None:
        """Announce a new account to the waits of this user and app."""
        scope = _scope(project_id, environment, external_user_id, app_slug)
        try:
            await self._shared.publish(f"account-connected:{scope}", "connected")
        except SharedUnavailable as exc:
            logger.warning("could not announce a connected account: %s", exc)

    @contextlib.asynccontextmanager
    async def waiting(self, project_id: str, environment: str, external_user_id: str, app_slug: str) -> AsyncIterator[Any]:
        """A queue that gets an item when the user connects an account of the app (in place on entry)."""
        scope = _scope(project_id, environment, external_user_id, app_slug)
        async with self._shared.subscribe(f"account-connected:{scope}") as queue:
            yield queue

    async def remember(self, project_id: str, environment: str, external_user_id: str, app_slug: str,
                       item: dict[str, Any]) -> None:
        """Keep `item` for whoever handles this user's next connection of the app (see `take`)."""
        key = f"connect-waits:{_scope(project_id, environment, external_user_id, app_slug)}"
        raw = await self._shared.get(key)
        items = json.loads(raw) if raw else []
        items.append(item)
        await self._shared.set(key, json.dumps(items[-20:]).encode(), _WAIT_SECONDS)

    async def take(self, project_id: str, environment: str, external_user_id: str, app_slug: str) -> list[dict[str, Any]]:
        key = f"connect-waits:{_scope(project_id, environment, external_user_id, app_slug)}"
        raw = await self._shared.get(key)
        if not raw:
            return []
        await self._shared.delete(key)
        return list(json.loads(raw))
