"""Handshake-era sessions, kept in the store so any gateway process can serve them, and the
streams (legacy SSE, GET notification streams) they deliver to, wherever those are held open."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import delete

from mcp_gateway.store.db import Database
from mcp_gateway.store.models import McpSession
from mcp_gateway.store.shared import Shared, SharedUnavailable

from .params import McpParams

logger = logging.getLogger(__name__)

_CACHE_SECONDS = 60.0
_CACHE_SIZE = 20_000


@dataclass(frozen=True, slots=True)
class Session:
    id: str
    params: McpParams
    client_id: str | None
    protocol_version: str
    transport: str
    expires_at: datetime
    capabilities: dict[str, Any] | None = None


_DELETED = "mcp-sessions:deleted"


class SessionStore:
    def __init__(self, db: Database, ttl: float, shared: Shared) -> None:
        self._db = db
        self._ttl = ttl
        self._shared = shared
        self._cache: OrderedDict[str, tuple[Session, float]] = OrderedDict()

    async def start(self) -> None:
        """Forget sessions ended by any process at once, not when their cache entry ages out."""
        await self._shared.watch(_DELETED, lambda session_id: self._cache.pop(session_id, None))

    async def create(
        self,
        params: McpParams,
        *,
        client_id: str | None,
        protocol_version: str,
        transport: str,
        client_info: Any = None,
        capabilities: Any = None,
    ) -> Session:
        session = Session(
            id=secrets.token_hex(16),
            params=params,
            client_id=client_id,
            protocol_version=protocol_version,
            transport=transport,
            expires_at=datetime.now(timezone.utc) + timedelta(seconds=self._ttl),
            capabilities=capabilities if isinstance(capabilities, dict) else None,
        )
        async with self._db.session() as s, s.begin():
            s.add(
                McpSession(
                    id=session.id,
                    project_id=params.project_id,
                    environment=params.environment,
                    client_id=client_id,
                    protocol_version=protocol_version,
                    transport=transport,
                    client_info=client_info if isinstance(client_info, dict) else None,
                    client_capabilities=session.capabilities,
                    params=params.to_json(),
                    expires_at=session.expires_at,
                )
            )
        self._remember(session)
        return session

    async def get(self, session_id: str) -> Session | None:
        now = time.monotonic()
        hit = self._cache.get(session_id)
        if hit is not None and now - hit[1] < _CACHE_SECONDS:
            session = hit[0]
        else:
            async with self._db.session() as s:
                row = await s.get(McpSession, session_id)
            if row is None:
                self._cache.pop(session_id, None)
                return None
            session = Session(
                id=row.id,
                params=McpParams.from_json(row.params),
                client_id=row.client_id,
                protocol_version=row.protocol_version,
                transport=row.transport,
                expires_at=row.expires_at,
                capabilities=row.client_capabilities,
            )
            self._remember(session)
        if session.expires_at < datetime.now(timezone.utc):
            await self.delete(session_id)
            return None
        return session

    async def delete(self, session_id: str) -> bool:
        self._cache.pop(session_id, None)
        async with self._db.session() as s, s.begin():
            result = await s.execute(delete(McpSession).where(McpSession.id == session_id))
        try:
            await self._shared.publish(_DELETED, session_id)
        except SharedUnavailable as exc:  # the others' cached copy ages out within _CACHE_SECONDS
            logger.warning("could not tell other processes that session %s ended: %s", session_id, exc)
        return bool(result.rowcount)

    async def purge_expired(self) -> int:
        async with self._db.session() as s, s.begin():
            result = await s.execute(delete(McpSession).where(McpSession.expires_at < datetime.now(timezone.utc)))
        return int(result.rowcount or 0)

    def _remember(self, session: Session) -> None:
        self._cache[session.id] = (session, time.monotonic())
        self._cache.move_to_end(session.id)
        while len(self._cache) > _CACHE_SIZE:
            self._cache.popitem(last=False)


class LogLevels:
    """The log level each session asked for with `logging/setLevel`, seen by every process."""

    def __init__(self, shared: Shared, ttl: float) -> None:
        self._shared = shared
        self._ttl = ttl

    async def set(self, session_id: str, level: str) -> None:
        await self._shared.set(f"mcp-log-level:{session_id}", level.encode(), self._ttl)

    async def get(self, session_id: str) -> str | None:
        try:
            level = await self._shared.get(f"mcp-log-level:{session_id}")
        except SharedUnavailable:
            return None
        return level.decode() if level is not None else None


class StreamHub:
    """Server-to-client streams (legacy SSE, GET notification streams) by session id. A message
    for a session reaches its stream in whichever process holds it open."""

    def __init__(self, shared: Shared) -> None:
        self._shared = shared

    def open(self, session_id: str) -> contextlib.AbstractAsyncContextManager[asyncio.Queue[dict[str, Any] | None]]:
        """The session's messages while the context is open; None means the session ended."""
        return self._shared.subscribe(_channel(session_id))

    async def has(self, session_id: str) -> bool:
        return await self._shared.listeners(_channel(session_id)) > 0

    async def send(self, session_id: str, message: dict[str, Any]) -> bool:
        """Queue a message on the session's streams; False when none is open anywhere."""
        return await self._shared.publish(_channel(session_id), message) > 0

    async def end(self, session_id: str) -> None:
        await self._shared.publish(_channel(session_id), None)


def _channel(session_id: str) -> str:
    return f"mcp-session:{session_id}"
