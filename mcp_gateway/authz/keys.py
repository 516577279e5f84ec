"""Project API keys: long-lived credentials for configs that can only hold static headers
(Cursor, the OpenAI Responses `mcp` tool, scripts).

A key is shown once and kept as a SHA-256 hash: it is 256 random bits, so the hash cannot be
reversed, and looking one up is a single indexed read. A key may be bound to one environment
(always), one external user and some apps; it then reaches nothing else.

A key made `in_url` may be carried in the MCP URL instead (`/k/{key}/mcp`), for clients that hold
nothing but a URL and do no OAuth. A URL is copied, shared and logged more readily than a header,
so this is asked for when the key is made, and a key that was not made for it is refused there.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select, update

from mcp_gateway.config import ENVIRONMENTS
from mcp_gateway.connect.accounts import AccountError, check_external_user_id
from mcp_gateway.connect.developer_auth import AuthError, Principal, hash_secret
from mcp_gateway.store.db import Database
from mcp_gateway.store.ids import API_KEY, new_id
from mcp_gateway.store.lengths import check_length
from mcp_gateway.store.models import Project, ProjectApiKey

KEY_PREFIX = "mgk_"
# The longest a key may be made to live: past this, a key should not expire at all.
MAX_LIFETIME = 10 * 365 * 86400
# Last use is written at most this often per key and process: not a write on every request.
_LAST_USED_EVERY = 60.0


class ApiKeyError(ValueError):
    """A key cannot be made or changed as asked; the message says what to fix."""


class KeyInfo(BaseModel):
    """What may be shown of a key: everything but its secret (the REST API's shape too)."""

    model_config = ConfigDict(frozen=True, from_attributes=True)

    id: str
    project_id: str
    name: str | None
    environment: str
    external_user_id: str | None
    apps: list[str] | None
    in_url: bool
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None

    @classmethod
    def of(cls, row: ProjectApiKey) -> KeyInfo:
        return cls.model_validate(row)

    def as_json(self) -> dict[str, object]:
        return self.model_dump(mode="json")


def is_key(token: str) -> bool:
    return token.startswith(KEY_PREFIX)


class ApiKeys:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._last_written: dict[str, float] = {}

    async def create(self, project_id: str, environment: str, *, external_user_id: str | None = None,
                     apps: Sequence[str] | None = None, expires_in: float | None = None,
                     name: str | None = None, in_url: bool = False) -> tuple[str, KeyInfo]:
        """A new key (returned once, in clear) and what is kept of it."""
        if environment not in ENVIRONMENTS:
            raise ApiKeyError(f"environment must be one of {', '.join(ENVIRONMENTS)}, not {environment!r}")
        if external_user_id is not None:
            try:
                check_external_user_id(external_user_id)
            except AccountError as exc:
                raise ApiKeyError(str(exc)) from None
        app_list = list(dict.fromkeys(a.strip() for a in apps if a.strip())) if apps is not None else None
        if app_list is not None and not app_list:
            raise ApiKeyError("apps, when given, must name at least one app slug")
        if expires_in is not None and not 0 < expires_in <= MAX_LIFETIME:
            raise ApiKeyError(f"expires_in must be from 1 to {MAX_LIFETIME} seconds (10 years); leave it out for a key "
                              "that does not expire")
        name = name.strip() or None if name is not None else None
        check_length("name", name, ProjectApiKey.name)
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        now = datetime.now(timezone.utc)
        row = ProjectApiKey(
            id=new_id(API_KEY, 16), project_id=project_id, secret_hash=hash_secret(key), name=name, environment=environment,
            external_user_id=external_user_id, apps=app_list, in_url=in_url, created_at=now,
            expires_at=now + timedelta(seconds=expires_in) if expires_in is not None else None,
        )
        async with self._db.session() as s, s.begin():
            if await s.get(Project, project_id) is None:
                raise AuthError(f"project {project_id} does not exist", status=404)
            s.add(row)
        return key, KeyInfo.of(row)

    async def list(self, project_id: str) -> list[KeyInfo]:
        async with self._db.session() as s:
            rows = (await s.execute(
                select(ProjectApiKey).where(ProjectApiKey.project_id == project_id).order_by(ProjectApiKey.created_at)
            )).scalars().all()
        return [KeyInfo.of(row) for row in rows]

    async def revoke(self, project_id: str, key_id: str) -> KeyInfo:
        async with self._db.session() as s, s.begin():
            row = await s.get(ProjectApiKey, key_id)
            if row is None or row.project_id != project_id:
                raise AuthError(f"project {project_id} has no API key {key_id}; see `mcp-gateway keys list`", status=404)
            if row.revoked_at is None:
                row.revoked_at = datetime.now(timezone.utc)
            return KeyInfo.of(row)

    async def authenticate(self, key: str, *, from_url: bool = False) -> Principal:
        """The principal a key speaks for; `AuthError` when it is unknown, expired or revoked, or
        came in a URL without having been made for one."""
        async with self._db.session() as s:
            row = (await s.execute(select(ProjectApiKey).where(ProjectApiKey.secret_hash == hash_secret(key)))).scalar_one_or_none()
        if row is None:
            raise AuthError("invalid API key: not one this gateway issued (see `mcp-gateway keys list`)")
        now = datetime.now(timezone.utc)
        if row.revoked_at is not None:
            raise AuthError(f"API key {row.id} was revoked; create a new one with `mcp-gateway keys create`")
        if row.expires_at is not None and row.expires_at <= now:
            raise AuthError(f"API key {row.id} expired at {row.expires_at.isoformat()}; create a new one with "
                            "`mcp-gateway keys create`")
        if from_url and not row.in_url:
            raise AuthError(f"API key {row.id} was not made to be carried in a URL: send it as `Authorization: Bearer`, "
                            "or create a URL key with `mcp-gateway keys create --url`")
        await self._note_use(row.id, now)
        return Principal(
            project_id=row.project_id, client_id=row.id,
            expires_at=row.expires_at.timestamp() if row.expires_at is not None else None,
            environment=row.environment, external_user_id=row.external_user_id,
            apps=tuple(row.apps) if row.apps is not None else None,
        )

    async def _note_use(self, key_id: str, now: datetime) -> None:
        clock = time.monotonic()
        if clock - self._last_written.get(key_id, -_LAST_USED_EVERY) < _LAST_USED_EVERY:
            return
        self._last_written[key_id] = clock
        async with self._db.session() as s, s.begin():
            await s.execute(update(ProjectApiKey).where(ProjectApiKey.id == key_id).values(last_used_at=now))
