"""State the gateway's processes share outside the database: messages from one process to the
streams another holds open, rate-limit counters, short locks, and cache entries.

One process keeps all of it in memory (`LocalShared`). Several processes behind a load balancer
share a Redis server (`RedisShared`, `MCP_GATEWAY_REDIS_URL`): a message published by the process
that answered a request reaches the stream held by whichever process the client is connected to.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import threading
import time
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from typing import Any, Protocol
from urllib.parse import urlsplit, urlunsplit

logger = logging.getLogger(__name__)

Handler = Callable[[Any], None]

# Rate-limit keys whose every request has left the window are dropped this often (in memory).
_SWEEP_SECONDS = 60.0
_CACHE_SIZE = 10_000


class SharedUnavailable(RuntimeError):
    """Redis could not be reached; the message names the server without its password."""


class Window(Protocol):
    """At most `requests` admitted in any `seconds` (the settings' RateLimit is one)."""

    @property
    def requests(self) -> int: ...

    @property
    def seconds(self) -> float: ...


class Shared(ABC):
    """What every process can see. Channel, lock and cache names are plain strings; the backend
    adds its own prefix."""

    distributed: bool = False

    # Messages

    @abstractmethod
    async def publish(self, channel: str, message: Any) -> int:
        """Send a JSON-serialisable message to every subscriber of `channel`, in any process.
        Returns how many subscriptions (processes, with Redis) it reached."""

    @abstractmethod
    async def listeners(self, channel: str) -> int:
        """How many subscriptions `channel` has (processes, with Redis)."""

    @abstractmethod
    async def _add(self, channel: str, handler: Handler) -> None: ...

    @abstractmethod
    async def _remove(self, channel: str, handler: Handler) -> None: ...

    async def watch(self, channel: str, handler: Handler) -> None:
        """Call `handler(message)` for every message on `channel` until the backend closes.
        Handlers run on the event loop and must not block."""
        await self._add(channel, handler)

    @contextlib.asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[asyncio.Queue[Any]]:
        """A queue of the channel's messages while the context is open. The subscription is in
        place (other processes can see it) when the context is entered."""
        queue: asyncio.Queue[Any] = asyncio.Queue()
        await self._add(channel, queue.put_nowait)
        try:
            yield queue
        finally:
            await self._remove(channel, queue.put_nowait)

    # Rate limits

    @abstractmethod
    async def take(self, wanted: Sequence[tuple[str, Window]]) -> float | None:
        """Count one request against every (key, window) if all of them admit it; otherwise
        count nothing and return the seconds until all of them would."""

    # Locks

    @abstractmethod
    async def try_lock(self, name: str, ttl: float) -> str | None:
        """A token if the lock was free (it frees itself after `ttl` seconds), else None."""

    @abstractmethod
    async def unlock(self, name: str, token: str) -> None:
        """Free the lock if `token` still holds it."""

    # Cache

    @abstractmethod
    async def get(self, key: str) -> bytes | None: ...

    @abstractmethod
    async def set(self, key: str, value: bytes, ttl: float) -> None: ...

    @abstractmethod
    async def delete(self, key: str) -> None: ...

    # Lifecycle

    async def ping(self) -> None:
        """Raise SharedUnavailable when the backend cannot be reached."""

    async def close(self) -> None:
        """Release connections; subscriptions end."""


class SlidingWindows:
    """Exact sliding windows in memory: a key admits a request while fewer than `requests` of
    its admitted requests happened in the last `seconds`. Memory is one timestamp per admitted
    request still inside its window."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._hits: dict[str, tuple[Window, deque[float]]] = {}
        self._lock = threading.Lock()
        self._next_sweep = clock() + _SWEEP_SECONDS

    def take(self, wanted: Sequence[tuple[str, Window]]) -> float | None:
        with self._lock:
            now = self._clock()
            if now >= self._next_sweep:
                self._sweep(now)
            waits = [self._wait(key, window, now) for key, window in wanted]
            if any(wait is not None for wait in waits):
                return max(wait for wait in waits if wait is not None)
            for key, window in wanted:
                self._hits.setdefault(key, (window, deque()))[1].append(now)
            return None

    def _wait(self, key: str, window: Window, now: float) -> float | None:
        entry = self._hits.get(key)
        if entry is None:
            return None
        hits = entry[1]
        while hits and hits[0] <= now - window.seconds:
            hits.popleft()
        if len(hits) < window.requests:
            return None
        # The request that frees a place is the `requests`-th newest one leaving the window.
        return hits[-window.requests] + window.seconds - now

    def _sweep(self, now: float) -> None:
        self._hits = {key: (w, hits) for key, (w, hits) in self._hits.items() if hits and hits[-1] > now - w.seconds}
        self._next_sweep = now + _SWEEP_SECONDS


class LocalShared(Shared):
    """Everything in this process: right for one gateway process (and for several processes on
    one SQLite file, whose refresh and delivery leases live in the database)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._handlers: dict[str, list[Handler]] = {}
        self._windows = SlidingWindows(clock)
        self._locks: dict[str, tuple[str, float]] = {}
        self._cache: dict[str, tuple[bytes, float]] = {}

    async def publish(self, channel: str, message: Any) -> int:
        handlers = list(self._handlers.get(channel, ()))
        for handler in handlers:
            handler(message)
        return len(handlers)

    async def listeners(self, channel: str) -> int:
        return len(self._handlers.get(channel, ()))

    async def _add(self, channel: str, handler: Handler) -> None:
        self._handlers.setdefault(channel, []).append(handler)

    async def _remove(self, channel: str, handler: Handler) -> None:
        handlers = self._handlers.get(channel)
        if handlers is not None and handler in handlers:
            handlers.remove(handler)
            if not handlers:
                del self._handlers[channel]

    async def take(self, wanted: Sequence[tuple[str, Window]]) -> float | None:
        return self._windows.take(wanted)

    async def try_lock(self, name: str, ttl: float) -> str | None:
        now = self._clock()
        held = self._locks.get(name)
        if held is not None and held[1] > now:
            return None
        token = secrets.token_hex(8)
        self._locks[name] = (token, now + ttl)
        return token

    async def unlock(self, name: str, token: str) -> None:
        held = self._locks.get(name)
        if held is not None and held[0] == token:
            del self._locks[name]

    async def get(self, key: str) -> bytes | None:
        entry = self._cache.get(key)
        if entry is None:
            return None
        if entry[1] <= self._clock():
            del self._cache[key]
            return None
        return entry[0]

    async def set(self, key: str, value: bytes, ttl: float) -> None:
        if len(self._cache) >= _CACHE_SIZE and key not in self._cache:
            now = self._clock()
            self._cache = {k: v for k, v in self._cache.items() if v[1] > now}
            while len(self._cache) >= _CACHE_SIZE:
                del self._cache[next(iter(self._cache))]
        self._cache[key] = (value, self._clock() + ttl)

    async def delete(self, key: str) -> None:
        self._cache.pop(key, None)


# Sliding windows in sorted sets, checked and counted in one step on the server's clock so that
# every process agrees. KEYS: the windows' keys; ARGV: a unique member, then requests and
# milliseconds per key. Returns 0 when admitted, else the milliseconds to wait.
_TAKE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local wait = 0
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[2 * i])
  local window = tonumber(ARGV[2 * i + 1])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local count = redis.call('ZCARD', key)
  if count >= limit then
    local freeing = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
    local w = tonumber(freeing[2]) + window - now
    if w < 1 then w = 1 end
    if w > wait then wait = w end
  end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[1] .. ':' .. i)
  redis.call('PEXPIRE', key, tonumber(ARGV[2 * i + 1]))
end
return 0
"""

_UNLOCK = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""

class RedisShared(Shared):
    """Redis: one connection pool for commands and one connection for every subscription of
    this process, whose messages a single reader hands to the local handlers. Any Redis failure
    is raised as SharedUnavailable."""

    distributed = True

    def __init__(self, url: str, *, prefix: str = "mcp-gateway:") -> None:
        import redis.asyncio as redis

        self._url = url
        self._prefix = prefix
        self._redis = redis.Redis.from_url(url, health_check_interval=30, socket_connect_timeout=5)
        self._pubsub = self._redis.pubsub()
        self._handlers: dict[str, list[Handler]] = {}
        self._subscribed: dict[str, asyncio.Event] = {}
        self._sub_lock = asyncio.Lock()
        self._reader: asyncio.Task[None] | None = None
        self._take = self._redis.register_script(_TAKE)
        self._unlock = self._redis.register_script(_UNLOCK)

    @property
    def safe_url(self) -> str:
        return redact_url(self._url)

    @contextlib.contextmanager
    def _reaching(self) -> Iterator[None]:
        from redis.exceptions import RedisError

        try:
            yield
        except (RedisError, OSError, TimeoutError) as exc:
            raise SharedUnavailable(f"cannot reach Redis at {self.safe_url}: {exc}") from None

    async def ping(self) -> None:
        with self._reaching():
            await self._redis.ping()

    # Messages

    async def publish(self, channel: str, message: Any) -> int:
        with self._reaching():
            return int(await self._redis.publish(self._prefix + channel, json.dumps(message, separators=(",", ":"))))

    async def listeners(self, channel: str) -> int:
        with self._reaching():
            counts = await self._redis.pubsub_numsub(self._prefix + channel)
        return int(counts[0][1]) if counts else 0

    async def _add(self, channel: str, handler: Handler) -> None:
        self._handlers.setdefault(channel, []).append(handler)
        async with self._sub_lock:
            event = self._subscribed.get(channel)
            if event is None:
                event = self._subscribed[channel] = asyncio.Event()
                try:
                    with self._reaching():
                        await self._pubsub.subscribe(self._prefix + channel)
                except SharedUnavailable:
                    del self._subscribed[channel]
                    self._handlers[channel].remove(handler)
                    raise
                if self._reader is None:
                    self._reader = asyncio.get_running_loop().create_task(self._read(), name="shared-redis-reader")
        # Confirmed by the server: a publish from any process now reaches this one.
        try:
            await asyncio.wait_for(event.wait(), 10)
        except TimeoutError:
            await self._remove(channel, handler)
            raise SharedUnavailable(f"Redis at {self.safe_url} did not confirm a subscription within 10 s") from None

    async def _remove(self, channel: str, handler: Handler) -> None:
        handlers = self._handlers.get(channel)
        if handlers is not None and handler in handlers:
            handlers.remove(handler)
        if handlers:
            return
        self._handlers.pop(channel, None)
        async with self._sub_lock:
            if channel in self._subscribed and channel not in self._handlers:
                del self._subscribed[channel]
                with contextlib.suppress(Exception):
                    await self._pubsub.unsubscribe(self._prefix + channel)

    async def _read(self) -> None:
        while True:
            try:
                message = await self._pubsub.get_message(timeout=None)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                logger.warning("Redis subscription failed (%s); reconnecting", exc)
                await asyncio.sleep(1.0)
                continue
            if message is None:
                continue
            channel = message["channel"].decode() if isinstance(message["channel"], bytes) else message["channel"]
            name = channel.removeprefix(self._prefix)
            if message["type"] == "subscribe":
                event = self._subscribed.get(name)
                if event is not None:
                    event.set()
                continue
            if message["type"] != "message":
                continue
            try:
                payload = json.loads(message["data"])
            except ValueError:
                logger.warning("ignored a message on %s that is not JSON", name)
                continue
            for handler in list(self._handlers.get(name, ())):
                try:
                    handler(payload)
                except Exception:
                    logger.exception("a handler of %s failed", name)

    # Rate limits

    async def take(self, wanted: Sequence[tuple[str, Window]]) -> float | None:
        if not wanted:
            return None
        keys = [self._prefix + "rl:" + key for key, _ in wanted]
        args: list[Any] = [secrets.token_hex(8)]
        for _, window in wanted:
            args += [window.requests, max(1, round(window.seconds * 1000))]
        with self._reaching():
            wait_ms = int(await self._take(keys=keys, args=args))
        return wait_ms / 1000 if wait_ms else None

    # Locks

    async def try_lock(self, name: str, ttl: float) -> str | None:
        token = secrets.token_hex(8)
        with self._reaching():
            taken = await self._redis.set(self._prefix + "lock:" + name, token, nx=True, px=max(1, round(ttl * 1000)))
        return token if taken else None

    async def unlock(self, name: str, token: str) -> None:
        with self._reaching():
            await self._unlock(keys=[self._prefix + "lock:" + name], args=[token])

    # Cache

    async def get(self, key: str) -> bytes | None:
        with self._reaching():
            value = await self._redis.get(self._prefix + "cache:" + key)
        return bytes(value) if value is not None else None

    async def set(self, key: str, value: bytes, ttl: float) -> None:
        with self._reaching():
            await self._redis.set(self._prefix + "cache:" + key, value, px=max(1, round(ttl * 1000)))

    async def delete(self, key: str) -> None:
        with self._reaching():
            await self._redis.delete(self._prefix + "cache:" + key)

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
            self._reader = None
        with contextlib.suppress(Exception):
            await self._pubsub.aclose()
        await self._redis.aclose()


def redact_url(url: str) -> str:
    """The URL with its password replaced, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    user = f"{parts.username}:***@" if parts.username else ":***@"
    return urlunsplit((parts.scheme, user + host, parts.path, parts.query, parts.fragment))


async def open_shared(redis_url: str | None) -> Shared:
    """Redis when a URL is set (checked now, so a wrong URL fails at start), else in memory."""
    if not redis_url:
        return LocalShared()
    shared = RedisShared(redis_url)
    try:
        await shared.ping()
    except SharedUnavailable:
        await shared.close()
        raise
    return shared
