"""Destinations, wired: `$.send` for a run, the outbox its sends are committed to, and the
workers that deliver them (S3 batches, HTTP requests and emails, SSE fan-out, clean-up).

Every process of a gateway may run the workers; claims in the database keep them from
doing the same work twice. When the processes share Redis, one of them at a time flushes
(a lock), and a commit in one wakes the workers and SSE streams of all.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from mcp_gateway.config import Settings
from mcp_gateway.store.db import Database
from mcp_gateway.store.ids import new_ordered_id
from mcp_gateway.store.shared import LocalShared, Shared, SharedUnavailable

from .deliveries import Deliveries
from .emits import Emitted, list_emits
from .http import HttpSender
from .outbox import Outbox, Sealer
from .retention import prune
from .runs import RunDeliveries, run_deliveries
from .s3 import S3Batches
from .s3_client import S3Client
from .send import RUN_PREFIX, Rules, RunInfo, Send
from .smtp import EmailSender, SmtpServer
from .sse import SseHub

logger = logging.getLogger(__name__)

_PRUNE_SECONDS = 3600.0
_DELIVERY_POLL = 1.0  # seconds between looks for deliveries due (other processes' and retries)
_COMMITTED = "destinations:committed"  # tables a commit wrote to, for the other processes


class Destinations:
    def __init__(self, db: Database, settings: Settings, sealer: Sealer, shared: Shared | None = None) -> None:
        self._db = db
        self._shared = shared or LocalShared()
        self._lease = settings.destination_lease
        self.retention = settings.destination_retention
        self.rules = Rules(
            s3_buckets=tuple(settings.s3_buckets),
            email_enabled=settings.smtp_host is not None,
            email_to=tuple(settings.smtp_to),
            egress=settings.egress,
        )
        self.s3_client = S3Client(
            endpoint_url=settings.s3_endpoint_url,
            region=settings.s3_region,
            access_key_id=settings.s3_access_key_id,
            secret_access_key=settings.s3_secret_access_key,
        )
        self.s3 = S3Batches(
            db, self.s3_client,
            window=settings.s3_batch_window, part_size=settings.s3_part_size,
            backoff=settings.destination_backoff, lease=settings.destination_lease,
        )
        self._http = HttpSender(settings.destination_http_timeout, settings.egress)
        email = None
        if settings.smtp_host is not None:
            email = EmailSender(SmtpServer(
                host=settings.smtp_host, port=settings.smtp_port, security=settings.smtp_security,
                username=settings.smtp_username, password=settings.smtp_password,
                sender=settings.smtp_from or f"mcp-gateway@{settings.smtp_host}",
            ))
        self.deliveries = Deliveries(
            db, sealer, http=self._http, email=email, backoff=settings.destination_backoff, lease=settings.destination_lease,
        )
        self.sse = SseHub(db, poll_interval=settings.sse_poll_interval)
        self._deliveries_due = asyncio.Event()
        self.outbox = Outbox(db, sealer, on_commit=self._committed)
        self._tasks: list[asyncio.Task[None]] = []
        self._publishing: set[asyncio.Task[None]] = set()

    # What the runtime uses

    def sender(self, *, project_id: str, environment: str, external_user_id: str, action_key: str, run_id: str | None = None) -> Send:
        """`$.send` for one run."""
        run = RunInfo(run_id or new_ordered_id(RUN_PREFIX), project_id, environment, external_user_id, action_key)
        return Send(run, self.rules)

    async def commit(self, send: Send) -> int:
        """Store a finished run's sends for delivery; the number of events. Call only for runs
        that succeeded: a failed run's sends are dropped (`send.discard()`)."""
        return await self.outbox.commit(send)

    async def run_deliveries(self, run_id: str) -> RunDeliveries | None:
        return await run_deliveries(self._db, run_id)

    async def emits(self, project_id: str, environment: str, **filters: object) -> list[Emitted]:
        return await list_emits(self._db, project_id, environment, **filters)  # type: ignore[arg-type]

    def _committed(self, tables: set[str]) -> None:
        self._wake(tables)
        if self._shared.distributed and tables & {"destination_deliveries", "sse_events"}:
            task = asyncio.get_running_loop().create_task(self._tell_others(tables))
            self._publishing.add(task)
            task.add_done_callback(self._publishing.discard)

    async def _tell_others(self, tables: set[str]) -> None:
        try:
            await self._shared.publish(_COMMITTED, sorted(tables))
        except SharedUnavailable as exc:  # they find the work on their next poll
            logger.warning("could not wake the other processes' destination workers: %s", exc)

    def _wake(self, tables: set[str] | list[str]) -> None:
        if "destination_deliveries" in tables:
            self._deliveries_due.set()
        if "sse_events" in tables:
            self.sse.wake()

    # Workers

    def start(self) -> None:
        if self._tasks:
            return
        loop = asyncio.get_running_loop()
        tick = min(1.0, self.s3.window / 4)
        self._tasks = [
            loop.create_task(self._every("S3 destination", self._locked("s3", self._s3_work), tick), name="destinations-s3"),
            loop.create_task(self._every("HTTP and email delivery", self._locked("deliveries", self._delivery_work),
                                         _DELIVERY_POLL, self._deliveries_due), name="destinations-deliveries"),
            loop.create_task(self._every("destination clean-up", self._prune, _PRUNE_SECONDS), name="destinations-prune"),
        ]
        if self._shared.distributed:
            self._tasks.append(loop.create_task(self._shared.watch(_COMMITTED, self._wake), name="destinations-watch"))

    def _locked(self, name: str, work: Callable[[], Awaitable[None]]) -> Callable[[], Awaitable[None]]:
        """`work`, skipped while another process holds the flush lock (then it does the work)."""
        if not self._shared.distributed:
            return work

        async def locked() -> None:
            token = await self._shared.try_lock(f"destinations:{name}", self._lease)
            if token is None:
                return
            try:
                await work()
            finally:
                await self._shared.unlock(f"destinations:{name}", token)

        return locked

    async def stop(self) -> None:
        tasks, self._tasks = self._tasks, []
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.sse.close()
        await self._http.close()
        await self.s3_client.close()

    async def _s3_work(self) -> None:
        await self.s3.seal_due()
        while await self.s3.upload_due():
            pass

    async def _delivery_work(self) -> None:
        while await self.deliveries.deliver_due():
            pass

    async def _prune(self) -> None:
        removed = await prune(self._db, self.retention)
        if removed:
            logger.info("removed %d delivered destination rows older than the retention", removed)

    @staticmethod
    async def _every(name: str, work: Callable[[], Awaitable[None]], interval: float, wake: asyncio.Event | None = None) -> None:
        while True:
            try:
                await work()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("%s failed; trying again", name)
            if wake is None:
                await asyncio.sleep(interval)
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wake.wait(), interval)
            wake.clear()
