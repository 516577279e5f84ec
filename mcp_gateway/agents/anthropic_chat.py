"""Anthropic's Messages API: `tools`, `tool_use` blocks in, `tool_result` blocks back."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import anthropic

from .chat import (
    AssistantMessage,
    Message,
    ProviderError,
    Reply,
    ToolCall,
    ToolOutputs,
    ToolSpec,
    Usage,
    UserMessage,
    redact,
    status_failure,
)


class AnthropicChat:
    name = "anthropic"

    def __init__(
        self,
        *,
        api_key: str | None,
        model: str,
        base_url: str | None = None,
        timeout: float = 60.0,
        max_retries: int = 2,
    ) -> None:
        self.model = model
        self._key = api_key
        self._client = anthropic.AsyncAnthropic(
            api_key=api_key, base_url=base_url, timeout=timeout, max_retries=max_retries
        )

    def __repr__(self) -> str:
        return f"AnthropicChat(model={self.model!r}, base_url={str(self._client.base_url)!r})"

    async def complete(
        self, *, system: str, messages: Sequence[Message], tools: Sequence[ToolSpec], max_tokens: int
    ) -> Reply:
        try:
            message = await self._client.messages.create(
                model=self.model,
                max_tokens=max_tokens,
                system=system,
                messages=_messages(messages),
                tools=[_tool(t) for t in tools],
            )
        except anthropic.APIStatusError as exc:
            error = exc.body.get("error") if isinstance(exc.body, dict) else None
            error = error if isinstance(error, dict) else {}
            raise status_failure(self.name, exc.status_code, error.get("type"), error.get("message"), self._key) from None
        except anthropic.APITimeoutError:
            raise ProviderError(f"{self.name} did not answer in time") from None
        except anthropic.APIConnectionError as exc:
            raise ProviderError(f"could not reach {self.name}: {redact(str(exc), self._key)}") from None
        except anthropic.APIError as exc:  # an answer the SDK could not read
            raise ProviderError(f"{self.name} answered something unreadable: {redact(str(exc), self._key)[:300]}") from None
        text = "\n".join(block.text for block in message.content if block.type == "text")
        calls = tuple(
            ToolCall(id=block.id, name=block.name, arguments=block.input if isinstance(block.input, dict) else {})
            for block in message.content
            if block.type == "tool_use"
        )
        usage = message.usage
        # Cached input is billed too, so it counts against the budget.
        input_tokens = (
            usage.input_tokens
            + (getattr(usage, "cache_creation_input_tokens", None) or 0)
            + (getattr(usage, "cache_read_input_tokens", None) or 0)
        )
        return Reply(text, calls, Usage(input_tokens, usage.output_tokens), message.stop_reason)


def _tool(tool: ToolSpec) -> Any:
    return {"name": tool.name, "description": tool.description, "input_schema": dict(tool.parameters)}


def _messages(messages: Sequence[Message]) -> list[Any]:
    out: list[Any] = []
    for message in messages:
        if isinstance(message, UserMessage):
            out.append({"role": "user", "content": message.text})
        elif isinstance(message, AssistantMessage):
            blocks: list[dict[str, Any]] = []
            if message.text:
                blocks.append({"type": "text", "text": message.text})
            blocks += [
                {"type": "tool_use", "id": c.id, "name": c.name, "input": dict(c.arguments)} for c in message.tool_calls
            ]
            if blocks:  # the API refuses empty content; consecutive user turns are merged
                out.append({"role": "assistant", "content": blocks})
        elif isinstance(message, ToolOutputs):
            out.append({
                "role": "user",
                "content": [
                    {"type": "tool_result", "tool_use_id": o.call_id, "content": o.content, "is_error": o.is_error}
                    for o in message.outputs
                ],
            })
    return out
