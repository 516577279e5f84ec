"""The Connect REST endpoints, through the official `pipedream` SDK and plain HTTP."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import httpx
import pytest
from pipedream import Pipedream
from pipedream.core.api_error import ApiError

pytestmark = pytest.mark.both_databases


@pytest.fixture
def sdk(server, project):
    return Pipedream(
        client_id=project["client_id"],
        client_secret=project["client_secret"],
        project_id=project["project_id"],
        project_environment="development",
        base_url=server.url,
    )


def post_token(server, project, body, **headers):
    return httpx.post(
        f"{server.url}/v1/connect/{project['project_id']}/tokens",
        json=body,
        headers={"Authorization": f"Bearer {project['token']}", "x-pd-environment": "development", **headers},
    )


def test_sdk_creates_a_token_with_a_connect_link(server, project, sdk):
    created = sdk.tokens.create(external_user_id="sdk-user", expires_in=600, success_redirect_uri="https://app.example/ok")
    assert created.token.startswith("ctok_")
    assert timedelta(seconds=590) < created.expires_at - datetime.now(timezone.utc) <= timedelta(seconds=600)
    assert created.connect_link_url == f"{server.url}/_static/connect.html?token={created.token}&connectLink=true"
    validated = sdk.tokens.validate(created.token, app_id="github")
    assert validated.success is True
    assert validated.project_id == project["project_id"] and validated.project_environment == "development"
    assert validated.success_redirect_uri == "https://app.example/ok"


def test_token_defaults_to_four_hours(server, project):
    body = post_token(server, project, {"external_user_id": "u"}).json()
    expires = datetime.fromisoformat(body["expires_at"].replace("Z", "+00:00"))
    assert timedelta(hours=3, minutes=59) < expires - datetime.now(timezone.utc) <= timedelta(hours=4)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "external_user_id is required"),
        ({"external_user_id": ""}, "external user id must not be empty"),
        ({"external_user_id": "x" * 251}, "the limit is 250"),
        ({"external_user_id": "u", "expires_in": 14401}, "expires_in must be a whole number of seconds from 1 to 14400"),
        ({"external_user_id": "u", "success_redirect_uri": "javascript:alert(1)"}, "success_redirect_uri must be an absolute http(s) URL"),
        ({"external_user_id": "u", "webhook_uri": "not a url"}, "webhook_uri must be an absolute http(s) URL"),
        # Values the columns cannot keep (on PostgreSQL), refused the same way on every database.
        ({"external_user_id": "u", "error_redirect_uri": "https://app.example/" + "x" * 2000}, "the limit is 2000"),
        ({"external_user_id": "u", "webhook_uri": "https://app.example/\x00"}, "a string at webhook_uri that holds a NUL character"),
        ({"external_user_id": "u", "scope": "read " * 101}, "scope is 505 characters long; the limit is 500"),
        ({"external_user_id": "u", "scope": "read\x00write"}, "a string at scope that holds a NUL character"),
        ({"external_user_id": "u", "oauth_app_id": "oa_" + "x" * 40}, "oauth_app_id is 43 characters; the limit is 40"),
        ({"external_user_id": "u", "allowed_origins": ["https://a.example/path"]}, "is not an origin"),
        ({"external_user_id": "u", "app_id": "nosuch"}, "app_id 'nosuch' is not an app"),
    ],
)
def test_bad_token_requests_say_what_to_fix(server, project, body, message):
    response = post_token(server, project, body)
    assert response.status_code in (400, 404)
    assert message in response.json()["error"]


def test_token_endpoint_requires_the_projects_developer_token(server, project):
    other = server.create_project("other")
    other["token"] = server.token(other)
    missing = httpx.post(f"{server.url}/v1/connect/{project['project_id']}/tokens", json={"external_user_id": "u"})
    assert missing.status_code == 401 and "missing access token" in missing.json()["error"]
    wrong = post_token(server, project, {"external_user_id": "u"}, Authorization=f"Bearer {other['token']}")
    assert wrong.status_code == 403 and f"belongs to project {other['project_id']}" in wrong.json()["error"]
    bad_env = post_token(server, project, {"external_user_id": "u"}, **{"x-pd-environment": "staging"})
    assert bad_env.status_code == 400 and "x-pd-environment must be one of" in bad_env.json()["error"]
    no_env = httpx.post(f"{server.url}/v1/connect/{project['project_id']}/tokens", json={"external_user_id": "u"},
                        headers={"Authorization": f"Bearer {project['token']}"})
    assert no_env.status_code == 400 and "x-pd-environment header is required" in no_env.json()["error"]


def test_validate_reports_unknown_tokens_and_allows_only_listed_origins(server, project):
    unknown = httpx.get(f"{server.url}/v1/connect/tokens/ctok_nosuch/validate").json()
    assert unknown == {"success": False, "error": "The Connect token is invalid. Please generate a new one and try again."}
    token = post_token(server, project, {"external_user_id": "u", "allowed_origins": ["https://app.example"]}).json()["token"]
    url = f"{server.url}/v1/connect/tokens/{token}/validate"
    allowed = httpx.get(url, headers={"Origin": "https://app.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://app.example"
    other = httpx.get(url, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_deleting_an_account_or_a_user_removes_credentials(server, project, sdk):
    pid = project["project_id"]
    first = server.add_account(pid, "del-user", "github", {"oauth_access_token": "gho_delete_me_1"})
    second = server.add_account(pid, "del-user", "slack", {"oauth_access_token": "xoxp-delete-me-2"})
    auth = {"Authorization": f"Bearer {project['token']}", "x-pd-environment": "development"}
    sdk.accounts.delete(first)
    with pytest.raises(ApiError) as missing:
        sdk.accounts.delete(first)
    assert missing.value.status_code == 404
    again = httpx.delete(f"{server.url}/v1/connect/{pid}/accounts/{first}", headers=auth)
    assert again.status_code == 404 and first in again.json()["error"]
    production = httpx.delete(f"{server.url}/v1/connect/{pid}/accounts/{second}", headers={**auth, "x-pd-environment": "production"})
    assert production.status_code == 404  # another environment's account is not visible
    removed = httpx.delete(f"{server.url}/v1/connect/{pid}/users/del-user", headers=auth)
    assert removed.status_code == 204
    remaining = server.call(server.gateway.accounts.find(pid, "development", external_id="del-user")).items
    assert remaining == []
    # Not in any row, nor anywhere in SQLite's files.
    raw = server.stored_text().encode() + b"".join(f.read_bytes() for f in server.settings.data_dir.glob("gateway.db*"))
    assert b"gho_delete_me_1" not in raw and b"xoxp-delete-me-2" not in raw
