"""REST endpoints: rate limits (being written)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from starlette.requests import Request

from mcp_gateway.config import Settings

from .rest import Api, RateLimiter

if TYPE_CHECKING:
    from mcp_gateway.app import Gateway


def limiter(settings: Settings, secret: bytes) -> RateLimiter | None:
    return None


def register(api: Api, gateway: Gateway, base_url: Callable[[Request], str]) -> None:
    pass
