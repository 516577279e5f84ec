"""Deferred HTTP requests and emails: claimed, sent, and retried on the backoff schedule.

The same queue discipline as Connect webhooks: every delivery is a row before it is sent,
any gateway process may send it, and a claim keeps two from sending it at once. A crash
between sending and recording leaves the row to be sent again: delivery is at least once.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select

from mcp_gateway.store.db import Database
from mcp_gateway.store.models import DestinationDelivery, utcnow

from . import claims
from .http import HttpSender
from .outbox import Sealer, seal_context
from .outcome import Outcome
from .smtp import EmailSender

logger = logging.getLogger(__name__)


class Deliveries:
    def __init__(
        self,
        db: Database,
        sealer: Sealer,
        *,
        http: HttpSender,
        email: EmailSender | None,
        backoff: Sequence[float],
        lease: float,
        message_domain: str = "mcp-gateway",
    ) -> None:
        self._db = db
        self._sealer = sealer
        self._http = http
        self._email = email
        self._backoff = tuple(backoff)
        self._lease = lease
        self._domain = message_domain

    async def deliver_due(self, limit: int = 50) -> int:
        """Attempt every delivery that is due now; the number attempted."""
        async with self._db.session() as s:
            due = (
                await s.scalars(
                    select(DestinationDelivery)
                    .where(DestinationDelivery.delivered_at.is_(None), DestinationDelivery.next_attempt_at <= utcnow())
                    .order_by(DestinationDelivery.next_attempt_at)
                    .limit(limit)
                )
            ).all()
        attempted = 0
        for row in due:
            token = await claims.claim(self._db, DestinationDelivery, row.id, row.next_attempt_at, self._lease)
            if token is not None:
                attempted += 1
                await self._attempt(row, token)
        return attempted

    async def _send(self, row: DestinationDelivery, request: dict[str, Any]) -> Outcome:
        if row.kind == "http":
            return await self._http.send(request)
        if self._email is not None:
            return await self._email.send(request, f"<{row.run_id}.{row.id}@{self._domain}>")
        return Outcome("email is no longer configured on this gateway (MCP_GATEWAY_SMTP_HOST)")

    async def _attempt(self, row: DestinationDelivery, token: datetime) -> None:
        try:
            request = self._sealer.decrypt(row.request, context=seal_context(row.run_id))
        except Exception as exc:  # e.g. sealed under a master key no longer configured
            outcome = Outcome(f"could not read the stored request: {exc}", permanent=True)
        else:
            outcome = await self._send(row, request)
        attempts = row.attempts + 1
        if outcome.ok:
            values = {"attempts": attempts, "last_error": None, "delivered_at": utcnow(), "next_attempt_at": None}
        else:
            retry_at = None if outcome.permanent else claims.next_attempt(self._backoff, attempts)
            values = {"attempts": attempts, "last_error": outcome.error, "next_attempt_at": retry_at}
            if retry_at is None:
                logger.warning("%s delivery %s to %s given up after %d attempts: %s", row.kind, row.id, row.target, attempts, outcome.error)
        await claims.settle(self._db, DestinationDelivery, row.id, token, **values)
