"""The LLM settings: read from the environment, bad values named, the key never shown."""

from __future__ import annotations

import pytest

from mcp_gateway.agents import Limits, LLMConfig, SubAgent, make_provider
from mcp_gateway.config import ConfigError, Settings

KEY = "sk-ant-api03-settings-test-key-0123456789"
LLM_VARS = (
    "MCP_GATEWAY_LLM_PROVIDER", "MCP_GATEWAY_LLM_API_KEY", "MCP_GATEWAY_LLM_BASE_URL", "MCP_GATEWAY_LLM_MODEL",
    "MCP_GATEWAY_LLM_MAX_STEPS", "MCP_GATEWAY_LLM_TIMEOUT", "MCP_GATEWAY_LLM_MAX_TOKENS",
    "ANTHROPIC_API_KEY", "OPENAI_API_KEY",
)


@pytest.fixture
def env(monkeypatch, tmp_path):
    for name in LLM_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MCP_GATEWAY_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("MCP_GATEWAY_SECRET_KEY", "x" * 40)

    def set_env(**values: str) -> None:
        for name, value in values.items():
            monkeypatch.setenv(name, value)

    return set_env


def test_off_by_default(env):
    settings = Settings.from_env()
    assert settings.llm_provider is None
    assert (settings.llm_max_steps, settings.llm_timeout, settings.llm_max_tokens) == (8, 60.0, 100_000)
    assert LLMConfig.from_settings(settings) is None
    assert SubAgent.from_settings(runtime=None, settings=settings) is None  # type: ignore[arg-type]


def test_anthropic_with_the_providers_own_key_variable_and_default_model(env):
    env(MCP_GATEWAY_LLM_PROVIDER="anthropic", ANTHROPIC_API_KEY=KEY, MCP_GATEWAY_LLM_MAX_STEPS="12",
        MCP_GATEWAY_LLM_TIMEOUT="90", MCP_GATEWAY_LLM_MAX_TOKENS="50000")
    settings = Settings.from_env()
    assert (settings.llm_provider, settings.llm_api_key, settings.llm_model) == ("anthropic", KEY, "claude-haiku-4-5")
    assert Limits.from_settings(settings) == Limits(max_steps=12, timeout=90.0, max_tokens=50_000)
    config = LLMConfig.from_settings(settings)
    assert config is not None and config.api_key == KEY and config.timeout == 90.0
    # Nothing that prints settings or the provider shows the key.
    assert KEY not in repr(settings)
    assert KEY not in repr(config)
    assert KEY not in repr(make_provider(config))


def test_the_gateways_own_key_variable_wins(env):
    env(MCP_GATEWAY_LLM_PROVIDER="openai", MCP_GATEWAY_LLM_API_KEY="sk-gateway", OPENAI_API_KEY="sk-other",
        MCP_GATEWAY_LLM_MODEL="gpt-5-mini")
    settings = Settings.from_env()
    assert (settings.llm_api_key, settings.llm_model) == ("sk-gateway", "gpt-5-mini")


def test_openai_compatible_needs_a_url_and_a_model_but_no_key(env):
    env(MCP_GATEWAY_LLM_PROVIDER="openai-compatible", OPENAI_API_KEY="sk-must-not-travel")
    with pytest.raises(ConfigError, match="MCP_GATEWAY_LLM_BASE_URL must be set"):
        Settings.from_env()
    env(MCP_GATEWAY_LLM_BASE_URL="http://127.0.0.1:11434/v1/")
    with pytest.raises(ConfigError, match="MCP_GATEWAY_LLM_MODEL must be set"):
        Settings.from_env()
    env(MCP_GATEWAY_LLM_MODEL="llama3.1")
    settings = Settings.from_env()
    # An OpenAI key is never sent to another endpoint.
    assert settings.llm_api_key is None
    assert settings.llm_base_url == "http://127.0.0.1:11434/v1"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"MCP_GATEWAY_LLM_PROVIDER": "gemini"}, "MCP_GATEWAY_LLM_PROVIDER must be one of anthropic, openai, openai-compatible"),
        ({"MCP_GATEWAY_LLM_PROVIDER": "anthropic"}, "MCP_GATEWAY_LLM_API_KEY (or ANTHROPIC_API_KEY) must be set"),
        ({"MCP_GATEWAY_LLM_PROVIDER": "openai"}, "MCP_GATEWAY_LLM_API_KEY (or OPENAI_API_KEY) must be set"),
        ({"MCP_GATEWAY_LLM_PROVIDER": "anthropic", "ANTHROPIC_API_KEY": KEY, "MCP_GATEWAY_LLM_BASE_URL": "api.example.com"},
         "MCP_GATEWAY_LLM_BASE_URL must be an http:// or https:// URL"),
        ({"MCP_GATEWAY_LLM_MAX_STEPS": "eight"}, "MCP_GATEWAY_LLM_MAX_STEPS must be a whole number, not 'eight'"),
        ({"MCP_GATEWAY_LLM_MAX_STEPS": "0"}, "MCP_GATEWAY_LLM_MAX_STEPS must be positive"),
        ({"MCP_GATEWAY_LLM_TIMEOUT": "soon"}, "MCP_GATEWAY_LLM_TIMEOUT must be a number of seconds"),
        ({"MCP_GATEWAY_LLM_TIMEOUT": "-1"}, "MCP_GATEWAY_LLM_TIMEOUT must be positive"),
        ({"MCP_GATEWAY_LLM_MAX_TOKENS": "1e6"}, "MCP_GATEWAY_LLM_MAX_TOKENS must be a whole number"),
    ],
)
def test_bad_values_name_the_variable(env, values, message):
    env(**values)
    with pytest.raises(ConfigError) as info:
        Settings.from_env()
    assert str(info.value).startswith(message)
    assert KEY not in str(info.value)


def test_settings_built_in_code_are_checked_too(tmp_path):
    settings = Settings(data_dir=tmp_path, database_url="sqlite+aiosqlite://", secret_key=b"x" * 40,
                        llm_provider="anthropic")
    with pytest.raises(ConfigError, match="MCP_GATEWAY_LLM_API_KEY must be set"):
        LLMConfig.from_settings(settings)
    settings.llm_provider = "openai-compatible"
    settings.llm_base_url = "http://127.0.0.1:8000/v1"
    with pytest.raises(ConfigError, match="MCP_GATEWAY_LLM_MODEL must be set"):
        LLMConfig.from_settings(settings)
