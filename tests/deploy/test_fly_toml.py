"""fly.toml agrees with the Dockerfile, checks liveness and readiness, and holds no secret."""

from __future__ import annotations

import dataclasses
import re
import tomllib

import pytest

from mcp_gateway.config import Settings
from tests.deploy.dockerfile import ROOT, exec_form, flag_value, read_stages

# Settings whose values are credentials, or URLs that carry them: `fly secrets set` only.
SECRET_NAME = re.compile(r"SECRET|PASSWORD|TOKEN|API_KEY|ACCESS_KEY|DATABASE_URL|REDIS_URL")


@pytest.fixture(scope="module")
def fly() -> dict:
    return tomllib.loads((ROOT / "fly.toml").read_text())


def _seconds(value: int | str) -> float:
    """Fly durations: a number of seconds, or a string such as "30s" or "2m"."""
    if isinstance(value, int):
        return value
    number, unit = re.fullmatch(r"(\d+)(ms|s|m)", value).groups()
    return int(number) * {"ms": 0.001, "s": 1, "m": 60}[unit]


def test_builds_the_dockerfile_and_routes_to_the_port_its_cmd_serves(fly):
    assert fly["build"]["dockerfile"] == "Dockerfile"
    cmd = exec_form(read_stages()[-1].last("CMD"))
    assert fly["http_service"]["internal_port"] == int(flag_value(cmd, "--port"))
    assert fly["metrics"] == {"port": fly["http_service"]["internal_port"], "path": "/metrics"}


def test_checks_liveness_and_readiness(fly):
    checks = fly["http_service"]["checks"]
    assert sorted(check["path"] for check in checks) == ["/healthz", "/readyz"]
    for check in checks:
        assert check["method"] == "GET"
        assert _seconds(check["timeout"]) < _seconds(check["interval"])


def test_limits_concurrent_requests_per_machine(fly):
    concurrency = fly["http_service"]["concurrency"]
    assert concurrency["type"] == "requests"
    assert 0 < concurrency["soft_limit"] <= concurrency["hard_limit"]


def test_stops_with_sigterm_and_waits_out_the_drain(fly):
    assert fly["kill_signal"] == "SIGTERM"
    assert _seconds(fly["kill_timeout"]) > float(fly["env"]["MCP_GATEWAY_DRAIN_SECONDS"])


def test_env_holds_no_secret(fly):
    env = fly["env"]
    assert env["MCP_GATEWAY_LOG_FORMAT"] == "json"
    assert env["MCP_GATEWAY_PUBLIC_URL"].startswith("https://")
    assert [name for name in env if SECRET_NAME.search(name)] == []
    # No URL with a user:password part under another name either.
    assert [name for name, value in env.items() if re.search(r"://[^/@\s]*:[^/@\s]*@", str(value))] == []


def test_secret_pattern_covers_every_setting_kept_out_of_the_settings_repr():
    """The check above can fail: the settings the code treats as secret all match it."""
    hidden = [f"MCP_GATEWAY_{f.name.upper()}" for f in dataclasses.fields(Settings) if not f.repr]
    assert hidden
    assert [name for name in hidden if not SECRET_NAME.search(name)] == []
    assert not SECRET_NAME.search("MCP_GATEWAY_PUBLIC_URL")
