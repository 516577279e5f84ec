"""The OAuth client side fails with messages, not tracebacks, when the provider is unreachable."""

from __future__ import annotations

import pytest

from mcp_gateway.catalog import App, OAuth
from mcp_gateway.connect.oauth import OAuthFlowError, exchange_code, refresh
from mcp_gateway.connect.oauth_apps import OAuthClient
from tests.support import LOCAL_UPSTREAMS, free_port

CLOSED = f"http://127.0.0.1:{free_port()}"
APP = App("down", "Down", "A provider that is not running.", auth=OAuth(authorize_url=f"{CLOSED}/authorize", token_url=f"{CLOSED}/token"))
CLIENT = OAuthClient("oa_x", "down", None, None, "client", "secret")


async def test_code_exchange_against_an_unreachable_provider():
    with pytest.raises(OAuthFlowError, match="could not reach Down's token endpoint: ConnectError") as failed:
        await exchange_code(APP, CLIENT, code="c", redirect_uri="http://127.0.0.1/cb", code_verifier=None, egress=LOCAL_UPSTREAMS)
    assert failed.value.permanent is False


async def test_refresh_against_an_unreachable_provider_is_not_permanent():
    with pytest.raises(OAuthFlowError) as failed:
        await refresh(APP, CLIENT, {"oauth_access_token": "a", "oauth_refresh_token": "r"}, egress=LOCAL_UPSTREAMS)
    assert failed.value.permanent is False  # the account stays healthy; the next call tries again
