"""A value the provider sends only in its redirect back (Intuit's `realmId`, the QuickBooks
company) is kept with the account when the app names it in `redirect_fields`."""

from __future__ import annotations

import html
import re
import textwrap
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import httpx
import pytest

from mcp_gateway.web.connect import START_OAUTH_PATH
from tests.oauth_provider import OAuthProvider
from tests.support import GatewayServer, gateway_settings

APP = """
from mcp_gateway.catalog import App, Identity, OAuth


async def whoami(ctx):
    me = (await ctx.http.get("/me")).json()
    return Identity(name=me["email"], external_id=me["id"])


app = App(
    "demo_realm", "Demo Realm", "A provider on loopback that names the company in its redirect.",
    auth=OAuth(authorize_url="{provider}/oauth/authorize", token_url="{provider}/oauth/token", scopes=["profile"],
               pkce=True, redirect_fields=["realmId"]),
    base_url="{provider}/api",
    test=whoami,
)
"""
ACTION = """
from ..app import app


@app.action("company", title="Company", description="The company the account was connected for.", read_only=True)
async def run(ctx):
    ctx.summary = "Read the company"
    return {"realm": ctx.auth.get("realmId")}
"""
SECRET = "realm-client-secret-value"


@pytest.fixture
def provider():
    with OAuthProvider() as running:
        yield running


@pytest.fixture
def server(tmp_path, provider):
    tools = tmp_path / "tools" / "demo_realm"
    (tools / "actions").mkdir(parents=True)
    (tools / "app.py").write_text(textwrap.dedent(APP).replace("{provider}", provider.url))
    (tools / "actions" / "main.py").write_text(textwrap.dedent(ACTION))
    gateway = GatewayServer(gateway_settings(tmp_path / "data", custom_tools_dir=tmp_path / "tools",
                                             private_networks=("127.0.0.0/8",)))
    provider.add_client("realm-client", SECRET, [gateway.url + "/connect/oauth/callback"])
    gateway.start()
    gateway.call(gateway.gateway.oauth_apps.add("demo_realm", "realm-client", SECRET))
    yield gateway
    gateway.stop()


def test_a_redirect_field_reaches_the_account_and_the_action(server, provider):
    project = server.create_project()
    headers = {"Authorization": f"Bearer {server.token(project)}", "x-pd-environment": "development"}
    base = f"{server.url}/v1/connect/{project['project_id']}"
    link = httpx.post(f"{base}/tokens", json={"external_user_id": "quinn"}, headers=headers).json()
    with httpx.Client() as browser:
        start = browser.post(server.url + START_OAUTH_PATH, data={"token": link["token"], "app": "demo_realm"})
        assert start.status_code in (302, 303), start.text
        consent = browser.get(start.headers["location"])
        action = html.unescape(re.search(r'action="([^"]+)"', consent.text).group(1))
        back = browser.post(urljoin(provider.url, action), data={"confirm": "yes"})
        callback = back.headers["location"]
        assert callback.startswith(server.url + "/connect/oauth/callback")
        # The provider's redirect carries the company beside the code, as Intuit's does.
        query = dict(parse_qsl(urlsplit(callback).query)) | {"realmId": "9130347481243256"}
        done = browser.get(f"{server.url}/connect/oauth/callback?{urlencode(query)}")
        assert done.status_code == 200 and "id=success" in done.text
    ran = httpx.post(f"{base}/actions/run", headers=headers,
                     json={"id": "~/demo_realm-company", "external_user_id": "quinn", "configured_props": {}})
    assert ran.status_code == 200, ran.text
    assert ran.json()["ret"] == {"realm": "9130347481243256"}
