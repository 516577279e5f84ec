"""The MCP clients the authorization server knows: Client ID Metadata Documents first (the
`client_id` is an HTTPS URL whose JSON names the client and its redirect URIs), and RFC 7591
dynamic registration for older clients.

A metadata document is fetched through the egress guard (a `client_id` on a private address
is refused like any other URL), must name itself as `client_id`, and is cached for what its
`Cache-Control` allows, between one minute and a day.
"""

from __future__ import annotations

import hmac
import json
import re
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx
from authlib.oauth2.rfc7591 import ClientMetadataClaims
from joserfc.errors import JoseError

from mcp_gateway.connect.developer_auth import hash_secret
from mcp_gateway.net import EgressDenied, EgressPolicy, http_client
from mcp_gateway.store.db import Database
from mcp_gateway.store.ids import new_id
from mcp_gateway.store.models import AuthzClient

_DOCUMENT_MAX_BYTES = 16 * 1024
_CACHE_MIN, _CACHE_DEFAULT, _CACHE_MAX = 60.0, 300.0, 86400.0
_MAX_AGE = re.compile(r"max-age=(\d+)")
REGISTERED_PREFIX = "mcc_"


class ClientError(Exception):
    """A client the server cannot accept; `error` is the OAuth error code."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(description)
        self.error = error
        self.description = description


@dataclass(frozen=True, slots=True)
class Client:
    client_id: str
    name: str
    redirect_uris: tuple[str, ...]
    # "none" (a public client, PKCE alone) or "client_secret_basic"/"client_secret_post".
    auth_method: str = "none"
    secret_hash: str | None = None
    uri: str | None = None  # the client's home page, for the consent page
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def check_redirect(self, redirect_uri: str | None) -> str:
        """The redirect URI to answer at: the one asked for, when the client lists it exactly."""
        if redirect_uri is None:
            if len(self.redirect_uris) == 1:
                return self.redirect_uris[0]
            raise ClientError("invalid_request", "redirect_uri is required: this client lists several")
        if redirect_uri not in self.redirect_uris:
            raise ClientError("invalid_request", f"redirect_uri {redirect_uri!r} is not one of the client's registered "
                                                 f"redirect URIs ({', '.join(self.redirect_uris)})")
        return redirect_uri

    def secret_matches(self, secret: str | None) -> bool:
        if self.secret_hash is None:
            return True
        return secret is not None and hmac.compare_digest(self.secret_hash, hash_secret(secret))


def is_metadata_url(client_id: str) -> bool:
    """A Client ID Metadata Document URL: HTTPS, with a path, no fragment, no credentials."""
    parts = urlsplit(client_id)
    return parts.scheme == "https" and bool(parts.netloc) and parts.path not in ("", "/") and not parts.fragment \
        and parts.username is None


def _check_redirect_uris(value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(u, str) and u for u in value):
        raise ClientError("invalid_redirect_uri", "redirect_uris must be a non-empty list of URLs")
    for uri in value:
        parts = urlsplit(uri)
        if parts.fragment:
            raise ClientError("invalid_redirect_uri", f"redirect URI {uri!r} must not have a fragment")
        loopback = parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost", "::1")
        # Native apps' private-use schemes (com.example.app:/cb) are allowed, as RFC 8252 says.
        native = parts.scheme not in ("http", "https", "javascript", "data", "file", "") and "." in parts.scheme
        if not (parts.scheme == "https" or loopback or native):
            raise ClientError("invalid_redirect_uri", f"redirect URI {uri!r} must be https, a loopback http URL, "
                                                      "or a private-use scheme (com.example.app:/callback)")
    return tuple(value)


class Clients:
    def __init__(self, db: Database, egress: EgressPolicy) -> None:
        self._db = db
        self._egress = egress
        self._documents: dict[str, tuple[float, Client]] = {}

    async def find(self, client_id: str) -> Client:
        """The client named by `client_id`; `ClientError("invalid_client", ...)` when there is none."""
        if is_metadata_url(client_id):
            return await self._metadata_document(client_id)
        if client_id.startswith(REGISTERED_PREFIX):
            async with self._db.session() as s:
                row = await s.get(AuthzClient, client_id)
            if row is not None:
                return Client(client_id=row.client_id, name=row.client_name or row.client_id,
                              redirect_uris=tuple(row.redirect_uris),
                              auth_method=str(row.client_metadata.get("token_endpoint_auth_method") or "none"),
                              secret_hash=row.secret_hash, uri=row.client_metadata.get("client_uri"),
                              metadata=row.client_metadata)
        raise ClientError("invalid_client", f"unknown client_id {client_id!r}: use an HTTPS URL of a client metadata "
                                            "document, or register at /register first")

    async def _metadata_document(self, url: str) -> Client:
        cached = self._documents.get(url)
        if cached is not None and cached[0] > time.monotonic():
            return cached[1]
        try:
            async with http_client(self._egress, timeout=10, follow_redirects=False) as http:
                async with http.stream("GET", url, headers={"Accept": "application/json"}) as answer:
                    body = b""
                    async for chunk in answer.aiter_bytes():
                        body += chunk
                        if len(body) > _DOCUMENT_MAX_BYTES:
                            raise ClientError("invalid_client", f"the client metadata document at {url} is larger than "
                                                                f"{_DOCUMENT_MAX_BYTES // 1024} KB")
        except EgressDenied as exc:
            raise ClientError("invalid_client", f"the client metadata document cannot be fetched: {exc}") from None
        except httpx.HTTPError as exc:
            raise ClientError("invalid_client", f"the client metadata document at {url} cannot be fetched: {exc}") from None
        if answer.status_code != 200:
            raise ClientError("invalid_client", f"the client metadata document at {url} answered HTTP {answer.status_code}")
        try:
            document = json.loads(body)
        except ValueError:
            raise ClientError("invalid_client", f"the client metadata document at {url} is not JSON") from None
        if not isinstance(document, dict) or document.get("client_id") != url:
            raise ClientError("invalid_client", f"the client metadata document at {url} must hold \"client_id\": \"{url}\"")
        method = document.get("token_endpoint_auth_method") or "none"
        if method != "none":
            raise ClientError("invalid_client", "a client named by a metadata document authenticates with PKCE alone: "
                                                f"token_endpoint_auth_method must be none, not {method!r}")
        redirect_uris = _check_redirect_uris(document.get("redirect_uris"))
        client = Client(client_id=url, name=str(document.get("client_name") or urlsplit(url).netloc)[:200],
                        redirect_uris=redirect_uris, uri=document.get("client_uri") if isinstance(document.get("client_uri"), str) else None,
                        metadata=document)
        self._documents[url] = (time.monotonic() + _cache_seconds(answer.headers.get("cache-control")), client)
        return client

    async def register(self, metadata: object) -> dict[str, Any]:
        """RFC 7591: store a client and answer with its id (and secret, for a confidential one)."""
        if not isinstance(metadata, dict):
            raise ClientError("invalid_client_metadata", "the registration must be a JSON object")
        claims = ClientMetadataClaims(metadata, {})
        try:
            claims.validate()
        except (JoseError, ValueError, TypeError) as exc:
            raise ClientError("invalid_client_metadata", str(exc)) from None
        redirect_uris = _check_redirect_uris(metadata.get("redirect_uris"))
        method = metadata.get("token_endpoint_auth_method") or "client_secret_basic"
        if method not in ("none", "client_secret_basic", "client_secret_post"):
            raise ClientError("invalid_client_metadata", "token_endpoint_auth_method must be none, client_secret_basic "
                                                         f"or client_secret_post, not {method!r}")
        grants = metadata.get("grant_types") or ["authorization_code"]
        if not set(grants) <= {"authorization_code", "refresh_token"}:
            raise ClientError("invalid_client_metadata", "grant_types may hold authorization_code and refresh_token only")
        responses = metadata.get("response_types") or ["code"]
        if list(responses) != ["code"]:
            raise ClientError("invalid_client_metadata", "response_types must be [\"code\"]")
        name = metadata.get("client_name")
        if name is not None and (not isinstance(name, str) or len(name) > 200):
            raise ClientError("invalid_client_metadata", "client_name must be a string of at most 200 characters")
        client_id = new_id(REGISTERED_PREFIX, 24)
        secret = "mcs_" + secrets.token_urlsafe(32) if method != "none" else None
        kept = {**metadata, "token_endpoint_auth_method": method, "grant_types": list(grants), "response_types": ["code"]}
        if len(json.dumps(kept)) > _DOCUMENT_MAX_BYTES:
            raise ClientError("invalid_client_metadata", f"the registration is larger than {_DOCUMENT_MAX_BYTES // 1024} KB")
        async with self._db.session() as s, s.begin():
            s.add(AuthzClient(client_id=client_id, client_name=name, redirect_uris=list(redirect_uris),
                              client_metadata=kept, secret_hash=hash_secret(secret) if secret else None))
        answer: dict[str, Any] = {**kept, "client_id": client_id, "client_id_issued_at": int(time.time())}
        if secret is not None:
            answer["client_secret"] = secret
            answer["client_secret_expires_at"] = 0
        return answer


def _cache_seconds(cache_control: str | None) -> float:
    if cache_control and "no-store" in cache_control:
        return _CACHE_MIN
    found = _MAX_AGE.search(cache_control or "")
    seconds = float(found.group(1)) if found else _CACHE_DEFAULT
    return min(max(seconds, _CACHE_MIN), _CACHE_MAX)
