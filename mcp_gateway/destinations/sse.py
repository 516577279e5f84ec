"""`$.send.sse` events, streamed to subscribers of a project's environment.

Events live in the database, and each process polls it for new ones (a local commit
wakes the poll at once), so a client connected to any gateway process receives events
sent by runs in every other. A client that connects gets the latest 100 events first,
as the hosted product does, or everything after its `Last-Event-ID` when it reconnects.
Clients see each event's `public_id`; the row id that orders events stays inside.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select

from mcp_gateway.store.db import Database
from mcp_gateway.store.models import SseEvent, utcnow

logger = logging.getLogger(__name__)

HISTORY = 100  # events a new subscriber gets first
_REPLAY_LIMIT = 1000  # events replayed after a Last-Event-ID
_QUEUE = 1000  # events a slow subscriber may fall behind before it is dropped (it resumes by id)
_POLL_PAGE = 1000


@dataclass(frozen=True, slots=True)
class SseMessage:
    id: str  # the event's public id
    channel: str
    data: str  # JSON
    created_at: datetime


@dataclass(eq=False)
class _Subscriber:
    project_id: str
    environment: str
    channels: frozenset[str]  # empty: every channel
    queue: asyncio.Queue[SseMessage | None] = field(default_factory=lambda: asyncio.Queue(_QUEUE))

    def wants(self, project_id: str, environment: str, channel: str) -> bool:
        return (project_id, environment) == (self.project_id, self.environment) and (not self.channels or channel in self.channels)

    def offer(self, message: SseMessage | None) -> None:
        try:
            self.queue.put_nowait(message)
        except asyncio.QueueFull:
            # Too slow: end its stream; the client reconnects with Last-Event-ID and catches up.
            while not self.queue.empty():
                self.queue.get_nowait()
            self.queue.put_nowait(None)


class SseHub:
    def __init__(self, db: Database, *, poll_interval: float) -> None:
        self._db = db
        self._poll_interval = poll_interval
        # Postgres may commit a lower id after a higher one: look back this far for late commits.
        self._lookback = 0.0 if db.is_sqlite else 5.0
        self._subscribers: set[_Subscriber] = set()
        self._wake = asyncio.Event()
        self._poller: asyncio.Task[None] | None = None
        self._last_id = 0
        self._seen: dict[int, float] = {}  # ids dispatched within the lookback

    def wake(self) -> None:
        self._wake.set()

    async def recent(self, project_id: str, environment: str, channels: Sequence[str] = (), limit: int = HISTORY) -> list[SseMessage]:
        """The latest `limit` events, oldest first."""
        query = self._query(project_id, environment, channels).order_by(SseEvent.id.desc()).limit(limit)
        return list(reversed(await self._fetch(query)))

    async def after(
        self, project_id: str, environment: str, last_event_id: str, channels: Sequence[str] = ()
    ) -> list[SseMessage] | None:
        """The events after `last_event_id`, oldest first; None when it names no event of this
        project's environment (another project's, or one pruned since)."""
        async with self._db.session() as s:
            position = await s.scalar(select(SseEvent.id).where(
                SseEvent.public_id == last_event_id, SseEvent.project_id == project_id, SseEvent.environment == environment
            ))
        if position is None:
            return None
        query = self._query(project_id, environment, channels).where(SseEvent.id > position).order_by(SseEvent.id).limit(_REPLAY_LIMIT)
        return await self._fetch(query)

    async def stream(
        self, project_id: str, environment: str, channels: Sequence[str] = (), last_event_id: str | None = None
    ) -> AsyncIterator[SseMessage]:
        """History, then live events, until the hub closes or the subscriber falls too far behind."""
        subscriber = _Subscriber(project_id, environment, frozenset(channels))
        # Subscribed before reading history, so no event falls between the two.
        self._subscribers.add(subscriber)
        try:
            await self._ensure_poller()
            history = None if last_event_id is None else await self.after(project_id, environment, last_event_id, channels)
            if history is None:
                history = await self.recent(project_id, environment, channels)
            replayed = {message.id for message in history}
            for message in history:
                yield message
            while True:
                message = await subscriber.queue.get()
                if message is None:
                    return
                if message.id not in replayed:
                    yield message
        finally:
            self._subscribers.discard(subscriber)

    async def close(self) -> None:
        for subscriber in list(self._subscribers):
            subscriber.offer(None)
        if self._poller is not None:
            self._poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._poller
            self._poller = None

    # Polling

    async def _ensure_poller(self) -> None:
        if self._poller is not None and not self._poller.done():
            return
        # Start from the newest event before the subscriber reads its history.
        async with self._db.engine.connect() as conn:
            last_id = await conn.scalar(select(func.coalesce(func.max(SseEvent.id), 0))) or 0
        if self._poller is None or self._poller.done():
            self._last_id = last_id
            self._poller = asyncio.get_running_loop().create_task(self._poll_loop(), name="sse-poller")

    async def _poll_loop(self) -> None:
        while self._subscribers:
            try:
                while await self._poll_once() == _POLL_PAGE:
                    pass
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("SSE poll failed; retrying")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._poll_interval)
            self._wake.clear()

    async def _poll_once(self) -> int:
        newer = SseEvent.id > self._last_id
        if self._lookback:
            newer = or_(newer, SseEvent.created_at >= utcnow() - timedelta(seconds=self._lookback))
        rows = await self._fetch_rows(select(SseEvent).where(newer).order_by(SseEvent.id).limit(_POLL_PAGE))
        now = time.monotonic()
        for row in rows:
            self._last_id = max(self._last_id, row.id)
            if row.id in self._seen:
                continue
            self._seen[row.id] = now
            message = SseMessage(row.public_id, row.channel, row.payload, row.created_at)
            for subscriber in list(self._subscribers):
                if subscriber.wants(row.project_id, row.environment, row.channel):
                    subscriber.offer(message)
        horizon = now - 2 * self._lookback - self._poll_interval
        self._seen = {i: t for i, t in self._seen.items() if t >= horizon}
        return len(rows)

    # Queries

    @staticmethod
    def _query(project_id: str, environment: str, channels: Sequence[str]):  # type: ignore[no-untyped-def]
        query = select(SseEvent).where(SseEvent.project_id == project_id, SseEvent.environment == environment)
        if channels:
            query = query.where(SseEvent.channel.in_(list(channels)))
        return query

    async def _fetch_rows(self, query) -> list[SseEvent]:  # type: ignore[no-untyped-def]
        async with self._db.session() as s:
            return list((await s.scalars(query)).all())

    async def _fetch(self, query) -> list[SseMessage]:  # type: ignore[no-untyped-def]
        return [SseMessage(r.public_id, r.channel, r.payload, r.created_at) for r in await self._fetch_rows(query)]
