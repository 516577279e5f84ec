"""`$.send`: what an action hands to destinations during its run.

Nothing leaves while the action runs. Each call is checked and kept; when the run has
finished without an error, the runtime commits them all in one transaction
(`Destinations.commit`) and the delivery workers take over. A run that fails or times out
delivers nothing: its sends are dropped with it, as a database transaction would be, so a
retried run never leaves half its events behind twice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from mcp_gateway.net import EgressPolicy

from . import checks
from .errors import DestinationError
from .items import DeliveryItem, EmitItem, Item, S3Item, SseItem

RUN_PREFIX = "run_"
_MISSING: Any = object()


@dataclass(frozen=True, slots=True)
class RunInfo:
    """The run the sends belong to: its id and whose it is."""

    run_id: str
    project_id: str
    environment: str
    external_user_id: str
    action_key: str


@dataclass(frozen=True, slots=True)
class Rules:
    """What this gateway allows and knows: from its settings."""

    s3_buckets: Sequence[str] = ()
    email_enabled: bool = False
    email_to: Sequence[str] = ()
    egress: EgressPolicy = EgressPolicy()


@dataclass(eq=False)
class Send:
    """`$.send` for one run: `s3`, `http`, `email`, `sse` and `emit`, each taking one object
    (as in the hosted product's JavaScript) or the same fields as keyword arguments."""

    run: RunInfo
    rules: Rules = field(default_factory=Rules)
    pending: list[Item] = field(default_factory=list)

    @property
    def run_id(self) -> str:
        return self.run.run_id

    def s3(self, params: Mapping[str, Any] | None = None, /, **fields: Any) -> None:
        """Write `payload` as one line of the next object under `bucket`/`prefix` (batched per minute)."""
        values = checks.fields("$.send.s3", params, fields, allowed=("bucket", "prefix", "payload"), required=("bucket", "payload"))
        self.pending.append(
            S3Item(
                bucket=checks.bucket(values["bucket"], self.rules.s3_buckets),
                prefix=checks.prefix(values.get("prefix")),
                line=checks.to_json(values["payload"], "$.send.s3: payload"),
            )
        )

    def http(self, params: Mapping[str, Any] | None = None, /, **fields: Any) -> None:
        """Send an HTTP request after the run: `method`, `url`, and optionally `headers`, `params`,
        `auth` ({username, password}) and a body as `data` or `body` (a string is sent as it is,
        anything else as JSON)."""
        values = checks.fields(
            "$.send.http", params, fields,
            allowed=("method", "url", "headers", "params", "auth", "data", "body"), required=("method", "url"),
        )
        method = checks.text(values["method"], "$.send.http: method", max_length=10).upper()
        if method not in checks.HTTP_METHODS:
            raise DestinationError(f"$.send.http: method must be one of {', '.join(checks.HTTP_METHODS)}, not {method!r}")
        if values.get("data") is not None and values.get("body") is not None:
            raise DestinationError("$.send.http: give the body as data or as body, not both")
        body = values["data"] if values.get("data") is not None else values.get("body")
        url = checks.http_url(values["url"], egress=self.rules.egress)
        request: dict[str, Any] = {
            "method": method,
            "url": url,
            "headers": checks.string_map(values.get("headers"), "$.send.http: headers"),
            "params": checks.string_map(values.get("params"), "$.send.http: params"),
            "auth": checks.basic_auth(values.get("auth")),
        }
        if isinstance(body, str):
            request["content"] = checks.text(body, "$.send.http: body", max_length=checks.MAX_PAYLOAD, one_line=False, empty=True)
        elif body is not None:
            request["json"] = checks.to_json(body, "$.send.http: data")
        self.pending.append(DeliveryItem("http", checks.url_target(url), request))

    def email(self, params: Mapping[str, Any] | None = None, /, **fields: Any) -> None:
        """Email `subject` and `text` (and optionally `html`) to `to`, or to the gateway's own
        recipients (MCP_GATEWAY_SMTP_TO): the hosted product's "email yourself"."""
        if not self.rules.email_enabled:
            raise DestinationError("$.send.email: email is not configured on this gateway (MCP_GATEWAY_SMTP_HOST)")
        values = checks.fields("$.send.email", params, fields, allowed=("subject", "text", "html", "to"), required=("subject", "text"))
        to = checks.recipients(values.get("to"), self.rules.email_to)
        message = {
            "to": to,
            "subject": checks.text(values["subject"], "$.send.email: subject", max_length=998),
            "text": checks.text(values["text"], "$.send.email: text", max_length=checks.MAX_PAYLOAD, one_line=False, empty=True),
        }
        if values.get("html") is not None:
            message["html"] = checks.text(values["html"], "$.send.email: html", max_length=checks.MAX_PAYLOAD, one_line=False)
        self.pending.append(DeliveryItem("email", ", ".join(to), message))

    def sse(self, params: Mapping[str, Any] | None = None, /, **fields: Any) -> None:
        """Publish `payload` to SSE `channel` (the `event` name clients listen for)."""
        values = checks.fields("$.send.sse", params, fields, allowed=("channel", "payload"), required=("channel", "payload"))
        self.pending.append(
            SseItem(
                channel=checks.text(values["channel"], "$.send.sse: channel", max_length=200),
                data=checks.to_json(values["payload"], "$.send.sse: payload"),
            )
        )

    def emit(self, event: Any = _MISSING, channel: str | None = None, *, raw_event: Any = _MISSING) -> None:
        """Emit `event` (optionally to `channel`) for the developer to read back. Also takes the
        component form, `emit({"raw_event": event})` or `emit(raw_event=event)`."""
        if isinstance(event, Mapping) and "raw_event" in event and set(event) <= {"raw_event", "channel"}:
            event, channel = event["raw_event"], event.get("channel", channel)
        if raw_event is not _MISSING:
            if event is not _MISSING:
                raise DestinationError("$.send.emit: give the event or raw_event, not both")
            event = raw_event
        if event is _MISSING or event is None:
            raise DestinationError("$.send.emit: the event is required")
        if channel is not None:
            channel = checks.text(channel, "$.send.emit: channel", max_length=200)
        self.pending.append(EmitItem(event=checks.to_json(event, "$.send.emit: event"), channel=channel))

    def discard(self) -> int:
        """Drop what the run sent (it failed); how many were dropped."""
        dropped, self.pending = len(self.pending), []
        return dropped
