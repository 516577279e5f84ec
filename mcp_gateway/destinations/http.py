"""`$.send.http` requests, sent after the run. A 2xx or 3xx answer delivers; a 4xx other than
408 and 429 is final; anything else (5xx, 408, 429, no answer) is tried again later."""

from __future__ import annotations

from typing import Any

import httpx

from mcp_gateway.net import EgressDenied, EgressPolicy, http_client

from .outcome import DELIVERED, Outcome

_RETRIED = {408, 429}


class HttpSender:
    def __init__(self, timeout: float, egress: EgressPolicy) -> None:
        self._egress = egress
        # The hosted product's limit: the whole request, connection included, within `timeout`.
        self._timeout = httpx.Timeout(timeout)
        self._client: httpx.AsyncClient | None = None

    async def send(self, request: dict[str, Any]) -> Outcome:
        if self._client is None:
            self._client = http_client(
                self._egress, timeout=self._timeout, follow_redirects=False, headers={"User-Agent": "mcp-gateway"},
            )
        auth = request.get("auth")
        options: dict[str, Any] = {
            "headers": request.get("headers") or {},
            "params": request.get("params") or None,
            "auth": tuple(auth) if auth else None,
        }
        if "json" in request:
            options["content"] = request["json"].encode()
            if not any(name.lower() == "content-type" for name in options["headers"]):
                options["headers"] = {**options["headers"], "Content-Type": "application/json"}
        elif "content" in request:
            options["content"] = request["content"].encode()
        try:
            response = await self._client.request(request["method"], request["url"], **options)
        except httpx.TimeoutException:
            return Outcome(f"no answer within {self._timeout.read:g} s")
        except httpx.HTTPError as exc:
            return Outcome(f"could not reach the URL: {type(exc).__name__}")
        except EgressDenied as exc:  # the operator's setting would have to change first
            return Outcome(str(exc), permanent=True)
        if response.status_code < 400:
            return DELIVERED
        permanent = response.status_code < 500 and response.status_code not in _RETRIED
        return Outcome(f"the URL answered HTTP {response.status_code}", permanent=permanent)

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None
