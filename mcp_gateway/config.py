"""Settings, read once from the environment (`MCP_GATEWAY_*`)."""

from __future__ import annotations

import os
import re
import secrets
import ssl
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import platformdirs

from mcp_gateway.net import LEGACY_PRIVATE_NETWORKS, EgressPolicy, parse_networks
from mcp_gateway.net import SETTING as PRIVATE_NETWORKS_SETTING

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 3010
TOOL_MODES = ("sub-agent", "full-config", "tools-only")
LOG_FORMATS = ("json", "text")
ENVIRONMENTS = ("development", "production")
LLM_PROVIDERS = ("anthropic", "openai", "openai-compatible")
# Configuring one action is a small job: a fast, inexpensive model does it well.
DEFAULT_LLM_MODELS = {"anthropic": "claude-haiku-4-5", "openai": "gpt-4.1-mini"}
_LLM_KEY_FALLBACKS = {"anthropic": "ANTHROPIC_API_KEY", "openai": "OPENAI_API_KEY"}
FILE_STORES = ("local", "s3")
_MIB = 1024 * 1024
SMTP_SECURITY = ("starttls", "tls", "none")
_SMTP_PORTS = {"starttls": 587, "tls": 465, "none": 25}
# S3 refuses multipart parts under 5 MiB (except the last).
MIN_S3_PART_SIZE = 5 * 1024 * 1024


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


DEFAULT_DESTINATION_BACKOFF = (1.0, 5.0, 30.0, 120.0, 600.0, 1800.0, 3600.0, 7200.0)


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


def _log_format() -> str:
    """MCP_GATEWAY_LOG_FORMAT, by default text for a person at a terminal and JSON for whatever
    collects a service's output."""
    raw = (os.environ.get("MCP_GATEWAY_LOG_FORMAT") or "").strip().lower()
    if not raw:
        return "text" if sys.stderr.isatty() else "json"
    if raw not in LOG_FORMATS:
        raise ConfigError(f"MCP_GATEWAY_LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}, not {raw!r}")
    return raw


def _list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def _seconds_list(name: str, default: tuple[float, ...]) -> tuple[float, ...]:
    raw = _list(name)
    if not raw:
        return default
    try:
        values = tuple(float(item) for item in raw)
    except ValueError:
        raise ConfigError(f"{name} must be comma-separated seconds, e.g. 1,5,30") from None
    if any(value < 0 for value in values):
        raise ConfigError(f"{name} must not hold negative seconds")
    return values


# The on/off switch MCP_GATEWAY_PRIVATE_NETWORKS replaced; still read, with a warning at start.
LEGACY_PRIVATE_URLS_SETTING = "MCP_GATEWAY_DESTINATION_PRIVATE_URLS"


def _private_networks() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """MCP_GATEWAY_PRIVATE_NETWORKS, or what the deprecated switch it replaces used to open."""
    raw = _list(PRIVATE_NETWORKS_SETTING)
    try:
        parse_networks(raw)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    legacy = LEGACY_PRIVATE_URLS_SETTING
    if not _bool(legacy, False):
        return tuple(raw), ()
    if raw:
        return tuple(raw), (f"{legacy} is deprecated and ignored, since {PRIVATE_NETWORKS_SETTING} is set; remove it",)
    return LEGACY_PRIVATE_NETWORKS, (
        f"{legacy} is deprecated; it now stands for {PRIVATE_NETWORKS_SETTING}={','.join(LEGACY_PRIVATE_NETWORKS)}, "
        "which applies to every outbound request; set that instead, narrowed to the networks you need",
    )


def _destination_settings() -> dict[str, object]:
    """Where `$.send` delivers: S3 (any S3-compatible endpoint), SMTP, and the delivery queue."""
    security = (os.environ.get("MCP_GATEWAY_SMTP_SECURITY") or "starttls").strip().lower()
    if security not in SMTP_SECURITY:
        raise ConfigError(f"MCP_GATEWAY_SMTP_SECURITY must be one of {', '.join(SMTP_SECURITY)}, not {security!r}")
    part_size = _positive_int("MCP_GATEWAY_S3_PART_SIZE", 8 * 1024 * 1024)
    if part_size < MIN_S3_PART_SIZE:
        raise ConfigError(f"MCP_GATEWAY_S3_PART_SIZE must be at least {MIN_S3_PART_SIZE} bytes (S3's smallest part)")
    return {
        "s3_endpoint_url": (os.environ.get("MCP_GATEWAY_S3_ENDPOINT_URL") or "").strip().rstrip("/") or None,
        "s3_region": (os.environ.get("MCP_GATEWAY_S3_REGION") or "").strip() or "us-east-1",
        "s3_access_key_id": os.environ.get("MCP_GATEWAY_S3_ACCESS_KEY_ID") or None,
        "s3_secret_access_key": os.environ.get("MCP_GATEWAY_S3_SECRET_ACCESS_KEY") or None,
        "s3_buckets": _list("MCP_GATEWAY_S3_BUCKETS"),
        "s3_batch_window": _float("MCP_GATEWAY_S3_BATCH_WINDOW", 60.0),
        "s3_part_size": part_size,
        "smtp_host": (os.environ.get("MCP_GATEWAY_SMTP_HOST") or "").strip() or None,
        "smtp_port": _positive_int("MCP_GATEWAY_SMTP_PORT", _SMTP_PORTS[security]),
        "smtp_security": security,
        "smtp_username": os.environ.get("MCP_GATEWAY_SMTP_USERNAME") or None,
        "smtp_password": os.environ.get("MCP_GATEWAY_SMTP_PASSWORD") or None,
        "smtp_from": (os.environ.get("MCP_GATEWAY_SMTP_FROM") or "").strip() or None,
        "smtp_to": _list("MCP_GATEWAY_SMTP_TO"),
        "destination_backoff": _seconds_list("MCP_GATEWAY_DESTINATION_BACKOFF", DEFAULT_DESTINATION_BACKOFF),
        "destination_http_timeout": _float("MCP_GATEWAY_DESTINATION_HTTP_TIMEOUT", 5.0),
        "destination_lease": _float("MCP_GATEWAY_DESTINATION_LEASE", 60.0),
        "destination_retention": _float("MCP_GATEWAY_DESTINATION_RETENTION", 7 * 86400.0),
        "sse_poll_interval": _float("MCP_GATEWAY_SSE_POLL_INTERVAL", 0.5),
    }


@dataclass(frozen=True)
class EndUserSignIn:
    """The operator's OpenID Connect provider, where end users sign in when an MCP client asks
    the gateway for a token, and where those users land: the claim that becomes their external
    user id, and the project and environment they belong to."""

    issuer: str
    client_id: str
    client_secret: str = field(repr=False)
    project_id: str
    environment: str = "production"
    user_claim: str = "sub"
    scopes: str = "openid email profile"


def _end_user_signin() -> EndUserSignIn | None:
    issuer = (os.environ.get("MCP_GATEWAY_AUTH_ISSUER") or "").strip().rstrip("/")
    if not issuer:
        return None
    if not re.match(r"^https?://[^/\s]+", issuer):
        raise ConfigError("MCP_GATEWAY_AUTH_ISSUER must be the http(s) URL of an OpenID Connect issuer")
    missing = [name for name in ("MCP_GATEWAY_AUTH_CLIENT_ID", "MCP_GATEWAY_AUTH_CLIENT_SECRET", "MCP_GATEWAY_AUTH_PROJECT_ID")
               if not (os.environ.get(name) or "").strip()]
    if missing:
        raise ConfigError(f"MCP_GATEWAY_AUTH_ISSUER is set, so {' and '.join(missing)} must be too: the gateway's client "
                          "at that provider, and the project signed-in users belong to")
    environment = (os.environ.get("MCP_GATEWAY_AUTH_ENVIRONMENT") or "production").strip()
    if environment not in ENVIRONMENTS:
        raise ConfigError(f"MCP_GATEWAY_AUTH_ENVIRONMENT must be one of {', '.join(ENVIRONMENTS)}, not {environment!r}")
    return EndUserSignIn(
        issuer=issuer,
        client_id=os.environ["MCP_GATEWAY_AUTH_CLIENT_ID"].strip(),
        client_secret=os.environ["MCP_GATEWAY_AUTH_CLIENT_SECRET"].strip(),
        project_id=os.environ["MCP_GATEWAY_AUTH_PROJECT_ID"].strip(),
        environment=environment,
        user_claim=(os.environ.get("MCP_GATEWAY_AUTH_USER_CLAIM") or "sub").strip(),
        scopes=(os.environ.get("MCP_GATEWAY_AUTH_SCOPES") or "openid email profile").strip(),
    )


@dataclass
class Settings:
    data_dir: Path
    database_url: str
    secret_key: bytes
    # Redis shared by several gateway processes (rate limits, stream fan-out, locks, caches);
    # None: one process keeps that state in memory. Kept out of repr: it may hold a password.
    redis_url: str | None = field(default=None, repr=False)
    # Older master secrets that still decrypt and verify while data moves to the current one.
    previous_secret_keys: list[bytes] = field(default_factory=list)
    custom_tools_dir: Path | None = None
    # Whether the catalog includes the shipped packs (the OpenAPI directory's apps) beside the
    # hand-written apps; MCP_GATEWAY_PACKS=0 serves the hand-written apps alone.
    packs: bool = True
    public_url: str | None = None
    # DNS-rebinding protection: None means "on when bound to a loopback address".
    dns_rebinding_protection: bool | None = None
    allowed_hosts: list[str] = field(default_factory=list)
    allowed_origins: list[str] = field(default_factory=list)
    # Where end users sign in for MCP clients that run MCP authorization; None leaves the
    # gateway's authorization server off (developers' tokens and keys still work).
    end_user_signin: EndUserSignIn | None = None
    access_token_ttl: float = 3600.0
    # The longest lifetime a client-credentials request may ask for with `expires_in`.
    access_token_max_ttl: float = 7 * 86400.0
    run_timeout: float = 30.0
    # Seconds the Connect proxy waits for an upstream API before answering 504.
    proxy_timeout: float = 30.0
    # Bytes of request body any endpoint takes (multipart uploads have file_max_upload); past it, 413.
    max_body_bytes: int = 10 * _MIB
    # Default per-project limits by bucket; a bucket not listed is not limited.
    rate_limits: dict[str, RateLimit] = field(default_factory=lambda: dict(DEFAULT_RATE_LIMITS))
    session_ttl: float = 24 * 3600.0
    # How long a full-config conversation's state lives after its last change.
    conversation_ttl: float = 3600.0
    default_tool_mode: str = "tools-only"
    # `mcp-gateway serve`'s log lines: "json" (one object a line) or "text".
    log_format: str = "text"
    # Seconds a stopping server waits for requests in flight before cutting them off.
    drain_seconds: float = 30.0
    # When set, GET /metrics wants `Authorization: Bearer <it>`; None leaves it open.
    metrics_token: str | None = field(default=None, repr=False)
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
    # Destinations (`$.send`). S3: None endpoint means AWS; credentials fall back to the
    # AWS SDK's own chain (AWS_* variables, instance role) when not set.
    s3_endpoint_url: str | None = None
    s3_region: str = "us-east-1"
    s3_access_key_id: str | None = None
    s3_secret_access_key: str | None = field(default=None, repr=False)
    # Buckets actions may write to; empty allows any the credentials reach.
    s3_buckets: list[str] = field(default_factory=list)
    # Events for one bucket and prefix are written as one object per window.
    s3_batch_window: float = 60.0
    # A batch whose gzipped size passes this goes up as a multipart upload in parts this big.
    s3_part_size: int = 8 * 1024 * 1024
    # SMTP for `$.send.email`; None leaves email off.
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_security: str = "starttls"
    smtp_username: str | None = None
    smtp_password: str | None = field(default=None, repr=False)
    smtp_from: str | None = None
    # Who "yourself" is: the recipients of an email that names none.
    smtp_to: list[str] = field(default_factory=list)
    # Seconds before each retry of a deferred HTTP request, email or S3 batch; given up after the last.
    destination_backoff: tuple[float, ...] = DEFAULT_DESTINATION_BACKOFF
    destination_http_timeout: float = 5.0
    # The loopback, private and other internal ranges the operator lets the gateway call on
    # someone's behalf (an internal API, a database app, an on-premises server); CIDRs.
    private_networks: tuple[str, ...] = ()
    # PEM file of CA certificates trusted beside the public roots for outbound HTTPS (a private CA).
    ca_file: Path | None = None
    # Said once at start: settings that still work but should be changed.
    deprecations: tuple[str, ...] = ()
    # How long a process holds a claimed delivery before another may take it over.
    destination_lease: float = 60.0
    # Delivered events, emits and SSE history older than this are deleted.
    destination_retention: float = 7 * 86400.0
    # How often a process looks for SSE events written by other processes.
    sse_poll_interval: float = 0.5
    # Where File Stash and ingested files are kept: "local" (a directory; the gateway serves
    # signed download links) or "s3" (the s3_* endpoint, region and keys above; presigned links).
    file_store: str = "local"
    # The local store's directory; None: `files` under the data dir.
    files_dir: Path | None = None
    # The s3 store's bucket, and a key prefix for sharing it.
    s3_file_bucket: str | None = None
    s3_file_prefix: str = ""
    # Bytes one file may have (ingested or stashed), and one upload request may carry.
    file_max_size: int = 50 * _MIB
    file_max_upload: int = 100 * _MIB
    # Seconds an ingested file (a `file_id`) is kept.
    file_ttl: float = 30 * 24 * 3600.0
    # Content types ingestion accepts, e.g. `image/*,application/pdf` (checked against the
    # sniffed type); empty: any.
    file_allowed_types: list[str] = field(default_factory=list)

    @property
    def egress(self) -> EgressPolicy:
        """What outbound connections made for users, developers and models may reach."""
        return EgressPolicy(parse_networks(self.private_networks), str(self.ca_file) if self.ca_file else None)

    @property
    def secret_keys(self) -> list[bytes]:
        """Every configured master secret, the current one first."""
        return [self.secret_key, *self.previous_secret_keys]

    @classmethod
    def from_env(cls) -> Settings:
        data_dir = Path(os.environ.get("MCP_GATEWAY_DATA_DIR") or platformdirs.user_data_dir("mcp-gateway"))
        data_dir.mkdir(parents=True, exist_ok=True)
        database_url = os.environ.get("MCP_GATEWAY_DATABASE_URL") or default_database_url(data_dir)
        custom = os.environ.get("MCP_GATEWAY_CUSTOM_TOOLS_DIR")
        protection = os.environ.get("MCP_GATEWAY_DNS_REBINDING_PROTECTION")
        llm_provider, llm_api_key, llm_base_url, llm_model = _llm_provider()
        # As in the hosted product, sub-agent is the default mode, when it can work.
        mode = os.environ.get("MCP_GATEWAY_DEFAULT_TOOL_MODE") or ("sub-agent" if llm_provider else "tools-only")
        if mode not in TOOL_MODES:
            raise ConfigError(f"MCP_GATEWAY_DEFAULT_TOOL_MODE must be one of {', '.join(TOOL_MODES)}, not {mode!r}")
        if mode == "sub-agent" and llm_provider is None:
            raise ConfigError("MCP_GATEWAY_DEFAULT_TOOL_MODE=sub-agent needs MCP_GATEWAY_LLM_PROVIDER and its API key")
        private_networks, deprecations = _private_networks()
        return cls(
            data_dir=data_dir,
            private_networks=private_networks,
            ca_file=_ca_file(),
            deprecations=deprecations,
            database_url=normalize_database_url(database_url),
            secret_key=load_secret_key(data_dir),
            redis_url=redis_url_from_env(),
            previous_secret_keys=[k.encode() for k in _list("MCP_GATEWAY_PREVIOUS_SECRET_KEYS")],
            custom_tools_dir=Path(custom) if custom else None,
            packs=_bool("MCP_GATEWAY_PACKS", True),
            public_url=(os.environ.get("MCP_GATEWAY_PUBLIC_URL") or "").rstrip("/") or None,
            dns_rebinding_protection=None if protection in (None, "") else _bool("MCP_GATEWAY_DNS_REBINDING_PROTECTION", True),
            allowed_hosts=_list("MCP_GATEWAY_ALLOWED_HOSTS"),
            allowed_origins=_list("MCP_GATEWAY_ALLOWED_ORIGINS"),
            end_user_signin=_end_user_signin(),
            access_token_ttl=_float("MCP_GATEWAY_ACCESS_TOKEN_TTL", 3600.0),
            access_token_max_ttl=_float("MCP_GATEWAY_ACCESS_TOKEN_MAX_TTL", 7 * 86400.0),
            run_timeout=_float("MCP_GATEWAY_RUN_TIMEOUT", 30.0),
            proxy_timeout=_float("MCP_GATEWAY_PROXY_TIMEOUT", 30.0),
            max_body_bytes=_positive_int("MCP_GATEWAY_MAX_BODY_BYTES", 10 * _MIB),
            rate_limits=_rate_limits("MCP_GATEWAY_RATE_LIMITS"),
            default_tool_mode=mode,
            log_format=_log_format(),
            drain_seconds=_float("MCP_GATEWAY_DRAIN_SECONDS", 30.0),
            metrics_token=os.environ.get("MCP_GATEWAY_METRICS_TOKEN") or None,
            llm_provider=llm_provider,
            llm_api_key=llm_api_key,
            llm_base_url=llm_base_url,
            llm_model=llm_model,
            llm_max_steps=_positive_int("MCP_GATEWAY_LLM_MAX_STEPS", 8),
            llm_timeout=_float("MCP_GATEWAY_LLM_TIMEOUT", 60.0),
            llm_max_tokens=_positive_int("MCP_GATEWAY_LLM_MAX_TOKENS", 100_000),
            **_destination_settings(),  # type: ignore[arg-type]
            **_file_settings(data_dir),
        )


def _ca_file() -> Path | None:
    raw = os.environ.get("MCP_GATEWAY_CA_FILE")
    if not raw:
        return None
    path = Path(raw)
    try:
        ssl.create_default_context().load_verify_locations(cafile=str(path))
    except (OSError, ssl.SSLError) as exc:
        raise ConfigError(f"MCP_GATEWAY_CA_FILE={raw}: not a readable PEM file of CA certificates ({exc})") from None
    return path


def _file_settings(data_dir: Path) -> dict[str, Any]:
    """The file store's settings (`MCP_GATEWAY_FILE_*`, `MCP_GATEWAY_S3_FILE_*`)."""
    store = (os.environ.get("MCP_GATEWAY_FILE_STORE") or "local").strip().lower()
    if store not in FILE_STORES:
        raise ConfigError(f"MCP_GATEWAY_FILE_STORE must be one of {', '.join(FILE_STORES)}, not {store!r}")
    bucket = (os.environ.get("MCP_GATEWAY_S3_FILE_BUCKET") or "").strip() or None
    if store == "s3" and bucket is None:
        raise ConfigError("MCP_GATEWAY_S3_FILE_BUCKET must be set for MCP_GATEWAY_FILE_STORE=s3")
    max_size = _positive_int("MCP_GATEWAY_FILE_MAX_SIZE", 50 * _MIB)
    if max_size >= 2**31:
        raise ConfigError("MCP_GATEWAY_FILE_MAX_SIZE must be under 2 GiB")
    files_dir = os.environ.get("MCP_GATEWAY_FILES_DIR")
    return {
        "file_store": store,
        "files_dir": Path(files_dir) if files_dir else data_dir / "files",
        "s3_file_bucket": bucket,
        "s3_file_prefix": (os.environ.get("MCP_GATEWAY_S3_FILE_PREFIX") or "").strip().strip("/"),
        "file_max_size": max_size,
        "file_max_upload": _positive_int("MCP_GATEWAY_FILE_MAX_UPLOAD", 100 * _MIB),
        "file_ttl": _float("MCP_GATEWAY_FILE_TTL", 30 * 24 * 3600.0),
        "file_allowed_types": _list("MCP_GATEWAY_FILE_ALLOWED_TYPES"),
    }


def default_database_url(data_dir: Path) -> str:
    """The SQLite file in the data dir, the store when MCP_GATEWAY_DATABASE_URL is unset."""
    return f"sqlite+aiosqlite:///{data_dir / 'gateway.db'}"


def normalize_database_url(url: str) -> str:
    """Use the async drivers whatever form the URL was given in."""
    if url.startswith("sqlite:///"):
        return "sqlite+aiosqlite:///" + url[len("sqlite:///") :]
    if url.startswith(("postgres://", "postgresql://")):
        return _asyncpg_tls("postgresql+asyncpg://" + url.split("://", 1)[1])
    if url.startswith("sqlite+aiosqlite://"):
        return url
    if url.startswith("postgresql+asyncpg://"):
        return _asyncpg_tls(url)
    raise ConfigError(
        "MCP_GATEWAY_DATABASE_URL must be a sqlite:/// or postgresql:// URL, "
        f"not one starting {url.split(':', 1)[0]!r}"
    )


def _asyncpg_tls(url: str) -> str:
    """libpq's `sslmode=` (what managed PostgreSQL services hand out) as asyncpg's `ssl=`."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    if not any(name == "sslmode" for name, _ in query):
        return url
    has_ssl = any(name == "ssl" for name, _ in query)
    query = [("ssl", value) if name == "sslmode" else (name, value) for name, value in query if not (name == "sslmode" and has_ssl)]
    return urlunsplit(parts._replace(query=urlencode(query)))


def redis_url_from_env() -> str | None:
    url = (os.environ.get("MCP_GATEWAY_REDIS_URL") or "").strip()
    if not url:
        return None
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise ConfigError(
            "MCP_GATEWAY_REDIS_URL must be a redis://, rediss:// or unix:// URL, e.g. redis://127.0.0.1:6379/0, "
            f"not one starting {url.split(':', 1)[0]!r}"
        )
    return url


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
