"""The record of every run, written in batches.

One transaction for many runs keeps SQLite's single writer off the hot path of a
tool call; records are flushed within `flush_interval` and on shutdown. When the database
cannot be reached the batch waits for the next flush; when it refuses a row, that row alone
is logged and dropped, so one bad record never holds back the others.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from typing import Any

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from mcp_gateway.store.db import Database
from mcp_gateway.store.models import ActionRun

logger = logging.getLogger(__name__)


class RunLog:
    def __init__(self, db: Database, *, flush_interval: float = 0.2, max_batch: int = 1000) -> None:
        self._db = db
        self._interval = flush_interval
        self._max_batch = max_batch
        self._pending: list[dict[str, Any]] = []
        self._flusher: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()

    def record(self, **fields: Any) -> None:
        self._pending.append(fields)
        if len(self._pending) >= self._max_batch:
            self._start(0)
        elif self._flusher is None:
            self._start(self._interval)

    def _start(self, delay: float) -> None:
        if self._flusher is not None and not self._flusher.done():
            if delay > 0:
                return
        self._flusher = asyncio.get_running_loop().create_task(self._flush_after(delay))

    async def _flush_after(self, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        self._flusher = None
        try:
            await self.flush()
        except Exception:
            logger.exception("could not write run records; they will be retried")

    async def flush(self) -> None:
        async with self._lock:
            batch, self._pending = self._pending, []
            if not batch:
                return
            try:
                await self._db.insert_many({ActionRun: batch})
            except Exception as exc:
                if _transient(exc):
                    self._pending[:0] = batch  # keep them for the next flush
                    raise
                await self._one_by_one(batch)

    async def _one_by_one(self, batch: list[dict[str, Any]]) -> None:
        """Write each record alone after the database refused the batch: it refused one of them."""
        for i, fields in enumerate(batch):
            try:
                await self._db.insert_many({ActionRun: [fields]})
            except Exception as exc:
                if _transient(exc):
                    self._pending[:0] = batch[i:]
                    raise
                logger.error("dropped a run record of %s in project %s, which the database refused: %s",
                             fields.get("action_key"), fields.get("project_id"), type(exc).__name__)

    async def close(self) -> None:
        if self._flusher is not None:
            self._flusher.cancel()
        await self.flush()


def _transient(exc: BaseException) -> bool:
    """Whether trying the same rows again later may work (the connection, not the data)."""
    # SQLite files are written through sqlite3 itself (see store.bulk), so its errors come raw.
    if isinstance(exc, (OperationalError, InterfaceError, sqlite3.OperationalError, sqlite3.InterfaceError, OSError, TimeoutError)):
        return True
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)
