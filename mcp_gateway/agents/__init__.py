"""Language models that configure and run actions: the providers and the sub-agent loop."""

from .chat import Provider, ProviderError, Reply, ToolCall, ToolSpec, Usage
from .providers import LLMConfig, make_provider
from .subagent import Limits, Outcome, SubAgent
from .workbench import Choice

__all__ = [
    "Choice",
    "LLMConfig",
    "Limits",
    "Outcome",
    "Provider",
    "ProviderError",
    "Reply",
    "SubAgent",
    "ToolCall",
    "ToolSpec",
    "Usage",
    "make_provider",
]
