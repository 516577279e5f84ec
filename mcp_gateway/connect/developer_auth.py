"""Developer authentication: client credentials in, short-lived signed bearer tokens out.

Tokens are self-contained (project, client, expiry, HMAC), so any gateway process
sharing the master secret verifies them without a database round trip.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass

from sqlalchemy import select

from mcp_gateway.store.db import Database
from mcp_gateway.store.ids import CLIENT, PROJECT, new_id
from mcp_gateway.store.models import Project, ProjectClient

from .keys import derive_key

TOKEN_PREFIX = "mgt_"


class AuthError(Exception):
    """A request's developer credentials are missing or wrong; `status` is 401 or 403."""

    def __init__(self, message: str, status: int = 401) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class Principal:
    """Who a verified access token speaks for."""

    project_id: str
    client_id: str
    expires_at: float


@dataclass(frozen=True, slots=True)
class NewProject:
    project_id: str
    name: str
    client_id: str
    client_secret: str


class DeveloperAuth:
    def __init__(self, db: Database, master_secret: bytes, token_ttl: float = 3600.0) -> None:
        self._db = db
        self._signing_key = derive_key(master_secret, "mcp-gateway access tokens v1")
        self._secret_pepper = derive_key(master_secret, "mcp-gateway client secrets v1")
        self.token_ttl = token_ttl

    def _hash_secret(self, secret: str) -> str:
        return hmac.new(self._secret_pepper, secret.encode(), hashlib.sha256).hexdigest()

    async def create_project(self, name: str) -> NewProject:
        name = name.strip()
        if not name:
            raise ValueError("a project needs a non-empty name")
        project_id = new_id(PROJECT, 10)
        client_id = new_id(CLIENT, 20)
        client_secret = "mgs_" + secrets.token_urlsafe(32)
        async with self._db.session() as s, s.begin():
            s.add(Project(id=project_id, name=name))
            await s.flush()
            s.add(ProjectClient(client_id=client_id, project_id=project_id, secret_hash=self._hash_secret(client_secret)))
        return NewProject(project_id=project_id, name=name, client_id=client_id, client_secret=client_secret)

    async def issue_token(self, client_id: str, client_secret: str) -> tuple[str, Principal]:
        async with self._db.session() as s:
            client = await s.get(ProjectClient, client_id)
        if client is None or not hmac.compare_digest(client.secret_hash, self._hash_secret(client_secret)):
            raise AuthError("invalid client_id or client_secret")
        principal = Principal(project_id=client.project_id, client_id=client_id, expires_at=time.time() + self.token_ttl)
        return self._sign(principal), principal

    def _sign(self, principal: Principal) -> str:
        payload = json.dumps(
            {"p": principal.project_id, "c": principal.client_id, "x": int(principal.expires_at)}, separators=(",", ":")
        ).encode()
        body = _b64(payload)
        mac = _b64(hmac.new(self._signing_key, body.encode(), hashlib.sha256).digest())
        return f"{TOKEN_PREFIX}{body}.{mac}"

    def verify(self, authorization: str | None, *, project_id: str | None = None) -> Principal:
        """Check an `Authorization` header value; raise `AuthError` saying exactly what is wrong."""
        if not authorization:
            raise AuthError(
                "missing access token: send `Authorization: Bearer <token>` with a token from POST /v1/oauth/token"
            )
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise AuthError("the Authorization header must be `Bearer <access token>`")
        token = token.strip()
        if not token.startswith(TOKEN_PREFIX) or "." not in token:
            raise AuthError("invalid access token: not one this gateway issued")
        body, _, mac = token[len(TOKEN_PREFIX) :].partition(".")
        expected = _b64(hmac.new(self._signing_key, body.encode(), hashlib.sha256).digest())
        if not hmac.compare_digest(mac, expected):
            raise AuthError("invalid access token: signature does not match")
        claims = json.loads(_unb64(body))
        principal = Principal(project_id=claims["p"], client_id=claims["c"], expires_at=float(claims["x"]))
        if principal.expires_at < time.time():
            raise AuthError("access token expired; request a new one from POST /v1/oauth/token")
        if project_id is not None and project_id != principal.project_id:
            raise AuthError(
                f"this access token belongs to project {principal.project_id}, not {project_id}", status=403
            )
        return principal

    async def ensure_project(self, project_id: str, name: str) -> None:
        """Create a project with a fixed id if it does not exist (the local stdio project)."""
        if await self.project_exists(project_id):
            return
        async with self._db.session() as s, s.begin():
            s.add(Project(id=project_id, name=name))

    async def project_exists(self, project_id: str) -> bool:
        async with self._db.session() as s:
            return (await s.execute(select(Project.id).where(Project.id == project_id))).first() is not None


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
