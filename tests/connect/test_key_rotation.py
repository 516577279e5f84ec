"""Rotating the master secret: old data keeps working beside the new key, `vault rotate` moves
everything to it, and the old key can then be dropped."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from mcp_gateway.connect.accounts import Accounts
from mcp_gateway.connect.developer_auth import DeveloperAuth
from mcp_gateway.connect.oauth_apps import OAuthApps
from mcp_gateway.connect.rotation import reencrypt_all
from mcp_gateway.connect.vault import Vault, VaultError
from mcp_gateway.store.db import Database

pytestmark = pytest.mark.both_databases

OLD = b"old-master-secret-0123456789-abcdefghijklmnop"
NEW = b"new-master-secret-0123456789-abcdefghijklmnop"


async def test_rotation_keeps_everything_readable_and_retires_the_old_key(database_url):
    db = Database(database_url)
    await db.migrate()
    old_vault = Vault([OLD])
    old_auth = DeveloperAuth(db, [OLD], old_vault)
    project = await old_auth.create_project("p")
    old_token, _ = await old_auth.issue_token(project.client_id, project.client_secret)
    account_id = await Accounts(db, old_vault).add(project.project_id, "development", "u", "github", {"oauth_access_token": "gho_x"})
    oauth_app_id = await OAuthApps(db, old_vault).add("github", "client-1", "client-secret-1")

    both = Vault([NEW, OLD])
    both_auth = DeveloperAuth(db, [NEW, OLD], both)
    assert both_auth.verify(f"Bearer {old_token}").project_id == project.project_id
    resolved = await Accounts(db, both).resolve(project.project_id, "development", "u", "github")
    assert resolved is not None and resolved.credentials == {"oauth_access_token": "gho_x"}

    counts = await reencrypt_all(db, both)
    assert counts["accounts"] == 1 and counts["oauth_apps"] == 1 and counts["projects"] == 1
    assert (await reencrypt_all(db, both))["accounts"] == 0  # nothing left under the old key

    only_new = Vault([NEW])
    assert (await Accounts(db, only_new).reload(account_id)).credentials == {"oauth_access_token": "gho_x"}
    assert (await OAuthApps(db, only_new).resolve(project.project_id, "github", oauth_app_id)).client_secret == "client-secret-1"
    new_auth = DeveloperAuth(db, [NEW], only_new)
    assert await new_auth.webhook_secret(project.project_id) == project.webhook_secret
    token, _ = await new_auth.issue_token(project.client_id, project.client_secret)  # client secrets do not depend on the key
    assert new_auth.verify(f"Bearer {token}").project_id == project.project_id
    try:
        await Accounts(db, old_vault).reload(account_id)
    except VaultError as exc:
        assert "not configured" in str(exc)
    else:
        raise AssertionError("the old key alone must no longer decrypt rotated credentials")
    await db.close()


def test_vault_rotate_command(tmp_path, database_url):
    env = {**os.environ, "MCP_GATEWAY_DATA_DIR": str(tmp_path), "MCP_GATEWAY_DATABASE_URL": database_url,
           "MCP_GATEWAY_SECRET_KEY": OLD.decode()}
    run = lambda *args, **kw: subprocess.run([sys.executable, "-m", "mcp_gateway", *args], capture_output=True, text=True, **kw)
    added = run("accounts", "add", "--app", "github", "--external-user-id", "u", input='{"oauth_access_token": "gho_y"}', env=env)
    assert added.returncode == 0, added.stderr
    rotated_env = {**env, "MCP_GATEWAY_SECRET_KEY": NEW.decode(), "MCP_GATEWAY_PREVIOUS_SECRET_KEYS": OLD.decode()}
    rotated = run("vault", "rotate", env=rotated_env)
    assert rotated.returncode == 0, rotated.stderr
    assert json.loads(rotated.stdout)["reencrypted"]["accounts"] == 1

