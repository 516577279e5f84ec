"""Starting to stop: the drain that a SIGTERM begins, and the readiness a load balancer asks.

Once the drain has started, `/readyz` answers 503 so no new work is sent here, long-lived event
streams end so their clients reconnect to another process, and the server waits for the
requests in flight before it closes the database and the background workers.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import socket
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable
from types import FrameType
from typing import TypeVar

import uvicorn
from starlette.requests import Request
from starlette.responses import JSONResponse

# A readiness check: returns when the part it checks works, raises (or hangs) when it does not.
ReadyCheck = Callable[[], Awaitable[object]]

T = TypeVar("T")

READY_TIMEOUT = 2.0  # seconds one check may take before it counts as failed

logger = logging.getLogger(__name__)


class Drain:
    """Whether this process is stopping, and how many HTTP requests it is still serving."""

    def __init__(self) -> None:
        self.draining = asyncio.Event()
        self.in_flight = 0
        self._idle = asyncio.Event()
        self._idle.set()

    def start(self) -> None:
        self.draining.set()

    def enter(self) -> None:
        self.in_flight += 1
        self._idle.clear()

    def leave(self) -> None:
        self.in_flight -= 1
        if self.in_flight == 0:
            self._idle.set()

    async def until_draining(self, stream: AsyncGenerator[T, None]) -> AsyncIterator[T]:
        """`stream`'s items until the drain starts, then its end (and `stream` closed): a
        long-lived response ends, and its client reconnects to a process that is staying."""
        draining = asyncio.ensure_future(self.draining.wait())
        item: asyncio.Future[T] | None = None
        try:
            while True:
                item = asyncio.ensure_future(anext(stream))
                await asyncio.wait({item, draining}, return_when=asyncio.FIRST_COMPLETED)
                if not item.done():
                    return
                try:
                    value = item.result()
                except StopAsyncIteration:
                    return
                item = None
                yield value
        finally:
            draining.cancel()
            if item is not None and not item.done():
                item.cancel()
                with contextlib.suppress(asyncio.CancelledError, StopAsyncIteration):
                    await item
            await stream.aclose()

    async def wait_idle(self, timeout: float) -> bool:
        """Wait until no request is in flight; False when `timeout` seconds passed first."""
        try:
            async with asyncio.timeout(timeout):
                await self._idle.wait()
        except TimeoutError:
            return False
        return True


class Readiness:
    """`GET /readyz`: 200 when every named check passes within READY_TIMEOUT, else 503 naming the
    failed ones; 503 `draining` once the drain has started."""

    def __init__(self, drain: Drain, checks: dict[str, ReadyCheck], *, timeout: float = READY_TIMEOUT) -> None:
        self._drain = drain
        self.checks = checks
        self._timeout = timeout

    async def report(self) -> tuple[bool, dict[str, str]]:
        """Whether every check passed, and each check's outcome: `ok`, `timeout` or `failed (<error type>)`."""
        names = list(self.checks)
        outcomes = await asyncio.gather(*(self._run(name, self.checks[name]) for name in names))
        return all(outcome == "ok" for outcome in outcomes), dict(zip(names, outcomes, strict=True))

    async def _run(self, name: str, check: ReadyCheck) -> str:
        # The answer is public, so it names the failure's type only; the log has the details.
        try:
            async with asyncio.timeout(self._timeout):
                await check()
        except TimeoutError:
            logger.warning("readiness check %s did not answer within %g s", name, self._timeout)
            return "timeout"
        except Exception as exc:  # whatever breaks a check makes the process unready
            logger.warning("readiness check %s failed: %s: %s", name, type(exc).__name__, exc)
            return f"failed ({type(exc).__name__})"
        return "ok"

    async def endpoint(self, _: Request) -> JSONResponse:
        if self._drain.draining.is_set():
            return JSONResponse({"status": "draining"}, status_code=503)
        ready, checks = await self.report()
        return JSONResponse({"status": "ready" if ready else "unready", "checks": checks}, status_code=200 if ready else 503)


class DrainingServer(uvicorn.Server):
    """uvicorn's server, starting the drain the moment it is asked to stop (SIGTERM, SIGINT):
    readiness turns 503 and event streams end at once, while uvicorn stops listening and waits
    up to `timeout_graceful_shutdown` for the requests in flight.

    SIGTERM is how services are normally stopped, so a drained SIGTERM exits with status 0
    (uvicorn alone re-raises the signal once it is done, and the process dies of it).
    """

    def __init__(self, config: uvicorn.Config, drain: Drain) -> None:
        super().__init__(config)
        self.drain = drain
        self._loop: asyncio.AbstractEventLoop | None = None

    async def serve(self, sockets: list[socket.socket] | None = None) -> None:
        self._loop = asyncio.get_running_loop()
        await super().serve(sockets)

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        # Signal handlers run between any two bytecodes, even inside the loop's own code: the
        # loop starts the drain on its next turn.
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self.drain.start)
        if sig == signal.SIGTERM and not self.should_exit:
            self.should_exit = True
            return
        super().handle_exit(sig, frame)
