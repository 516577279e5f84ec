"""Apps that are upstream MCP servers: their tools become the app's actions, and a call is
forwarded to the server with the user's own credentials.

An app folder holding `mcp.json` (written by `mcp-gateway apps add-mcp`) describes one:

    {"url": "https://mcp.example.com/mcp", "name": "Example", "description": "...",
     "auth": "none" | "token" | "oauth", "oauth": {"authorize_url", "token_url", "scopes", "resource"},
     "tools": [<the server's tools/list answer>]}

The tool list is a snapshot taken when the app is added (run the command again to refresh it),
so the gateway starts without reaching the upstream. With `"auth": "token"` each user connects
an account holding the token the server accepts; with `"auth": "oauth"` they sign in through
Connect at the authorization server the MCP authorization spec leads to (discovered, and this
gateway registered as its client, when the app is added). Either way the token is sent as
`Authorization: Bearer` to that server's URL and nowhere else.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from mcp_gateway.net import EgressDenied, EgressPolicy, http_client, sdk_http_client

from .errors import ActionError, CatalogError
from .model import App, KeyField, Keys, NoAuth, OAuth
from .openapi import action_name, humanize, schema_prop
from .props import Prop

REMOTE_FILE = "mcp.json"
_TIMEOUT = 60.0


class RemoteMcpError(CatalogError):
    """The server or its description cannot be used; the message says why."""


def load_remote_app(folder: Path) -> App:
    try:
        description = json.loads((folder / REMOTE_FILE).read_text())
    except (OSError, ValueError) as exc:
        raise RemoteMcpError(f"{folder / REMOTE_FILE}: {exc}") from None
    return build_remote_app(folder.name, description)


def build_remote_app(slug: str, spec: Mapping[str, Any]) -> App:
    url = str(spec.get("url") or "")
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise RemoteMcpError(f"the server URL must be an http(s) URL, not {url!r}")
    auth_kind = spec.get("auth", "none")
    if auth_kind not in ("none", "token", "oauth"):
        raise RemoteMcpError(f'auth must be "none", "token" or "oauth", not {auth_kind!r}')
    auth: Any = NoAuth()
    if auth_kind == "token":
        auth = Keys([KeyField("token", "Access Token", f"The token {parts.hostname} accepts as `Authorization: Bearer`.")])
    elif auth_kind == "oauth":
        oauth = spec.get("oauth") or {}
        if not oauth.get("authorize_url") or not oauth.get("token_url"):
            raise RemoteMcpError("an oauth server needs oauth.authorize_url and oauth.token_url")
        # RFC 8707: tokens are asked for this server alone, as the MCP authorization spec requires.
        resource = {"resource": str(oauth.get("resource") or url)}
        auth = OAuth(authorize_url=oauth["authorize_url"], token_url=oauth["token_url"],
                     scopes=list(oauth.get("scopes") or []), pkce=True,
                     extra_authorize_params=resource, extra_token_params=resource)
    app = App(
        slug,
        str(spec.get("name") or parts.hostname),
        str(spec.get("description") or f"The tools of the MCP server at {url}."),
        auth=auth,
        categories=list(spec.get("categories") or ["MCP Servers"]),
        base_url=url,
        allowed_domains=[parts.hostname],
    )
    tools = spec.get("tools") or []
    if not tools:
        raise RemoteMcpError(f"{url} lists no tools")
    for tool in tools:
        _declare(app, url, tool, token_field={"token": "token", "oauth": "oauth_access_token"}.get(auth_kind))
    return app


def _declare(app: App, url: str, tool: Mapping[str, Any], *, token_field: str | None) -> None:
    name = str(tool.get("name") or "")
    if not name:
        raise RemoteMcpError("a tool without a name cannot be offered")
    schema = tool.get("inputSchema") or {}
    needed = set(schema.get("required") or [])
    props: dict[str, Prop] = {
        prop: schema_prop(prop, sub if isinstance(sub, Mapping) else {}, (sub or {}).get("description"), prop in needed, None)
        for prop, sub in (schema.get("properties") or {}).items()
    }
    hints = tool.get("annotations") or {}
    title = str(tool.get("title") or hints.get("title") or humanize(name))

    async def run(ctx: Any) -> Any:
        arguments = {k: v for k, v in ctx.props.items() if k in props and v is not None}
        token = ctx.auth.get(token_field) if token_field else None
        result = await call_remote_tool(url, name, arguments, token, ctx.egress)
        text = "\n".join(block.get("text", "") for block in result["content"] if block.get("type") == "text").strip()
        if result["is_error"]:
            raise ActionError(f"{app.name} answered: {text or 'the tool failed'}")
        ctx.summary = f"{title}: {text.splitlines()[0][:200]}" if text else f"{title}: done"
        return result["structured"] if result["structured"] is not None else (text or result["content"])

    app.action(
        action_name(name), title=title, description=str(tool.get("description") or title), props=props,
        read_only=bool(hints.get("readOnlyHint")),
        destructive=bool(hints.get("destructiveHint")) and not hints.get("readOnlyHint"),
        idempotent=bool(hints.get("idempotentHint") or hints.get("readOnlyHint")),
        open_world=hints.get("openWorldHint", True) is not False,
    )(run)


async def list_remote_tools(url: str, token: str | None, egress: EgressPolicy) -> list[dict[str, Any]]:
    """The server's tools, as `tools/list` answers them (JSON field names). Raises RemoteMcpError."""
    client, statuses = _client(url, token, egress)
    try:
        async with client:
            listed = await client.list_tools()
    except Exception as exc:  # the transport's errors: unreachable, refused, a broken answer
        raise RemoteMcpError(describe_failure(exc, statuses)) from None
    return [tool.model_dump(by_alias=True, exclude_none=True, mode="json") for tool in listed.tools]


async def call_remote_tool(
    url: str, name: str, arguments: Mapping[str, Any], token: str | None, egress: EgressPolicy,
) -> dict[str, Any]:
    client, statuses = _client(url, token, egress)
    try:
        async with client:
            result = await client.call_tool(name, dict(arguments))
    except Exception as exc:
        raise ActionError(f"the MCP server at {url} could not be used: {describe_failure(exc, statuses)}") from None
    return {
        "content": [block.model_dump(by_alias=True, exclude_none=True, mode="json") for block in result.content],
        "structured": result.structured_content,
        "is_error": bool(result.is_error),
    }


async def discover_oauth(url: str, egress: EgressPolicy) -> dict[str, Any]:
    """Where the server's users sign in, per the MCP authorization spec: the protected resource's
    metadata (RFC 9728) names its authorization server, whose metadata (RFC 8414) names the
    endpoints. Raises RemoteMcpError saying what is missing."""
    parts = urlsplit(url)
    origin, path = f"{parts.scheme}://{parts.netloc}", parts.path.rstrip("/")
    async with http_client(egress, timeout=_TIMEOUT, follow_redirects=True) as http:
        resource = await _first_json(http, [f"{origin}/.well-known/oauth-protected-resource{path}",
                                            f"{origin}/.well-known/oauth-protected-resource"])
        if resource is None or not resource.get("authorization_servers"):
            raise RemoteMcpError(f"{url} publishes no protected resource metadata naming an authorization server "
                                 "(RFC 9728); use --auth token instead")
        issuer = str(resource["authorization_servers"][0]).rstrip("/")
        issued = urlsplit(issuer)
        as_origin, as_path = f"{issued.scheme}://{issued.netloc}", issued.path.rstrip("/")
        server = await _first_json(http, [f"{as_origin}/.well-known/oauth-authorization-server{as_path}",
                                          f"{as_origin}/.well-known/openid-configuration{as_path}",
                                          f"{issuer}/.well-known/openid-configuration"])
    if server is None or not server.get("authorization_endpoint") or not server.get("token_endpoint"):
        raise RemoteMcpError(f"the authorization server {issuer} publishes no metadata with its endpoints (RFC 8414)")
    return {
        "authorize_url": server["authorization_endpoint"],
        "token_url": server["token_endpoint"],
        "registration_url": server.get("registration_endpoint"),
        "scopes": list(resource.get("scopes_supported") or []),
        "resource": str(resource.get("resource") or url),
    }


async def register_client(registration_url: str, redirect_uri: str, egress: EgressPolicy) -> tuple[str, str]:
    """A client of the authorization server for this gateway (RFC 7591 dynamic registration)."""
    metadata = {"client_name": "mcp-gateway", "redirect_uris": [redirect_uri], "response_types": ["code"],
                "grant_types": ["authorization_code", "refresh_token"], "token_endpoint_auth_method": "client_secret_post"}
    async with http_client(egress, timeout=_TIMEOUT) as http:
        try:
            answer = await http.post(registration_url, json=metadata)
        except httpx.HTTPError as exc:
            raise RemoteMcpError(f"could not reach {registration_url}: {type(exc).__name__}") from None
        except EgressDenied as exc:
            raise RemoteMcpError(str(exc)) from None
    body = answer.json() if answer.headers.get("content-type", "").startswith("application/json") else {}
    if answer.status_code >= 400 or not body.get("client_id"):
        detail = body.get("error_description") or body.get("error") or f"HTTP {answer.status_code}"
        raise RemoteMcpError(f"the authorization server refused to register a client: {detail}")
    return str(body["client_id"]), str(body.get("client_secret") or "")


async def _first_json(http: Any, urls: list[str]) -> dict[str, Any] | None:
    for candidate in urls:
        try:
            answer = await http.get(candidate)
        except httpx.HTTPError:
            continue
        except EgressDenied as exc:
            raise RemoteMcpError(str(exc)) from None
        if answer.status_code == 200:
            try:
                data = answer.json()
            except ValueError:
                continue
            if isinstance(data, dict):
                return data
    return None


def _client(url: str, token: str | None, egress: EgressPolicy) -> tuple[Any, list[int]]:
    """An MCP client for the server, and the HTTP statuses it will have been answered with
    (the client reports a refused request only as a JSON-RPC error)."""
    from mcp import Client
    from mcp.client.streamable_http import streamable_http_client

    statuses: list[int] = []

    async def note(response: Any) -> None:
        statuses.append(response.status_code)

    headers = {"Authorization": f"Bearer {token}"} if token else {}
    http = sdk_http_client(egress, headers=headers, timeout=_TIMEOUT, event_hooks={"response": [note]})
    return Client(streamable_http_client(url, http_client=http), mode="auto"), statuses


def describe_failure(exc: BaseException, statuses: list[int]) -> str:
    """One line about a failure; exception groups (from the transport's task group) are unwrapped."""
    while isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        exc = exc.exceptions[0]
    if isinstance(exc, EgressDenied):
        return str(exc)
    refused = [s for s in statuses if s >= 400]
    if 401 in refused or 403 in refused:
        return (f"it refused the credentials ({refused[-1]}); the user should reconnect the account with a "
                "valid token")
    if refused:
        return f"it answered HTTP {refused[-1]}"
    return f"{type(exc).__name__}: {exc}"[:300]
