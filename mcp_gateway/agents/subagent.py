"""The sub-agent loop: a language model configures one action from an instruction and runs it.

The model gets the workbench's narrow tools and nothing else. The loop ends when the
action has run, when the model gives up, or at the first limit reached: model calls,
time, or tokens. A run that has started is never cut short by the loop's time limit
(it may already have changed something upstream); it has the runtime's own limit.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from mcp_gateway.catalog import Action
from mcp_gateway.config import Settings
from mcp_gateway.runtime.engine import RunResult
from mcp_gateway.runtime.service import Caller, Runtime

from .chat import AssistantMessage, Message, Provider, ProviderError, ToolOutput, ToolOutputs, Usage, UserMessage
from .prompt import NUDGE, instruction_message, system_prompt
from .providers import LLMConfig, make_provider
from .workbench import RUN, TOOLS, Choice, Finished, Workbench

logger = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Limits:
    """What one instruction may cost: model calls, seconds for the whole loop, tokens over all calls."""

    max_steps: int = 8
    timeout: float = 60.0
    max_tokens: int = 100_000
    # The most one answer may generate (the rest of the token budget caps it further).
    reply_tokens: int = 4096

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        return cls(settings.llm_max_steps, settings.llm_timeout, settings.llm_max_tokens)


@dataclass(frozen=True, slots=True)
class Outcome:
    """How an instruction ended: the run (if the action ran), or why it did not."""

    action: Action
    run: RunResult | None = None
    # Why the action did not run, for the caller's model to act on.
    error: str | None = None
    # "fail" (the model gave up), "max_steps", "timeout", "token_budget", "provider".
    stop: str | None = None
    choices: tuple[Choice, ...] = ()
    configured_props: dict[str, Any] = field(default_factory=dict)
    steps: int = 0
    usage: Usage = field(default_factory=Usage)

    @property
    def ok(self) -> bool:
        return self.run is not None and self.run.error is None

    def account(self) -> str:
        """The values used, one line each, with the option labels where options gave them."""
        lines = []
        for c in self.choices:
            if c.secret:
                shown = "(secret)"
            else:
                shown = c.value if isinstance(c.value, str) else json.dumps(c.value, ensure_ascii=False, default=str)
                if len(shown) > 200:
                    shown = shown[:197] + "..."
                if c.option_label is not None and c.option_label != c.value:
                    shown += f" ({c.option_label})"
            lines.append(f"- {c.label}: {shown}")
        return "\n".join(lines)


class _OutOfTime(Exception):
    pass


class SubAgent:
    def __init__(self, runtime: Runtime, provider: Provider, limits: Limits | None = None, *, via: str = "mcp") -> None:
        self._runtime = runtime
        self._provider = provider
        self.limits = limits or Limits()
        self._via = via

    @classmethod
    def from_settings(cls, runtime: Runtime, settings: Settings) -> SubAgent | None:
        """The sub-agent the settings describe, or None when no LLM provider is configured."""
        config = LLMConfig.from_settings(settings)
        if config is None:
            return None
        return cls(runtime, make_provider(config), Limits.from_settings(settings))

    @property
    def files_available(self) -> bool:
        """Whether runs can have a File Stash (the gateway has a file store)."""
        return self._runtime.files is not None

    async def run(self, action: Action, instruction: str, caller: Caller, *, stash_id: str | bool | None = None) -> Outcome:
        """Configure and run `action` for `instruction`, with `stash_id` as in `Runtime.run`.
        `AccountRequired` propagates unchanged."""
        limits = self.limits
        bench = Workbench(self._runtime, action, caller, via=self._via, stash_id=stash_id)
        system = system_prompt(action)
        messages: list[Message] = [UserMessage(instruction_message(instruction))]
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limits.timeout
        used = Usage()
        steps = 0

        def end(**kw: Any) -> Outcome:
            outcome = Outcome(
                action, choices=tuple(bench.choices()), configured_props=bench.configured_props(),
                steps=steps, usage=used, **kw,
            )
            logger.info(
                "sub-agent %s: %s after %d model calls, %d tokens",
                action.key, outcome.stop or ("ran" if outcome.ok else "ran with an error"), steps, used.total,
            )
            return outcome

        def so_far() -> str:
            missing = bench.missing()
            state = f" Still missing: {', '.join(missing)}." if missing else ""
            return f"{action.key} was not run.{state}"

        try:
            while True:
                if steps >= limits.max_steps:
                    return end(stop="max_steps", error=(
                        f"The sub-agent stopped after {steps} model calls, its limit, without finishing. {so_far()} "
                        "Give a more specific instruction (exact names and values), or configure the action directly."
                    ))
                budget = limits.max_tokens - used.total
                if budget <= 0:
                    return end(stop="token_budget", error=(
                        f"The sub-agent used {used.total} tokens, its budget of {limits.max_tokens}, without "
                        f"finishing. {so_far()} Give a shorter, more specific instruction."
                    ))
                steps += 1
                reply = await _within(loop, deadline, self._provider.complete(
                    system=system, messages=messages, tools=TOOLS, max_tokens=min(limits.reply_tokens, budget),
                ))
                used = Usage(used.input_tokens + reply.usage.input_tokens, used.output_tokens + reply.usage.output_tokens)
                messages.append(AssistantMessage(reply.text, reply.tool_calls))
                if not reply.tool_calls:
                    messages.append(UserMessage(NUDGE))
                    continue
                outputs: list[ToolOutput] = []
                for call in reply.tool_calls:
                    # A run is not cut short; everything else is bound by the deadline.
                    done = await (bench.call(call) if call.name == RUN else _within(loop, deadline, bench.call(call)))
                    if isinstance(done, Finished):
                        if done.run is not None:
                            return end(run=done.run)
                        return end(stop="fail", error=f"Could not do this: {done.failure}")
                    outputs.append(done)
                messages.append(ToolOutputs(tuple(outputs)))
        except _OutOfTime:
            return end(stop="timeout", error=(
                f"The sub-agent did not finish within {limits.timeout:g} s. {so_far()} "
                "Try again, or give a more specific instruction."
            ))
        except ProviderError as exc:
            return end(stop="provider", error=f"The sub-agent's language model could not be used: {exc}. {so_far()}")


async def _within(loop: asyncio.AbstractEventLoop, deadline: float, work: Awaitable[T]) -> T:
    if loop.time() >= deadline:
        if asyncio.iscoroutine(work):
            work.close()
        raise _OutOfTime
    try:
        async with asyncio.timeout_at(deadline) as scope:
            return await work
    except TimeoutError:
        if scope.expired():
            raise _OutOfTime from None
        raise
