"""Handshake-era sessions, kept in the store so any gateway process can serve them,
and the in-process streams (legacy SSE, GET notification streams) they deliver to."""

from __future__ import annotations

import asyncio
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import delete

from mcp_gateway.store.db import Database
from mcp_gateway.store.models import McpSession

from .params import McpParams

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


class SessionStore:
    def __init__(self, db: Database, ttl: float) -> None:
        self._db = db
        self._ttl = ttl
        self._cache: OrderedDict[str, tuple[Session, float]] = OrderedDict()

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


class StreamHub:
    """Open server-to-client streams of this process, by session id."""

    def __init__(self) -> None:
        self._streams: dict[str, set[asyncio.Queue[dict[str, Any] | None]]] = {}

    def open(self, session_id: str) -> asyncio.Queue[dict[str, Any] | None]:
        queue: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()
        self._streams.setdefault(session_id, set()).add(queue)
        return queue

    def close(self, session_id: str, queue: asyncio.Queue[dict[str, Any] | None]) -> None:
        queues = self._streams.get(session_id)
        if queues is not None:
            queues.discard(queue)
            if not queues:
                del self._streams[session_id]

    def has(self, session_id: str) -> bool:
        return session_id in self._streams

    def send(self, session_id: str, message: dict[str, Any]) -> bool:
        """Queue a message on the session's streams; False when none is open here."""
        queues = self._streams.get(session_id)
        if not queues:
            return False
        for queue in queues:
            queue.put_nowait(message)
        return True

    def end(self, session_id: str) -> None:
        for queue in self._streams.get(session_id, ()):
            queue.put_nowait(None)
