"""`POST /v1/oauth/token` through the official SDK's `oauth_tokens.create`, and the RFC 6749
details plain HTTP clients rely on: form bodies, HTTP Basic, the OAuth error shape."""

from __future__ import annotations

import base64

import httpx
import pytest
from pipedream import AsyncPipedream, Pipedream
from pipedream.errors.bad_request_error import BadRequestError
from pipedream.errors.unauthorized_error import UnauthorizedError
from starlette.applications import Starlette

from mcp_gateway.api import oauth
from mcp_gateway.api.openapi import build
from mcp_gateway.api.rest import Api
from mcp_gateway.gateway import Gateway
from tests.support import gateway_settings


def sdk(url, project, **options) -> Pipedream:
    return Pipedream(client_id=project["client_id"], client_secret=project["client_secret"],
                     project_id=project["project_id"], project_environment="development", base_url=url, **options)


def token_url(server) -> str:
    return server.url + oauth.TOKEN_PATH


def test_sdk_creates_a_token_that_the_api_accepts(server, project):
    created = sdk(server.url, project).oauth_tokens.create(client_id=project["client_id"], client_secret=project["client_secret"])
    assert created.access_token.startswith("mgt_") and created.token_type == "Bearer"
    assert 3500 < created.expires_in <= 3600
    with_token = Pipedream(access_token=created.access_token, project_id=project["project_id"],
                           project_environment="development", base_url=server.url)
    assert list(with_token.accounts.list()) == []
    # With client credentials, the SDK gets its own token through the same endpoint.
    assert sdk(server.url, project).raw_access_token.startswith("mgt_")


async def test_async_sdk_creates_a_token_and_keeps_using_it(server, project):
    client = AsyncPipedream(client_id=project["client_id"], client_secret=project["client_secret"],
                            project_id=project["project_id"], project_environment="development", base_url=server.url)
    created = await client.oauth_tokens.create(client_id=project["client_id"], client_secret=project["client_secret"],
                                               scope="connect:accounts:read")
    assert created.token_type == "Bearer" and created.scope == "*"  # the scope granted, which differs from the one asked
    assert [u async for u in await client.users.list()] == []  # the client's own token provider works too


def test_sdk_errors_keep_the_oauth_shape(server, project):
    client = sdk(server.url, project)
    with pytest.raises(UnauthorizedError) as wrong:
        client.oauth_tokens.create(client_id=project["client_id"], client_secret="mgs_wrong")
    assert wrong.value.body.error == "invalid_client"
    with pytest.raises(UnauthorizedError):
        client.oauth_tokens.create(client_id="cli_nosuch", client_secret="x")
    with pytest.raises(BadRequestError) as assertion:
        client.oauth_tokens.create(client_id=project["client_id"], client_assertion="eyJ.x.y",
                                   client_assertion_type="urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
    assert assertion.value.body["error"] == "invalid_request" and "client_assertion" in assertion.value.body["error_description"]
    with pytest.raises(BadRequestError) as no_secret:
        client.oauth_tokens.create(client_id=project["client_id"])
    assert no_secret.value.body == {"error": "invalid_request", "error_description": "client_secret is required"}


def test_http_basic_client_authentication(server, project):
    credentials = base64.b64encode(f"{project['client_id']}:{project['client_secret']}".encode()).decode()
    granted = httpx.post(token_url(server), data={"grant_type": "client_credentials"}, headers={"Authorization": f"Basic {credentials}"})
    assert granted.status_code == 200 and granted.json()["access_token"].startswith("mgt_")
    assert granted.headers["cache-control"] == "no-store"
    wrong = base64.b64encode(f"{project['client_id']}:nope".encode()).decode()
    refused = httpx.post(token_url(server), data={"grant_type": "client_credentials"}, headers={"Authorization": f"Basic {wrong}"})
    assert refused.status_code == 401 and refused.json()["error"] == "invalid_client"
    assert refused.headers["www-authenticate"].startswith("Basic")
    garbled = httpx.post(token_url(server), data={"grant_type": "client_credentials"}, headers={"Authorization": "Basic !!"})
    assert garbled.status_code == 401 and garbled.json()["error"] == "invalid_client"


@pytest.mark.parametrize(
    ("request_options", "status", "error"),
    [
        ({"json": {"client_id": "c", "client_secret": "s"}}, 400, "invalid_request"),
        ({"json": {"grant_type": "authorization_code"}}, 400, "unsupported_grant_type"),
        ({"json": {"grant_type": "client_credentials", "client_id": "c", "client_secret": "s", "scope": 7}}, 400, "invalid_scope"),
        ({"json": ["grant_type"]}, 400, "invalid_request"),
        ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 400, "invalid_request"),
        ({"content": b"\xff\xfe", "headers": {"content-type": "application/x-www-form-urlencoded"}}, 400, "invalid_request"),
        ({"json": {"grant_type": "client_credentials", "client_id": 5, "client_secret": "s"}}, 400, "invalid_request"),
    ],
)
def test_bad_requests_get_rfc_6749_errors(server, request_options, status, error):
    response = httpx.post(token_url(server), **request_options)
    assert response.status_code == status
    body = response.json()
    assert body["error"] == error and body["error_description"]


async def test_declared_on_the_api_with_its_models(tmp_path):
    """Registered on an `Api`, the endpoint is in the OpenAPI document and serves the SDK the same."""
    gateway = await Gateway.open(gateway_settings(tmp_path))
    try:
        new = await gateway.auth.create_project("api")
        api = Api(gateway.authenticator)
        oauth.register(api, gateway, lambda request: "http://gateway.test")
        operation = build(api)["paths"][oauth.TOKEN_PATH]["post"]
        assert "security" not in operation and "401" in operation["responses"]
        app = Starlette(routes=api.routes())
        project = {"client_id": new.client_id, "client_secret": new.client_secret, "project_id": new.project_id}
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gateway.test") as http:
            client = AsyncPipedream(**project, project_environment="development", base_url="http://gateway.test", httpx_client=http)
            created = await client.oauth_tokens.create(client_id=new.client_id, client_secret=new.client_secret)
            assert gateway.auth.verify(f"Bearer {created.access_token}").project_id == new.project_id
            refused = await http.post(oauth.TOKEN_PATH, data={"grant_type": "client_credentials", "client_id": new.client_id,
                                                              "client_secret": "wrong"})
            assert refused.status_code == 401 and refused.json()["error"] == "invalid_client"
    finally:
        await gateway.close()
