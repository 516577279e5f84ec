"""Reading back `$.send.emit` events, newest first, a page at a time."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import aliased

from mcp_gateway.store.db import Database
from mcp_gateway.store.models import EmittedEvent

MAX_PAGE = 1000


@dataclass(frozen=True, slots=True)
class Emitted:
    id: str
    event: Any
    channel: str | None
    external_user_id: str
    action_key: str
    run_id: str
    created_at: datetime


async def list_emits(
    db: Database,
    project_id: str,
    environment: str,
    *,
    channel: str | None = None,
    external_user_id: str | None = None,
    before: str | None = None,
    limit: int = 100,
) -> list[Emitted]:
    """Events emitted in a project's environment, newest first; `before` is the id of the last
    page's oldest event. An id that is no event of this environment (another project's, or one
    pruned since) gives an empty page."""
    query = select(EmittedEvent).where(EmittedEvent.project_id == project_id, EmittedEvent.environment == environment)
    if channel is not None:
        query = query.where(EmittedEvent.channel == channel)
    if external_user_id is not None:
        query = query.where(EmittedEvent.external_user_id == external_user_id)
    if before is not None:
        cursor = aliased(EmittedEvent)
        position = select(cursor.id).where(
            cursor.public_id == before, cursor.project_id == project_id, cursor.environment == environment
        )
        query = query.where(EmittedEvent.id < position.scalar_subquery())
    query = query.order_by(EmittedEvent.id.desc()).limit(max(1, min(limit, MAX_PAGE)))
    async with db.session() as s:
        rows = (await s.scalars(query)).all()
    return [
        Emitted(r.public_id, json.loads(r.event), r.channel, r.external_user_id, r.action_key, r.run_id, r.created_at)
        for r in rows
    ]
