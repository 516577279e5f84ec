"""External users and their connected accounts; credentials only ever stored encrypted."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.exc import IntegrityError

from mcp_gateway.store.db import Database
from mcp_gateway.store.ids import ACCOUNT, EXTERNAL_USER, new_id
from mcp_gateway.store.models import Account, ConnectToken, ExternalUser, utcnow

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
    error: str | None = None


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
        found = await self._find_user(project_id, environment, external_id)
        if found:
            return found
        user_id = new_id(EXTERNAL_USER)
        try:
            async with self._db.session() as s, s.begin():
                s.add(ExternalUser(id=user_id, project_id=project_id, environment=environment, external_id=external_id))
        except IntegrityError:
            # Created concurrently by another request, or the project does not exist.
            found = await self._find_user(project_id, environment, external_id)
            if found:
                return found
            raise AccountError(f"project {project_id} does not exist") from None
        return user_id

    async def _find_user(self, project_id: str, environment: str, external_id: str) -> str | None:
        async with self._db.session() as s:
            return await s.scalar(
                select(ExternalUser.id).where(
                    ExternalUser.project_id == project_id,
                    ExternalUser.environment == environment,
                    ExternalUser.external_id == external_id,
                )
            )

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
        external_account_id: str | None = None,
        oauth_app_id: str | None = None,
        connect_token_hash: str | None = None,
    ) -> str:
        """Save a new account. With `connect_token_hash`, the connect token is used up in the
        same transaction, so one token never saves two accounts."""
        user_id = await self.ensure_user(project_id, environment, external_id)
        account_id = new_id(ACCOUNT)
        async with self._db.session() as s, s.begin():
            if connect_token_hash is not None:
                used = await s.execute(
                    update(ConnectToken)
                    .where(ConnectToken.token_hash == connect_token_hash, ConnectToken.used_at.is_(None))
                    .values(used_at=utcnow(), account_id=account_id)
                )
                if used.rowcount != 1:
                    raise AccountError("this connect token was already used to connect an account")
            s.add(
                Account(
                    id=account_id,
                    project_id=project_id,
                    environment=environment,
                    user_id=user_id,
                    app_slug=app_slug,
                    name=name,
                    external_account_id=external_account_id,
                    oauth_app_id=oauth_app_id,
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
        return [AccountInfo(r.id, r.app_slug, r.name, r.healthy, r.dead, r.created_at, r.error) for r in rows]

    async def resolve(
        self, project_id: str, environment: str, external_id: str, app_slug: str, account_id: str | None = None
    ) -> ResolvedAccount | None:
        """The account to use for a run, decrypted, or None if the user has no usable one.

        With `account_id`, that account must belong to this user and app (it is returned
        even if unhealthy, so the caller can say so); otherwise the newest healthy account
        for the app is used.
        """
        query = (
            select(Account)
            .join(ExternalUser, ExternalUser.id == Account.user_id)
            .where(
                ExternalUser.project_id == project_id,
                ExternalUser.environment == environment,
                ExternalUser.external_id == external_id,
                Account.app_slug == app_slug,
            )
        )
        if account_id is not None:
            query = query.where(Account.id == account_id)
        else:
            query = query.where(Account.healthy.is_(True), Account.dead.is_(False))
            query = query.order_by(Account.created_at.desc()).limit(1)
        async with self._db.session() as s:
            account = await s.scalar(query)
        if account is None:
            if account_id is not None:
                raise AccountError(
                    f"account {account_id} is not a {app_slug} account of user {external_id!r} in this project "
                    "and environment"
                )
            return None
        return self._resolved(account)

    async def reload(self, account_id: str) -> ResolvedAccount | None:
        async with self._db.session() as s:
            account = await s.get(Account, account_id)
        return self._resolved(account) if account is not None else None

    def _resolved(self, account: Account) -> ResolvedAccount:
        return ResolvedAccount(
            id=account.id,
            project_id=account.project_id,
            app_slug=account.app_slug,
            oauth_app_id=account.oauth_app_id,
            healthy=account.healthy and not account.dead,
            error=account.error,
            credentials=self._vault.decrypt(account.credentials, context=account.id),
        )

    async def take_refresh_lease(self, account_id: str, seconds: float) -> bool:
        """Claim the right to refresh this account's token, across every gateway process."""
        now = utcnow()
        async with self._db.session() as s, s.begin():
            taken = await s.execute(
                update(Account)
                .where(
                    Account.id == account_id,
                    or_(Account.refresh_lease_until.is_(None), Account.refresh_lease_until < now),
                )
                .values(refresh_lease_until=now + timedelta(seconds=seconds))
            )
        return taken.rowcount == 1

    async def release_refresh_lease(self, account_id: str) -> None:
        async with self._db.session() as s, s.begin():
            await s.execute(update(Account).where(Account.id == account_id).values(refresh_lease_until=None))

    async def save_credentials(self, account_id: str, credentials: Mapping[str, Any], expires_at: datetime | None) -> None:
        """Store refreshed credentials; the account is healthy again."""
        async with self._db.session() as s, s.begin():
            await s.execute(
                update(Account)
                .where(Account.id == account_id)
                .values(
                    credentials=self._vault.encrypt(credentials, context=account_id),
                    expires_at=expires_at,
                    healthy=True,
                    error=None,
                    updated_at=utcnow(),
                )
            )

    async def mark_unhealthy(self, account_id: str, reason: str, *, dead: bool = False) -> None:
        async with self._db.session() as s, s.begin():
            await s.execute(
                update(Account)
                .where(Account.id == account_id)
                .values(healthy=False, dead=dead, error=reason[:1000], updated_at=utcnow())
            )

    async def delete(self, project_id: str, environment: str, account_id: str) -> bool:
        """Remove an account and its credentials; False if no such account here."""
        async with self._db.session() as s, s.begin():
            done = await s.execute(
                delete(Account).where(
                    Account.id == account_id, Account.project_id == project_id, Account.environment == environment
                )
            )
        return done.rowcount == 1

    async def delete_user(self, project_id: str, environment: str, external_id: str) -> int | None:
        """Remove an end user and every account of theirs; the number of accounts removed, or
        None if there is no such user."""
        async with self._db.session() as s, s.begin():
            user_id = await s.scalar(
                select(ExternalUser.id).where(
                    ExternalUser.project_id == project_id,
                    ExternalUser.environment == environment,
                    ExternalUser.external_id == external_id,
                )
            )
            if user_id is None:
                return None
            removed = await s.execute(delete(Account).where(Account.user_id == user_id))
            await s.execute(delete(ExternalUser).where(ExternalUser.id == user_id))
        return removed.rowcount


@dataclass(frozen=True, slots=True)
class ResolvedAccount:
    """An account with its decrypted credentials, for one run."""

    id: str
    project_id: str
    app_slug: str
    oauth_app_id: str | None
    healthy: bool
    error: str | None
    credentials: dict[str, Any]

    def __repr__(self) -> str:  # credentials stay out of logs and tracebacks
        return f"ResolvedAccount({self.id!r}, app={self.app_slug!r}, healthy={self.healthy})"
