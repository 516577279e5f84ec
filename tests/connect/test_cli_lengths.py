"""Operator commands given a value longer than its column keeps say which and the limit, the
same on every database (PostgreSQL would refuse the row with a raw error, SQLite keep it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.both_databases


@pytest.fixture
def cli(tmp_path, database_url):
    env = {**os.environ, "MCP_GATEWAY_DATA_DIR": str(tmp_path), "MCP_GATEWAY_DATABASE_URL": database_url,
           "MCP_GATEWAY_SECRET_KEY": "cli-lengths-master-secret-0123456789-abcdef"}

    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "mcp_gateway", *args], input=stdin, capture_output=True, text=True,
                              env=env, timeout=60, check=False)

    return run


def test_values_too_long_for_the_store_are_named_with_their_limit(cli):
    created = cli("project", "create", "--name", "ops")
    assert created.returncode == 0, created.stderr
    project_id = json.loads(created.stdout)["project_id"]
    credentials = '{"oauth_access_token": "gho_x"}'
    refused = [
        (cli("project", "create", "--name", "p" * 201), "name is 201 characters; the limit is 200"),
        (cli("project", "configure", "--project-id", project_id, "--logo-url", "https://app.example/" + "x" * 1981),
         "logo_url is 2001 characters; the limit is 2000"),
        (cli("oauth-apps", "add", "--app", "github", "--client-id", "c" * 501, stdin="client-secret\n"),
         "client_id is 501 characters; the limit is 500"),
        (cli("accounts", "add", "--app", "github", "--external-user-id", "u", "--name", "a" * 201, stdin=credentials),
         "name is 201 characters; the limit is 200"),
        (cli("accounts", "add", "--app", "github", "--external-user-id", "u" * 251, stdin=credentials),
         "external user id is 251 characters; the limit is 250"),
    ]
    for answer, message in refused:
        assert (answer.returncode, answer.stderr.strip()) == (2, f"mcp-gateway: {message}"), answer.stderr
