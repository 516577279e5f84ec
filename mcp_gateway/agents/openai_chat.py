"""OpenAI's Chat Completions API, and the many servers that speak it (vLLM, Ollama, LM Studio...):
`tools`, `tool_calls` with JSON-text arguments, `role: tool` messages back."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import openai

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


class OpenAIChat:
    def __init__(
        self,
        *,
        api_key: str | None,
        model: str,
        base_url: str | None = None,
        timeout: float = 60.0,
        max_retries: int = 2,
        compatible: bool = False,
    ) -> None:
        self.name = "openai-compatible" if compatible else "openai"
        self.model = model
        self._key = api_key
        self._compatible = compatible
        # A local server may need no key, but the SDK insists on one: then send no Authorization at all.
        self._headers: dict[str, Any] = {} if api_key else {"Authorization": openai.Omit()}
        self._client = openai.AsyncOpenAI(
            api_key=api_key or "unused", base_url=base_url, timeout=timeout, max_retries=max_retries
        )

    def __repr__(self) -> str:
        return f"OpenAIChat(name={self.name!r}, model={self.model!r}, base_url={str(self._client.base_url)!r})"

    async def complete(
        self, *, system: str, messages: Sequence[Message], tools: Sequence[ToolSpec], max_tokens: int
    ) -> Reply:
        params: dict[str, Any] = {
            "model": self.model,
            "messages": [{"role": "system", "content": system}, *_messages(messages)],
            "tools": [
                {"type": "function", "function": {"name": t.name, "description": t.description, "parameters": dict(t.parameters)}}
                for t in tools
            ],
            # OpenAI's reasoning models take only `max_completion_tokens`; other servers know `max_tokens`.
            "max_tokens" if self._compatible else "max_completion_tokens": max_tokens,
        }
        try:
            completion = await self._client.chat.completions.create(**params, extra_headers=self._headers or None)
        except openai.APIStatusError as exc:
            error = exc.body if isinstance(exc.body, dict) else {}
            raise status_failure(self.name, exc.status_code, error.get("type") or error.get("code"), error.get("message"), self._key) from None
        except openai.APITimeoutError:
            raise ProviderError(f"{self.name} did not answer in time") from None
        except openai.APIConnectionError as exc:
            raise ProviderError(f"could not reach {self.name}: {redact(str(exc), self._key)}") from None
        except openai.APIError as exc:  # an answer the SDK could not read
            raise ProviderError(f"{self.name} answered something unreadable: {redact(str(exc), self._key)[:300]}") from None
        if not completion.choices:
            raise ProviderError(f"{self.name} answered without any choice")
        choice = completion.choices[0]
        calls = tuple(_tool_call(c) for c in choice.message.tool_calls or () if c.type == "function")
        usage = completion.usage
        spent = Usage(usage.prompt_tokens, usage.completion_tokens) if usage is not None else Usage()
        return Reply(choice.message.content or "", calls, spent, choice.finish_reason)


def _tool_call(call: Any) -> ToolCall:
    raw = call.function.arguments or "{}"
    try:
        arguments = json.loads(raw)
    except json.JSONDecodeError as exc:
        return ToolCall(call.id, call.function.name, {}, raw, f"the arguments are not valid JSON ({exc.msg})")
    if not isinstance(arguments, dict):
        return ToolCall(call.id, call.function.name, {}, raw, "the arguments must be a JSON object")
    return ToolCall(call.id, call.function.name, arguments, raw)


def _messages(messages: Sequence[Message]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for message in messages:
        if isinstance(message, UserMessage):
            out.append({"role": "user", "content": message.text})
        elif isinstance(message, AssistantMessage):
            turn: dict[str, Any] = {"role": "assistant", "content": message.text or None}
            if message.tool_calls:
                turn["tool_calls"] = [
                    {
                        "id": c.id,
                        "type": "function",
                        "function": {"name": c.name, "arguments": c.raw_arguments or json.dumps(dict(c.arguments))},
                    }
                    for c in message.tool_calls
                ]
            out.append(turn)
        elif isinstance(message, ToolOutputs):
            out += [{"role": "tool", "tool_call_id": o.call_id, "content": o.content} for o in message.outputs]
    return out
