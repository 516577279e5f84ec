"""What actions send out for the developer to read: SSE channels (`$.send.sse`), emitted
events (`$.send.emit`), and how far a run's sends have got.

`GET /v1/connect/{project_id}/sse` is an event stream for a client that accepts
`text/event-stream` (an EventSource): the latest 100 events, or those after its
`Last-Event-ID`, then new ones as runs send them, each with the channel as its `event`
name and a `:keepalive` comment every 15 seconds. Any other client gets the latest events
as JSON. Both are scoped to the token's project and the `x-pd-environment` header.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field
from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.requests import Request

from mcp_gateway.destinations import RunDeliveries, SseMessage
from mcp_gateway.store.ids import SSE_EVENT

from .rest import Api, ApiError, Call

if TYPE_CHECKING:
    from mcp_gateway.gateway import Gateway

KEEPALIVE_SECONDS = 15


class SseQuery(BaseModel):
    channel: list[str] | None = Field(None, description="Only these channels (repeat, or comma-separate); default all")


class SseEventJson(BaseModel):
    id: str
    channel: str
    payload: Any = Field(description="What the run sent with `$.send.sse`")
    created_at: datetime


class SseEventList(BaseModel):
    data: list[SseEventJson]


class EmitsQuery(BaseModel):
    channel: str | None = None
    external_user_id: str | None = None
    before: str | None = Field(None, description="The last page's `page_info.end_cursor`")
    limit: int = Field(100, ge=1, le=1000)


class EmitMetadata(BaseModel):
    channel: str | None
    external_user_id: str
    action_key: str
    run_id: str


class EmitJson(BaseModel):
    id: str
    indexed_at_ms: int
    event: Any
    metadata: EmitMetadata


class EmitPageInfo(BaseModel):
    count: int
    end_cursor: str | None = Field(description="Pass as `before` for the next (older) page; null on the last")


class EmitList(BaseModel):
    data: list[EmitJson]
    page_info: EmitPageInfo


class DeliveryJson(BaseModel):
    kind: str = Field(description="s3, http, email, sse or emit")
    target: str
    events: int
    delivered: int
    failed: int = Field(description="Given up after the last retry")
    pending: int


class RunDeliveriesJson(BaseModel):
    run_id: str
    action_key: str
    created_at: datetime
    destinations: int
    reached: int = Field(description="Destinations that every event of the run has reached")
    data: list[DeliveryJson]


def register(api: Api, gateway: Gateway, base_url: Callable[[Request], str]) -> None:
    destinations = gateway.destinations

    @api.route("GET", "/v1/connect/{project_id}/sse", summary="Stream SSE channels (Accept: text/event-stream) or list recent events",
               tag="destinations", query=SseQuery, response=SseEventList)
    async def sse_events(call: Call) -> Any:
        assert call.project_id is not None and call.environment is not None
        channels = list(call.query.channel or [])
        if "text/event-stream" in call.request.headers.get("accept", ""):
            last_id = _event_id(call.request.headers.get("last-event-id"))
            # A stopping process ends its streams: EventSource reconnects (with Last-Event-ID) elsewhere.
            stream = gateway.drain.until_draining(
                destinations.sse.stream(call.project_id, call.environment, channels, last_event_id=last_id)
            )
            return EventSourceResponse(
                _as_events(stream),
                ping=KEEPALIVE_SECONDS,
                ping_message_factory=lambda: ServerSentEvent(comment="keepalive"),
                headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
            )
        recent = await destinations.sse.recent(call.project_id, call.environment, channels)
        return SseEventList(data=[_sse_json(m) for m in recent])

    @api.route("GET", "/v1/connect/{project_id}/emits", summary="List emitted events, newest first", tag="destinations",
               query=EmitsQuery, response=EmitList)
    async def list_emitted_events(call: Call) -> EmitList:
        assert call.project_id is not None and call.environment is not None
        q: EmitsQuery = call.query
        emitted = await destinations.emits(
            call.project_id, call.environment,
            channel=q.channel, external_user_id=q.external_user_id, before=q.before, limit=q.limit,
        )
        data = [
            EmitJson(
                id=e.id,
                indexed_at_ms=int(e.created_at.timestamp() * 1000),
                event=e.event,
                metadata=EmitMetadata(channel=e.channel, external_user_id=e.external_user_id, action_key=e.action_key, run_id=e.run_id),
            )
            for e in emitted
        ]
        end = data[-1].id if len(data) == q.limit else None
        return EmitList(data=data, page_info=EmitPageInfo(count=len(data), end_cursor=end))

    @api.route("GET", "/v1/connect/{project_id}/runs/{run_id}/deliveries", summary="How far a run's destination events have got",
               tag="destinations", response=RunDeliveriesJson)
    async def run_deliveries(call: Call) -> RunDeliveriesJson:
        report = await destinations.run_deliveries(call.path["run_id"])
        if report is None or (report.project_id, report.environment) != (call.project_id, call.environment):
            raise ApiError(404, f"run {call.path['run_id']!r} sent nothing to destinations in this project's environment")
        return _deliveries_json(report)


async def _as_events(messages: AsyncIterator[SseMessage]) -> AsyncIterator[ServerSentEvent]:
    async for message in messages:
        yield ServerSentEvent(data=message.data, event=message.channel, id=str(message.id))


def _event_id(raw: str | None) -> str | None:
    """A reconnecting EventSource's Last-Event-ID; anything that is not one of ours starts afresh."""
    raw = (raw or "").strip()
    random_part = raw.removeprefix(SSE_EVENT)
    return raw if raw != random_part and random_part.isascii() and random_part.isalnum() else None


def _sse_json(message: SseMessage) -> SseEventJson:
    return SseEventJson(id=message.id, channel=message.channel, payload=json.loads(message.data), created_at=message.created_at)


def _deliveries_json(report: RunDeliveries) -> RunDeliveriesJson:
    return RunDeliveriesJson(
        run_id=report.run_id,
        action_key=report.action_key,
        created_at=report.created_at,
        destinations=len(report.destinations),
        reached=report.reached,
        data=[
            DeliveryJson(kind=d.kind, target=d.target, events=d.events, delivered=d.delivered, failed=d.failed, pending=d.pending)
            for d in report.destinations
        ],
    )
