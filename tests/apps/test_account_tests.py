"""Each app's account test: the request it sends, the identity it reads, and how it fails.

HTTP answers are shaped like the vendors' API references; PostgreSQL runs against the
throwaway server of tests/pg_server.py.
"""

from __future__ import annotations

import json
import socket
from contextlib import asynccontextmanager
from urllib.parse import unquote, urlsplit

import httpx
import pytest

from mcp_gateway.catalog import AccountContext, ActionError, AppHttp, Identity, UpstreamError
from tests.support import LOCAL_UPSTREAMS


@asynccontextmanager
async def account_context(app, creds):
    """What the Connect flow hands an account test: the credentials and the app's HTTP client."""
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(creds), base_url=app.base_url_for(creds),
                       allowed_domains=app.allowed_domains_for(creds))
        yield AccountContext(auth=creds, http=http, egress=LOCAL_UPSTREAMS)


async def run_test(app, creds):
    async with account_context(app, creds) as ctx:
        return await app.test(ctx)


# GitHub: https://docs.github.com/en/rest/users/users#get-the-authenticated-user

GITHUB_AUTH = {"oauth_access_token": "gho_16C7e42F292c6912E7710c838347Ae178B4a"}


async def test_github_identity_is_the_login_and_user_id(catalog, respx_mock):
    route = respx_mock.get("https://api.github.com/user").mock(
        return_value=httpx.Response(
            200,
            json={
                "login": "octocat",
                "id": 1,
                "node_id": "MDQ6VXNlcjE=",
                "avatar_url": "https://github.com/images/error/octocat_happy.gif",
                "url": "https://api.github.com/users/octocat",
                "html_url": "https://github.com/octocat",
                "type": "User",
                "site_admin": False,
                "name": "monalisa octocat",
                "email": "octocat@github.com",
            },
        )
    )

    identity = await run_test(catalog.apps["github"], GITHUB_AUTH)

    assert identity == Identity(name="octocat", external_id="1")
    request = route.calls.last.request
    assert request.method == "GET"
    assert request.headers["authorization"] == "Bearer gho_16C7e42F292c6912E7710c838347Ae178B4a"
    assert request.headers["accept"] == "application/vnd.github+json"
    assert request.headers["x-github-api-version"] == "2022-11-28"


async def test_github_rejected_token_raises(catalog, respx_mock):
    respx_mock.get("https://api.github.com/user").mock(
        return_value=httpx.Response(
            401, json={"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest", "status": "401"}
        )
    )

    with pytest.raises(UpstreamError, match="Bad credentials") as raised:
        await run_test(catalog.apps["github"], GITHUB_AUTH)
    assert raised.value.status == 401


# Slack: https://docs.slack.dev/reference/methods/auth.test

SLACK_AUTH = {"oauth_access_token": "xoxp-1234", "oauth_token_type": "user"}


async def test_slack_identity_is_the_user_in_the_workspace(catalog, respx_mock):
    route = respx_mock.post("https://slack.com/api/auth.test").mock(
        return_value=httpx.Response(
            200,
            json={
                "ok": True,
                "url": "https://subarachnoid.slack.com/",
                "team": "Subarachnoid Workspace",
                "user": "grace",
                "team_id": "T12345678",
                "user_id": "W12345678",
            },
        )
    )

    identity = await run_test(catalog.apps["slack"], SLACK_AUTH)

    assert identity == Identity(name="grace (Subarachnoid Workspace)", external_id="W12345678")
    request = route.calls.last.request
    assert request.headers["authorization"] == "Bearer xoxp-1234"
    assert request.headers["content-type"] == "application/json; charset=utf-8"
    assert json.loads(request.content) == {}


async def test_slack_invalid_auth_raises_with_the_error_code(catalog, respx_mock):
    # Slack answers failures with HTTP 200 and `ok: false`.
    respx_mock.post("https://slack.com/api/auth.test").mock(
        return_value=httpx.Response(200, json={"ok": False, "error": "invalid_auth"})
    )

    with pytest.raises(ActionError, match="invalid_auth"):
        await run_test(catalog.apps["slack"], SLACK_AUTH)


# Notion: GET /v1/users/me, https://developers.notion.com/changelog/retrieve-information-about-your-token
# (bot fields as in https://developers.notion.com/reference/user)

NOTION_AUTH = {"oauth_access_token": "ntn_4592_access"}


async def test_notion_identity_is_the_workspace_and_bot_of_the_authorization(catalog, respx_mock):
    route = respx_mock.get("https://api.notion.com/v1/users/me").mock(
        return_value=httpx.Response(
            200,
            json={
                "object": "user",
                "id": "16d84278-ab0e-484c-9bdd-b35da3bd8905",
                "name": "pied piper",
                "avatar_url": None,
                "type": "bot",
                "bot": {
                    "owner": {
                        "type": "user",
                        "user": {
                            "object": "user",
                            "id": "5389a034-eb5c-47b5-8a9e-f79c99ef166c",
                            "name": "christine makenotion",
                            "avatar_url": None,
                            "type": "person",
                            "person": {"email": "christine@makenotion.com"},
                        },
                    },
                    "workspace_id": "1a2b3c4d-0990-40af-855f-ff8f872b1ec6",
                    "workspace_limits": {"max_file_upload_size_in_bytes": 5368709120},
                    "workspace_name": "Ada's Notion Workspace",
                },
                "request_id": "3c90c3cc-0d44-4b50-8888-8dd25736052a",
            },
        )
    )

    identity = await run_test(catalog.apps["notion"], NOTION_AUTH)

    assert identity == Identity(name="Ada's Notion Workspace", external_id="16d84278-ab0e-484c-9bdd-b35da3bd8905")
    request = route.calls.last.request
    assert request.method == "GET"
    assert request.headers["authorization"] == "Bearer ntn_4592_access"
    assert request.headers["notion-version"] == "2022-06-28"


async def test_notion_rejected_token_raises(catalog, respx_mock):
    respx_mock.get("https://api.notion.com/v1/users/me").mock(
        return_value=httpx.Response(
            401,
            json={
                "object": "error",
                "status": 401,
                "code": "unauthorized",
                "message": "API token is invalid.",
                "request_id": "3c90c3cc-0d44-4b50-8888-8dd25736052a",
            },
        )
    )

    with pytest.raises(UpstreamError, match="API token is invalid") as raised:
        await run_test(catalog.apps["notion"], NOTION_AUTH)
    assert raised.value.status == 401


# Google: https://developers.google.com/drive/v3/reference/about/get

GOOGLE_AUTH = {"oauth_access_token": "ya29.a0AfH6SMBx", "oauth_token_type": "Bearer"}


async def test_google_identity_is_the_email_and_drive_permission_id(catalog, respx_mock):
    route = respx_mock.get("https://www.googleapis.com/drive/v3/about").mock(
        return_value=httpx.Response(
            200,
            json={
                "user": {
                    "kind": "drive#user",
                    "displayName": "Ada Lovelace",
                    "photoLink": "https://lh3.googleusercontent.com/a/default-user=s64",
                    "me": True,
                    "permissionId": "06874207523512945117",
                    "emailAddress": "ada@example.com",
                }
            },
        )
    )

    identity = await run_test(catalog.apps["google_sheets"], GOOGLE_AUTH)

    assert identity == Identity(name="ada@example.com", external_id="06874207523512945117")
    request = route.calls.last.request
    assert request.method == "GET"
    assert dict(request.url.params) == {"fields": "user"}  # about.get requires `fields`
    assert request.headers["authorization"] == "Bearer ya29.a0AfH6SMBx"


async def test_google_rejected_token_raises(catalog, respx_mock):
    respx_mock.get("https://www.googleapis.com/drive/v3/about").mock(
        return_value=httpx.Response(
            401,
            json={
                "error": {
                    "code": 401,
                    "message": "Request had invalid authentication credentials. Expected OAuth 2 access token, login "
                    "cookie or other valid authentication credential.",
                    "errors": [
                        {
                            "message": "Invalid Credentials",
                            "domain": "global",
                            "reason": "authError",
                            "location": "Authorization",
                            "locationType": "header",
                        }
                    ],
                    "status": "UNAUTHENTICATED",
                }
            },
        )
    )

    with pytest.raises(UpstreamError, match="invalid authentication credentials") as raised:
        await run_test(catalog.apps["google_sheets"], GOOGLE_AUTH)
    assert raised.value.status == 401


# PostgreSQL, against a real server


@pytest.fixture(scope="session")
def pg_fields(postgres_url):
    """The account fields for the test server, as a user types them into the key form."""
    parts = urlsplit(postgres_url)
    return {
        "host": parts.hostname,
        "port": str(parts.port),
        "user": unquote(parts.username),
        "password": unquote(parts.password),
        "database": parts.path.lstrip("/"),
        "sslmode": "disable",
    }


async def test_postgresql_identity_is_user_at_host_and_database(catalog, pg_fields):
    identity = await run_test(catalog.apps["postgresql"], pg_fields)

    assert identity == Identity(
        name=f"{pg_fields['user']}@{pg_fields['host']}:{pg_fields['port']}/{pg_fields['database']}"
    )


async def test_postgresql_wrong_password_raises_without_echoing_it(catalog, pg_fields):
    wrong = {**pg_fields, "password": "not-the-password"}

    with pytest.raises(ActionError, match="check the user and password") as raised:
        await run_test(catalog.apps["postgresql"], wrong)
    assert "password authentication failed" in str(raised.value)
    assert "not-the-password" not in str(raised.value)


async def test_postgresql_unreachable_server_raises(catalog, pg_fields):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]  # nothing listens once the socket is closed

    with pytest.raises(ActionError, match="could not connect to PostgreSQL"):
        await run_test(catalog.apps["postgresql"], {**pg_fields, "port": str(closed_port)})
