"""Accounts refuse references that do not exist, with a message that says which."""

from __future__ import annotations

import pytest

from mcp_gateway.connect.accounts import AccountError, Accounts
from mcp_gateway.connect.vault import Vault
from mcp_gateway.store.db import Database

pytestmark = pytest.mark.both_databases


async def test_an_account_for_a_missing_project_is_refused_clearly(database_url):
    db = Database(database_url)
    await db.migrate()
    with pytest.raises(AccountError, match="^project proj_missing does not exist$"):
        await Accounts(db, Vault([b"k" * 40])).add("proj_missing", "development", "u", "github", {"oauth_access_token": "x"})
    await db.close()
