"""A tool-using chat, independent of any provider: messages, tool definitions, replies.

Providers translate these to and from their own wire formats; the sub-agent loop
only ever sees these types.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, Union


@dataclass(frozen=True, slots=True)
class ToolSpec:
    """A tool the model may call: its name, what it does, and a JSON Schema of its arguments."""

    name: str
    description: str
    parameters: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class ToolCall:
    """The model asking to call a tool.

    `raw_arguments` keeps the arguments as the provider sent them (OpenAI's JSON text),
    so the call can be echoed back unchanged; `problem` says why they could not be read.
    """

    id: str
    name: str
    arguments: Mapping[str, Any]
    raw_arguments: str | None = None
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class ToolOutput:
    call_id: str
    content: str
    is_error: bool = False


@dataclass(frozen=True, slots=True)
class UserMessage:
    text: str


@dataclass(frozen=True, slots=True)
class AssistantMessage:
    text: str = ""
    tool_calls: tuple[ToolCall, ...] = ()


@dataclass(frozen=True, slots=True)
class ToolOutputs:
    """The results of every tool call of the previous assistant message, in order."""

    outputs: tuple[ToolOutput, ...]


Message = Union[UserMessage, AssistantMessage, ToolOutputs]


@dataclass(frozen=True, slots=True)
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0

    @property
    def total(self) -> int:
        return self.input_tokens + self.output_tokens


@dataclass(frozen=True, slots=True)
class Reply:
    """One answer of the model: text, tool calls, and what it cost."""

    text: str = ""
    tool_calls: tuple[ToolCall, ...] = ()
    usage: Usage = field(default_factory=Usage)
    # The provider's own word for why it stopped ("end_turn", "tool_calls", "max_tokens"...).
    stop_reason: str | None = None


class ProviderError(Exception):
    """The model could not be asked: the provider refused, failed or was unreachable.

    The message never holds the API key (see `redact`).
    """

    def __init__(self, message: str, *, status: int | None = None, kind: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.kind = kind


class Provider(Protocol):
    """A language model behind some API, asked one turn at a time."""

    name: str
    model: str

    async def complete(
        self, *, system: str, messages: Sequence[Message], tools: Sequence[ToolSpec], max_tokens: int
    ) -> Reply: ...


def redact(text: str, secret: str | None) -> str:
    """`text` with every occurrence of `secret` masked (providers echo keys in error messages)."""
    if secret and len(secret) >= 4:
        text = text.replace(secret, "[redacted]")
    return text


def status_failure(provider: str, status: int, kind: str | None, detail: str | None, secret: str | None) -> ProviderError:
    """A ProviderError for an HTTP error answer, saying what the reader can do about it."""
    what = f"HTTP {status}" + (f" {kind}" if kind else "")
    if detail:
        what += f": {redact(detail, secret)[:300]}"
    if status in (401, 403):
        advice = "the gateway's LLM API key is missing, wrong or lacks access; its operator must fix MCP_GATEWAY_LLM_API_KEY"
    elif status == 429:
        advice = "the provider is rate limiting the gateway; try again in a minute"
    elif status >= 500:
        advice = "the provider is overloaded or failing; try again later"
    else:
        advice = "the provider refused the request; check the gateway's MCP_GATEWAY_LLM_MODEL and MCP_GATEWAY_LLM_BASE_URL"
    return ProviderError(f"{provider} answered {what} ({advice})", status=status, kind=kind)
