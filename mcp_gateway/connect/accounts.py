"""External users and their connected accounts; credentials only ever stored encrypted."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from mcp_gateway.store.db import Database
from mcp_gateway.store.ids import ACCOUNT, EXTERNAL_USER, new_id
from mcp_gateway.store.models import Account, ExternalUser

from .vault import Vault

MAX_EXTERNAL_USER_ID = 250


class AccountError(Exception):
    """An account or user reference is wrong; the message says which and why."""


@dataclass(frozen=True, slots=True)
class AccountInfo:
    id: str
    app_slug: str
    name: str | None
    healthy: bool
    dead: bool
    created_at: datetime


def check_external_user_id(external_id: str) -> str:
    if not external_id or not external_id.strip():
        raise AccountError("external user id must not be empty")
    if len(external_id) > MAX_EXTERNAL_USER_ID:
        raise AccountError(f"external user id is {len(external_id)} characters; the limit is {MAX_EXTERNAL_USER_ID}")
    return external_id


class Accounts:
    def __init__(self, db: Database, vault: Vault) -> None:
        self._db = db
        self._vault = vault

    async def ensure_user(self, project_id: str, environment: str, external_id: str) -> str:
        check_external_user_id(external_id)
        async with self._db.session() as s:
            found = await s.scalar(
                select(ExternalUser.id).where(
                    ExternalUser.project_id == project_id,
                    ExternalUser.environment == environment,
                    ExternalUser.external_id == external_id,
                )
            )
            if found:
                return found
            user_id = new_id(EXTERNAL_USER)
            s.add(ExternalUser(id=user_id, project_id=project_id, environment=environment, external_id=external_id))
            try:
                await s.commit()
            except IntegrityError:  # created concurrently by another request
                await s.rollback()
                return await self.ensure_user(project_id, environment, external_id)
            return user_id

    async def add(
        self,
        project_id: str,
        environment: str,
        external_id: str,
        app_slug: str,
        credentials: Mapping[str, Any],
        *,
        name: str | None = None,
        expires_at: datetime | None = None,
    ) -> str:
        user_id = await self.ensure_user(project_id, environment, external_id)
        account_id = new_id(ACCOUNT)
        async with self._db.session() as s, s.begin():
            s.add(
                Account(
                    id=account_id,
                    project_id=project_id,
                    environment=environment,
                    user_id=user_id,
                    app_slug=app_slug,
                    name=name,
                    credentials=self._vault.encrypt(credentials, context=account_id),
                    expires_at=expires_at,
                )
            )
        return account_id

    async def list_for_user(
        self, project_id: str, environment: str, external_id: str, app_slug: str | None = None
    ) -> list[AccountInfo]:
        query = (
            select(Account)
            .join(ExternalUser, ExternalUser.id == Account.user_id)
            .where(
                ExternalUser.project_id == project_id,
                ExternalUser.environment == environment,
                ExternalUser.external_id == external_id,
            )
            .order_by(Account.created_at)
        )
        if app_slug is not None:
            query = query.where(Account.app_slug == app_slug)
        async with self._db.session() as s:
            rows = (await s.scalars(query)).all()
        return [AccountInfo(r.id, r.app_slug, r.name, r.healthy, r.dead, r.created_at) for r in rows]

    async def credentials_for(
        self, project_id: str, environment: str, external_id: str, app_slug: str, account_id: str | None = None
    ) -> tuple[str, dict[str, Any]] | None:
        """The account to use for a run and its decrypted credentials, or None if the user has none.

        With `account_id`, that account must belong to this user and app; otherwise the
        newest healthy account for the app is used.
        """
        query = (
            select(Account)
            .join(ExternalUser, ExternalUser.id == Account.user_id)
            .where(
                ExternalUser.project_id == project_id,
                ExternalUser.environment == environment,
                ExternalUser.external_id == external_id,
                Account.app_slug == app_slug,
                Account.dead.is_(False),
            )
        )
        if account_id is not None:
            query = query.where(Account.id == account_id)
        else:
            query = query.order_by(Account.healthy.desc(), Account.created_at.desc()).limit(1)
        async with self._db.session() as s:
            account = await s.scalar(query)
        if account is None:
            if account_id is not None:
                raise AccountError(
                    f"account {account_id} is not a {app_slug} account of user {external_id!r} in this project "
                    "and environment"
                )
            return None
        return account.id, self._vault.decrypt(account.credentials, context=account.id)
