"""What a run has sent, checked and ready to store: one small record per `$.send` call."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class S3Item:
    bucket: str
    prefix: str  # without leading or trailing slashes
    line: str  # the payload as one JSON line


@dataclass(frozen=True, slots=True)
class DeliveryItem:
    """A deferred HTTP request or email message, sent by the delivery worker."""

    kind: str  # http | email
    target: str  # what the run's delivery report shows: a URL without its query, or recipients
    request: dict[str, Any]


@dataclass(frozen=True, slots=True)
class SseItem:
    channel: str
    data: str  # JSON


@dataclass(frozen=True, slots=True)
class EmitItem:
    event: str  # JSON
    channel: str | None


Item = S3Item | DeliveryItem | SseItem | EmitItem
