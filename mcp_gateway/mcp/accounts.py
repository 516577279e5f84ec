"""Asking for a missing account: a Connect Link in the tool result, or, for clients that
declare URL-mode elicitation, the protocol's own way of sending the user to a URL."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mcp_gateway.connect.tokens import ConnectTokenError, ConnectTokens
from mcp_gateway.runtime.errors import AccountRequired
from mcp_gateway.runtime.service import Caller

from .params import McpParams

logger = logging.getLogger(__name__)

URL_ELICITATION_REQUIRED = -32042
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
    def __init__(self, tokens: ConnectTokens) -> None:
        self._tokens = tokens

    async def request(
        self, exc: AccountRequired, caller: Caller, client: ClientContext, call_params: Mapping[str, Any], *, modern: bool
    ) -> AccountRequest:
        url = await self._link(exc, caller, client)
        if url is not None and client.url_elicitation:
            message = f"{exc} Open the link to connect it."
            elicitation = {"mode": "url", "elicitationId": secrets.token_urlsafe(12), "url": url, "message": message}
            if modern and not call_params.get("inputResponses"):
                return AccountRequest(
                    result={
                        "resultType": "input_required",
                        "inputRequests": {f"connect-{exc.app_slug}": {"method": "elicitation/create", "params": elicitation}},
                    }
                )
            if not modern and client.protocol_version >= _FIRST_URL_ELICITATION_VERSION:
                return AccountRequest(error=(URL_ELICITATION_REQUIRED, message, {"elicitations": [elicitation]}))
            # A modern retry that still finds no account falls through to the plain answer.
        return AccountRequest(result=account_required_result(exc, url))

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


def account_required_result(exc: AccountRequired, url: str | None) -> dict[str, Any]:
    """A tool result (not an error) telling the user where to connect the account."""
    if url is not None:
        text = (
            f"{exc}\n\nTo connect it, the user opens this link in a browser (valid for 4 hours):\n{url}\n\n"
            "Show the link to the user as it is, then call the tool again once they say they are done."
        )
    else:
        text = (
            f"{exc}\n\nThis gateway has no public URL for Connect Links (set MCP_GATEWAY_PUBLIC_URL to a served "
            "gateway); an operator can add the account with `mcp-gateway accounts add`."
        )
    return {
        "content": [{"type": "text", "text": text}],
        "isError": False,
        "_meta": {ACCOUNT_META_KEY: {"app": exc.app_slug, "connectLinkUrl": url}},
    }
