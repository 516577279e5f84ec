"""Prometheus metrics, served on `GET /metrics`.

Each gateway owns its registry, so several gateways in one process (the tests) count apart.
Labels hold only bounded, non-secret values: route templates (never raw paths, which carry
ids), app slugs, outcomes and status classes. Queue depths are read from the database when
scraped, so every process reports the whole gateway's backlog.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import Awaitable, Callable, Mapping

import httpx
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.exposition import choose_encoder
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

logger = logging.getLogger(__name__)

UNMATCHED_ROUTE = "other"
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
_QUEUE_TIMEOUT = 5.0  # seconds the scrape waits for the queue counts

# Seconds: an HTTP request or API call (milliseconds to a minute), a tool call (up to the run timeout).
_REQUEST_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
_RUN_BUCKETS = (0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0)

QueueDepths = Callable[[], Awaitable[Mapping[str, int]]]


class Metrics:
    def __init__(self, in_flight: Callable[[], int]) -> None:
        """`in_flight`: how many HTTP requests are being answered now."""
        self.registry = CollectorRegistry()
        r = self.registry
        self._requests = Counter(
            "mcp_gateway_http_requests", "HTTP requests answered, by route template and status",
            ["method", "route", "status"], registry=r,
        )
        self._request_seconds = Histogram(
            "mcp_gateway_http_request_duration_seconds", "Time to answer an HTTP request (streams: until they end)",
            ["method", "route"], buckets=_REQUEST_BUCKETS, registry=r,
        )
        Gauge("mcp_gateway_http_requests_in_flight", "HTTP requests being answered now", registry=r).set_function(in_flight)
        self._tool_calls = Counter(
            "mcp_gateway_tool_calls", "Action runs (tool calls and REST runs), by app and outcome",
            ["app", "outcome"], registry=r,
        )
        self._tool_seconds = Histogram(
            "mcp_gateway_tool_call_duration_seconds", "Time an action run took, account lookup included",
            ["app"], buckets=_RUN_BUCKETS, registry=r,
        )
        self._upstream_seconds = Histogram(
            "mcp_gateway_upstream_request_duration_seconds", "Time an app's API took to answer a request of an action",
            ["app", "status_class"], buckets=_REQUEST_BUCKETS, registry=r,
        )
        self._upstream_errors = Counter(
            "mcp_gateway_upstream_errors", "Requests of actions that an app's API failed: 4xx, 5xx, timeouts, connection errors",
            ["app", "kind"], registry=r,
        )
        self._queue_depth = Gauge(
            "mcp_gateway_queue_depth", "Work waiting in the database, across every process",
            ["queue"], registry=r,
        )

    # HTTP (the request middleware)

    def request_finished(self, method: str, route: str, status: int, seconds: float) -> None:
        method = method if method in _METHODS else "other"
        self._requests.labels(method, route, str(status)).inc()
        self._request_seconds.labels(method, route).observe(seconds)

    # Runs (the runtime's RunObserver)

    def run_finished(self, app_slug: str, outcome: str, seconds: float) -> None:
        self._tool_calls.labels(app_slug, outcome).inc()
        self._tool_seconds.labels(app_slug).observe(seconds)

    def upstream_request(self, app_slug: str, seconds: float, status: int | None, error: httpx.HTTPError | None) -> None:
        self._upstream_seconds.labels(app_slug, f"{status // 100}xx" if status is not None else "error").observe(seconds)
        kind = _error_kind(status, error)
        if kind is not None:
            self._upstream_errors.labels(app_slug, kind).inc()

    # Scrapes

    def set_queue_depths(self, depths: Mapping[str, int] | None) -> None:
        """The latest counts; None (they could not be read) leaves the gauge out rather than stale."""
        self._queue_depth.clear()
        for queue, depth in (depths or {}).items():
            self._queue_depth.labels(queue).set(depth)

    def render(self, accept: str) -> tuple[bytes, str]:
        """The exposition the scraper asked for (Prometheus text, or OpenMetrics), and its content type."""
        encode, content_type = choose_encoder(accept)
        return encode(self.registry), content_type


def _error_kind(status: int | None, error: httpx.HTTPError | None) -> str | None:
    if status is not None:
        return "status_5xx" if status >= 500 else "status_4xx" if status >= 400 else None
    if isinstance(error, httpx.TimeoutException):
        return "timeout"
    if isinstance(error, httpx.ConnectError):
        return "connect"
    return "network"  # the connection broke after it was made, or the answer was not HTTP


def metrics_endpoint(metrics: Metrics, queue_depths: QueueDepths, token: str | None) -> Callable[[Request], Awaitable[Response]]:
    """`GET /metrics`; with `token` set, only for `Authorization: Bearer <token>`."""
    expected = f"Bearer {token}".encode() if token else None

    async def endpoint(request: Request) -> Response:
        if expected is not None:
            given = request.headers.get("authorization", "").encode("latin-1", "replace")
            if not hmac.compare_digest(given, expected):
                return JSONResponse(
                    {"error": "send the metrics token (MCP_GATEWAY_METRICS_TOKEN) as Authorization: Bearer <token>"},
                    status_code=401, headers={"WWW-Authenticate": "Bearer"},
                )
        try:
            async with asyncio.timeout(_QUEUE_TIMEOUT):
                depths = await queue_depths()
        except Exception as exc:  # the other metrics are still worth serving
            logger.warning("queue depths for /metrics could not be read: %s: %s", type(exc).__name__, exc)
            depths = None
        metrics.set_queue_depths(depths)
        body, content_type = metrics.render(request.headers.get("accept", ""))
        return Response(body, headers={"Content-Type": content_type})

    return endpoint
