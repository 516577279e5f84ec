"""Which language model the sub-agent talks to, built from settings.

The SDKs are imported only when a provider is built, so the gateway runs without
them as long as sub-agent mode is off.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field

from mcp_gateway.config import DEFAULT_LLM_MODELS, LLM_PROVIDERS, ConfigError, Settings

from .chat import Provider


@dataclass(frozen=True, slots=True)
class LLMConfig:
    provider: str
    model: str
    api_key: str | None = field(default=None, repr=False)
    # Anthropic: the host (https://api.anthropic.com); OpenAI and compatible servers: up to /v1.
    base_url: str | None = None
    # Seconds for one request (the loop has its own, overall limit).
    timeout: float = 60.0
    # The SDKs' own retries of 429, 5xx and dropped connections.
    max_retries: int = 2

    @classmethod
    def from_settings(cls, settings: Settings) -> LLMConfig | None:
        """The configured model, or None when sub-agent mode is off (no MCP_GATEWAY_LLM_PROVIDER)."""
        provider = settings.llm_provider
        if provider is None:
            return None
        if provider not in LLM_PROVIDERS:
            raise ConfigError(f"MCP_GATEWAY_LLM_PROVIDER must be one of {', '.join(LLM_PROVIDERS)}, not {provider!r}")
        model = settings.llm_model or DEFAULT_LLM_MODELS.get(provider)
        if model is None:
            raise ConfigError(f"MCP_GATEWAY_LLM_MODEL must be set for MCP_GATEWAY_LLM_PROVIDER={provider}")
        if provider == "openai-compatible" and not settings.llm_base_url:
            raise ConfigError("MCP_GATEWAY_LLM_BASE_URL must be set for MCP_GATEWAY_LLM_PROVIDER=openai-compatible")
        if provider != "openai-compatible" and not settings.llm_api_key:
            raise ConfigError(f"MCP_GATEWAY_LLM_API_KEY must be set for MCP_GATEWAY_LLM_PROVIDER={provider}")
        return cls(provider, model, settings.llm_api_key, settings.llm_base_url, timeout=settings.llm_timeout)


def make_provider(config: LLMConfig) -> Provider:
    if config.provider == "anthropic":
        _require("anthropic", config.provider)
        from .anthropic_chat import AnthropicChat

        return AnthropicChat(
            api_key=config.api_key,
            model=config.model,
            base_url=config.base_url,
            timeout=config.timeout,
            max_retries=config.max_retries,
        )
    if config.provider in ("openai", "openai-compatible"):
        _require("openai", config.provider)
        from .openai_chat import OpenAIChat

        return OpenAIChat(
            api_key=config.api_key,
            model=config.model,
            base_url=config.base_url,
            timeout=config.timeout,
            max_retries=config.max_retries,
            compatible=config.provider == "openai-compatible",
        )
    raise ConfigError(f"MCP_GATEWAY_LLM_PROVIDER must be one of {', '.join(LLM_PROVIDERS)}, not {config.provider!r}")


def _require(package: str, provider: str) -> None:
    """Say which package to install rather than fail on an import at startup."""
    if importlib.util.find_spec(package) is None:
        raise ConfigError(f"MCP_GATEWAY_LLM_PROVIDER={provider} needs the `{package}` package: pip install {package}")
