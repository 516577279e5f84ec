"""Two gateway processes (two brokers on one database) meeting the same expired token refresh
it once: with rotating refresh tokens a second refresh would be refused and kill the account.
The processes take turns through a lease in the database, or a lock in Redis when they share one."""

from __future__ import annotations

import asyncio

import pytest

from mcp_gateway.catalog import App, OAuth
from mcp_gateway.connect.accounts import Accounts
from mcp_gateway.connect.credentials import CredentialBroker
from mcp_gateway.connect.oauth_apps import OAuthApps
from mcp_gateway.connect.vault import Vault
from mcp_gateway.store.db import Database
from mcp_gateway.store.models import Project
from mcp_gateway.store.shared import open_shared
from tests.connect.test_oauth_provider import connect, provider  # noqa: F401  (the provider fixture)
from tests.support import LOCAL_UPSTREAMS

KEY = b"refresh-test-master-secret-0123456789abcdef"

pytestmark = pytest.mark.both_databases


async def _connected_account(database_url: str, provider, project_id: str):  # noqa: F811
    """A store with the provider's OAuth client and one account connected to it."""
    db = Database(database_url)
    await db.migrate()
    vault = Vault([KEY])
    accounts = Accounts(db, vault)
    oauth_apps = OAuthApps(db, vault)
    await oauth_apps.add("loopback", "post-app", "post-secret")
    app = App("loopback", "Loopback", "The test provider.", auth=OAuth(authorize_url=provider.authorize_url, token_url=provider.token_url))
    async with db.session() as s, s.begin():
        s.add(Project(id=project_id, name=project_id))
    granted = await asyncio.to_thread(connect, provider)
    account_id = await accounts.add(
        project_id, "development", "u", "loopback",
        {"oauth_access_token": granted["access_token"], "oauth_refresh_token": granted["refresh_token"]},
    )
    return db, accounts, oauth_apps, app, granted, await accounts.reload(account_id)


async def test_concurrent_refreshes_from_two_processes_make_one_token_request(database_url, provider):  # noqa: F811
    db, accounts, oauth_apps, app, granted, account = await _connected_account(database_url, provider, "proj_x")
    brokers = [CredentialBroker(accounts, oauth_apps, egress=LOCAL_UPSTREAMS) for _ in range(2)]
    results = await asyncio.gather(
        *(b.after_unauthorized(app, account, granted["access_token"]) for b in brokers for _ in range(3))
    )
    assert [r["grant_type"] for r in provider.token_requests].count("refresh_token") == 1
    new_token = provider.issued_access_tokens()[-1]
    assert {r["oauth_access_token"] for r in results} == {new_token}
    after = await accounts.reload(account.id)
    assert after.healthy and after.credentials["oauth_access_token"] == new_token
    await db.close()


async def test_with_redis_the_refresh_waits_for_the_lock_another_process_holds(database_url, provider, redis_url):  # noqa: F811
    db, accounts, oauth_apps, app, granted, account = await _connected_account(database_url, provider, "proj_r")
    shared = [await open_shared(redis_url) for _ in range(3)]
    try:
        holder = await shared[2].try_lock(f"refresh:{account.id}", 30)
        assert holder is not None
        brokers = [CredentialBroker(accounts, oauth_apps, shared[i], egress=LOCAL_UPSTREAMS) for i in range(2)]
        refreshing = asyncio.gather(*(b.after_unauthorized(app, account, granted["access_token"]) for b in brokers for _ in range(2)))
        await asyncio.sleep(0.5)
        assert [r["grant_type"] for r in provider.token_requests].count("refresh_token") == 0
        await shared[2].unlock(f"refresh:{account.id}", holder)
        results = await asyncio.wait_for(refreshing, 20)
        assert [r["grant_type"] for r in provider.token_requests].count("refresh_token") == 1
        assert {r["oauth_access_token"] for r in results} == {provider.issued_access_tokens()[-1]}
    finally:
        for one in shared:
            await one.close()
        await db.close()
