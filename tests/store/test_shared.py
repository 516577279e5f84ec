"""Shared state, in memory and in a real Redis server. Each Redis test opens two `RedisShared`
on the same server, as two gateway processes would, and checks what one does is seen by the other."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from mcp_gateway.config import ConfigError, RateLimit, Settings
from mcp_gateway.store.shared import LocalShared, RedisShared, Shared, SharedUnavailable, open_shared, redact_url
from tests.support import free_port


@pytest.fixture(params=["memory", "redis"])
async def pair(request) -> AsyncIterator[tuple[Shared, Shared]]:
    """Two views of one shared state: the same object in memory, two connections with Redis."""
    if request.param == "memory":
        local = LocalShared()
        yield local, local
        return
    url = request.getfixturevalue("redis_url")
    first, second = await open_shared(url), await open_shared(url)
    try:
        yield first, second
    finally:
        await first.close()
        await second.close()


async def test_a_message_reaches_every_subscriber_and_none_once_they_leave(pair):
    here, there = pair
    async with here.subscribe("session:a") as one, here.subscribe("session:a") as two:
        assert await there.listeners("session:a") >= 1
        assert await there.publish("session:a", {"n": 1}) >= 1
        await there.publish("session:a", None)
        for queue in (one, two):
            assert await asyncio.wait_for(queue.get(), 5) == {"n": 1}
            assert await asyncio.wait_for(queue.get(), 5) is None
        assert await there.listeners("session:b") == 0
    assert await there.listeners("session:a") == 0
    assert await there.publish("session:a", {"n": 2}) == 0


async def test_channels_are_apart_and_messages_keep_their_order(pair):
    here, there = pair
    async with here.subscribe("x") as x, here.subscribe("y") as y:
        for n in range(50):
            await there.publish("x", n)
        await there.publish("y", "only y")
        assert [await asyncio.wait_for(x.get(), 5) for _ in range(50)] == list(range(50))
        assert await asyncio.wait_for(y.get(), 5) == "only y"
        assert x.empty()


async def test_a_watcher_hears_every_message(pair):
    here, there = pair
    heard: list[str] = []
    await here.watch("deleted", heard.append)
    await there.publish("deleted", "s1")
    await there.publish("deleted", "s2")
    for _ in range(100):
        if len(heard) == 2:
            break
        await asyncio.sleep(0.02)
    assert heard == ["s1", "s2"]


async def test_limits_are_counted_together_and_a_refused_request_takes_no_place(pair):
    here, there = pair
    roomy, tight = ("roomy", RateLimit(10, 60)), ("tight", RateLimit(1, 60))
    assert await here.take([roomy, tight]) is None
    wait = await there.take([roomy, tight])
    assert wait is not None and 59 <= wait <= 60
    for _ in range(9):  # the refused request took no place in the roomy window
        assert await there.take([roomy]) is None
    wait = await here.take([roomy])
    assert wait is not None and 59 <= wait <= 60
    assert await here.take([("other", RateLimit(1, 60))]) is None


async def test_a_window_slides(pair):
    here, there = pair
    short = [("short", RateLimit(2, 1))]
    assert await here.take(short) is None
    assert await there.take(short) is None
    wait = await here.take(short)
    assert wait is not None and 0 < wait <= 1
    await asyncio.sleep(wait + 0.05)
    assert await there.take(short) is None


async def test_a_lock_has_one_holder_until_released_or_expired(pair):
    here, there = pair
    token = await here.try_lock("refresh:apn_1", 30)
    assert token is not None
    assert await there.try_lock("refresh:apn_1", 30) is None
    await there.unlock("refresh:apn_1", "not-the-token")
    assert await there.try_lock("refresh:apn_1", 30) is None
    assert await there.try_lock("refresh:apn_2", 30) is not None
    await here.unlock("refresh:apn_1", token)
    assert await there.try_lock("refresh:apn_1", 0.2) is not None
    await asyncio.sleep(0.3)
    assert await here.try_lock("refresh:apn_1", 30) is not None


async def test_cache_entries_are_shared_and_expire(pair):
    here, there = pair
    await here.set("conv:1", b"\x00sealed", 30)
    assert await there.get("conv:1") == b"\x00sealed"
    await there.delete("conv:1")
    assert await here.get("conv:1") is None
    await here.set("brief", b"x", 0.2)
    await asyncio.sleep(0.3)
    assert await there.get("brief") is None


async def test_an_unreachable_redis_fails_at_start_without_showing_its_password():
    url = f"redis://gateway:hunter2-secret@127.0.0.1:{free_port()}/0"
    with pytest.raises(SharedUnavailable) as failed:
        await open_shared(url)
    assert "hunter2-secret" not in str(failed.value)
    assert "redis://gateway:***@127.0.0.1:" in str(failed.value)


def test_without_a_redis_url_state_stays_in_memory():
    shared = asyncio.run(open_shared(None))
    assert isinstance(shared, LocalShared) and not shared.distributed
    assert RedisShared.distributed


def test_urls_are_redacted_only_where_they_hold_a_password():
    assert redact_url("redis://127.0.0.1:6379/0") == "redis://127.0.0.1:6379/0"
    assert redact_url("rediss://:pw@cache.example:6380/1") == "rediss://:***@cache.example:6380/1"


@pytest.mark.parametrize("url", ["http://127.0.0.1:6379", "127.0.0.1:6379", "memcached://x"])
def test_a_redis_url_of_another_scheme_is_refused(monkeypatch, tmp_path, url):
    monkeypatch.setenv("MCP_GATEWAY_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("MCP_GATEWAY_SECRET_KEY", "k" * 40)
    monkeypatch.setenv("MCP_GATEWAY_REDIS_URL", url)
    with pytest.raises(ConfigError, match="MCP_GATEWAY_REDIS_URL must be a redis://"):
        Settings.from_env()
    monkeypatch.setenv("MCP_GATEWAY_REDIS_URL", "redis://:pw@127.0.0.1:6379/2")
    settings = Settings.from_env()
    assert settings.redis_url == "redis://:pw@127.0.0.1:6379/2"
    assert "pw" not in repr(settings)
