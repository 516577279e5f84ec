"""Deleting what destinations no longer need: delivered (or given-up) events and batches,
SSE history and emits older than the retention. Waiting events are never deleted."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import and_, delete, or_, select

from mcp_gateway.store.db import Database
from mcp_gateway.store.models import DestinationDelivery, DestinationRun, EmittedEvent, S3Batch, S3Event, SseEvent, utcnow

_CHUNK = 500  # batches per transaction: keeps each delete short beside live writers


async def prune(db: Database, retention: float) -> int:
    """Delete rows older than `retention` seconds; how many batches, deliveries and events went."""
    cutoff = utcnow() - timedelta(seconds=retention)
    removed = 0
    finished = or_(S3Batch.uploaded_at < cutoff, and_(S3Batch.uploaded_at.is_(None), S3Batch.next_attempt_at.is_(None),
                                                      S3Batch.created_at < cutoff))
    while True:
        async with db.engine.begin() as conn:
            batch_ids = (await conn.execute(select(S3Batch.id).where(finished).limit(_CHUNK))).scalars().all()
            if not batch_ids:
                break
            removed += (await conn.execute(delete(S3Event).where(S3Event.batch_id.in_(batch_ids)))).rowcount
            removed += (await conn.execute(delete(S3Batch).where(S3Batch.id.in_(batch_ids)))).rowcount
    async with db.engine.begin() as conn:
        done = or_(DestinationDelivery.delivered_at.is_not(None), DestinationDelivery.next_attempt_at.is_(None))
        removed += (await conn.execute(
            delete(DestinationDelivery).where(done, DestinationDelivery.created_at < cutoff)
        )).rowcount
        for table in (SseEvent, EmittedEvent):
            removed += (await conn.execute(delete(table).where(table.created_at < cutoff))).rowcount
        removed += (await conn.execute(delete(DestinationRun).where(DestinationRun.created_at < cutoff))).rowcount
    return removed
