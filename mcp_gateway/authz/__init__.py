"""The gateway's own credentials for MCP and REST callers: project API keys, the OAuth
authorization server MCP clients get end users' tokens from, and one place that turns an
`Authorization` header into a `Principal` whatever credential it carries."""

from .authenticate import Authenticator
from .clients import Clients
from .keys import KEY_PREFIX, ApiKeyError, ApiKeys, KeyInfo
from .server import AuthorizationServer
from .signin import SignIn

__all__ = ["KEY_PREFIX", "ApiKeyError", "ApiKeys", "Authenticator", "AuthorizationServer", "Clients", "KeyInfo", "SignIn"]
