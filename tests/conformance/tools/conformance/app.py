"""The fixtures of the official MCP conformance suite: the tools its server scenarios call, named as
the scenarios call them. Loaded by the conformance tests alone (MCP_GATEWAY_CUSTOM_TOOLS_DIR),
never shipped with the gateway."""

from collections.abc import Mapping
from typing import Any

from mcp_gateway.catalog import ActionError, App, NoAuth

app = App(
    "conformance",
    "MCP Conformance Fixtures",
    "Tools the official MCP conformance suite calls to check the gateway's protocol support.",
    auth=NoAuth(),
    categories=["Developer Tools"],
)

# A 1x1 red PNG and 8 samples of 8 kHz mono silence as WAV, base64: the smallest valid media.
RED_PIXEL_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"
SILENT_WAV = "UklGRiwAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQgAAACAgICAgICAgA=="

# The pause the logging and progress scenarios ask for between notifications, so that a client
# sees them arrive one by one during the call.
STEP_SECONDS = 0.05


def fixture(scenario: str, behaviour: str) -> str:
    """A fixture's description: which scenario calls it, and what it does."""
    return f"Conformance fixture for the `{scenario}` scenario of the official MCP conformance suite. {behaviour}"


def text_question(message: str, field: str) -> tuple[str, dict[str, Any]]:
    """An elicitation asking for one required string field."""
    return message, {"type": "object", "properties": {field: {"type": "string"}}, "required": [field]}


def accepted(answer: Mapping[str, Any], field: str) -> Any:
    """`field` of an elicitation the user accepted; an error result when they did not."""
    content = answer.get("content")
    if answer.get("action") != "accept" or not isinstance(content, Mapping) or field not in content:
        raise ActionError(f"the elicitation was not accepted with a {field!r}: {dict(answer)!r}")
    return content[field]


def sampled_text(result: Mapping[str, Any]) -> str:
    """The text of a sampling result (`CreateMessageResult`)."""
    content = result.get("content")
    blocks = content if isinstance(content, list) else [content]
    texts = [b.get("text") for b in blocks if isinstance(b, Mapping) and b.get("type") == "text"]
    if not texts:
        raise ActionError(f"the sampling result has no text: {dict(result)!r}")
    return " ".join(str(t) for t in texts)


# The app's resources, in a module of their own (the catalog loads app.py and actions/ only).
from . import resources  # noqa: E402, F401
