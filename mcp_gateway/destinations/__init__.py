"""Destinations: where an action's `$.send` calls deliver once its run has finished
(S3 batches, HTTP requests, email, SSE channels, emitted events)."""

from .emits import Emitted
from .errors import DestinationError
from .runs import DestinationStatus, RunDeliveries
from .send import Rules, RunInfo, Send
from .service import Destinations
from .sse import SseMessage

__all__ = [
    "DestinationError",
    "DestinationStatus",
    "Destinations",
    "Emitted",
    "Rules",
    "RunDeliveries",
    "RunInfo",
    "Send",
    "SseMessage",
]
