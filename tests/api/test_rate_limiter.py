"""The rate limiter on its own: sliding windows on a fake clock, custom limit tokens, settings.
The same limits counted in Redis, across processes, are in tests/store/test_shared.py."""

from __future__ import annotations

import pytest

from mcp_gateway.api.rate_limits import Limiter, RateLimitTokens
from mcp_gateway.api.rest import ApiError
from mcp_gateway.config import DEFAULT_RATE_LIMITS, ConfigError, RateLimit, Settings
from mcp_gateway.store.shared import LocalShared, SlidingWindows


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


def test_a_window_admits_its_count_then_says_when_the_oldest_request_leaves(clock):
    windows = SlidingWindows(clock)
    two_per_ten = [("k", RateLimit(2, 10))]
    assert windows.take(two_per_ten) is None
    clock.now += 5
    assert windows.take(two_per_ten) is None
    clock.now += 4
    assert windows.take(two_per_ten) == pytest.approx(1.0)
    clock.now += 1  # the first request is now 10 s old
    assert windows.take(two_per_ten) is None
    clock.now += 1
    assert windows.take(two_per_ten) == pytest.approx(4.0)  # sliding: the one at +5 leaves next


def test_a_refused_request_is_not_counted(clock):
    windows = SlidingWindows(clock)
    one_per_ten = [("k", RateLimit(1, 10))]
    assert windows.take(one_per_ten) is None
    for _ in range(5):
        clock.now += 1
        assert windows.take(one_per_ten) is not None
    clock.now = 1010.0
    assert windows.take(one_per_ten) is None


def test_keys_are_counted_apart(clock):
    windows = SlidingWindows(clock)
    assert windows.take([("a", RateLimit(1, 60))]) is None
    assert windows.take([("b", RateLimit(1, 60))]) is None
    assert windows.take([("a", RateLimit(1, 60))]) == pytest.approx(60.0)


def test_a_request_counts_against_every_limit_only_when_all_admit_it(clock):
    windows = SlidingWindows(clock)
    roomy, tight = ("roomy", RateLimit(10, 60)), ("tight", RateLimit(1, 30))
    assert windows.take([roomy, tight]) is None
    assert windows.take([roomy, tight]) == pytest.approx(30.0)
    # The refused request took no place in the roomy window: 9 more fit there.
    for _ in range(9):
        assert windows.take([roomy]) is None
    assert windows.take([roomy]) == pytest.approx(60.0)


def test_the_longest_wait_is_reported(clock):
    windows = SlidingWindows(clock)
    a, b = ("a", RateLimit(1, 10)), ("b", RateLimit(1, 100))
    windows.take([a, b])
    assert windows.take([a, b]) == pytest.approx(100.0)


def test_idle_keys_are_swept(clock):
    windows = SlidingWindows(clock)
    windows.take([("old", RateLimit(1, 10))])
    clock.now += 61
    windows.take([("new", RateLimit(1, 600))])
    assert set(windows._hits) == {"new"}


def limiter(clock, defaults=None, secrets=(b"s" * 32,)):
    return Limiter(DEFAULT_RATE_LIMITS if defaults is None else defaults, RateLimitTokens(list(secrets)), LocalShared(clock))


async def test_default_buckets_are_per_project_and_unknown_buckets_unlimited(clock):
    limits = limiter(clock, {"proxy": RateLimit(2, 300)})
    assert await limits.check("proxy", "proj_a", None) is None
    assert await limits.check("proxy", "proj_a", None) is None
    assert await limits.check("proxy", "proj_a", None) == pytest.approx(300.0)
    assert await limits.check("proxy", "proj_b", None) is None
    assert await limits.check("token", "proj_a", None) is None  # not configured: not limited


async def test_a_custom_limit_adds_to_the_default_one(clock):
    limits = limiter(clock, {"accounts": RateLimit(3, 60)})
    token = limits.tokens.issue("proj_a", RateLimit(requests=1, seconds=10))
    assert await limits.check("accounts", "proj_a", token) is None
    assert await limits.check("accounts", "proj_a", token) == pytest.approx(10.0)
    clock.now += 10
    assert await limits.check("accounts", "proj_a", token) is None
    assert await limits.check("accounts", "proj_a", None) is None
    # The default limit (3 a minute) still holds for requests carrying the token.
    clock.now += 10
    assert await limits.check("accounts", "proj_a", token) == pytest.approx(40.0)


async def test_a_custom_limit_applies_with_every_default_off_and_across_buckets(clock):
    limits = limiter(clock, {})
    token = limits.tokens.issue("proj_a", RateLimit(requests=2, seconds=60))
    assert await limits.check("proxy", "proj_a", token) is None
    assert await limits.check("token", "proj_a", token) is None
    assert await limits.check("accounts", "proj_a", token) == pytest.approx(60.0)


async def test_each_token_is_its_own_limit(clock):
    limits = limiter(clock, {})
    first, second = (limits.tokens.issue("proj_a", RateLimit(1, 60)) for _ in range(2))
    assert first != second
    assert await limits.check("proxy", "proj_a", first) is None
    assert await limits.check("proxy", "proj_a", second) is None


@pytest.mark.parametrize(
    ("mangle", "reason"),
    [
        (lambda t: "CiKpqRdTmNwLfhzSvYxBjAkMnVbXuQrWeZyHgPtJsDcEvFpLnE", "not a token from POST /v1/connect/rate_limits"),
        (lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"), "signature does not match"),
        (lambda t: t.replace("rl_", "rl_x", 1), "signature does not match"),
        (lambda t: t + "\u00e9", "not a token"),
        (lambda t: "rl_.", "signature does not match"),
    ],
)
async def test_a_forged_or_garbled_token_is_refused_with_400(clock, mangle, reason):
    limits = limiter(clock)
    token = limits.tokens.issue("proj_a", RateLimit(5, 60))
    with pytest.raises(ApiError) as refused:
        await limits.check("proxy", "proj_a", mangle(token))
    assert refused.value.status == 400
    assert "x-pd-rate-limit header is not a valid rate limit token" in refused.value.message
    assert reason in refused.value.message


async def test_a_token_signed_with_another_secret_is_refused(clock):
    token = RateLimitTokens([b"other" * 8]).issue("proj_a", RateLimit(5, 60))
    with pytest.raises(ApiError, match="signature does not match"):
        await limiter(clock).check("proxy", "proj_a", token)


async def test_a_token_of_another_project_is_refused_with_403(clock):
    limits = limiter(clock)
    token = limits.tokens.issue("proj_b", RateLimit(5, 60))
    with pytest.raises(ApiError) as refused:
        await limits.check("proxy", "proj_a", token)
    assert refused.value.status == 403
    assert "belongs to project proj_b, not proj_a" in refused.value.message


async def test_tokens_survive_a_key_rotation(clock):
    old = RateLimitTokens([b"old" * 11]).issue("proj_a", RateLimit(1, 60))
    rotated = limiter(clock, {}, secrets=(b"new" * 11, b"old" * 11))
    assert await rotated.check("proxy", "proj_a", old) is None
    assert await rotated.check("proxy", "proj_a", old) == pytest.approx(60.0)


@pytest.fixture
def env(monkeypatch, tmp_path):
    monkeypatch.setenv("MCP_GATEWAY_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("MCP_GATEWAY_SECRET_KEY", "k" * 40)
    return monkeypatch


def test_settings_default_to_the_hosted_limits(env):
    env.delenv("MCP_GATEWAY_RATE_LIMITS", raising=False)
    settings = Settings.from_env()
    assert settings.rate_limits == {
        "token": RateLimit(100, 60),
        "accounts": RateLimit(200, 60),
        "components_write": RateLimit(100, 60),
        "components_read": RateLimit(3000, 300),
        "proxy": RateLimit(1000, 300),
    }
    assert settings.proxy_timeout == 30.0


def test_settings_change_or_turn_off_buckets(env):
    env.setenv("MCP_GATEWAY_RATE_LIMITS", " proxy = 10/60 , token=off")
    limits = Settings.from_env().rate_limits
    assert limits["proxy"] == RateLimit(10, 60) and "token" not in limits and limits["accounts"] == RateLimit(200, 60)
    env.setenv("MCP_GATEWAY_RATE_LIMITS", "OFF")
    assert Settings.from_env().rate_limits == {}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("proxy=10", "'proxy=10' must be `proxy=<requests>/<seconds>`"),
        ("proxy=0/60", "positive whole numbers"),
        ("proxy=10/1.5", "positive whole numbers"),
        ("proxies=10/60", "unknown bucket 'proxies'; the buckets are token, accounts"),
    ],
)
def test_bad_rate_limit_settings_name_the_variable(env, value, message):
    env.setenv("MCP_GATEWAY_RATE_LIMITS", value)
    with pytest.raises(ConfigError) as refused:
        Settings.from_env()
    assert str(refused.value).startswith("MCP_GATEWAY_RATE_LIMITS: ")
    assert message in str(refused.value)
