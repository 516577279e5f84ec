"""The S3 destination: events batched per bucket and prefix, one gzipped, newline-delimited
object per batch window, at `PREFIX/YYYY/MM/DD/HH/YYYY-MM-DD-HH-MM-SS-IDENTIFIER.gz`.

Exactly once, across crashes and processes:

1. Sealing. Once the oldest waiting event of a destination is a window old, one
   transaction creates the batch, with its object key fixed, and marks every waiting
   event of that destination as the batch's. An event is in no batch or in exactly one.
2. Uploading. A process claims the batch (see `claims`) and writes exactly the batch's
   events to the batch's key. A crash anywhere leaves the batch unfinished; the next
   attempt writes the same events to the same key, so it overwrites rather than
   duplicates. A multipart upload left behind by a crash is aborted first.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import zlib
from collections.abc import AsyncIterator, Sequence
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, insert, select, update

from mcp_gateway.store.db import Database
from mcp_gateway.store.models import S3Batch, S3Event, utcnow

from . import claims
from .s3_client import S3Client, S3Error

logger = logging.getLogger(__name__)

_PAGE = 5000  # events read from the database at a time while writing an object


def object_key(prefix: str, sealed_at: datetime, identifier: str) -> str:
    stamp = sealed_at.astimezone(timezone.utc)
    name = f"{stamp:%Y-%m-%d-%H-%M-%S}-{identifier}.gz"
    return "/".join(part for part in (prefix.strip("/"), f"{stamp:%Y/%m/%d/%H}", name) if part)


class LostClaim(Exception):
    """Another process took the batch over; this one stops writing it."""


class S3Batches:
    def __init__(
        self,
        db: Database,
        client: S3Client,
        *,
        window: float,
        part_size: int,
        backoff: Sequence[float],
        lease: float,
    ) -> None:
        self._db = db
        self._client = client
        self.window = window
        self._part_size = part_size
        self._backoff = tuple(backoff)
        self._lease = lease

    # Sealing

    async def seal_due(self) -> list[str]:
        """Seal every destination whose oldest waiting event is a window old; the new batches."""
        cutoff = utcnow() - timedelta(seconds=self.window)
        async with self._db.engine.connect() as conn:
            # Index-only: the oldest waiting event's id per destination...
            oldest = (
                await conn.execute(
                    select(S3Event.bucket, S3Event.prefix, func.min(S3Event.id))
                    .where(S3Event.batch_id.is_(None))
                    .group_by(S3Event.bucket, S3Event.prefix)
                )
            ).all()
            due = []
            for bucket, prefix, first_id in oldest:
                # ...then its time, one row by primary key.
                created = await conn.scalar(select(S3Event.created_at).where(S3Event.id == first_id))
                if created is not None and created <= cutoff:
                    due.append((bucket, prefix))
        sealed = []
        for bucket, prefix in due:
            batch_id = await self.seal(bucket, prefix)
            if batch_id is not None:
                sealed.append(batch_id)
        return sealed

    async def seal(self, bucket: str, prefix: str) -> str | None:
        """Put every waiting event of one destination into a new batch; None if none was waiting
        (another process sealed them first)."""
        now = utcnow()
        batch_id = secrets.token_hex(32)
        async with self._db.engine.begin() as conn:
            marked = await conn.execute(
                update(S3Event)
                .where(S3Event.batch_id.is_(None), S3Event.bucket == bucket, S3Event.prefix == prefix)
                .values(batch_id=batch_id)
            )
            if marked.rowcount == 0:
                return None
            await conn.execute(
                insert(S3Batch).values(
                    id=batch_id, bucket=bucket, prefix=prefix, key=object_key(prefix, now, batch_id),
                    events=marked.rowcount, attempts=0, next_attempt_at=now, created_at=now,
                )
            )
        logger.info("sealed S3 batch %s: %d events for s3://%s/%s", batch_id, marked.rowcount, bucket, prefix)
        return batch_id

    # Uploading

    async def upload_due(self, limit: int = 10) -> int:
        """Upload batches that are due; the number attempted."""
        async with self._db.session() as s:
            due = (
                await s.scalars(
                    select(S3Batch)
                    .where(S3Batch.uploaded_at.is_(None), S3Batch.next_attempt_at <= utcnow())
                    .order_by(S3Batch.next_attempt_at)
                    .limit(limit)
                )
            ).all()
        attempted = 0
        for batch in due:
            token = await claims.claim(self._db, S3Batch, batch.id, batch.next_attempt_at, self._lease)
            if token is not None:
                attempted += 1
                await self._attempt(batch, token)
        return attempted

    async def _attempt(self, batch: S3Batch, token: datetime) -> None:
        attempts = batch.attempts + 1
        upload_id = batch.upload_id
        try:
            if upload_id is not None:  # left by an attempt that died mid-upload
                await self._client.abort_multipart(batch.bucket, batch.key, upload_id)
                token = await self._renew(batch.id, token, upload_id=None)
            token, size = await self._write(batch, token)
        except LostClaim:
            logger.warning("S3 batch %s was taken over by another process", batch.id)
            return
        except S3Error as exc:
            error = str(exc)
            retry_at = claims.next_attempt(self._backoff, attempts)
            if retry_at is None:
                logger.warning("S3 batch %s (%d events) given up after %d attempts: %s", batch.id, batch.events, attempts, error)
            await claims.settle(self._db, S3Batch, batch.id, token, attempts=attempts, last_error=error, next_attempt_at=retry_at)
            return
        await claims.settle(
            self._db, S3Batch, batch.id, token,
            attempts=attempts, size=size, upload_id=None, last_error=None, uploaded_at=utcnow(), next_attempt_at=None,
        )
        logger.info("uploaded S3 batch %s: %d events, %d bytes to s3://%s/%s", batch.id, batch.events, size, batch.bucket, batch.key)

    async def _write(self, batch: S3Batch, token: datetime) -> tuple[datetime, int]:
        """Stream the batch's events, gzipped, to its key: one PUT when small, else multipart."""
        gzip = zlib.compressobj(6, zlib.DEFLATED, 31)  # wbits 31: gzip framing
        buffer = bytearray()
        upload_id: str | None = None
        parts: list[dict[str, object]] = []
        size = 0
        try:
            async for lines in self._lines(batch):
                buffer += await asyncio.to_thread(gzip.compress, lines)
                while len(buffer) >= self._part_size:
                    if upload_id is None:
                        upload_id = await self._client.start_multipart(batch.bucket, batch.key)
                        # Recorded so that an attempt after a crash can abort it.
                        token = await self._renew(batch.id, token, upload_id=upload_id)
                    chunk = bytes(buffer[: self._part_size])
                    del buffer[: self._part_size]
                    parts.append(await self._client.put_part(batch.bucket, batch.key, upload_id, len(parts) + 1, chunk))
                    size += len(chunk)
                    logger.info("S3 batch %s: part %d uploaded", batch.id, len(parts))
                    token = await self._renew(batch.id, token)
            buffer += gzip.flush()
            size += len(buffer)
            if upload_id is None:
                await self._client.put(batch.bucket, batch.key, bytes(buffer))
            else:
                if buffer:
                    parts.append(await self._client.put_part(batch.bucket, batch.key, upload_id, len(parts) + 1, bytes(buffer)))
                await self._client.complete_multipart(batch.bucket, batch.key, upload_id, parts)
        except S3Error:
            if upload_id is not None and await self._abort_quietly(batch, upload_id):
                token = await self._renew(batch.id, token, upload_id=None)
            raise
        return token, size

    async def _lines(self, batch: S3Batch) -> AsyncIterator[bytes]:
        """The batch's payloads in the order they were sent, a page of lines at a time."""
        after = 0
        while True:
            async with self._db.engine.connect() as conn:
                page = (
                    await conn.execute(
                        select(S3Event.id, S3Event.payload)
                        .where(S3Event.batch_id == batch.id, S3Event.bucket == batch.bucket,
                               S3Event.prefix == batch.prefix, S3Event.id > after)
                        .order_by(S3Event.id)
                        .limit(_PAGE)
                    )
                ).all()
            if not page:
                return
            after = page[-1][0]
            yield ("\n".join(payload for _, payload in page) + "\n").encode()

    async def _renew(self, batch_id: str, token: datetime, **values: object) -> datetime:
        """Extend the claim (and record `values`); LostClaim if another process holds it now."""
        renewed = utcnow() + timedelta(seconds=self._lease)
        if not await claims.settle(self._db, S3Batch, batch_id, token, next_attempt_at=renewed, **values):
            raise LostClaim(batch_id)
        return renewed

    async def _abort_quietly(self, batch: S3Batch, upload_id: str) -> bool:
        """Abort an upload that failed; whether it is gone (if not, the next attempt aborts it)."""
        try:
            await self._client.abort_multipart(batch.bucket, batch.key, upload_id)
        except S3Error as exc:
            logger.warning("could not abort multipart upload of S3 batch %s: %s", batch.id, exc)
            return False
        return True
