"""MCP resources: what `resources/list`, `resources/templates/list` and `resources/read` serve."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mcp_gateway.catalog import Catalog
from mcp_gateway.runtime.service import Caller, Runtime

from .params import McpParams

METHODS = frozenset({"resources/list", "resources/templates/list", "resources/read"})


class Resources:
    def __init__(self, catalog: Catalog, runtime: Runtime) -> None:
        self._catalog = catalog
        self._runtime = runtime

    @property
    def capability(self) -> dict[str, Any] | None:
        """The `resources` server capability, or None while the gateway serves none."""
        return None

    async def answer(self, method: str, params: Mapping[str, Any], mcp: McpParams, caller: Caller, *,
                     modern: bool) -> dict[str, Any]:
        """The result of one resources method; raises `JsonRpcError` for protocol errors. In
        2026-07-28 the caller adds `resultType`; cache hints are this method's to set."""
        from .protocol import METHOD_NOT_FOUND, JsonRpcError

        raise JsonRpcError(METHOD_NOT_FOUND, f"Method not found: {method}")
