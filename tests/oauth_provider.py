"""A real OAuth 2 provider for tests: authlib's authorization server plus a protected API,
served by werkzeug on 127.0.0.1 in a background thread. All state lives in memory."""

from __future__ import annotations

import html
import os
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector
from authlib.oauth2 import OAuth2Error
from authlib.oauth2.rfc6749 import AuthorizationCodeMixin, ClientMixin, TokenMixin
from authlib.oauth2.rfc6749.errors import (
    InvalidRequestError,
    MissingAuthorizationError,
    UnsupportedTokenTypeError,
)
from authlib.oauth2.rfc6749.grants import AuthorizationCodeGrant, RefreshTokenGrant
from authlib.oauth2.rfc6749.util import extract_basic_authorization
from authlib.oauth2.rfc6750 import BearerTokenGenerator, BearerTokenValidator, InvalidTokenError
from authlib.oauth2.rfc7636 import CodeChallenge
from flask import Flask, jsonify, request
from werkzeug.serving import make_server

# authlib refuses plain-http requests unless this is set; everything here is loopback.
os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"

CODE_TTL = 600
SECRET_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]


def _random_token(**_: Any) -> str:
    return secrets.token_urlsafe(32)


@dataclass
class _Client(ClientMixin):
    client_id: str
    client_secret: str
    redirect_uris: list[str]
    scope: str
    token_endpoint_auth_method: str

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str:
        return self.redirect_uris[0]

    def get_allowed_scope(self, scope: str | None) -> str:
        if not scope:
            return self.scope
        allowed = self.scope.split()
        return " ".join(s for s in scope.split() if s in allowed)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret: str) -> bool:
        return secrets.compare_digest(self.client_secret, client_secret)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        # Each client authenticates one way only, so a gateway using the wrong one fails.
        return method == self.token_endpoint_auth_method if endpoint == "token" else True

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type in ("authorization_code", "refresh_token")


@dataclass
class _Code(AuthorizationCodeMixin):
    code: str
    client_id: str
    redirect_uri: str | None
    scope: str
    user: str
    code_challenge: str
    code_challenge_method: str
    expires_at: float = field(default_factory=lambda: time.time() + CODE_TTL)

    def get_redirect_uri(self) -> str | None:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope


@dataclass
class _Token(TokenMixin):
    access_token: str
    refresh_token: str | None
    client_id: str
    scope: str
    user: str
    expires_in: int
    issued_at: float = field(default_factory=time.time)
    refresh_revoked: bool = False
    access_revoked: bool = False

    def check_client(self, client: _Client) -> bool:
        return self.client_id == client.client_id

    def get_scope(self) -> str:
        return self.scope

    def get_expires_in(self) -> int:
        return self.expires_in

    def is_expired(self) -> bool:
        return time.time() >= self.issued_at + self.expires_in

    def is_revoked(self) -> bool:
        # Rotation targets refresh tokens; access tokens die by expiry or an explicit revoke.
        return self.access_revoked

    def get_user(self) -> str:
        return self.user


class _Server(AuthorizationServer):
    def __init__(self, provider: OAuthProvider) -> None:
        super().__init__()
        self.provider = provider

    def query_client(self, client_id: str) -> _Client | None:
        return self.provider._clients.get(client_id)

    def save_token(self, token: dict[str, Any], req: Any) -> None:
        self.provider._tokens[token["access_token"]] = _Token(
            access_token=token["access_token"],
            refresh_token=token.get("refresh_token"),
            client_id=req.client.client_id,
            scope=token.get("scope", ""),
            user=req.user,
            expires_in=token.get("expires_in", 0),  # authlib omits expires_in when it is 0
        )


class _S256Required(CodeChallenge):
    """authlib's `required=True` only binds public clients; this makes S256 mandatory for all."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]

    def validate_code_challenge(self, grant: Any, redirect_uri: str) -> None:
        if grant.request.payload.data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("PKCE with code_challenge_method=S256 is required.")
        super().validate_code_challenge(grant, redirect_uri)


class _CodeGrant(AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = SECRET_AUTH_METHODS

    def save_authorization_code(self, code: str, req: Any) -> None:
        self.server.provider._codes[code] = _Code(
            code=code,
            client_id=req.client.client_id,
            redirect_uri=req.payload.redirect_uri,
            scope=req.scope,
            user=req.user,
            code_challenge=req.payload.data["code_challenge"],
            code_challenge_method=req.payload.data["code_challenge_method"],
        )

    def query_authorization_code(self, code: str, client: _Client) -> _Code | None:
        item = self.server.provider._codes.get(code)
        if item and item.client_id == client.client_id and time.time() < item.expires_at:
            return item
        return None

    def delete_authorization_code(self, authorization_code: _Code) -> None:
        self.server.provider._codes.pop(authorization_code.code, None)

    def authenticate_user(self, authorization_code: _Code) -> str:
        return authorization_code.user


class _RefreshGrant(RefreshTokenGrant):
    # authlib's default here is client_secret_basic only, unlike the code grant.
    TOKEN_ENDPOINT_AUTH_METHODS = SECRET_AUTH_METHODS
    INCLUDE_NEW_REFRESH_TOKEN = True  # rotation: every refresh returns a new refresh token

    def authenticate_refresh_token(self, refresh_token: str) -> _Token | None:
        for token in self.server.provider._tokens.values():
            if token.refresh_token == refresh_token and not token.refresh_revoked:
                return token
        return None

    def authenticate_user(self, refresh_token: _Token) -> str:
        return refresh_token.user

    def revoke_old_credential(self, refresh_token: _Token) -> None:
        refresh_token.refresh_revoked = True


class _Validator(BearerTokenValidator):
    def __init__(self, provider: OAuthProvider) -> None:
        super().__init__()
        self.provider = provider

    def authenticate_token(self, token_string: str) -> _Token | None:
        return self.provider._tokens.get(token_string)


class _Protector(ResourceProtector):
    """authlib answers a missing or non-Bearer Authorization header with its own
    `missing_authorization`/`unsupported_token_type` codes; report `invalid_token` instead."""

    def validate_request(self, scopes: Any, request: Any, **kwargs: Any) -> _Token:
        try:
            return super().validate_request(scopes, request, **kwargs)
        except (MissingAuthorizationError, UnsupportedTokenTypeError):
            raise InvalidTokenError() from None


CONSENT_PAGE = """<!doctype html>
<html><head><title>Authorize {app}</title></head><body>
<h1>{app} wants to access your account</h1>
<p>Signed in as {user}. Requested scope: {scope}</p>
<form method="post" action="{action}">
<button id="allow" name="confirm" value="yes">Allow</button>
<button id="deny" name="confirm" value="no">Deny</button>
</form>
</body></html>
"""


class OAuthProvider:
    """An OAuth 2 authorization server + protected API on 127.0.0.1, in a background thread."""

    def __init__(self, *, access_token_ttl: int = 3600, user: str = "alice") -> None:
        self.access_token_ttl = self._initial_ttl = access_token_ttl
        self.user = user
        self.token_requests: list[dict[str, Any]] = []
        self.api_requests: list[dict[str, Any]] = []
        self.url = ""
        self._clients: dict[str, _Client] = {}
        self._codes: dict[str, _Code] = {}
        self._tokens: dict[str, _Token] = {}  # by access token, in issue order
        self._token_lock = threading.Lock()
        self._app = self._create_app()
        self._httpd: Any = None
        self._thread: threading.Thread | None = None

    @property
    def authorize_url(self) -> str:
        return self.url + "/oauth/authorize"

    @property
    def token_url(self) -> str:
        return self.url + "/oauth/token"

    @property
    def api_url(self) -> str:
        return self.url + "/api"

    def add_client(
        self,
        client_id: str,
        client_secret: str,
        redirect_uris: list[str],
        scope: str = "profile",
        token_endpoint_auth_method: str = "client_secret_post",
    ) -> None:
        if token_endpoint_auth_method not in SECRET_AUTH_METHODS:
            raise ValueError(f"unsupported token_endpoint_auth_method {token_endpoint_auth_method!r}")
        self._clients[client_id] = _Client(
            client_id, client_secret, list(redirect_uris), scope, token_endpoint_auth_method
        )

    def revoke_refresh_tokens(self) -> None:
        for token in self._tokens.values():
            token.refresh_revoked = True

    def revoke_access_tokens(self) -> None:
        """Make every access token issued so far fail at the API (as after a password change)."""
        for token in self._tokens.values():
            token.access_revoked = True

    def issued_access_tokens(self) -> list[str]:
        return list(self._tokens)

    def reset(self) -> None:
        """Forget every client, code, token and recorded request, as if just started (at the same URL)."""
        with self._token_lock:
            self._clients.clear()
            self._codes.clear()
            self._tokens.clear()
        self.token_requests.clear()
        self.api_requests.clear()
        self.access_token_ttl = self._initial_ttl

    def start(self) -> OAuthProvider:
        self._httpd = make_server("127.0.0.1", 0, self._app, threaded=True)
        self.url = f"http://127.0.0.1:{self._httpd.server_port}"
        # A short poll interval keeps stop() quick; the default makes shutdown wait up to 0.5 s.
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="oauth-provider", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is None:
            return
        self._httpd.shutdown()
        self._thread.join()
        self._httpd.server_close()
        self._httpd = self._thread = None

    def __enter__(self) -> OAuthProvider:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _create_app(self) -> Flask:
        app = Flask(__name__)
        server = _Server(self)
        # A generator that reads access_token_ttl per call, so changing it affects later tokens.
        server.register_token_generator(
            "default",
            BearerTokenGenerator(
                _random_token,
                _random_token,
                lambda client, grant_type: self.access_token_ttl,
            ),
        )
        server.register_grant(_CodeGrant, [_S256Required(required=True)])
        server.register_grant(_RefreshGrant)
        require_token = _Protector()
        require_token.register_token_validator(_Validator(self))

        @app.route("/oauth/authorize", methods=["GET", "POST"])
        def authorize():
            try:
                grant = server.get_consent_grant(end_user=self.user)
            except OAuth2Error as error:
                # Redirects back when the redirect_uri is trusted, else an error page.
                return server.handle_error_response(None, error)
            if request.method == "GET":
                return CONSENT_PAGE.format(
                    app=html.escape(grant.client.client_id),
                    user=html.escape(self.user),
                    scope=html.escape(grant.request.scope or ""),
                    action=html.escape("/oauth/authorize?" + request.query_string.decode()),
                )
            approved = request.form.get("confirm") == "yes"
            return server.create_authorization_response(grant_user=self.user if approved else None, grant=grant)

        @app.post("/oauth/token")
        def token():
            # One at a time, so two concurrent refreshes cannot both redeem one refresh token.
            with self._token_lock:
                return server.create_token_response()

        @app.get("/api/me")
        @require_token()
        def me():
            return jsonify(id=f"{self.user}-id", login=self.user, name=self.user.capitalize(), email=f"{self.user}@example.test")

        @app.after_request
        def record(response):
            # Runs for error responses too, so failures show up in the logs.
            if request.path == "/oauth/token":
                self.token_requests.append(self._describe_token_request(response.status_code))
            elif request.path.startswith("/api/"):
                scheme, _, value = request.headers.get("Authorization", "").partition(" ")
                bearer = value if scheme.lower() == "bearer" and value else None
                self.api_requests.append({"path": request.path, "authorization": bearer, "status": response.status_code})
            return response

        return app

    @staticmethod
    def _describe_token_request(status: int) -> dict[str, Any]:
        form = request.form
        basic_client_id, _ = extract_basic_authorization(request.headers)
        if basic_client_id:
            auth_method = "client_secret_basic"
        elif "client_secret" in form:
            auth_method = "client_secret_post"
        else:
            auth_method = None
        return {
            "grant_type": form.get("grant_type"),
            "client_id": basic_client_id or form.get("client_id"),
            "auth_method": auth_method,
            "code_verifier_sent": "code_verifier" in form,
            "redirect_uri": form.get("redirect_uri"),
            "status": status,
        }
