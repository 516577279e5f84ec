"""End users signing in at the operator's OpenID Connect provider: the gateway is an ordinary
relying party (authorization code with PKCE and a nonce), and the ID token's configured claim
becomes the user's `external_user_id`.

Every request to the provider goes through the egress guard; its discovery document and keys
are cached for a few minutes.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlencode

import httpx
from authlib.common.security import generate_token
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from mcp_gateway.config import EndUserSignIn
from mcp_gateway.net import EgressDenied, EgressPolicy, http_client

_CACHE_SECONDS = 300.0
_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA"]


class SignInError(Exception):
    """Signing in failed; the message is for the person at the browser and the operator's log."""


class SignIn:
    def __init__(self, config: EndUserSignIn, egress: EgressPolicy) -> None:
        self.config = config
        self._egress = egress
        self._discovery: tuple[float, dict[str, Any]] | None = None
        self._keys: tuple[float, KeySet] | None = None

    @staticmethod
    def new_secrets() -> tuple[str, str]:
        """A nonce and a PKCE verifier for one sign-in."""
        return generate_token(32), generate_token(64)

    async def authorization_url(self, *, redirect_uri: str, state: str, nonce: str, verifier: str) -> str:
        endpoint = (await self._metadata())["authorization_endpoint"]
        query = {
            "response_type": "code", "client_id": self.config.client_id, "redirect_uri": redirect_uri,
            "scope": self.config.scopes, "state": state, "nonce": nonce,
            "code_challenge": create_s256_code_challenge(verifier), "code_challenge_method": "S256",
        }
        return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(query)}"

    async def user_id(self, *, code: str, redirect_uri: str, nonce: str, verifier: str) -> str:
        """Exchange the provider's code and return the configured claim of the verified ID token."""
        metadata = await self._metadata()
        try:
            async with http_client(self._egress, timeout=15) as http:
                answer = await http.post(metadata["token_endpoint"], data={
                    "grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
                    "code_verifier": verifier,
                }, auth=(self.config.client_id, self.config.client_secret), headers={"Accept": "application/json"})
        except (httpx.HTTPError, EgressDenied) as exc:
            raise SignInError(f"the sign-in provider's token endpoint cannot be reached: {exc}") from None
        body = _json(answer)
        if answer.status_code != 200 or not isinstance(body.get("id_token"), str):
            detail = body.get("error_description") or body.get("error") or f"HTTP {answer.status_code}"
            raise SignInError(f"the sign-in provider refused the code: {detail}")
        claims = await self._verified_claims(body["id_token"], nonce)
        user = claims.get(self.config.user_claim)
        if not isinstance(user, (str, int)) or str(user) == "":
            raise SignInError(f"the sign-in provider's ID token has no {self.config.user_claim!r} claim "
                              "(MCP_GATEWAY_AUTH_USER_CLAIM) to name the user by")
        return str(user)

    async def _verified_claims(self, id_token: str, nonce: str) -> dict[str, Any]:
        for refresh in (False, True):  # a key the cache lacks may have been rotated in: fetch once more
            keys = await self._key_set(refresh=refresh)
            try:
                token = jwt.decode(id_token, keys, algorithms=_ALGORITHMS)
                break
            except JoseError as exc:
                if refresh:
                    raise SignInError(f"the sign-in provider's ID token does not verify: {exc}") from None
        issuer = (await self._metadata())["issuer"]
        registry = jwt.JWTClaimsRegistry(
            iss={"essential": True, "value": issuer},
            aud={"essential": True, "value": self.config.client_id},
            exp={"essential": True},
            nonce={"essential": True, "value": nonce},
        )
        try:
            registry.validate(token.claims)
        except JoseError as exc:
            raise SignInError(f"the sign-in provider's ID token is not for this sign-in: {exc}") from None
        return dict(token.claims)

    async def _metadata(self) -> dict[str, Any]:
        if self._discovery is not None and self._discovery[0] > time.monotonic():
            return self._discovery[1]
        url = self.config.issuer + "/.well-known/openid-configuration"
        metadata = await self._get_json(url, "discovery document")
        for name in ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"):
            if not isinstance(metadata.get(name), str):
                raise SignInError(f"the sign-in provider's discovery document ({url}) has no {name}")
        if metadata["issuer"].rstrip("/") != self.config.issuer:
            raise SignInError(f"the sign-in provider says its issuer is {metadata['issuer']}, not "
                              f"{self.config.issuer} (MCP_GATEWAY_AUTH_ISSUER)")
        self._discovery = (time.monotonic() + _CACHE_SECONDS, metadata)
        return metadata

    async def _key_set(self, *, refresh: bool) -> KeySet:
        if not refresh and self._keys is not None and self._keys[0] > time.monotonic():
            return self._keys[1]
        document = await self._get_json((await self._metadata())["jwks_uri"], "signing keys")
        try:
            keys = KeySet.import_key_set(document)  # type: ignore[arg-type]
        except (JoseError, ValueError, TypeError, KeyError) as exc:
            raise SignInError(f"the sign-in provider's signing keys cannot be read: {exc}") from None
        self._keys = (time.monotonic() + _CACHE_SECONDS, keys)
        return keys

    async def _get_json(self, url: str, what: str) -> dict[str, Any]:
        try:
            async with http_client(self._egress, timeout=15) as http:
                answer = await http.get(url, headers={"Accept": "application/json"})
        except (httpx.HTTPError, EgressDenied) as exc:
            raise SignInError(f"the sign-in provider's {what} ({url}) cannot be fetched: {exc}") from None
        body = _json(answer)
        if answer.status_code != 200 or not body:
            raise SignInError(f"the sign-in provider's {what} ({url}) answered HTTP {answer.status_code}")
        return body


def _json(answer: httpx.Response) -> dict[str, Any]:
    try:
        body = answer.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
