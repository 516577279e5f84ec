"""How much `$.send` work is still waiting, across every process: the queue depths operators
watch. Given-up work (no next attempt) is not waiting any more and is not counted."""

from __future__ import annotations

from sqlalchemy import func, select

from mcp_gateway.store.db import Database
from mcp_gateway.store.models import DestinationDelivery, S3Batch, S3Event

DELIVERY_KINDS = ("http", "email")


async def backlog(db: Database) -> dict[str, int]:
    """`s3_events`: events not yet uploaded (waiting for their batch, or in a batch still to be
    written); `http`, `email`: deferred requests and messages not yet delivered."""
    async with db.engine.connect() as conn:
        unbatched = await conn.scalar(select(func.count()).select_from(S3Event).where(S3Event.batch_id.is_(None)))
        in_batches = await conn.scalar(
            select(func.coalesce(func.sum(S3Batch.events), 0))
            .where(S3Batch.uploaded_at.is_(None), S3Batch.next_attempt_at.is_not(None))
        )
        deliveries = await conn.execute(
            select(DestinationDelivery.kind, func.count())
            .where(DestinationDelivery.delivered_at.is_(None), DestinationDelivery.next_attempt_at.is_not(None))
            .group_by(DestinationDelivery.kind)
        )
        pending = {kind: int(count) for kind, count in deliveries}
    return {"s3_events": int(unbatched or 0) + int(in_batches or 0), **{kind: pending.get(kind, 0) for kind in DELIVERY_KINDS}}
