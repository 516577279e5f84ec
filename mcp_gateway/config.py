"""Settings, read once from the environment (`MCP_GATEWAY_*`)."""

from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 3010
TOOL_MODES = ("sub-agent", "full-config", "tools-only")
ENVIRONMENTS = ("development", "production")
LLM_PROVIDERS = ("anthropic", "openai", "openai-compatible")
# Configuring one action is a small job: a fast, inexpensive model does it well.
DEFAULT_LLM_MODELS = {"anthropic": "claude-haiku-4-5", "openai": "gpt-4.1-mini"}
_LLM_KEY_FALLBACKS = {"anthropic": "ANTHROPIC_API_KEY", "openai": "OPENAI_API_KEY"}


@dataclass(frozen=True, slots=True)
class RateLimit:
    """At most `requests` requests in any `seconds`-long span."""

    requests: int
    seconds: int


# The hosted Connect API's limits, by the bucket name endpoints declare (`limit="proxy"`).
DEFAULT_RATE_LIMITS = {
    "token": RateLimit(100, 60),
    "accounts": RateLimit(200, 60),
    "components_write": RateLimit(100, 60),
    "components_read": RateLimit(3000, 300),
    "proxy": RateLimit(1000, 300),
}


class ConfigError(Exception):
    """A setting has a value the gateway cannot use; the message names the variable."""


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{name} must be true or false, not {raw!r}")


def _float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number of seconds, not {raw!r}") from None
    if value <= 0:
        raise ConfigError(f"{name} must be positive")
    return value


def _rate_limits(name: str) -> dict[str, RateLimit]:
    """`bucket=requests/seconds` pairs over the defaults, e.g. `proxy=100/60,token=off`; `off` alone
    turns every default limit off (custom limits from POST /v1/connect/rate_limits still apply)."""
    raw = os.environ.get(name, "").strip()
    if raw.lower() == "off":
        return {}
    limits = dict(DEFAULT_RATE_LIMITS)
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        bucket, _, value = (piece.strip() for piece in item.partition("="))
        if bucket not in DEFAULT_RATE_LIMITS:
            raise ConfigError(f"{name}: unknown bucket {bucket!r}; the buckets are {', '.join(DEFAULT_RATE_LIMITS)}")
        if value.lower() == "off":
            del limits[bucket]
            continue
        match = re.fullmatch(r"([0-9]+)\s*/\s*([0-9]+)", value)
        if match is None or int(match[1]) == 0 or int(match[2]) == 0:
            raise ConfigError(
                f"{name}: {item!r} must be `{bucket}=<requests>/<seconds>` with positive whole numbers, or `{bucket}=off`"
            )
        limits[bucket] = RateLimit(int(match[1]), int(match[2]))
    return limits


def _positive_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None
    if value <= 0:
        raise ConfigError(f"{name} must be positive")
    return value


def _llm_provider() -> tuple[str | None, str | None, str | None, str | None]:
    """Provider, API key, base URL and model of sub-agent mode's language model (all None when off).

    The key falls back to the provider's own variable, but never for `openai-compatible`: an
    OpenAI key must not be sent to some other endpoint.
    """
    provider = os.environ.get("MCP_GATEWAY_LLM_PROVIDER", "").strip().lower() or None
    if provider is None:
        return None, None, None, None
    if provider not in LLM_PROVIDERS:
        raise ConfigError(f"MCP_GATEWAY_LLM_PROVIDER must be one of {', '.join(LLM_PROVIDERS)}, not {provider!r}")
    fallback = _LLM_KEY_FALLBACKS.get(provider)
    api_key = os.environ.get("MCP_GATEWAY_LLM_API_KEY") or (os.environ.get(fallback) if fallback else None) or None
    if api_key is None and fallback is not None:
        raise ConfigError(f"MCP_GATEWAY_LLM_API_KEY (or {fallback}) must be set for MCP_GATEWAY_LLM_PROVIDER={provider}")
    base_url = (os.environ.get("MCP_GATEWAY_LLM_BASE_URL") or "").strip().rstrip("/") or None
    if base_url is not None and not re.match(r"^https?://[^/\s]+", base_url):
        raise ConfigError("MCP_GATEWAY_LLM_BASE_URL must be an http:// or https:// URL")
    if base_url is None and provider == "openai-compatible":
        raise ConfigError("MCP_GATEWAY_LLM_BASE_URL must be set for MCP_GATEWAY_LLM_PROVIDER=openai-compatible, e.g. http://127.0.0.1:8000/v1")
    model = (os.environ.get("MCP_GATEWAY_LLM_MODEL") or "").strip() or DEFAULT_LLM_MODELS.get(provider)
    if model is None:
        raise ConfigError(f"MCP_GATEWAY_LLM_MODEL must be set for MCP_GATEWAY_LLM_PROVIDER={provider}: the model the endpoint serves")
    return provider, api_key, base_url, model


def _list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


@dataclass
class Settings:
    data_dir: Path
    database_url: str
    secret_key: bytes
    # Older master secrets that still decrypt and verify while data moves to the current one.
    previous_secret_keys: list[bytes] = field(default_factory=list)
    custom_tools_dir: Path | None = None
    public_url: str | None = None
    # DNS-rebinding protection: None means "on when bound to a loopback address".
    dns_rebinding_protection: bool | None = None
    allowed_hosts: list[str] = field(default_factory=list)
    allowed_origins: list[str] = field(default_factory=list)
    access_token_ttl: float = 3600.0
    run_timeout: float = 30.0
    # Seconds the Connect proxy waits for an upstream API before answering 504.
    proxy_timeout: float = 30.0
    # Default per-project limits by bucket; a bucket not listed is not limited.
    rate_limits: dict[str, RateLimit] = field(default_factory=lambda: dict(DEFAULT_RATE_LIMITS))
    session_ttl: float = 24 * 3600.0
    # How long a full-config conversation's state lives after its last change.
    conversation_ttl: float = 3600.0
    default_tool_mode: str = "tools-only"
    # Seconds before each retry of a Connect webhook.
    webhook_backoff: tuple[float, ...] = (1.0, 5.0, 30.0, 120.0, 600.0, 1800.0)
    # Sub-agent mode's language model: one of LLM_PROVIDERS, or None to leave the mode off.
    llm_provider: str | None = None
    # Kept out of repr so settings can be logged.
    llm_api_key: str | None = field(default=None, repr=False)
    # Anthropic's is the host only (https://api.anthropic.com); OpenAI-style ones end in /v1.
    llm_base_url: str | None = None
    # None: the provider's entry in DEFAULT_LLM_MODELS.
    llm_model: str | None = None
    # Limits of one sub-agent tool call: model calls, seconds, tokens (input + output, all calls).
    llm_max_steps: int = 8
    llm_timeout: float = 60.0
    llm_max_tokens: int = 100_000

    @property
    def secret_keys(self) -> list[bytes]:
        """Every configured master secret, the current one first."""
        return [self.secret_key, *self.previous_secret_keys]

    @classmethod
    def from_env(cls) -> Settings:
        data_dir = Path(os.environ.get("MCP_GATEWAY_DATA_DIR") or platformdirs.user_data_dir("mcp-gateway"))
        data_dir.mkdir(parents=True, exist_ok=True)
        database_url = os.environ.get("MCP_GATEWAY_DATABASE_URL") or f"sqlite+aiosqlite:///{data_dir / 'gateway.db'}"
        custom = os.environ.get("MCP_GATEWAY_CUSTOM_TOOLS_DIR")
        protection = os.environ.get("MCP_GATEWAY_DNS_REBINDING_PROTECTION")
        llm_provider, llm_api_key, llm_base_url, llm_model = _llm_provider()
        # As in the hosted product, sub-agent is the default mode, when it can work.
        mode = os.environ.get("MCP_GATEWAY_DEFAULT_TOOL_MODE") or ("sub-agent" if llm_provider else "tools-only")
        if mode not in TOOL_MODES:
            raise ConfigError(f"MCP_GATEWAY_DEFAULT_TOOL_MODE must be one of {', '.join(TOOL_MODES)}, not {mode!r}")
        if mode == "sub-agent" and llm_provider is None:
            raise ConfigError("MCP_GATEWAY_DEFAULT_TOOL_MODE=sub-agent needs MCP_GATEWAY_LLM_PROVIDER and its API key")
        return cls(
            data_dir=data_dir,
            database_url=normalize_database_url(database_url),
            secret_key=load_secret_key(data_dir),
            previous_secret_keys=[k.encode() for k in _list("MCP_GATEWAY_PREVIOUS_SECRET_KEYS")],
            custom_tools_dir=Path(custom) if custom else None,
            public_url=(os.environ.get("MCP_GATEWAY_PUBLIC_URL") or "").rstrip("/") or None,
            dns_rebinding_protection=None if protection in (None, "") else _bool("MCP_GATEWAY_DNS_REBINDING_PROTECTION", True),
            allowed_hosts=_list("MCP_GATEWAY_ALLOWED_HOSTS"),
            allowed_origins=_list("MCP_GATEWAY_ALLOWED_ORIGINS"),
            access_token_ttl=_float("MCP_GATEWAY_ACCESS_TOKEN_TTL", 3600.0),
            run_timeout=_float("MCP_GATEWAY_RUN_TIMEOUT", 30.0),
            proxy_timeout=_float("MCP_GATEWAY_PROXY_TIMEOUT", 30.0),
            rate_limits=_rate_limits("MCP_GATEWAY_RATE_LIMITS"),
            default_tool_mode=mode,
            llm_provider=llm_provider,
            llm_api_key=llm_api_key,
            llm_base_url=llm_base_url,
            llm_model=llm_model,
            llm_max_steps=_positive_int("MCP_GATEWAY_LLM_MAX_STEPS", 8),
            llm_timeout=_float("MCP_GATEWAY_LLM_TIMEOUT", 60.0),
            llm_max_tokens=_positive_int("MCP_GATEWAY_LLM_MAX_TOKENS", 100_000),
        )


def normalize_database_url(url: str) -> str:
    """Use the async drivers whatever form the URL was given in."""
    if url.startswith("sqlite:///"):
        return "sqlite+aiosqlite:///" + url[len("sqlite:///") :]
    if url.startswith(("postgres://", "postgresql://")):
        return "postgresql+asyncpg://" + url.split("://", 1)[1]
    if url.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
        return url
    raise ConfigError(
        "MCP_GATEWAY_DATABASE_URL must be a sqlite:/// or postgresql:// URL, "
        f"not one starting {url.split(':', 1)[0]!r}"
    )


def load_secret_key(data_dir: Path) -> bytes:
    """The master secret: from MCP_GATEWAY_SECRET_KEY, or generated once into the data dir (mode 0600).

    Token signing and credential encryption keys are derived from it, so every
    gateway process sharing a database must share it too.
    """
    raw = os.environ.get("MCP_GATEWAY_SECRET_KEY")
    if raw:
        if len(raw) < 32:
            raise ConfigError("MCP_GATEWAY_SECRET_KEY must be at least 32 characters of random text")
        return raw.encode()
    path = data_dir / "secret.key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(48))
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        raise ConfigError(f"{path} is readable by other users (mode {mode:o}); run `chmod 600 {path}`")
    return path.read_text().strip().encode()
