"""Rate limits: the Connect API's default per-project limits, and custom limits created with
`POST /v1/connect/rate_limits` and applied with the `x-pd-rate-limit` header.

A custom limit is counted in addition to the default one, never instead of it: it exists to
hold one of a developer's end users (or jobs) to less than the project may use, and a token
minted with a large limit must not lift the project's own limit. One token is one limit
whichever endpoints it is sent to.

A custom limit token is self-contained and signed (project, window, request count and a random
id), so any gateway process can check it without a database. The counts live in the shared
state: in memory for one process, in Redis when several processes serve one gateway, so a
limit holds for the traffic of all of them together.

The `token` bucket is per external user in the hosted product; the framework checks limits
before it reads the body that names the user, so here it is per project like the others.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request

from mcp_gateway.config import RateLimit, Settings
from mcp_gateway.connect.keys import derive_key
from mcp_gateway.store.shared import Shared

from .rest import Api, ApiError, Call, RateLimiter

if TYPE_CHECKING:
    from mcp_gateway.gateway import Gateway

TOKEN_PREFIX = "rl_"
MAX_WINDOW_SECONDS = 86_400
MAX_REQUESTS_PER_WINDOW = 1_000_000
_KEY_PURPOSE = "mcp-gateway rate limit tokens v1"


class InvalidToken(ValueError):
    """An `x-pd-rate-limit` value this gateway did not issue; the message says why."""


@dataclass(frozen=True, slots=True)
class CustomLimit:
    """What a rate limit token carries."""

    id: str
    project_id: str
    limit: RateLimit


class RateLimitTokens:
    """`rl_<claims>.<mac>` tokens, signed with a key derived from the master secret (the first
    one signs; older ones still verify while keys rotate)."""

    def __init__(self, master_secrets: Sequence[bytes]) -> None:
        self._keys = [derive_key(master, _KEY_PURPOSE) for master in master_secrets]

    def issue(self, project_id: str, limit: RateLimit) -> str:
        # The random id makes each token its own limit, even with the same window and count.
        claims = {"i": secrets.token_urlsafe(9), "p": project_id, "w": limit.seconds, "n": limit.requests}
        body = _b64(json.dumps(claims, separators=(",", ":")).encode())
        return f"{TOKEN_PREFIX}{body}.{self._mac(self._keys[0], body)}"

    def read(self, token: str) -> CustomLimit:
        body, dot, mac = token.removeprefix(TOKEN_PREFIX).partition(".")
        if not token.startswith(TOKEN_PREFIX) or not dot or not token.isascii():
            raise InvalidToken("it is not a token from POST /v1/connect/rate_limits")
        if not any(hmac.compare_digest(mac, self._mac(key, body)) for key in self._keys):
            raise InvalidToken("its signature does not match; it was changed or issued by another gateway")
        try:
            claims = json.loads(_unb64(body))
            found = CustomLimit(id=claims["i"], project_id=claims["p"], limit=RateLimit(claims["n"], claims["w"]))
        except (ValueError, binascii.Error, KeyError, TypeError):
            raise InvalidToken("its contents are garbled") from None
        return found

    @staticmethod
    def _mac(key: bytes, body: str) -> str:
        return _b64(hmac.new(key, body.encode(), hashlib.sha256).digest())


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Limiter:
    """The `RateLimiter` the REST framework calls for every endpoint that declares a bucket."""

    def __init__(self, defaults: Mapping[str, RateLimit], tokens: RateLimitTokens, counters: Shared) -> None:
        self._defaults = dict(defaults)
        self.tokens = tokens
        self._counters = counters

    async def check(self, bucket: str, key: str, custom_token: str | None) -> float | None:
        wanted: list[tuple[str, RateLimit]] = []
        if bucket in self._defaults:
            wanted.append((f"{bucket}:{key}", self._defaults[bucket]))
        if custom_token:
            custom = self._custom(custom_token, key)
            wanted.append((f"custom:{custom.project_id}:{custom.id}", custom.limit))
        return await self._counters.take(wanted) if wanted else None

    def _custom(self, token: str, project_id: str) -> CustomLimit:
        try:
            custom = self.tokens.read(token)
        except InvalidToken as exc:
            raise ApiError(400, f"the x-pd-rate-limit header is not a valid rate limit token: {exc}") from None
        if custom.project_id != project_id:
            raise ApiError(403, f"this x-pd-rate-limit token belongs to project {custom.project_id}, not {project_id}")
        return custom


def limiter(settings: Settings, counters: Shared) -> RateLimiter:
    """Always a limiter, even with every default limit off: custom limits still apply."""
    return Limiter(settings.rate_limits, RateLimitTokens(settings.secret_keys), counters)


class CreateRateLimitBody(BaseModel):
    model_config = ConfigDict(extra="ignore")

    window_size_seconds: Annotated[int, Field(strict=True, ge=1, le=MAX_WINDOW_SECONDS, description="The window's length in seconds")]
    requests_per_window: Annotated[
        int, Field(strict=True, ge=1, le=MAX_REQUESTS_PER_WINDOW, description="How many requests the window admits")
    ]


class CreateRateLimitResponse(BaseModel):
    token: str = Field(description="Send it as the x-pd-rate-limit header of Connect API requests")


def register(api: Api, gateway: Gateway, base_url: Callable[[Request], str]) -> None:
    # Issue with the limiter's own keys when there is one, so what is issued is what it accepts.
    tokens = api.limiter.tokens if isinstance(api.limiter, Limiter) else RateLimitTokens(gateway.settings.secret_keys)

    @api.route("POST", "/v1/connect/rate_limits", summary="Create a custom rate limit for x-pd-rate-limit",
               tag="rate_limits", auth="developer", body=CreateRateLimitBody, response=CreateRateLimitResponse)
    async def create_rate_limit(call: Call) -> CreateRateLimitResponse:
        body: CreateRateLimitBody = call.body
        assert call.project_id is not None
        limit = RateLimit(requests=body.requests_per_window, seconds=body.window_size_seconds)
        return CreateRateLimitResponse(token=tokens.issue(call.project_id, limit))
