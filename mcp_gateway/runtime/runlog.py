"""The record of every run, written in batches.

One transaction for many runs keeps SQLite's single writer off the hot path of a
tool call; records are flushed within `flush_interval` and on shutdown.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

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
            except Exception:
                self._pending[:0] = batch  # keep them for the next flush
                raise

    async def close(self) -> None:
        if self._flusher is not None:
            self._flusher.cancel()
        await self.flush()
