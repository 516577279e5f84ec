"""The test OAuth provider behaves like a real one over HTTP: code flow with PKCE, expiry, refresh."""

from __future__ import annotations

import base64
import hashlib
import html
import re
import secrets
import time
from urllib.parse import parse_qsl, urljoin, urlsplit

import httpx
import pytest

from tests.oauth_provider import OAuthProvider

REDIRECT = "http://127.0.0.1:9/callback"


@pytest.fixture
def provider():
    with OAuthProvider() as provider:
        provider.add_client("post-app", "post-secret", [REDIRECT])
        provider.add_client("basic-app", "basic-secret", [REDIRECT], token_endpoint_auth_method="client_secret_basic")
        yield provider


def pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def authorize(provider: OAuthProvider, challenge: str | None, *, client_id: str = "post-app", confirm: str = "yes") -> dict[str, str]:
    """Open the consent page, press a button, and return the query of the redirect back to the client."""
    params = {"response_type": "code", "client_id": client_id, "redirect_uri": REDIRECT, "state": "st-1"}
    if challenge:
        params |= {"code_challenge": challenge, "code_challenge_method": "S256"}
    with httpx.Client() as http:
        page = http.get(provider.authorize_url, params=params)
        if page.status_code == 302:  # rejected before consent, redirected with an error
            response = page
        else:
            assert page.status_code == 200, page.text
            assert f"{client_id} wants to access your account" in page.text
            assert '<button id="allow" name="confirm" value="yes">Allow</button>' in page.text
            action = html.unescape(re.search(r'action="([^"]+)"', page.text).group(1))
            response = http.post(urljoin(provider.url, action), data={"confirm": confirm})
    assert response.status_code == 302
    location = response.headers["location"]
    assert location.startswith(REDIRECT + "?")
    return dict(parse_qsl(urlsplit(location).query))


def exchange(provider: OAuthProvider, code: str, verifier: str | None, *, client_id: str = "post-app") -> httpx.Response:
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT}
    if verifier:
        data["code_verifier"] = verifier
    if client_id == "basic-app":
        return httpx.post(provider.token_url, data=data, auth=("basic-app", "basic-secret"))
    return httpx.post(provider.token_url, data=data | {"client_id": client_id, "client_secret": "post-secret"})


def refresh(provider: OAuthProvider, refresh_token: str) -> httpx.Response:
    data = {"grant_type": "refresh_token", "refresh_token": refresh_token, "client_id": "post-app", "client_secret": "post-secret"}
    return httpx.post(provider.token_url, data=data)


def me(provider: OAuthProvider, access_token: str | None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {access_token}"} if access_token else {}
    return httpx.get(provider.api_url + "/me", headers=headers)


def connect(provider: OAuthProvider, *, client_id: str = "post-app") -> dict:
    verifier, challenge = pkce()
    callback = authorize(provider, challenge, client_id=client_id)
    response = exchange(provider, callback["code"], verifier, client_id=client_id)
    assert response.status_code == 200, response.text
    return response.json()


def assert_invalid_token(response: httpx.Response) -> None:
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_token"
    assert response.headers["www-authenticate"].startswith("Bearer ")


def test_code_flow_with_pkce(provider):
    verifier, challenge = pkce()
    callback = authorize(provider, challenge)
    assert callback["state"] == "st-1"

    token = exchange(provider, callback["code"], verifier).json()
    assert token["token_type"] == "Bearer"
    assert token["expires_in"] == 3600
    assert token["scope"] == "profile"
    assert token["refresh_token"]
    assert provider.issued_access_tokens() == [token["access_token"]]

    response = me(provider, token["access_token"])
    assert response.status_code == 200
    assert response.json() == {"id": "alice-id", "login": "alice", "name": "Alice", "email": "alice@example.test"}

    assert provider.token_requests == [
        {
            "grant_type": "authorization_code",
            "client_id": "post-app",
            "auth_method": "client_secret_post",
            "code_verifier_sent": True,
            "redirect_uri": REDIRECT,
            "status": 200,
        }
    ]
    assert provider.api_requests == [{"path": "/api/me", "authorization": token["access_token"], "status": 200}]

    # Codes are single use.
    again = exchange(provider, callback["code"], verifier)
    assert again.status_code == 400
    assert again.json()["error"] == "invalid_grant"


def test_access_token_expires(provider):
    provider.access_token_ttl = 1
    token = connect(provider)
    assert token["expires_in"] == 1
    assert me(provider, token["access_token"]).status_code == 200
    time.sleep(1.5)
    assert_invalid_token(me(provider, token["access_token"]))


def test_missing_or_unknown_token_is_rejected(provider):
    assert_invalid_token(me(provider, None))
    assert_invalid_token(me(provider, "not-a-token"))
    assert provider.api_requests[0]["authorization"] is None


def test_refresh_rotates_tokens(provider):
    first = connect(provider)
    response = refresh(provider, first["refresh_token"])
    assert response.status_code == 200, response.text
    second = response.json()
    assert second["access_token"] != first["access_token"]
    assert second["refresh_token"] != first["refresh_token"]
    assert second["scope"] == "profile"
    assert me(provider, second["access_token"]).status_code == 200
    assert provider.issued_access_tokens() == [first["access_token"], second["access_token"]]

    # The old refresh token was rotated out.
    reused = refresh(provider, first["refresh_token"])
    assert reused.status_code == 400
    assert reused.json()["error"] == "invalid_grant"
    assert provider.token_requests[-1]["grant_type"] == "refresh_token"
    assert provider.token_requests[-1]["status"] == 400


def test_revoked_refresh_token_is_rejected(provider):
    token = connect(provider)
    provider.revoke_refresh_tokens()
    response = refresh(provider, token["refresh_token"])
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


def test_denial_redirects_with_access_denied(provider):
    _, challenge = pkce()
    callback = authorize(provider, challenge, confirm="no")
    assert callback["error"] == "access_denied"
    assert callback["state"] == "st-1"
    assert "code" not in callback
    assert provider.issued_access_tokens() == []


def test_pkce_is_mandatory(provider):
    # Without a challenge the request is bounced back to the client.
    callback = authorize(provider, None)
    assert callback["error"] == "invalid_request"
    assert callback["state"] == "st-1"

    _, challenge = pkce()
    code = authorize(provider, challenge)["code"]
    response = exchange(provider, code, None)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"
    assert provider.token_requests[-1]["code_verifier_sent"] is False

    wrong_verifier, _ = pkce()
    response = exchange(provider, authorize(provider, challenge)["code"], wrong_verifier)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


def test_client_secret_basic(provider):
    token = connect(provider, client_id="basic-app")
    assert me(provider, token["access_token"]).status_code == 200
    assert provider.token_requests[-1]["auth_method"] == "client_secret_basic"
    assert provider.token_requests[-1]["client_id"] == "basic-app"

    # A client registered for Basic may not authenticate with POST parameters.
    verifier, challenge = pkce()
    code = authorize(provider, challenge, client_id="basic-app")["code"]
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT, "code_verifier": verifier}
    response = httpx.post(provider.token_url, data=data | {"client_id": "basic-app", "client_secret": "basic-secret"})
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"
    assert "basic-secret" not in repr(provider.token_requests)


@pytest.mark.parametrize(
    ("client_id", "redirect_uri"),
    [("nobody", REDIRECT), ("post-app", "http://127.0.0.1:9/elsewhere")],
)
def test_bad_authorization_request_shows_an_error_page(provider, client_id, redirect_uri):
    params = {"response_type": "code", "client_id": client_id, "redirect_uri": redirect_uri}
    response = httpx.get(provider.authorize_url, params=params)
    assert response.status_code == 400
    assert "location" not in response.headers
    assert response.json()["error"] in ("invalid_client", "invalid_request")
