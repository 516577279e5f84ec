"""Asking for a missing account: a Connect Link in the tool result, or, for clients that
declare URL-mode elicitation, the protocol's own way of sending the user to a URL.

No link is offered for an OAuth app this gateway has no OAuth client for: none could work, and
the agent is told so instead. Over stdio the result also prints the command that stores the
account from a terminal."""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from mcp_gateway.catalog import App, Catalog, Keys
from mcp_gateway.commands import LocalCommands
from mcp_gateway.connect.connections import Connections
from mcp_gateway.connect.flow import ConnectFlow
from mcp_gateway.connect.oauth_apps import OAuthClientMissing
from mcp_gateway.connect.tokens import ConnectTokenError, ConnectTokens
from mcp_gateway.runtime.errors import AccountRequired
from mcp_gateway.runtime.service import Caller

from .params import McpParams
from .sessions import StreamHub

logger = logging.getLogger(__name__)

URL_ELICITATION_REQUIRED = -32042
# How long a 2026-07-28 retry waits for the user to finish connecting (under common proxy timeouts).
CONNECT_WAIT_SECONDS = 25.0
ACCOUNT_META_KEY = "mcp-gateway/accountRequired"
_FIRST_URL_ELICITATION_VERSION = "2025-11-25"


@dataclass(frozen=True, slots=True)
class ClientContext:
    """What the server knows of the client making a request."""

    protocol_version: str
    capabilities: Mapping[str, Any] | None = None
    # Where the Connect Link page is served; None when this process serves no HTTP.
    base_url: str | None = None
    # The MCP session, where the transport has one: a conversation to keep state in.
    session_id: str | None = None
    # Over stdio, for one local user: how that user runs `mcp-gateway` commands beside this server.
    local: LocalCommands | None = None
    # Where messages for the client go while a request is answered (notifications, and requests
    # when `can_request`); None when the transport has nowhere to put them.
    emit: Callable[[dict[str, Any]], None] | None = None
    can_request: bool = False

    def conversation_id(self, mcp: McpParams) -> str | None:
        """The conversation a request belongs to: the one it names, else its session."""
        return mcp.conversation_id or self.session_id

    @property
    def url_elicitation(self) -> bool:
        elicitation = (self.capabilities or {}).get("elicitation")
        return isinstance(elicitation, Mapping) and isinstance(elicitation.get("url"), Mapping)


@dataclass(frozen=True, slots=True)
class AccountRequest:
    """How to answer a call whose user must connect an account first."""

    result: dict[str, Any] | None = None  # a tool result or an input_required result
    error: tuple[int, str, dict[str, Any]] | None = None  # a JSON-RPC error


class AccountLinks:
    def __init__(self, catalog: Catalog, tokens: ConnectTokens, flow: ConnectFlow, connections: Connections,
                 hub: StreamHub) -> None:
        self._catalog = catalog
        self._tokens = tokens
        self._flow = flow
        self._connections = connections
        self._hub = hub

    def link_opened(self, exc: AccountRequired, call_params: Mapping[str, Any]) -> bool:
        """Whether a 2026-07-28 retry says the user accepted to open this app's Connect Link."""
        answer = (call_params.get("inputResponses") or {}).get(_input_key(exc.app_slug))
        return isinstance(answer, Mapping) and answer.get("action") == "accept"

    async def wait_for_account(self, exc: AccountRequired, caller: Caller) -> bool:
        """Wait, a bounded time, for the user to finish connecting the app (on any process)."""
        async with self._connections.waiting(caller.project_id, caller.environment, caller.external_user_id,
                                             exc.app_slug) as connected:
            try:
                async with asyncio.timeout(CONNECT_WAIT_SECONDS):
                    await connected.get()
            except TimeoutError:
                return False
        return True

    async def connected(self, project_id: str, environment: str, external_user_id: str, app_slug: str) -> None:
        """Tell the sessions that sent the user to connect this app that they have."""
        for wait in await self._connections.take(project_id, environment, external_user_id, app_slug):
            await self._hub.send(str(wait.get("session")), {
                "jsonrpc": "2.0", "method": "notifications/elicitation/complete",
                "params": {"elicitationId": wait.get("elicitationId")}})

    async def request(
        self, exc: AccountRequired, caller: Caller, client: ClientContext, call_params: Mapping[str, Any], *, modern: bool
    ) -> AccountRequest:
        app = self._catalog.apps[exc.app_slug]
        local = local_hint(client.local, app, caller) if client.local is not None else None
        if client.base_url is not None:
            try:
                await self._flow.check_connectable(caller.project_id, app.slug, base_url=client.base_url)
            except OAuthClientMissing:
                return AccountRequest(result=not_set_up_result(exc, app, local))
        url = await self._link(exc, caller, client)
        if url is not None and client.url_elicitation:
            message = f"{exc} Open the link to connect it."
            elicitation = {"mode": "url", "elicitationId": secrets.token_urlsafe(12), "url": url, "message": message}
            if modern and not self.link_opened(exc, call_params):
                return AccountRequest(
                    result={
                        "resultType": "input_required",
                        "inputRequests": {_input_key(exc.app_slug): {"method": "elicitation/create", "params": elicitation}},
                    }
                )
            if not modern and client.protocol_version >= _FIRST_URL_ELICITATION_VERSION:
                if client.session_id is not None:  # told with elicitation/complete once the user has connected
                    await self._connections.remember(caller.project_id, caller.environment, caller.external_user_id,
                                                     exc.app_slug, {"session": client.session_id,
                                                                    "elicitationId": elicitation["elicitationId"]})
                return AccountRequest(error=(URL_ELICITATION_REQUIRED, message, {"elicitations": [elicitation]}))
            # A modern retry whose user has still not connected falls through to the plain answer.
        return AccountRequest(result=account_required_result(exc, url, local))

    async def _link(self, exc: AccountRequired, caller: Caller, client: ClientContext) -> str | None:
        if client.base_url is None:
            return None
        try:
            issued = await self._tokens.create(
                caller.project_id,
                caller.environment,
                caller.external_user_id,
                base_url=client.base_url,
                app_slug=exc.app_slug,
            )
        except ConnectTokenError as err:
            logger.warning("could not create a connect link: %s", err)
            return None
        return issued.connect_link_url


def _input_key(app_slug: str) -> str:
    return f"connect-{app_slug}"


def account_required_result(exc: AccountRequired, url: str | None, local: str | None = None) -> dict[str, Any]:
    """A tool result (not an error) telling the user where to connect the account."""
    if url is not None:
        text = (
            f"{exc}\n\nTo connect it, the user opens this link in a browser (valid for 4 hours):\n{url}\n\n"
            "Show the link to the user as it is, then call the tool again once they say they are done."
        )
    elif local is not None:
        text = (f"{exc}\n\nThis stdio server has no Connect Link to offer (set MCP_GATEWAY_PUBLIC_URL to a gateway "
                "served on the same database for one).")
    else:
        text = f"{exc}\n\nNo Connect Link could be made for the user; the gateway's log says why."
    if local is not None:
        text += f"\n\n{local}"
    return _result(text, {"app": exc.app_slug, "connectLinkUrl": url})


def not_set_up_result(exc: AccountRequired, app: App, local: str | None = None) -> dict[str, Any]:
    """A tool result for an app nobody can connect yet: no link, and no point in retrying."""
    text = (
        f"{exc.situation} {app.name} is not set up on this gateway yet: the user cannot connect a {app.name} account "
        f"until the gateway's operator configures it. Tell the user that, and that {app.name} tools will work once "
        "the operator has set it up; calling the tool again will not help until then."
    )
    if local is not None:  # the local user is this gateway's operator, and may store the account directly
        text += f"\n\n{local}"
    return _result(text, {"app": app.slug, "connectLinkUrl": None, "readyToConnect": False})


def local_hint(local: LocalCommands, app: App, caller: Caller) -> str:
    """The command that stores the account from a terminal on the stdio server's machine."""
    command = local.accounts_add(app.slug, caller.project_id, caller.environment, caller.external_user_id)
    withheld = (f"Set {', '.join(local.withheld)} for it as this server has them (secrets are not shown here). "
                if local.withheld else "")
    return (
        f"To connect it from a terminal on this machine, run:\n{command}\n\n"
        f"and type the {app.name} credentials as one JSON object, such as {_credentials_example(app)}, then end the "
        f"input (Ctrl-D). {withheld}Then call the tool again."
    )


def _credentials_example(app: App) -> str:
    required = [f.name for f in app.auth.fields if not f.optional] if isinstance(app.auth, Keys) else ["oauth_access_token"]
    required += [f.name for f in app.custom_fields if not f.optional]
    return json.dumps(dict.fromkeys(required, "..."))


def _result(text: str, meta: dict[str, Any]) -> dict[str, Any]:
    return {"content": [{"type": "text", "text": text}], "isError": False, "_meta": {ACCOUNT_META_KEY: meta}}
