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
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from mcp_gateway.store.db import Database
from mcp_gateway.store.ids import CLIENT, PROJECT, new_id
from mcp_gateway.store.lengths import check_length
from mcp_gateway.store.models import Project, ProjectClient

from .keys import derive_key
from .vault import Vault

TOKEN_PREFIX = "mgt_"
WEBHOOK_SECRET_PREFIX = "whsec_"
# The project stdio and `accounts add` use when none is named: one per data dir.
LOCAL_PROJECT_ID = "proj_local"


def hash_secret(secret: str) -> str:
    """How a random secret the gateway issued (client secret, key, token, code) is kept. It is
    256 random bits, so a plain hash cannot be brute-forced, and it does not depend on the
    master secret, which may rotate."""
    return "sha256:" + hashlib.sha256(secret.encode()).hexdigest()


class AuthError(Exception):
    """A request's developer credentials are missing or wrong; `status` is 401 or 403."""

    def __init__(self, message: str, status: int = 401) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class Principal:
    """Who a verified access token or key speaks for. A developer's token reaches the whole
    project; a key or an end user's token may be bound to one environment, one external user
    and some apps, and reaches nothing else."""

    project_id: str
    client_id: str
    expires_at: float | None
    environment: str | None = None
    external_user_id: str | None = None
    apps: tuple[str, ...] | None = None

    @property
    def bindings(self) -> dict[str, str]:
        """Request parameters this principal fixes, by their `McpParams` names."""
        out = {"project_id": self.project_id}
        if self.environment is not None:
            out["environment"] = self.environment
        if self.external_user_id is not None:
            out["external_user_id"] = self.external_user_id
        if self.apps is not None:
            out["apps"] = ",".join(self.apps)
        return out

    def refusal(self, *, environment: str | None = None, external_user_id: str | None = None,
                apps: Sequence[str] = ()) -> str | None:
        """Why this principal may not act with these parameters, or None when it may."""
        if self.environment is not None and environment is not None and environment != self.environment:
            return f"this credential is for the {self.environment} environment, not {environment}"
        if self.external_user_id is not None and external_user_id is not None and external_user_id != self.external_user_id:
            return (f"this credential is bound to external user {self.external_user_id!r} and cannot act for "
                    f"{external_user_id!r}")
        if self.apps is not None:
            outside = [app for app in apps if app not in self.apps]
            if outside:
                return (f"this credential is limited to the apps {', '.join(self.apps)}; "
                        f"{', '.join(outside)} {'is' if len(outside) == 1 else 'are'} not among them")
        return None


@dataclass(frozen=True, slots=True)
class NewProject:
    project_id: str
    name: str
    client_id: str
    client_secret: str
    webhook_secret: str


class DeveloperAuth:
    def __init__(self, db: Database, master_secrets: Sequence[bytes], vault: Vault, token_ttl: float = 3600.0,
                 max_token_ttl: float = 7 * 86400.0) -> None:
        self._db = db
        self._vault = vault
        # Tokens are signed with the current secret's key and accepted under any configured one.
        self._signing_keys = [derive_key(m, "mcp-gateway access tokens v1") for m in master_secrets]
        self._legacy_peppers = [derive_key(m, "mcp-gateway client secrets v1") for m in master_secrets]
        self.token_ttl = token_ttl
        self.max_token_ttl = max(token_ttl, max_token_ttl)

    def _secret_matches(self, stored: str, secret: str) -> bool:
        if stored.startswith("sha256:"):
            return hmac.compare_digest(stored, hash_secret(secret))
        # Hashes written before the switch to plain SHA-256 were keyed with the master secret.
        return any(
            hmac.compare_digest(stored, hmac.new(pepper, secret.encode(), hashlib.sha256).hexdigest())
            for pepper in self._legacy_peppers
        )

    async def create_project(self, name: str) -> NewProject:
        name = name.strip()
        if not name:
            raise ValueError("a project needs a non-empty name")
        check_length("name", name, Project.name)
        project_id = new_id(PROJECT, 10)
        client_id = new_id(CLIENT, 20)
        client_secret = "mgs_" + secrets.token_urlsafe(32)
        webhook_secret = WEBHOOK_SECRET_PREFIX + secrets.token_urlsafe(32)
        async with self._db.session() as s, s.begin():
            s.add(Project(id=project_id, name=name, webhook_secret=self._seal_webhook_secret(project_id, webhook_secret)))
            await s.flush()
            s.add(ProjectClient(client_id=client_id, project_id=project_id, secret_hash=hash_secret(client_secret)))
        return NewProject(project_id, name, client_id, client_secret, webhook_secret)

    def _seal_webhook_secret(self, project_id: str, secret: str) -> str:
        return self._vault.encrypt({"webhook_secret": secret}, context=project_id)

    async def webhook_secret(self, project_id: str) -> str:
        """The key the project's Connect webhooks are signed with (made on first use for older projects)."""
        async with self._db.session() as s, s.begin():
            project = await s.get(Project, project_id)
            if project is None:
                raise AuthError(f"project {project_id} does not exist", status=404)
            if project.webhook_secret is None:
                secret = WEBHOOK_SECRET_PREFIX + secrets.token_urlsafe(32)
                project.webhook_secret = self._seal_webhook_secret(project_id, secret)
                return secret
            return str(self._vault.decrypt(project.webhook_secret, context=project_id)["webhook_secret"])

    async def issue_token(self, client_id: str, client_secret: str, lifetime: float | None = None) -> tuple[str, Principal]:
        """A signed token for the client's project, living `lifetime` seconds (the default TTL
        when None; at most the configured maximum)."""
        if lifetime is not None and not 0 < lifetime <= self.max_token_ttl:
            raise AuthError(f"expires_in must be between 1 and {int(self.max_token_ttl)} seconds "
                            "(MCP_GATEWAY_ACCESS_TOKEN_MAX_TTL); for a credential that does not expire, "
                            "create a project API key with `mcp-gateway keys create`", status=400)
        async with self._db.session() as s:
            client = await s.get(ProjectClient, client_id)
        if client is None or not self._secret_matches(client.secret_hash, client_secret):
            raise AuthError("invalid client_id or client_secret")
        if not client.secret_hash.startswith("sha256:"):
            async with self._db.session() as s, s.begin():
                row = await s.get(ProjectClient, client_id)
                if row is not None:
                    row.secret_hash = hash_secret(client_secret)
        principal = Principal(project_id=client.project_id, client_id=client_id,
                              expires_at=time.time() + (lifetime or self.token_ttl))
        return self._sign(principal), principal

    def _sign(self, principal: Principal) -> str:
        payload = json.dumps(
            {"p": principal.project_id, "c": principal.client_id, "x": int(principal.expires_at or 0)}, separators=(",", ":")
        ).encode()
        body = _b64(payload)
        mac = _b64(hmac.new(self._signing_keys[0], body.encode(), hashlib.sha256).digest())
        return f"{TOKEN_PREFIX}{body}.{mac}"

    def verify(self, authorization: str | None, *, project_id: str | None = None) -> Principal:
        """Check an `Authorization` header value; raise `AuthError` saying exactly what is wrong."""
        if not authorization:
            raise AuthError(
                "missing access token: send `Authorization: Bearer <token>` with a token from POST /v1/oauth/token "
                "or a project API key from `mcp-gateway keys create`"
            )
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise AuthError("the Authorization header must be `Bearer <access token>`")
        token = token.strip()
        if not token.startswith(TOKEN_PREFIX) or "." not in token:
            raise AuthError("invalid access token: not one this gateway issued")
        body, _, mac = token[len(TOKEN_PREFIX) :].partition(".")
        if not any(
            hmac.compare_digest(mac, _b64(hmac.new(key, body.encode(), hashlib.sha256).digest()))
            for key in self._signing_keys
        ):
            raise AuthError("invalid access token: signature does not match")
        claims = json.loads(_unb64(body))
        principal = Principal(project_id=claims["p"], client_id=claims["c"], expires_at=float(claims["x"]))
        if float(claims["x"]) < time.time():
            raise AuthError("access token expired; request a new one from POST /v1/oauth/token")
        if project_id is not None and project_id != principal.project_id:
            raise AuthError(
                f"this access token belongs to project {principal.project_id}, not {project_id}", status=403
            )
        return principal

    async def configure_project(self, project_id: str, **branding: str | None) -> dict[str, str | None]:
        """Set what the Connect page shows (`app_name`, `support_email`, `logo_url`); "" clears one."""
        allowed = {"app_name", "support_email", "logo_url"}
        async with self._db.session() as s, s.begin():
            project = await s.get(Project, project_id)
            if project is None:
                raise AuthError(f"project {project_id} does not exist", status=404)
            for key, value in branding.items():
                if key not in allowed:
                    raise ValueError(f"unknown project setting {key!r}")
                if value is not None:
                    check_length(key, value.strip(), getattr(Project, key))
                    setattr(project, key, value.strip() or None)
            return {"project_id": project.id, "name": project.name, **{k: getattr(project, k) for k in sorted(allowed)}}

    async def ensure_project(self, project_id: str, name: str) -> None:
        """Create a project with a fixed id if it does not exist (the local stdio project)."""
        if await self.project_exists(project_id):
            return
        try:
            async with self._db.session() as s, s.begin():
                s.add(Project(id=project_id, name=name))
        except IntegrityError:  # another process starting at the same moment made it
            if not await self.project_exists(project_id):
                raise

    async def project_exists(self, project_id: str) -> bool:
        async with self._db.session() as s:
            return (await s.execute(select(Project.id).where(Project.id == project_id))).first() is not None


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
