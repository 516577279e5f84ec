"""Sub-agent mode: each action is one tool taking a single `instruction`.

A language model (see `mcp_gateway.agents`) turns the instruction into the action's
prop values, looking IDs up in the user's account and reloading dynamic props as it
goes, then runs the action. The caller's model never sees props at all.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mcp_gateway.agents import Outcome, SubAgent
from mcp_gateway.catalog import Action, Catalog, tool_name
from mcp_gateway.runtime.service import Caller

from .tools import (
    STASH_ARGUMENT,
    UnknownTool,
    error_result,
    file_blocks,
    split_stash_id,
    stash_note,
    stash_schema,
    takes_stash_id,
)

_TEXT_LIMIT = 20_000


def instruction_schema(action: Action) -> dict[str, Any]:
    schema = {
        "type": "object",
        "properties": {
            "instruction": {
                "type": "string",
                "description": (
                    "What to do, in plain words, with every detail it needs: the names of channels, spreadsheets, "
                    f"people or records as they appear in {action.app.name}, and the exact text or values. "
                    "IDs are looked up in the user's account; nobody can be asked follow-up questions."
                ),
            }
        },
        "required": ["instruction"],
        "additionalProperties": False,
    }
    if takes_stash_id(action):
        schema["properties"][STASH_ARGUMENT] = stash_schema(action)  # type: ignore[index]
    return schema


def instruction_tool(action: Action) -> dict[str, Any]:
    return {
        "name": tool_name(action),
        "title": action.name,
        "description": action.description,
        "inputSchema": instruction_schema(action),
        "annotations": action.annotations.to_mcp(action.name),
    }


@dataclass(frozen=True, slots=True)
class InstructionToolSet:
    tools: list[dict[str, Any]]
    by_name: dict[str, Action]


class SubAgentMode:
    def __init__(self, catalog: Catalog, agent: SubAgent) -> None:
        self._catalog = catalog
        self._agent = agent
        self._cache: dict[tuple[str, ...], InstructionToolSet] = {}

    def toolset(self, apps: tuple[str, ...]) -> InstructionToolSet:
        cached = self._cache.get(apps)
        if cached is None:
            actions = [a for slug in apps for a in self._catalog.tool_actions(slug)]
            tools = [instruction_tool(a) for a in actions]
            cached = self._cache[apps] = InstructionToolSet(tools, {t["name"]: a for t, a in zip(tools, actions)})
        return cached

    async def call(self, apps: tuple[str, ...], caller: Caller, name: str, arguments: Mapping[str, Any]) -> dict[str, Any]:
        action = self.toolset(apps).by_name.get(name)
        if action is None:
            raise UnknownTool(f"unknown tool {name!r}; call tools/list for the tools of apps {', '.join(apps)}")
        arguments, stash_id = split_stash_id(action, arguments, files=self._agent.files_available)
        extra = sorted(k for k in arguments if k != "instruction")
        if extra:
            allowed = "`instruction` and `stash_id`" if takes_stash_id(action) else "only `instruction`"
            return error_result(f"{name} takes {allowed}, not {', '.join(extra)}: say everything in the instruction")
        instruction = arguments.get("instruction")
        if not isinstance(instruction, str) or not instruction.strip():
            return error_result(f"{name} needs `instruction`: say in plain words what to do, with the names and values it needs")
        # AccountRequired goes up: how to ask for the account depends on the client.
        return outcome_result(await self._agent.run(action, instruction, caller, stash_id=stash_id))


def outcome_result(outcome: Outcome) -> dict[str, Any]:
    """An outcome as an MCP tool result: text leading with `$summary` and the values used, the
    run and `configured_props` (never secret values) as structured content."""
    account = outcome.account()
    used = f"Values used:\n{account}" if account else ""
    configured = {"configured_props": outcome.configured_props}
    run = outcome.run
    if run is None:
        text = "\n\n".join(part for part in (outcome.error or "The action was not run.", used) if part)
        structured = {"error": outcome.error, "stop": outcome.stop, **configured}
        return {"content": [{"type": "text", "text": text}], "structuredContent": structured, "isError": True}
    structured = {**run.to_json(), **configured}
    if run.error is not None:
        text = "\n\n".join(part for part in (f"Error: {run.error}", run.summary or "", used) if part)
        return {"content": [{"type": "text", "text": text}], "structuredContent": structured, "isError": True}
    body = json.dumps(run.ret, ensure_ascii=False, default=str)
    if len(body) > _TEXT_LIMIT:
        body = body[:_TEXT_LIMIT] + "... (truncated; the full result is in structuredContent.ret)"
    text = "\n\n".join(part for part in (run.summary or "", used, body) if part) + stash_note(run)
    content = [{"type": "text", "text": text}, *file_blocks(run.files)]
    return {"content": content, "structuredContent": structured, "isError": False}
