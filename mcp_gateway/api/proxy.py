"""REST endpoints: proxy (being written)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from starlette.requests import Request

from .rest import Api

if TYPE_CHECKING:
    from mcp_gateway.app import Gateway


def register(api: Api, gateway: Gateway, base_url: Callable[[Request], str]) -> None:
    pass
