"""Code exchange and refresh against each OAuth app's token endpoint.

The responses are shaped like the vendors' API references; the assertions check the
request we send (body encoding, client authentication, code, redirect URI, PKCE
verifier) and the credentials stored from the answer.
"""

from __future__ import annotations

import base64
import hashlib
import json
import sys
import time
from urllib.parse import parse_qs, parse_qsl, urlsplit

import httpx
import pytest
from authlib.integrations.httpx_client import AsyncOAuth2Client

from mcp_gateway.connect.oauth import OAuthFlowError, authorization_url, exchange_code, refresh
from mcp_gateway.connect.oauth_apps import OAuthClient

# Slack's token rotation (2021), after the directory's description: refreshes carry these.
VENDOR_EXEMPT = {
    ("*", "/oauth.v2.access", "grant_type"): "token rotation: grant_type=refresh_token",
    ("*", "/oauth.v2.access", "refresh_token"): "token rotation: the refresh token being exchanged",
    ("*", "/oauth.v2.access", "code"): "a refresh sends no code",
}

REDIRECT_URI = "https://gateway.example.com/connect/oauth/callback"
CODE = "4/P7q7W91a-oMsCeLvIaQm6bTrgtp7"
VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-verifier-for-tests"
CLIENT_ID = "2141029472.691202649728"
CLIENT_SECRET = "e1b9e11dfcd19c1982d5de12921e17e8c"


def oauth_client(slug: str) -> OAuthClient:
    return OAuthClient("oa_test", slug, None, None, CLIENT_ID, CLIENT_SECRET)


def basic_auth() -> str:
    return "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()


def form(request: httpx.Request) -> dict[str, str]:
    assert request.headers["content-type"].startswith("application/x-www-form-urlencoded")
    pairs = parse_qsl(request.content.decode(), keep_blank_values=True)
    assert len(pairs) == len(dict(pairs)), f"a parameter is repeated: {pairs}"
    return dict(pairs)


@pytest.fixture
def token_endpoint(respx_mock, monkeypatch):
    """`respx_mock`, also serving the requests of authlib's OAuth client.

    authlib sends through httpx2 when it is installed, whose transport respx does not
    patch; its requests are handed to the respx router and the answers handed back.
    """
    base = next(c for c in AsyncOAuth2Client.__mro__ if c.__name__ == "AsyncClient")
    library = sys.modules[base.__module__.split(".")[0]]
    if library is not httpx:

        async def handle(transport, request):
            mirrored = httpx.Request(
                request.method, str(request.url), headers=list(request.headers.raw), content=await request.aread()
            )
            answer = await respx_mock.async_handler(mirrored)
            return library.Response(answer.status_code, headers=list(answer.headers.raw), content=answer.content)

        monkeypatch.setattr(library.AsyncHTTPTransport, "handle_async_request", handle)
    return respx_mock


# GitHub: https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps


async def test_github_code_exchange_posts_a_form_with_the_client_secret_and_pkce_verifier(catalog, token_endpoint):
    app = catalog.apps["github"]
    route = token_endpoint.post("https://github.com/login/oauth/access_token").mock(
        return_value=httpx.Response(
            200, json={"access_token": "gho_16C7e42F292c6912E7710c838347Ae178B4a", "scope": "repo,gist", "token_type": "bearer"}
        )
    )

    credentials, expires_at = await exchange_code(
        app, oauth_client("github"), code=CODE, redirect_uri=REDIRECT_URI, code_verifier=VERIFIER
    )

    assert credentials == {
        "oauth_access_token": "gho_16C7e42F292c6912E7710c838347Ae178B4a",
        "oauth_scope": "repo,gist",
        "oauth_token_type": "bearer",
    }
    assert expires_at is None  # OAuth app tokens do not expire
    request = route.calls.last.request
    assert request.method == "POST"
    assert request.headers["accept"] == "application/json"  # else GitHub answers form-encoded
    assert "authorization" not in request.headers
    assert form(request) == {
        "grant_type": "authorization_code",
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "code": CODE,
        "redirect_uri": REDIRECT_URI,
        "code_verifier": VERIFIER,
    }


def test_github_authorization_url_carries_an_s256_code_challenge(catalog):
    url = authorization_url(
        catalog.apps["github"], oauth_client("github"), redirect_uri=REDIRECT_URI, state="st", code_verifier=VERIFIER
    )

    assert url.startswith("https://github.com/login/oauth/authorize?")
    query = parse_qs(urlsplit(url).query)
    assert query["code_challenge_method"] == ["S256"]
    expected = base64.urlsafe_b64encode(hashlib.sha256(VERIFIER.encode()).digest()).rstrip(b"=").decode()
    assert query["code_challenge"] == [expected]
    assert query["scope"] == ["repo read:user user:email gist read:org workflow"]


async def test_github_error_answered_with_200_is_refused(catalog, token_endpoint):
    token_endpoint.post("https://github.com/login/oauth/access_token").mock(
        return_value=httpx.Response(
            200,
            json={
                "error": "bad_verification_code",
                "error_description": "The code passed is incorrect or expired.",
                "error_uri": "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#bad-verification-code",
            },
        )
    )

    with pytest.raises(OAuthFlowError, match="bad_verification_code"):
        await exchange_code(catalog.apps["github"], oauth_client("github"), code=CODE, redirect_uri=REDIRECT_URI, code_verifier=VERIFIER)


# Slack: https://docs.slack.dev/reference/methods/oauth.v2.access
# and https://docs.slack.dev/authentication/using-token-rotation


def slack_user_token_response(**authed_user_extra):
    """`oauth.v2.access` for an app that asks only for user scopes: no top-level token."""
    return {
        "ok": True,
        "app_id": "A0KRD7HC3",
        "authed_user": {
            "id": "U1234",
            "scope": "chat:write,channels:read",
            "access_token": "xoxp-1234",
            "token_type": "user",
            **authed_user_extra,
        },
        "team": {"id": "T9TK3CUKW", "name": "Slack Softball Team"},
        "enterprise": None,
        "is_enterprise_install": False,
    }


async def test_slack_code_exchange_stores_the_user_token_and_sends_basic_auth(catalog, token_endpoint):
    route = token_endpoint.post("https://slack.com/api/oauth.v2.access").mock(
        return_value=httpx.Response(200, json=slack_user_token_response())
    )

    credentials, expires_at = await exchange_code(
        catalog.apps["slack"], oauth_client("slack"), code=CODE, redirect_uri=REDIRECT_URI, code_verifier=None
    )

    assert credentials == {
        "oauth_access_token": "xoxp-1234",
        "oauth_scope": "chat:write,channels:read",
        "oauth_token_type": "user",
    }
    assert expires_at is None
    request = route.calls.last.request
    assert request.method == "POST"
    assert request.headers["authorization"] == basic_auth()
    assert form(request) == {"grant_type": "authorization_code", "code": CODE, "redirect_uri": REDIRECT_URI}


async def test_slack_code_exchange_with_token_rotation_stores_the_refresh_token_and_expiry(catalog, token_endpoint):
    token_endpoint.post("https://slack.com/api/oauth.v2.access").mock(
        return_value=httpx.Response(
            200, json=slack_user_token_response(access_token="xoxe.xoxp-1-abc", refresh_token="xoxe-1-def", expires_in=43200)
        )
    )
    before = time.time()

    credentials, expires_at = await exchange_code(
        catalog.apps["slack"], oauth_client("slack"), code=CODE, redirect_uri=REDIRECT_URI, code_verifier=None
    )

    assert credentials["oauth_access_token"] == "xoxe.xoxp-1-abc"
    assert credentials["oauth_refresh_token"] == "xoxe-1-def"
    assert before + 43200 <= credentials["oauth_expires_at"] <= time.time() + 43200
    assert expires_at is not None and expires_at.timestamp() == pytest.approx(credentials["oauth_expires_at"])


async def test_slack_refresh_reads_the_rotated_user_token_from_the_top_level(catalog, token_endpoint):
    route = token_endpoint.post("https://slack.com/api/oauth.v2.access").mock(
        return_value=httpx.Response(
            200,
            json={
                "ok": True,
                "app_id": "A0KRD7HC3",
                "access_token": "xoxe.xoxp-1-new",
                "refresh_token": "xoxe-1-new",
                "expires_in": 43200,
                "scope": "chat:write,channels:read",
                "token_type": "user",
                "team": {"id": "T9TK3CUKW", "name": "Slack Softball Team"},
                "enterprise": None,
                "is_enterprise_install": False,
            },
        )
    )
    old = {"oauth_access_token": "xoxe.xoxp-1-old", "oauth_refresh_token": "xoxe-1-old", "oauth_expires_at": time.time() - 5}

    credentials, _ = await refresh(catalog.apps["slack"], oauth_client("slack"), old)

    assert credentials["oauth_access_token"] == "xoxe.xoxp-1-new"
    assert credentials["oauth_refresh_token"] == "xoxe-1-new"
    assert credentials["oauth_expires_at"] > time.time() + 43000
    request = route.calls.last.request
    assert request.headers["authorization"] == basic_auth()
    assert form(request) == {"grant_type": "refresh_token", "refresh_token": "xoxe-1-old"}


async def test_slack_ok_false_is_a_refused_code(catalog, token_endpoint):
    token_endpoint.post("https://slack.com/api/oauth.v2.access").mock(
        return_value=httpx.Response(200, json={"ok": False, "error": "invalid_code"})
    )

    with pytest.raises(OAuthFlowError, match="invalid_code"):
        await exchange_code(catalog.apps["slack"], oauth_client("slack"), code=CODE, redirect_uri=REDIRECT_URI, code_verifier=None)


async def test_slack_answer_with_only_a_bot_token_is_refused(catalog, token_endpoint):
    token_endpoint.post("https://slack.com/api/oauth.v2.access").mock(
        return_value=httpx.Response(
            200,
            json={
                "ok": True,
                "access_token": "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy",
                "token_type": "bot",
                "scope": "commands,incoming-webhook",
                "bot_user_id": "U0KRQLJ9H",
                "app_id": "A0KRD7HC3",
                "team": {"id": "T9TK3CUKW", "name": "Slack Softball Team"},
                "authed_user": {"id": "U1234"},
            },
        )
    )

    with pytest.raises(OAuthFlowError, match="no access token"):
        await exchange_code(catalog.apps["slack"], oauth_client("slack"), code=CODE, redirect_uri=REDIRECT_URI, code_verifier=None)


# Notion: https://developers.notion.com/reference/create-a-token
# and https://developers.notion.com/reference/refresh-a-token

NOTION_TOKEN_RESPONSE = {
    "access_token": "ntn_4592_access",
    "token_type": "bearer",
    "refresh_token": "nrt_4592_refresh",
    "bot_id": "16d84278-ab0e-484c-9bdd-b35da3bd8905",
    "workspace_icon": "https://website.domain/images/image.png",
    "workspace_name": "Ada's Notion Workspace",
    "workspace_id": "1a2b3c4d-0990-40af-855f-ff8f872b1ec6",
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
    "duplicated_template_id": None,
    "request_id": "3c90c3cc-0d44-4b50-8888-8dd25736052a",
}


async def test_notion_code_exchange_sends_json_with_basic_auth(catalog, token_endpoint):
    route = token_endpoint.post("https://api.notion.com/v1/oauth/token").mock(
        return_value=httpx.Response(200, json=NOTION_TOKEN_RESPONSE)
    )

    credentials, expires_at = await exchange_code(
        catalog.apps["notion"], oauth_client("notion"), code=CODE, redirect_uri=REDIRECT_URI, code_verifier=None
    )

    assert credentials == {
        "oauth_access_token": "ntn_4592_access",
        "oauth_refresh_token": "nrt_4592_refresh",
        "oauth_token_type": "bearer",
    }
    assert expires_at is None
    request = route.calls.last.request
    assert request.method == "POST"
    assert request.headers["authorization"] == basic_auth()
    assert request.headers["content-type"] == "application/json"
    assert json.loads(request.content) == {"grant_type": "authorization_code", "code": CODE, "redirect_uri": REDIRECT_URI}


async def test_notion_refresh_sends_json_with_basic_auth(catalog, token_endpoint):
    route = token_endpoint.post("https://api.notion.com/v1/oauth/token").mock(
        return_value=httpx.Response(200, json={**NOTION_TOKEN_RESPONSE, "access_token": "ntn_new", "refresh_token": "nrt_new"})
    )

    credentials, _ = await refresh(
        catalog.apps["notion"], oauth_client("notion"), {"oauth_access_token": "ntn_old", "oauth_refresh_token": "nrt_old"}
    )

    assert credentials["oauth_access_token"] == "ntn_new"
    assert credentials["oauth_refresh_token"] == "nrt_new"
    request = route.calls.last.request
    assert request.headers["authorization"] == basic_auth()
    assert request.headers["content-type"] == "application/json"
    assert json.loads(request.content) == {"grant_type": "refresh_token", "refresh_token": "nrt_old"}


# Google: https://developers.google.com/identity/protocols/oauth2/web-server

GOOGLE_SCOPES = "https://www.googleapis.com/auth/spreadsheets https://www.googleapis.com/auth/drive.readonly"


async def test_google_code_exchange_posts_a_form_with_the_pkce_verifier(catalog, token_endpoint):
    route = token_endpoint.post("https://oauth2.googleapis.com/token").mock(
        return_value=httpx.Response(
            200,
            json={
                "access_token": "ya29.a0AfH6SMBx",
                "expires_in": 3920,
                "token_type": "Bearer",
                "scope": GOOGLE_SCOPES,
                "refresh_token": "1//xEoDL4iW3cxlI7yDbSRFYNG01kVKM2C-259HOF2aQbI",
            },
        )
    )
    before = time.time()

    credentials, expires_at = await exchange_code(
        catalog.apps["google_sheets"], oauth_client("google_sheets"), code=CODE, redirect_uri=REDIRECT_URI, code_verifier=VERIFIER
    )

    expires = credentials.pop("oauth_expires_at")
    assert before + 3920 <= expires <= time.time() + 3920
    assert expires_at is not None and expires_at.timestamp() == pytest.approx(expires)
    assert credentials == {
        "oauth_access_token": "ya29.a0AfH6SMBx",
        "oauth_refresh_token": "1//xEoDL4iW3cxlI7yDbSRFYNG01kVKM2C-259HOF2aQbI",
        "oauth_scope": GOOGLE_SCOPES,
        "oauth_token_type": "Bearer",
    }
    request = route.calls.last.request
    assert request.method == "POST"
    assert "authorization" not in request.headers
    assert form(request) == {
        "grant_type": "authorization_code",
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "code": CODE,
        "redirect_uri": REDIRECT_URI,
        "code_verifier": VERIFIER,
    }


async def test_google_refresh_keeps_the_refresh_token_google_does_not_resend(catalog, token_endpoint):
    route = token_endpoint.post("https://oauth2.googleapis.com/token").mock(
        return_value=httpx.Response(
            200, json={"access_token": "ya29.fresh", "expires_in": 3599, "scope": GOOGLE_SCOPES, "token_type": "Bearer"}
        )
    )
    old = {
        "oauth_access_token": "ya29.stale",
        "oauth_refresh_token": "1//refresh-kept",
        "oauth_expires_at": time.time() - 10,
        "oauth_scope": GOOGLE_SCOPES,
        "oauth_token_type": "Bearer",
    }

    credentials, expires_at = await refresh(catalog.apps["google_sheets"], oauth_client("google_sheets"), old)

    assert credentials["oauth_access_token"] == "ya29.fresh"
    assert credentials["oauth_refresh_token"] == "1//refresh-kept"
    assert credentials["oauth_expires_at"] > time.time() + 3500
    assert expires_at is not None
    request = route.calls.last.request
    assert "authorization" not in request.headers
    assert form(request) == {
        "grant_type": "refresh_token",
        "refresh_token": "1//refresh-kept",
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
    }


async def test_google_revoked_refresh_token_is_a_permanent_failure(catalog, token_endpoint):
    token_endpoint.post("https://oauth2.googleapis.com/token").mock(
        return_value=httpx.Response(400, json={"error": "invalid_grant", "error_description": "Token has been expired or revoked."})
    )

    with pytest.raises(OAuthFlowError, match="invalid_grant") as raised:
        await refresh(catalog.apps["google_sheets"], oauth_client("google_sheets"), {"oauth_refresh_token": "1//revoked"})
    assert raised.value.permanent


async def test_a_json_token_body_carries_a_posted_client_secret_inside_the_json(token_endpoint):
    # Atlassian's token endpoint documents this form: client_id and client_secret in a JSON body.
    from mcp_gateway.catalog import App, OAuth

    app = App("json_post", "JSON Post", "Token requests as JSON with the secret in the body.", auth=OAuth(
        authorize_url="https://auth.example.com/authorize", token_url="https://auth.example.com/oauth/token",
        token_auth_method="client_secret_post", token_body="json"))
    route = token_endpoint.post("https://auth.example.com/oauth/token").mock(return_value=httpx.Response(
        200, json={"access_token": "at-1", "refresh_token": "rt-1", "expires_in": 3600, "token_type": "Bearer"}))
    credentials, _ = await exchange_code(app, oauth_client("json_post"), code=CODE, redirect_uri=REDIRECT_URI,
                                         code_verifier=None)
    request = route.calls.last.request
    assert request.headers["content-type"] == "application/json" and "authorization" not in request.headers
    assert json.loads(request.content) == {"grant_type": "authorization_code", "code": CODE, "redirect_uri": REDIRECT_URI,
                                           "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET}
    assert credentials["oauth_access_token"] == "at-1"

    await refresh(app, oauth_client("json_post"), {"oauth_refresh_token": "rt-1"})
    assert json.loads(route.calls.last.request.content) == {"grant_type": "refresh_token", "refresh_token": "rt-1",
                                                            "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET}


async def test_salesforce_keeps_the_instance_url_of_the_token_response(catalog, token_endpoint):
    # https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_web_server_flow.htm
    token_endpoint.post("https://login.salesforce.com/services/oauth2/token").mock(return_value=httpx.Response(200, json={
        "access_token": "00Dxx0000001gPL!AR8AQJXg5oj8jXSgxJfA0lBog.39AsX.LVpxezPwuX5VAIrrbbHMuol7GQxnMeYMN7cj8EoWr78nt",
        "refresh_token": "5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJrdl5RCoTUfFoVahQyfgKpsvEV7E5l1aPs0bE58E3tZ1Ef1jD",
        "signature": "CMJ4l+CCaPQiKjoOEwEig9H4wqhpuLSk4J2urAe+fVg=", "scope": "refresh_token openid api",
        "id_token": "eyJraWQiOiIyMjAiLCJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.e30.sig",
        "instance_url": "https://yourInstance.my.salesforce.com",
        "id": "https://login.salesforce.com/id/00Dxx0000001gPLEAY/005xx000001SwiUAAS",
        "token_type": "Bearer", "issued_at": "1278448101416"}))
    credentials, _ = await exchange_code(catalog.apps["salesforce_rest_api"], oauth_client("salesforce_rest_api"),
                                         code=CODE, redirect_uri=REDIRECT_URI, code_verifier=VERIFIER)
    assert credentials["instance_url"] == "https://yourInstance.my.salesforce.com"
    assert "id_token" not in credentials and "signature" not in credentials  # only the fields the app asks for


# Basecamp (Launchpad): https://github.com/basecamp/api/blob/master/sections/authentication.md


async def test_basecamp_names_its_flow_with_type_web_server_and_refreshes_with_type_refresh(catalog, token_endpoint):
    route = token_endpoint.post("https://launchpad.37signals.com/authorization/token").mock(
        return_value=httpx.Response(200, json={"access_token": "BAhbB0kiAbB7ImNsaWVudF9pZCI6", "expires_in": 1209600,
                                               "refresh_token": "BAhbB0kiAbB7ImNsaWVudF9pZCI6refresh"}))
    app = catalog.apps["basecamp"]
    await exchange_code(app, oauth_client("basecamp"), code=CODE, redirect_uri=REDIRECT_URI, code_verifier=None)
    sent = dict(parse_qsl(route.calls.last.request.content.decode()))
    assert sent["type"] == "web_server" and sent["code"] == CODE
    await refresh(app, oauth_client("basecamp"), {"oauth_access_token": "old", "oauth_refresh_token": "rt-old"})
    sent = dict(parse_qsl(route.calls.last.request.content.decode()))
    assert sent["type"] == "refresh" and sent["refresh_token"] == "rt-old" and sent["grant_type"] == "refresh_token"
