"""Running actions for a project's end user: account lookup, the run, its record.

Both the MCP server and the REST API call this; neither knows about the other.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import httpx

from mcp_gateway.catalog import Action, AgentClient, Catalog, ClientAnswerNeeded, Prop, PropValidator
from mcp_gateway.catalog.http import RefreshHook, RequestHook
from mcp_gateway.connect.accounts import AccountError, Accounts, ResolvedAccount
from mcp_gateway.connect.credentials import AccountUnhealthy, CredentialBroker, RefreshUnavailable
from mcp_gateway.destinations import Destinations
from mcp_gateway.files import FileError, Files, RunFiles, StashSync, needs_files, stash_requested
from mcp_gateway.net import EgressPolicy
from mcp_gateway.store.db import Database
from mcp_gateway.store.ids import DYNAMIC_PROPS, new_id
from mcp_gateway.store.models import DynamicProps, utcnow

from . import engine
from .errors import AccountRequired, ConfigurationError, DynamicPropsNotFound
from .runlog import RunLog

_ERROR_EXCERPT = 1000


@dataclass(frozen=True, slots=True)
class Caller:
    """Whom a run is for: a project's environment, one of its end users, optionally a chosen account."""

    project_id: str
    environment: str
    external_user_id: str
    account_id: str | None = None


class RunObserver(Protocol):
    """Told how each run ended and of each request its action made to the app's API (the
    gateway's metrics). `outcome` is `ok`, `error`, `timeout`, `account_required` or `invalid`."""

    def run_finished(self, app_slug: str, outcome: str, seconds: float) -> None: ...

    def upstream_request(self, app_slug: str, seconds: float, status: int | None, error: httpx.HTTPError | None) -> None: ...


@dataclass(frozen=True, slots=True)
class _RunAuth:
    account_id: str | None
    credentials: dict[str, Any] | None
    on_unauthorized: RefreshHook | None


class Runtime:
    def __init__(
        self,
        catalog: Catalog,
        db: Database,
        accounts: Accounts,
        credentials: CredentialBroker,
        *,
        run_timeout: float = engine.DEFAULT_TIMEOUT,
        files: Files | None = None,
        destinations: Destinations | None = None,
        observer: RunObserver | None = None,
        egress: EgressPolicy = EgressPolicy(),
    ) -> None:
        # Where the actions' requests and connections may go.
        self.egress = egress
        self.catalog = catalog
        self._db = db
        self._accounts = accounts
        self.credentials = credentials
        self.runlog = RunLog(db)
        self.run_timeout = run_timeout
        # File Stash and file inputs; None: runs get no stash, and file references are not read.
        self.files = files
        # `$.send` targets; None: actions that send fail with a clear error.
        self.destinations = destinations
        self._observer = observer

    def _request_hook(self, action: Action) -> RequestHook | None:
        observer = self._observer
        if observer is None:
            return None
        app_slug = action.app.slug

        def hook(seconds: float, response: httpx.Response | None, error: httpx.HTTPError | None) -> None:
            observer.upstream_request(app_slug, seconds, response.status_code if response is not None else None, error)

        return hook

    async def check_account(self, caller: Caller, action: Action, values: Mapping[str, Any], *, via: str) -> None:
        """Refuse a run as `run` would when its user has no usable account, before anything it
        was sent with is stored (a multipart run's uploads). A refusal is recorded as a run's."""
        started = time.perf_counter()
        try:
            await self._account(caller, action, values)
        except (ConfigurationError, AccountRequired) as exc:
            self._record(caller, action, None, via, str(exc), started)
            if self._observer is not None:
                outcome = "account_required" if isinstance(exc, AccountRequired) else "invalid"
                self._observer.run_finished(action.app.slug, outcome, time.perf_counter() - started)
            raise

    async def _account(self, caller: Caller, action: Action, values: Mapping[str, Any]) -> ResolvedAccount | None:
        """The healthy account a run is to use; None for an app without auth."""
        app = action.app
        if app.auth_type == "none":
            return None
        account_id = caller.account_id
        app_value = values.get(action.app_prop_name or "")
        if isinstance(app_value, Mapping) and app_value.get("authProvisionId"):
            account_id = str(app_value["authProvisionId"])
        try:
            account = await self._accounts.resolve(
                caller.project_id, caller.environment, caller.external_user_id, app.slug, account_id
            )
        except AccountError as exc:
            raise ConfigurationError(str(exc)) from None
        if account is None:
            raise AccountRequired(
                f"User {caller.external_user_id!r} has no connected {app.name} account.",
                advice=f"Ask them to connect their {app.name} account, then try again.",
                app_slug=app.slug,
            )
        if not account.healthy:
            raise self._reconnect(caller, app.name, app.slug, account.id, account.error)
        return account

    async def _auth(self, caller: Caller, action: Action, values: Mapping[str, Any]) -> _RunAuth:
        account = await self._account(caller, action, values)
        if account is None:
            return _RunAuth(None, None, None)
        app = action.app
        try:
            credentials = await self.credentials.fresh(app, account)
        except AccountUnhealthy as exc:
            raise self._reconnect(caller, app.name, app.slug, account.id, exc.reason) from None
        except RefreshUnavailable as exc:
            raise ConfigurationError(str(exc)) from None
        used = {"token": credentials.get("oauth_access_token")}

        async def on_unauthorized() -> dict[str, str] | None:
            # The API rejected the token: refresh once and retry with the new one.
            try:
                fresh = await self.credentials.after_unauthorized(app, account, used["token"])
            except (AccountUnhealthy, RefreshUnavailable):
                return None
            if fresh is None:
                return None
            used["token"] = fresh.get("oauth_access_token")
            return app.headers_for(fresh)

        return _RunAuth(account.id, credentials, on_unauthorized)

    @staticmethod
    def _reconnect(caller: Caller, app_name: str, app_slug: str, account_id: str, reason: str | None) -> AccountRequired:
        why = f" ({reason})" if reason else ""
        return AccountRequired(
            f"User {caller.external_user_id!r}'s {app_name} account {account_id} no longer works{why}.",
            advice=f"Ask them to reconnect their {app_name} account, then try again.",
            app_slug=app_slug,
        )

    async def run(
        self,
        caller: Caller,
        action: Action,
        values: Mapping[str, Any],
        *,
        via: str,
        extra_props: Mapping[str, Prop] | None = None,
        stash_id: str | bool | None = None,
        client: AgentClient | None = None,
    ) -> engine.RunResult:
        """Run `action` for the caller. With `stash_id` (`""`, `"NEW"` or true for a new stash, or
        an earlier run's id) the run's /tmp starts with the stash's files and the files it
        writes are uploaded to it. `client` is the MCP client that called; a run it must answer
        first (`InputRequired`, in the stateless protocol) ends with nothing sent or stashed."""
        started = time.perf_counter()
        account_id: str | None = None
        outcome = "error"  # until the run says otherwise
        on_request = self._request_hook(action)
        try:
            if stash_requested(stash_id) and action.stash is None:
                raise ConfigurationError(
                    f"{action.key} does not use File Stash (its stash attribute is null); leave stash_id out"
                )
            auth = await self._auth(caller, action, values)
            account_id = auth.account_id
            if extra_props is None and action.additional_props is not None:
                # One-shot callers (tools-only mode, a REST run without dynamic_props_id)
                # get the props the current values lead to.
                extra_props = await engine.reload_props(
                    action,
                    values,
                    auth=auth.credentials,
                    external_user_id=caller.external_user_id,
                    timeout=self.run_timeout,
                    on_unauthorized=auth.on_unauthorized,
                    on_request=on_request,
                    egress=self.egress,
                )
            async with self._run_files(caller, stash_id, values) as run_files:
                if run_files is not None:
                    props = {**action.props, **(extra_props or {})}
                    values = await run_files.prepare(stash_id, _path_props(props), engine.unwrap_values(values))
                send = None
                if self.destinations is not None:
                    send = self.destinations.sender(
                        project_id=caller.project_id,
                        environment=caller.environment,
                        external_user_id=caller.external_user_id,
                        action_key=action.key,
                    )
                try:
                    result = await engine.run_action(
                        action,
                        values,
                        auth=auth.credentials,
                        external_user_id=caller.external_user_id,
                        timeout=self.run_timeout,
                        tmp_dir=run_files.tmp_dir if run_files is not None else None,
                        extra_props=extra_props,
                        on_unauthorized=auth.on_unauthorized,
                        send=send,
                        on_request=on_request,
                        egress=self.egress,
                        client=client,
                    )
                except ClientAnswerNeeded:
                    if send is not None:
                        send.discard()
                    outcome = "input_required"
                    raise
                if send is not None:
                    # A failed run delivers none of its sends, so a retry never doubles them.
                    if result.error is None and send.pending:
                        result.run_id = send.run_id
                        await self.destinations.commit(send)
                    else:
                        send.discard()
                if run_files is not None:
                    _apply_stash(result, await run_files.sync())
            outcome = "timeout" if result.timed_out else "error" if result.error is not None else "ok"
        except (ConfigurationError, AccountRequired, FileError) as exc:
            outcome = "account_required" if isinstance(exc, AccountRequired) else "invalid"
            self._record(caller, action, account_id, via, str(exc), started)
            raise
        finally:
            if self._observer is not None:
                self._observer.run_finished(action.app.slug, outcome, time.perf_counter() - started)
        self._record(caller, action, account_id, via, result.error, started)
        return result

    def _run_files(
        self, caller: Caller, stash_id: str | bool | None, values: Mapping[str, Any]
    ) -> contextlib.AbstractAsyncContextManager[RunFiles | None]:
        """A prepared /tmp when the run has a stash or file inputs; else the engine's own lazy one."""
        if not needs_files(stash_id, values):
            return contextlib.nullcontext(None)
        if self.files is None:
            if stash_requested(stash_id):
                raise ConfigurationError("File Stash is not available: this gateway has no file store configured")
            return contextlib.nullcontext(None)
        return RunFiles(self.files, caller.project_id, caller.environment, caller.external_user_id)

    def _record(
        self, caller: Caller, action: Action, account_id: str | None, via: str, error: str | None, started: float
    ) -> None:
        self.runlog.record(
            project_id=caller.project_id,
            environment=caller.environment,
            external_user_id=caller.external_user_id,
            action_key=action.key,
            account_id=account_id,
            via=via,
            ok=error is None,
            error=error[:_ERROR_EXCERPT] if error else None,
            duration_ms=(time.perf_counter() - started) * 1000,
            created_at=utcnow(),
        )

    async def options(
        self,
        caller: Caller,
        action: Action,
        prop_name: str,
        values: Mapping[str, Any],
        *,
        page: int = 0,
        prev_context: Mapping[str, Any] | None = None,
        query: str | None = None,
        extra_props: Mapping[str, Prop] | None = None,
    ) -> dict[str, Any]:
        auth = await self._auth(caller, action, values)
        return await engine.fetch_options(
            action,
            prop_name,
            values,
            auth=auth.credentials,
            on_unauthorized=auth.on_unauthorized,
            external_user_id=caller.external_user_id,
            page=page,
            prev_context=prev_context,
            query=query,
            extra_props=extra_props,
            timeout=self.run_timeout,
            on_request=self._request_hook(action),
            egress=self.egress,
        )

    async def reload(self, caller: Caller, action: Action, values: Mapping[str, Any]) -> dict[str, Prop]:
        _check_given(action, values)
        auth = await self._auth(caller, action, values)
        return await engine.reload_props(
            action,
            values,
            auth=auth.credentials,
            external_user_id=caller.external_user_id,
            timeout=self.run_timeout,
            on_unauthorized=auth.on_unauthorized,
            on_request=self._request_hook(action),
            egress=self.egress,
        )

    async def save_dynamic_props(
        self, caller: Caller, action: Action, values: Mapping[str, Any]
    ) -> tuple[str, dict[str, Prop]]:
        """Reload the props and keep the values under a new `dyp_` id, for `saved_dynamic_props`."""
        props = await self.reload(caller, action, values)
        row = DynamicProps(
            id=new_id(DYNAMIC_PROPS),
            project_id=caller.project_id,
            environment=caller.environment,
            external_user_id=caller.external_user_id,
            action_key=action.key,
            configured_props=_replayable(props, values),
            created_at=utcnow(),
        )
        async with self._db.session() as s:
            s.add(row)
            await s.commit()
        return row.id, props

    async def saved_dynamic_props(self, caller: Caller, action: Action, dynamic_props_id: str) -> dict[str, Prop]:
        """The props a `dyp_` id stands for, rebuilt from the values they were reloaded with
        (props can hold functions, so the values are kept rather than the props)."""
        async with self._db.session() as s:
            row = await s.get(DynamicProps, dynamic_props_id)
        owner = (caller.project_id, caller.environment, caller.external_user_id, action.key)
        if row is None or (row.project_id, row.environment, row.external_user_id, row.action_key) != owner:
            raise DynamicPropsNotFound(
                f"dynamic props {dynamic_props_id!r} were not made for {action.key} and user "
                f"{caller.external_user_id!r} in this project's environment; reload the props to get a dynamic_props_id"
            )
        return await self.reload(caller, action, row.configured_props)


def _path_props(props: Mapping[str, Prop]) -> dict[str, str]:
    """Input props a file reference can be given to, as a path under /tmp."""
    return {name: prop.type for name, prop in props.items() if prop.is_input and prop.type in ("string", "string[]")}


def _apply_stash(result: engine.RunResult, synced: StashSync | None) -> None:
    """The stash's part of a run's answer: its id, `$filestash_uploads`, and notes on files left out."""
    if synced is None:
        return
    result.stash_id = synced.stash_id
    result.exports["$filestash_uploads"] = synced.uploads
    result.files = synced.outputs
    now = int(time.time() * 1000)
    result.os.extend({"ts": now, "k": "console.log", "msg": note} for note in synced.notes)


def _check_given(action: Action, values: Mapping[str, Any]) -> None:
    """Refuse values of the wrong type for the action's own props before its code works with
    them; values still missing are fine while props are being configured."""
    given = {name: prop for name, prop in action.props.items() if name in values and prop.is_input}
    unwrapped = engine.unwrap_values({name: values[name] for name in given})
    problems = PropValidator(action.key, given).errors(unwrapped)
    if problems:
        raise ConfigurationError(f"Invalid arguments for {action.key}: " + "; ".join(problems), problems=problems)


def _replayable(props: Mapping[str, Prop], values: Mapping[str, Any]) -> dict[str, Any]:
    """The values worth keeping to reload the props again: values of known props only, an app
    prop as just its account id, and never a secret prop's value."""
    kept: dict[str, Any] = {}
    for name, value in values.items():
        prop = props.get(name)
        if prop is None or prop.secret:
            continue
        if prop.type == "app":
            if isinstance(value, Mapping) and value.get("authProvisionId"):
                kept[name] = {"authProvisionId": str(value["authProvisionId"])}
            continue
        kept[name] = value
    return kept
