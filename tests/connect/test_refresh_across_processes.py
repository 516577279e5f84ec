"""Two gateway processes (two brokers on one database) meeting the same expired token refresh
it once: with rotating refresh tokens a second refresh would be refused and kill the account."""

from __future__ import annotations

import asyncio

from mcp_gateway.catalog import App, OAuth
from mcp_gateway.connect.accounts import Accounts
from mcp_gateway.connect.credentials import CredentialBroker
from mcp_gateway.connect.oauth_apps import OAuthApps
from mcp_gateway.connect.vault import Vault
from mcp_gateway.store.db import Database
from mcp_gateway.store.models import Project
from tests.connect.test_oauth_provider import connect, provider  # noqa: F401  (the provider fixture)

KEY = b"refresh-test-master-secret-0123456789abcdef"


async def test_concurrent_refreshes_from_two_processes_make_one_token_request(tmp_path, provider):  # noqa: F811
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'r.db'}")
    await db.migrate()
    vault = Vault([KEY])
    accounts = Accounts(db, vault)
    oauth_apps = OAuthApps(db, vault)
    await oauth_apps.add("loopback", "post-app", "post-secret")
    app = App("loopback", "Loopback", "The test provider.", auth=OAuth(authorize_url=provider.authorize_url, token_url=provider.token_url))
    async with db.session() as s, s.begin():
        s.add(Project(id="proj_x", name="x"))
    granted = await asyncio.to_thread(connect, provider)
    account_id = await accounts.add(
        "proj_x", "development", "u", "loopback",
        {"oauth_access_token": granted["access_token"], "oauth_refresh_token": granted["refresh_token"]},
    )
    account = await accounts.reload(account_id)
    brokers = [CredentialBroker(accounts, oauth_apps) for _ in range(2)]
    results = await asyncio.gather(
        *(b.after_unauthorized(app, account, granted["access_token"]) for b in brokers for _ in range(3))
    )
    assert [r["grant_type"] for r in provider.token_requests].count("refresh_token") == 1
    new_token = provider.issued_access_tokens()[-1]
    assert {r["oauth_access_token"] for r in results} == {new_token}
    after = await accounts.reload(account_id)
    assert after.healthy and after.credentials["oauth_access_token"] == new_token
    await db.close()
