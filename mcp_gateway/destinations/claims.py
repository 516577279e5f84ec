"""Claiming queue rows across gateway processes, and the retry schedule.

A row is due when `next_attempt_at` has passed. A process claims it by moving
`next_attempt_at` a lease ahead, on the condition that it still holds the value the
process read: only one process wins. The new value is the claim's token; the work's
result is written only where the row still holds it, so a process that lost its claim
(it stalled past the lease and another took over) writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update

from mcp_gateway.store.db import Database
from mcp_gateway.store.models import utcnow


async def claim(db: Database, table: Any, row_id: Any, seen: datetime | None, lease: float) -> datetime | None:
    """The claim's token, or None when another process was first."""
    token = utcnow() + timedelta(seconds=lease)
    async with db.engine.begin() as conn:
        claimed = await conn.execute(
            update(table).where(table.id == row_id, table.next_attempt_at == seen).values(next_attempt_at=token)
        )
    return token if claimed.rowcount == 1 else None


async def settle(db: Database, table: Any, row_id: Any, token: datetime, **values: Any) -> bool:
    """Write the outcome if the claim still holds; whether it did."""
    async with db.engine.begin() as conn:
        done = await conn.execute(update(table).where(table.id == row_id, table.next_attempt_at == token).values(**values))
    return done.rowcount == 1


def next_attempt(backoff: Sequence[float], attempts: int) -> datetime | None:
    """When to try again after `attempts` failed attempts; None once the schedule is spent (given up)."""
    if attempts > len(backoff):
        return None
    return utcnow() + timedelta(seconds=backoff[attempts - 1])
