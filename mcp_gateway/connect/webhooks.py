"""Connect webhooks: `CONNECTION_SUCCESS` and `CONNECTION_ERROR`, signed, delivered with retries.

Every delivery is a database row before it is sent, so a restart loses nothing; any
gateway process may send it, and claiming a row first keeps two from sending it twice.

Receivers check `MCP-Gateway-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>`, the MAC
of `"<t>.<raw body>"` under the project's webhook secret.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import func, select, update

from mcp_gateway.net import EgressDenied, EgressPolicy, http_client
from mcp_gateway.store.db import Database
from mcp_gateway.store.models import WebhookDelivery, utcnow

from .vault import Vault

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "MCP-Gateway-Signature"
_CLAIM_SECONDS = 60.0
_TIMEOUT = httpx.Timeout(10.0, connect=5.0)


def sign(secret: str, body: bytes, timestamp: int | None = None) -> str:
    t = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={t},v1={mac}"


def verify(secret: str, body: bytes, header: str, *, tolerance: float = 300.0) -> bool:
    """What a receiver does: check the MAC and that the timestamp is recent."""
    try:
        fields = dict(part.split("=", 1) for part in header.split(","))
        t = int(fields["t"])
    except (KeyError, ValueError):
        return False
    if abs(time.time() - t) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, body, t), header)


def delivery_id(secret: str, row_id: int) -> str:
    """The id a receiver sees for one delivery (the same on every retry): derived from the
    project's webhook secret, so it neither counts other projects' deliveries nor can be guessed."""
    return "whd_" + hmac.new(secret.encode(), f"delivery:{row_id}".encode(), hashlib.sha256).hexdigest()[:24]


class Webhooks:
    def __init__(
        self,
        db: Database,
        vault: Vault,
        secret_for: Callable[[str], Awaitable[str]],
        *,
        backoff: Sequence[float],
        poll_interval: float = 1.0,
        egress: EgressPolicy = EgressPolicy(),
    ) -> None:
        self._egress = egress
        self._db = db
        self._vault = vault
        self._secret_for = secret_for
        self._backoff = tuple(backoff)  # seconds before each retry; given up after the last
        self._poll = poll_interval
        self._wake = asyncio.Event()
        self._worker: asyncio.Task[None] | None = None
        self._client: httpx.AsyncClient | None = None

    async def enqueue(self, project_id: str, url: str, payload: dict[str, Any]) -> int:
        async with self._db.session() as s, s.begin():
            row = WebhookDelivery(
                project_id=project_id,
                url=url,
                event=str(payload.get("event", "")),
                payload="",
                attempts=0,
                next_attempt_at=utcnow(),
            )
            s.add(row)
            await s.flush()
            # The payload names the connect token, so it is stored encrypted like any secret.
            row.payload = self._vault.encrypt(payload, context=f"webhook:{row.id}")
            delivery_id = row.id
        self._wake.set()
        return delivery_id

    async def pending(self) -> int:
        """Deliveries not yet made and not given up (a given-up delivery has no next attempt)."""
        async with self._db.engine.connect() as conn:
            count = await conn.scalar(
                select(func.count())
                .select_from(WebhookDelivery)
                .where(WebhookDelivery.delivered_at.is_(None), WebhookDelivery.next_attempt_at.is_not(None))
            )
        return int(count or 0)

    def start(self) -> None:
        if self._worker is None:
            self._worker = asyncio.get_running_loop().create_task(self._run(), name="connect-webhooks")

    async def stop(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            try:
                await self._worker
            except asyncio.CancelledError:
                pass
            self._worker = None
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def _run(self) -> None:
        while True:
            try:
                while await self.deliver_due():
                    pass
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("webhook delivery loop failed; retrying")
            try:
                await asyncio.wait_for(self._wake.wait(), self._poll)
            except asyncio.TimeoutError:
                pass
            self._wake.clear()

    async def deliver_due(self, limit: int = 20) -> int:
        """Send every delivery that is due now; the number attempted."""
        now = utcnow()
        async with self._db.session() as s:
            due = (
                await s.scalars(
                    select(WebhookDelivery)
                    .where(WebhookDelivery.delivered_at.is_(None), WebhookDelivery.next_attempt_at <= now)
                    .order_by(WebhookDelivery.next_attempt_at)
                    .limit(limit)
                )
            ).all()
        attempted = 0
        for row in due:
            if await self._claim(row.id, row.next_attempt_at):
                attempted += 1
                await self._attempt(row)
        return attempted

    async def _claim(self, delivery_id: int, seen_next: datetime | None) -> bool:
        async with self._db.session() as s, s.begin():
            claimed = await s.execute(
                update(WebhookDelivery)
                .where(WebhookDelivery.id == delivery_id, WebhookDelivery.next_attempt_at == seen_next)
                .values(next_attempt_at=utcnow() + timedelta(seconds=_CLAIM_SECONDS))
            )
        return claimed.rowcount == 1

    async def _attempt(self, row: WebhookDelivery) -> None:
        payload = self._vault.decrypt(row.payload, context=f"webhook:{row.id}")
        body = json.dumps(payload, separators=(",", ":")).encode()
        error: str | None = None
        try:
            secret = await self._secret_for(row.project_id)
            headers = {
                "Content-Type": "application/json",
                SIGNATURE_HEADER: sign(secret, body),
                "MCP-Gateway-Event": row.event,
                "MCP-Gateway-Delivery": delivery_id(secret, row.id),
            }
            if self._client is None:
                self._client = http_client(self._egress, timeout=_TIMEOUT, follow_redirects=False)
            response = await self._client.post(row.url, content=body, headers=headers)
            if response.status_code >= 300:
                error = f"the receiver answered HTTP {response.status_code}"
        except httpx.HTTPError as exc:
            error = f"could not reach the receiver: {type(exc).__name__}"
        except EgressDenied as exc:
            error = str(exc)
        attempts = row.attempts + 1
        values: dict[str, Any] = {"attempts": attempts, "last_error": error}
        if error is None:
            values["delivered_at"] = utcnow()
        elif attempts <= len(self._backoff):
            values["next_attempt_at"] = utcnow() + timedelta(seconds=self._backoff[attempts - 1])
        else:
            values["next_attempt_at"] = None  # given up
            logger.warning("webhook %s to %s given up after %d attempts: %s", row.id, row.url, attempts, error)
        async with self._db.session() as s, s.begin():
            await s.execute(update(WebhookDelivery).where(WebhookDelivery.id == row.id).values(**values))
