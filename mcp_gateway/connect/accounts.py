"""External users and their connected accounts; credentials only ever stored encrypted."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from typing import Any, Generic, TypeVar

from sqlalchemy import Row, Select, and_, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from mcp_gateway.store.db import Database
from mcp_gateway.store.ids import ACCOUNT, EXTERNAL_USER, new_id
from mcp_gateway.store.lengths import max_length
from mcp_gateway.store.models import Account, ConnectToken, ExternalUser, OAuthApp, utcnow

from .vault import Vault

MAX_EXTERNAL_USER_ID = max_length(ExternalUser.external_id)


class AccountError(Exception):
    """An account or user reference is wrong; the message says which and why."""


@dataclass(frozen=True, slots=True)
class AccountRecord:
    """An account as the REST API describes it; `credentials` only where the caller allowed them."""

    id: str
    app_slug: str
    name: str | None
    external_account_id: str | None
    healthy: bool
    dead: bool
    error: str | None
    expires_at: datetime | None
    created_at: datetime
    updated_at: datetime
    oauth_app_id: str | None
    # The OAuth client the account was connected with: its client id, and the project owning
    # it (None for the operator's default clients).
    oauth_client_id: str | None
    oauth_client_project_id: str | None
    credentials: dict[str, Any] | None = field(default=None, repr=False)


@dataclass(frozen=True, slots=True)
class UserRecord:
    id: str
    external_id: str
    created_at: datetime


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a list in creation order. `start_cursor` names the first item (for paging
    back with `before`); `end_cursor` names the last, and only when more items follow."""

    items: list[T]
    total_count: int
    start_cursor: str | None
    end_cursor: str | None


def check_external_user_id(external_id: str) -> str:
    if not external_id or not external_id.strip():
        raise AccountError("external user id must not be empty")
    if "\x00" in external_id:
        raise AccountError("external user id must not contain NUL characters")
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

    async def find(
        self,
        project_id: str,
        environment: str,
        *,
        external_id: str | None = None,
        app_slug: str | None = None,
        oauth_app_id: str | None = None,
        after: str | None = None,
        before: str | None = None,
        limit: int | None = None,
        reveal: Callable[[AccountRecord], bool] | None = None,
    ) -> Page[AccountRecord]:
        """Accounts of a project and environment, oldest first, optionally filtered; `limit`
        None means all. Credentials are decrypted only for accounts `reveal` allows."""
        query = _with_client(Account.project_id == project_id, Account.environment == environment)
        if external_id is not None:
            query = query.join(ExternalUser, ExternalUser.id == Account.user_id).where(ExternalUser.external_id == external_id)
        if app_slug is not None:
            query = query.where(Account.app_slug == app_slug)
        if oauth_app_id is not None:
            query = query.where(Account.oauth_app_id == oauth_app_id)
        async with self._db.session() as s:
            return await _paged(
                s, query, Account.created_at, Account.id, lambda row: self._record(*row, reveal=reveal),
                after=after, before=before, limit=limit,
            )

    async def get(
        self, project_id: str, environment: str, account_id: str, *, reveal: Callable[[AccountRecord], bool] | None = None
    ) -> AccountRecord | None:
        query = _with_client(Account.id == account_id, Account.project_id == project_id, Account.environment == environment)
        async with self._db.session() as s:
            row = (await s.execute(query)).first()
        return self._record(*row, reveal=reveal) if row is not None else None

    def _record(
        self,
        account: Account,
        client_id: str | None,
        client_project_id: str | None,
        *,
        reveal: Callable[[AccountRecord], bool] | None,
    ) -> AccountRecord:
        record = AccountRecord(
            id=account.id,
            app_slug=account.app_slug,
            name=account.name,
            external_account_id=account.external_account_id,
            healthy=account.healthy,
            dead=account.dead,
            error=account.error,
            expires_at=account.expires_at,
            created_at=account.created_at,
            updated_at=account.updated_at,
            oauth_app_id=account.oauth_app_id,
            oauth_client_id=client_id,
            oauth_client_project_id=client_project_id,
        )
        if reveal is not None and reveal(record):
            record = replace(record, credentials=self._vault.decrypt(account.credentials, context=account.id))
        return record

    async def find_users(
        self,
        project_id: str,
        environment: str,
        *,
        q: str | None = None,
        after: str | None = None,
        before: str | None = None,
        limit: int | None = None,
    ) -> Page[UserRecord]:
        """End users of a project and environment, oldest first; `q` matches part of the external id."""
        query = select(ExternalUser).where(ExternalUser.project_id == project_id, ExternalUser.environment == environment)
        if q:
            query = query.where(func.lower(ExternalUser.external_id).contains(q.lower(), autoescape=True))

        def user(row: Row[Any]) -> UserRecord:
            return UserRecord(row[0].id, row[0].external_id, row[0].created_at)

        async with self._db.session() as s:
            return await _paged(s, query, ExternalUser.created_at, ExternalUser.id, user, after=after, before=before, limit=limit)

    async def user_exists(self, project_id: str, environment: str, external_id: str) -> bool:
        return await self._find_user(project_id, environment, external_id) is not None

    async def rename(self, account_id: str, name: str) -> None:
        async with self._db.session() as s, s.begin():
            await s.execute(update(Account).where(Account.id == account_id).values(name=name, updated_at=utcnow()))

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

    async def delete_for_app(self, project_id: str, environment: str, app_slug: str) -> int:
        """Remove every account of one app in a project's environment; the number removed."""
        async with self._db.session() as s, s.begin():
            done = await s.execute(
                delete(Account).where(
                    Account.app_slug == app_slug, Account.project_id == project_id, Account.environment == environment
                )
            )
        return done.rowcount

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


def _with_client(*where: Any) -> Select[Any]:
    """Accounts with the client id and owning project of the OAuth client each was connected with."""
    return (
        select(Account, OAuthApp.client_id, OAuthApp.project_id)
        .outerjoin(OAuthApp, OAuthApp.id == Account.oauth_app_id)
        .where(*where)
    )


async def _paged(
    s: AsyncSession,
    query: Select[Any],
    created: InstrumentedAttribute[datetime],
    key: InstrumentedAttribute[str],
    item: Callable[[Row[Any]], T],
    *,
    after: str | None,
    before: str | None,
    limit: int | None,
) -> Page[T]:
    """The rows of `query` in (created, key) order between the cursors, as a page of `item`s.

    A cursor names a row's position rather than an offset, so a page stays right while rows
    are added or removed elsewhere in the list.
    """

    def beyond(cursor: tuple[datetime, str], *, later: bool) -> Any:
        at, ident = cursor
        if later:
            return or_(created > at, and_(created == at, key > ident))
        return or_(created < at, and_(created == at, key < ident))

    total = await s.scalar(select(func.count()).select_from(query.subquery()))
    window = query
    if after is not None:
        window = window.where(beyond(decode_cursor(after, "after"), later=True))
    if before is not None:
        window = window.where(beyond(decode_cursor(before, "before"), later=False))
    if before is not None and after is None:
        # Paging backwards: the `limit` rows just before the cursor, still returned oldest first.
        window = window.order_by(created.desc(), key.desc()).limit(limit)
        rows = list(reversed((await s.execute(window)).all()))
    else:
        rows = list((await s.execute(window.order_by(created, key).limit(limit))).all())
    start_cursor = end_cursor = None
    if rows:
        first, last = rows[0][0], rows[-1][0]
        start_cursor = encode_cursor(first.created_at, first.id)
        if await s.scalar(select(query.where(beyond((last.created_at, last.id), later=True)).exists())):
            end_cursor = encode_cursor(last.created_at, last.id)
    return Page([item(row) for row in rows], total or 0, start_cursor, end_cursor)


def encode_cursor(created: datetime, ident: str) -> str:
    return base64.urlsafe_b64encode(f"{created.isoformat()}|{ident}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str, name: str) -> tuple[datetime, str]:
    try:
        at, _, ident = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode().partition("|")
        created = datetime.fromisoformat(at)
        created = created.astimezone(timezone.utc) if created.tzinfo is not None else None
    except (ValueError, OverflowError, binascii.Error, UnicodeDecodeError):
        created, ident = None, ""
    if created is None or not ident:
        raise AccountError(f"{name}: {cursor!r} is not a cursor from this list's page_info")
    return created, ident


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
