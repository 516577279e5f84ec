"""A scripted language model on 127.0.0.1 that speaks the providers' real wire formats.

Anthropic's `POST /v1/messages` and OpenAI's `POST /v1/chat/completions` answer from one
script: a list of steps, each a function of the request received that returns a `Turn`
(text and tool calls, rendered in the format of the endpoint that was called), an
`ApiError`, or a raw JSON body. Steps read the tool results the client sent back through
`LLMRequest`, so a step can pick an option from a get_options answer. Every request is
recorded for assertions.

    llm = ScriptedLLM().start()
    llm.script(lambda r: Turn(calls=[("get_props", {})]), lambda r: Turn(text="done"))
    AsyncAnthropic(api_key="k", base_url=llm.anthropic_url)
    AsyncOpenAI(api_key="k", base_url=llm.openai_url)
"""

from __future__ import annotations

import asyncio
import json
import secrets
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Union

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from tests.support import free_port


@dataclass
class Turn:
    """One answer of the model: text and tool calls as (name, arguments) pairs."""

    text: str = ""
    calls: Sequence[tuple[str, dict[str, Any]]] = ()
    input_tokens: int = 120
    output_tokens: int = 30
    # Seconds to wait before answering (to exceed a client's time limit).
    delay: float = 0.0


@dataclass
class ApiError:
    """An error answer in the provider's error format; `kind` defaults to the provider's type for the status."""

    status: int
    message: str
    kind: str | None = None


Answer = Union[Turn, ApiError, dict]
Step = Callable[["LLMRequest"], Answer]

# The error type each provider sends with a status (Anthropic's errors page; OpenAI's error codes).
_ANTHROPIC_TYPES = {400: "invalid_request_error", 401: "authentication_error", 403: "permission_error",
                    404: "not_found_error", 413: "request_too_large", 429: "rate_limit_error", 500: "api_error",
                    529: "overloaded_error"}
_OPENAI_TYPES = {401: "invalid_request_error", 429: "rate_limit_exceeded", 500: "server_error", 503: "server_error"}


@dataclass
class LLMRequest:
    """A request as received, with provider-neutral readers for what the steps need."""

    api: str  # "anthropic" or "openai"
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def tool_names(self) -> list[str]:
        if self.api == "anthropic":
            return [t["name"] for t in self.body.get("tools", [])]
        return [t["function"]["name"] for t in self.body.get("tools", [])]

    @property
    def tools(self) -> dict[str, dict[str, Any]]:
        """Tool name to (description, JSON Schema) as sent."""
        if self.api == "anthropic":
            return {t["name"]: {"description": t["description"], "schema": t["input_schema"]} for t in self.body["tools"]}
        return {
            t["function"]["name"]: {"description": t["function"]["description"], "schema": t["function"]["parameters"]}
            for t in self.body["tools"]
        }

    @property
    def system(self) -> str:
        if self.api == "anthropic":
            system = self.body.get("system", "")
            return system if isinstance(system, str) else "".join(b.get("text", "") for b in system)
        first = self.body["messages"][0]
        return first["content"] if first["role"] in ("system", "developer") else ""

    @property
    def messages(self) -> list[dict[str, Any]]:
        return self.body["messages"]

    @property
    def instruction(self) -> str:
        """The text of the first user message."""
        for message in self.messages:
            if message["role"] == "user":
                content = message["content"]
                return content if isinstance(content, str) else "".join(b.get("text", "") for b in content if b.get("type") == "text")
        return ""

    def _call_names(self) -> dict[str, str]:
        names: dict[str, str] = {}
        for message in self.messages:
            if message["role"] != "assistant":
                continue
            if self.api == "anthropic":
                for block in message["content"] if isinstance(message["content"], list) else []:
                    if block.get("type") == "tool_use":
                        names[block["id"]] = block["name"]
            else:
                for call in message.get("tool_calls") or []:
                    names[call["id"]] = call["function"]["name"]
        return names

    def tool_results(self) -> list[dict[str, Any]]:
        """Every tool result sent so far, oldest first: {id, name, content (parsed JSON if it is), is_error}."""
        names = self._call_names()
        out = []
        for message in self.messages:
            if self.api == "anthropic" and message["role"] == "user" and isinstance(message["content"], list):
                for block in message["content"]:
                    if block.get("type") == "tool_result":
                        out.append(_result(block["tool_use_id"], names, block.get("content"), bool(block.get("is_error"))))
            elif self.api == "openai" and message["role"] == "tool":
                out.append(_result(message["tool_call_id"], names, message["content"], None))
        return out

    def last_result(self, name: str) -> Any:
        """The content of the latest result of tool `name`."""
        found = [r for r in self.tool_results() if r["name"] == name]
        assert found, f"no result of {name} in the request; tool results: {self.tool_results()}"
        return found[-1]["content"]


def _result(call_id: str, names: dict[str, str], content: Any, is_error: bool | None) -> dict[str, Any]:
    if isinstance(content, list):  # Anthropic content blocks
        content = "".join(b.get("text", "") for b in content if b.get("type") == "text")
    try:
        parsed = json.loads(content)
    except (TypeError, ValueError):
        parsed = content
    return {"id": call_id, "name": names.get(call_id), "content": parsed, "is_error": is_error}


@dataclass
class ScriptedLLM:
    """The server. `script()` sets the steps; `requests` holds every request received."""

    port: int = field(default_factory=free_port)
    requests: list[LLMRequest] = field(default_factory=list)
    _steps: list[Step] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: uvicorn.Server | None = None
    _thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def anthropic_url(self) -> str:
        """Anthropic's SDK takes the host and adds /v1/messages."""
        return self.url

    @property
    def openai_url(self) -> str:
        """OpenAI's SDK takes the URL up to /v1 and adds /chat/completions."""
        return f"{self.url}/v1"

    def script(self, *steps: Step) -> None:
        with self._lock:
            self._steps = list(steps)
            self.requests.clear()

    @property
    def remaining(self) -> int:
        return len(self._steps)

    def start(self) -> ScriptedLLM:
        app = Starlette(routes=[
            Route("/v1/messages", self._anthropic, methods=["POST"]),
            Route("/v1/chat/completions", self._openai, methods=["POST"]),
        ])
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off",
                                timeout_graceful_shutdown=1)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="scripted-llm", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the scripted LLM server did not start within 10 s")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(10)

    async def _answer(self, api: str, request: Request) -> Answer:
        received = LLMRequest(api, {k.lower(): v for k, v in request.headers.items()}, await request.json())
        with self._lock:
            self.requests.append(received)
            step = self._steps.pop(0) if self._steps else None
        if step is None:
            return ApiError(500, f"the script has no step left for request {len(self.requests)}")
        answer = step(received)
        if isinstance(answer, Turn) and answer.delay:
            await asyncio.sleep(answer.delay)
        return answer

    async def _anthropic(self, request: Request) -> JSONResponse:
        answer = await self._answer("anthropic", request)
        request_id = "req_" + secrets.token_hex(12)
        if isinstance(answer, ApiError):
            kind = answer.kind or _ANTHROPIC_TYPES.get(answer.status, "api_error")
            body: dict[str, Any] = {"type": "error", "error": {"type": kind, "message": answer.message}, "request_id": request_id}
            return JSONResponse(body, status_code=answer.status, headers={"request-id": request_id})
        if isinstance(answer, dict):
            return JSONResponse(answer, headers={"request-id": request_id})
        content: list[dict[str, Any]] = [{"type": "text", "text": answer.text}] if answer.text else []
        content += [{"type": "tool_use", "id": "toolu_" + secrets.token_hex(12), "name": name, "input": args}
                    for name, args in answer.calls]
        body = {
            "id": "msg_" + secrets.token_hex(12),
            "type": "message",
            "role": "assistant",
            "model": (await request.json())["model"],
            "content": content,
            "stop_reason": "tool_use" if answer.calls else "end_turn",
            "stop_sequence": None,
            "usage": {"input_tokens": answer.input_tokens, "output_tokens": answer.output_tokens,
                      "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0},
        }
        return JSONResponse(body, headers={"request-id": request_id})

    async def _openai(self, request: Request) -> JSONResponse:
        answer = await self._answer("openai", request)
        if isinstance(answer, ApiError):
            code = "invalid_api_key" if answer.status == 401 else None
            kind = answer.kind or _OPENAI_TYPES.get(answer.status, "invalid_request_error")
            body: dict[str, Any] = {"error": {"message": answer.message, "type": kind, "param": None, "code": code}}
            return JSONResponse(body, status_code=answer.status, headers={"x-request-id": "req_" + secrets.token_hex(12)})
        if isinstance(answer, dict):
            return JSONResponse(answer)
        message: dict[str, Any] = {"role": "assistant", "content": answer.text or None, "refusal": None,
                                   "annotations": []}
        if answer.calls:
            message["tool_calls"] = [
                {"id": "call_" + secrets.token_hex(12), "type": "function",
                 "function": {"name": name, "arguments": json.dumps(args)}}
                for name, args in answer.calls
            ]
        body = {
            "id": "chatcmpl-" + secrets.token_hex(12),
            "object": "chat.completion",
            "created": int(time.time()),
            "model": (await request.json())["model"],
            "choices": [{"index": 0, "message": message, "logprobs": None,
                         "finish_reason": "tool_calls" if answer.calls else "stop"}],
            "usage": {"prompt_tokens": answer.input_tokens, "completion_tokens": answer.output_tokens,
                      "total_tokens": answer.input_tokens + answer.output_tokens},
            "service_tier": "default",
            "system_fingerprint": "fp_scripted",
        }
        return JSONResponse(body)

