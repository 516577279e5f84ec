"""How far a run's sends have got: per destination, how many of its events were delivered,
how many were given up, and how many are still on their way. The hosted product shows this
as the "Dest" count of a run."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, func, select

from mcp_gateway.store.db import Database
from mcp_gateway.store.models import DestinationDelivery, DestinationRun, EmittedEvent, S3Batch, S3Event, SseEvent


@dataclass(frozen=True, slots=True)
class DestinationStatus:
    kind: str  # s3 | http | email | sse | emit
    target: str  # s3://bucket/prefix, a URL, recipients, an SSE channel, an emit channel
    events: int
    delivered: int
    failed: int  # given up

    @property
    def pending(self) -> int:
        return self.events - self.delivered - self.failed

    @property
    def reached(self) -> bool:
        return self.events > 0 and self.delivered == self.events


@dataclass(frozen=True, slots=True)
class RunDeliveries:
    run_id: str
    project_id: str
    environment: str
    action_key: str
    created_at: datetime
    destinations: list[DestinationStatus]

    @property
    def reached(self) -> int:
        """Destinations every event of the run has reached."""
        return sum(1 for d in self.destinations if d.reached)


async def run_deliveries(db: Database, run_id: str) -> RunDeliveries | None:
    """The run's delivery report; None when the run sent nothing (or is older than the retention)."""
    async with db.engine.connect() as conn:
        run = (await conn.execute(select(DestinationRun).where(DestinationRun.run_id == run_id))).first()
        if run is None:
            return None
        statuses: list[DestinationStatus] = []
        uploaded = S3Batch.uploaded_at.is_not(None)
        given_up = and_(S3Batch.uploaded_at.is_(None), S3Batch.next_attempt_at.is_(None))
        s3 = await conn.execute(
            select(S3Event.bucket, S3Event.prefix, func.count(),
                   func.sum(case((uploaded, 1), else_=0)), func.sum(case((given_up, 1), else_=0)))
            .select_from(S3Event).outerjoin(S3Batch, S3Batch.id == S3Event.batch_id)
            .where(S3Event.run_id == run_id)
            .group_by(S3Event.bucket, S3Event.prefix)
        )
        for bucket, prefix, events, delivered, failed in s3:
            target = f"s3://{bucket}/{prefix}".rstrip("/")
            statuses.append(DestinationStatus("s3", target, events, int(delivered or 0), int(failed or 0)))
        sent = DestinationDelivery.delivered_at.is_not(None)
        dropped = and_(DestinationDelivery.delivered_at.is_(None), DestinationDelivery.next_attempt_at.is_(None))
        deliveries = await conn.execute(
            select(DestinationDelivery.kind, DestinationDelivery.target, func.count(),
                   func.sum(case((sent, 1), else_=0)), func.sum(case((dropped, 1), else_=0)))
            .where(DestinationDelivery.run_id == run_id)
            .group_by(DestinationDelivery.kind, DestinationDelivery.target)
        )
        for kind, target, events, delivered, failed in deliveries:
            statuses.append(DestinationStatus(kind, target, events, int(delivered or 0), int(failed or 0)))
        # SSE events and emits are delivered when they are stored.
        sse = await conn.execute(
            select(SseEvent.channel, func.count()).where(SseEvent.run_id == run_id).group_by(SseEvent.channel)
        )
        statuses.extend(DestinationStatus("sse", channel, n, n, 0) for channel, n in sse)
        emits = await conn.execute(
            select(EmittedEvent.channel, func.count()).where(EmittedEvent.run_id == run_id).group_by(EmittedEvent.channel)
        )
        statuses.extend(DestinationStatus("emit", channel or "default", n, n, 0) for channel, n in emits)
    return RunDeliveries(run.run_id, run.project_id, run.environment, run.action_key, run.created_at, statuses)
