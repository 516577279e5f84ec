"""Fresh credentials for a run: OAuth tokens refreshed before they expire and once when
the provider answers 401, one refresh per account at a time."""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from typing import Any

from mcp_gateway.catalog.model import App
from mcp_gateway.net import EgressPolicy
from mcp_gateway.store.shared import Shared, SharedUnavailable

from . import oauth
from .accounts import Accounts, ResolvedAccount
from .oauth_apps import OAuthAppError, OAuthApps

logger = logging.getLogger(__name__)

# How long one process may hold an account's refresh, and how often others look again.
_LEASE_SECONDS = 30.0
_LEASE_POLL = 0.1


class AccountUnhealthy(Exception):
    """The account's credentials cannot be made to work; the user has to reconnect it."""

    def __init__(self, account_id: str, reason: str) -> None:
        super().__init__(reason)
        self.account_id = account_id
        self.reason = reason


class RefreshUnavailable(Exception):
    """The provider could not be reached to refresh a token; trying again later may work."""


class CredentialBroker:
    def __init__(
        self, accounts: Accounts, oauth_apps: OAuthApps, shared: Shared | None = None, *, egress: EgressPolicy = EgressPolicy(),
    ) -> None:
        self._egress = egress  # where token endpoints may be
        self._accounts = accounts
        self._oauth_apps = oauth_apps
        self._shared = shared if shared is not None and shared.distributed else None
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    async def fresh(self, app: App, account: ResolvedAccount) -> dict[str, Any]:
        """The account's credentials, refreshed first if the access token is about to expire."""
        if app.auth_type != "oauth" or not oauth.needs_refresh(account.credentials):
            return account.credentials
        return await self._refresh(app, account, stale_token=account.credentials.get("oauth_access_token"))

    async def after_unauthorized(self, app: App, account: ResolvedAccount, used_token: str | None) -> dict[str, Any] | None:
        """New credentials after the API rejected `used_token`, or None if nothing can be refreshed."""
        if app.auth_type != "oauth" or not account.credentials.get("oauth_refresh_token"):
            return None
        return await self._refresh(app, account, stale_token=used_token)

    async def _refresh(self, app: App, account: ResolvedAccount, *, stale_token: Any) -> dict[str, Any]:
        # In this process, one coroutine per account; across processes, a lock in Redis when the
        # processes share one, else a lease in the database.
        lock = self._locks.get(account.id)
        if lock is None:
            lock = self._locks[account.id] = asyncio.Lock()
        async with lock:
            deadline = time.monotonic() + _LEASE_SECONDS
            while True:
                # Whoever refreshed before us may have done the work already.
                current = await self._current(account.id)
                if current.credentials.get("oauth_access_token") != stale_token and not oauth.needs_refresh(current.credentials):
                    return current.credentials
                try:
                    lease = await self._take_lease(account.id)
                except SharedUnavailable as exc:
                    raise RefreshUnavailable(f"the token needs a refresh, but {exc}") from None
                if lease is not None:
                    break
                if time.monotonic() > deadline:
                    raise RefreshUnavailable("another gateway process is still refreshing this account's token; try again shortly")
                await asyncio.sleep(_LEASE_POLL)
            try:
                return await self._refresh_now(app, current)
            finally:
                await self._release_lease(account.id, lease)

    async def _take_lease(self, account_id: str) -> str | None:
        if self._shared is not None:
            return await self._shared.try_lock(f"refresh:{account_id}", _LEASE_SECONDS)
        return "database" if await self._accounts.take_refresh_lease(account_id, _LEASE_SECONDS) else None

    async def _release_lease(self, account_id: str, lease: str) -> None:
        if self._shared is not None:
            try:
                await self._shared.unlock(f"refresh:{account_id}", lease)
            except SharedUnavailable as exc:  # the lock frees itself after _LEASE_SECONDS
                logger.warning("could not release the refresh lock of account %s: %s", account_id, exc)
        else:
            await self._accounts.release_refresh_lease(account_id)

    async def _current(self, account_id: str) -> ResolvedAccount:
        current = await self._accounts.reload(account_id)
        if current is None:
            raise AccountUnhealthy(account_id, "the account was deleted")
        if not current.healthy:
            raise AccountUnhealthy(account_id, current.error or "the account is marked unhealthy")
        return current

    async def _refresh_now(self, app: App, current: ResolvedAccount) -> dict[str, Any]:
        try:
            client = await self._oauth_apps.resolve(current.project_id, app.slug, current.oauth_app_id)
            credentials, expires_at = await oauth.refresh(app, client, current.credentials, egress=self._egress)
        except (OAuthAppError, oauth.OAuthFlowError) as exc:
            reason = f"token refresh failed: {exc}"
            if isinstance(exc, OAuthAppError) or exc.permanent:
                await self._accounts.mark_unhealthy(current.id, reason)
                raise AccountUnhealthy(current.id, reason) from None
            logger.warning("refresh of account %s failed, will retry on next use: %s", current.id, exc)
            raise RefreshUnavailable(f"{reason}; try again shortly") from None
        await self._accounts.save_credentials(current.id, credentials, expires_at)
        logger.info("refreshed the %s token of account %s", app.slug, current.id)
        return credentials
