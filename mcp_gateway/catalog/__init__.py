"""The component model: apps, actions and props, and the catalog that holds them.

This is the public API the files under `tools/` are written against.
"""

from . import props
from .context import (
    LOG_LEVELS,
    AccountContext,
    AgentClient,
    ClientAnswerNeeded,
    InputRequired,
    MissingClientCapability,
    OptionsContext,
    Props,
    PropsContext,
    RunContext,
)
from .errors import ActionError, CatalogError, UpstreamError
from .http import AppHttp, retry_after_seconds, status_hint, upstream_error
from .model import Action, Annotations, App, Identity, KeyField, Keys, NoAuth, OAuth, tool_name
from .model import ReadResource, Resource, ResourceBody, ResourceTemplate
from .props import MISSING, Option, OptionsPage, Prop
from .registry import Catalog, load_catalog
from .schema import PropValidator, configurable_prop, input_schema
from .trim import each, within

__all__ = [
    "LOG_LEVELS",
    "MISSING",
    "AccountContext",
    "AgentClient",
    "Action",
    "ActionError",
    "Annotations",
    "App",
    "AppHttp",
    "Catalog",
    "CatalogError",
    "ClientAnswerNeeded",
    "Identity",
    "InputRequired",
    "KeyField",
    "MissingClientCapability",
    "Keys",
    "NoAuth",
    "OAuth",
    "Option",
    "OptionsContext",
    "OptionsPage",
    "Prop",
    "PropValidator",
    "Props",
    "PropsContext",
    "ReadResource",
    "Resource",
    "ResourceBody",
    "ResourceTemplate",
    "RunContext",
    "UpstreamError",
    "configurable_prop",
    "each",
    "input_schema",
    "load_catalog",
    "props",
    "retry_after_seconds",
    "tool_name",
    "status_hint",
    "upstream_error",
    "within",
]
