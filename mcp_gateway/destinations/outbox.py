"""Storing a finished run's sends: all of a run's events in one transaction, and the
transactions of runs finishing together merged into one (group commit).

`commit` returns once the events are on disk, so a gateway killed right after a run
still delivers them; merging keeps SQLite's single writer from being the limit when
many runs finish at once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from mcp_gateway.store.db import Database
from mcp_gateway.store.ids import EMITTED_EVENT, SSE_EVENT, new_ordered_id
from mcp_gateway.store.models import DestinationDelivery, DestinationRun, EmittedEvent, S3Event, SseEvent, utcnow

from .items import DeliveryItem, EmitItem, S3Item, SseItem
from .send import Send

logger = logging.getLogger(__name__)

_QUIET_PASSES = 4
_MAX_GATHER_PASSES = 64


class Sealer(Protocol):
    """Encrypts what a deferred request carries (the gateway's vault)."""

    def encrypt(self, data: Mapping[str, Any], *, context: str) -> str: ...

    def decrypt(self, token: str, *, context: str) -> dict[str, Any]: ...


def seal_context(run_id: str) -> str:
    return f"send:{run_id}"


class Outbox:
    def __init__(self, db: Database, sealer: Sealer, *, on_commit: Callable[[set[str]], None] | None = None) -> None:
        self._db = db
        self._sealer = sealer
        self._on_commit = on_commit  # told which kinds of rows were written, to wake their workers
        self._waiting: list[tuple[Send, asyncio.Future[int]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def commit(self, send: Send) -> int:
        """Store the run's sends; the number of events stored."""
        if not send.pending:
            return 0
        done: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self._waiting.append((send, done))
        if self._writer is None:
            self._writer = asyncio.get_running_loop().create_task(self._write_waiting())
        # Shielded: a caller that gives up waiting does not undo a write already under way.
        return await asyncio.shield(done)

    async def _write_waiting(self) -> None:
        try:
            while self._waiting:
                await self._gather()
                group, self._waiting = self._waiting, []
                try:
                    kinds = await self._write([send for send, _ in group])
                except Exception as exc:
                    if len(group) == 1:
                        _settle(group[0][1], exc=exc)
                        continue
                    # One run's bad row must not fail the others: write them one by one.
                    kinds = set()
                    for send, done in group:
                        try:
                            kinds |= await self._write([send])
                        except Exception as one:
                            _settle(done, exc=one)
                        else:
                            _settle(done, result=len(send.pending))
                else:
                    for send, done in group:
                        _settle(done, result=len(send.pending))
                if kinds and self._on_commit is not None:
                    self._on_commit(kinds)
        finally:
            self._writer = None

    async def _gather(self) -> None:
        """Let runs that are about to commit join this transaction: yield to the loop a few
        times, and on while new ones keep arriving. A run woken by the last write takes a few
        loop passes to reach its next commit; idle, this costs microseconds."""
        quiet = 0
        for _ in range(_MAX_GATHER_PASSES):
            arrived = len(self._waiting)
            await asyncio.sleep(0)
            quiet = quiet + 1 if len(self._waiting) == arrived else 0
            if quiet == _QUIET_PASSES:
                return

    async def _write(self, sends: list[Send]) -> set[str]:
        now = utcnow()
        rows: dict[Any, list[dict[str, Any]]] = {DestinationRun: [], S3Event: [], DestinationDelivery: [], SseEvent: [], EmittedEvent: []}
        for send in sends:
            run = send.run
            rows[DestinationRun].append({
                "run_id": run.run_id, "project_id": run.project_id, "environment": run.environment,
                "external_user_id": run.external_user_id, "action_key": run.action_key,
                "events": len(send.pending), "created_at": now,
            })
            for item in send.pending:
                if isinstance(item, S3Item):
                    rows[S3Event].append({
                        "run_id": run.run_id, "bucket": item.bucket, "prefix": item.prefix,
                        "payload": item.line, "batch_id": None, "created_at": now,
                    })
                elif isinstance(item, DeliveryItem):
                    rows[DestinationDelivery].append({
                        "run_id": run.run_id, "kind": item.kind, "target": item.target[:2000],
                        "request": self._sealer.encrypt(item.request, context=seal_context(run.run_id)),
                        "attempts": 0, "next_attempt_at": now, "delivered_at": None, "last_error": None, "created_at": now,
                    })
                elif isinstance(item, SseItem):
                    rows[SseEvent].append({
                        "public_id": new_ordered_id(SSE_EVENT),
                        "run_id": run.run_id, "project_id": run.project_id, "environment": run.environment,
                        "channel": item.channel, "payload": item.data, "created_at": now,
                    })
                elif isinstance(item, EmitItem):
                    rows[EmittedEvent].append({
                        "public_id": new_ordered_id(EMITTED_EVENT),
                        "run_id": run.run_id, "project_id": run.project_id, "environment": run.environment,
                        "external_user_id": run.external_user_id, "action_key": run.action_key,
                        "channel": item.channel, "event": item.event, "created_at": now,
                    })
        await self._db.insert_many(rows)
        return {table.__tablename__ for table, batch in rows.items() if batch}


def _settle(done: asyncio.Future[int], *, result: int = 0, exc: BaseException | None = None) -> None:
    if done.done():
        return
    if exc is not None:
        done.set_exception(exc)
    else:
        done.set_result(result)
