"""The work both servers do per tool call: the same function, so only the serving differs."""

from __future__ import annotations

import hashlib
from typing import Any

TOOL_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"message": {"type": "string"}, "repeat": {"type": "integer", "minimum": 1, "maximum": 10}},
    "required": ["message"],
    "additionalProperties": False,
}


def work(arguments: dict[str, Any]) -> dict[str, Any]:
    message = str(arguments.get("message", "")) * int(arguments.get("repeat", 1))
    return {"message": message, "sha256": hashlib.sha256(message.encode()).hexdigest()}
