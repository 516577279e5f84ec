"""Running one action, fetching a prop's options, reloading dynamic props.

This is the part of the runtime that knows nothing of projects, users or the store:
it takes the action, the prop values and the account's decrypted auth, and does
the work. `runtime.service` wraps it with account lookup and persistence.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import shutil
import tempfile
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from mcp_gateway.catalog import (
    MISSING,
    Action,
    ActionError,
    AgentClient,
    AppHttp,
    OptionsContext,
    OptionsPage,
    Prop,
    PropsContext,
    PropValidator,
    RunContext,
    UpstreamError,
)
from mcp_gateway.catalog.http import RefreshHook, RequestHook
from mcp_gateway.catalog.props import to_option
from mcp_gateway.files import StashOutput
from mcp_gateway.net import EgressDenied, EgressPolicy, http_client

from .errors import ConfigurationError, RunTimeout

DEFAULT_TIMEOUT = 30.0

# A client's pooled connections belong to the event loop that opened them, so each loop (one in
# a server; several where servers share a process, as in tests) has its own pool, one for each
# egress policy in use on it.
_shared_clients: weakref.WeakKeyDictionary[
    asyncio.AbstractEventLoop, dict[EgressPolicy, httpx.AsyncClient]
] = weakref.WeakKeyDictionary()

logger = logging.getLogger(__name__)


def shared_http_client(egress: EgressPolicy) -> httpx.AsyncClient:
    """One connection pool for every app's API calls under `egress` (per event loop; call it
    inside one). Redirects are followed, each hop checked by the policy."""
    clients = _shared_clients.setdefault(asyncio.get_running_loop(), {})
    client = clients.get(egress)
    if client is None or client.is_closed:
        client = clients[egress] = http_client(
            egress,
            timeout=httpx.Timeout(DEFAULT_TIMEOUT, connect=10.0),
            follow_redirects=True,
            limits=httpx.Limits(max_connections=200, max_keepalive_connections=50),
            headers={"User-Agent": "mcp-gateway"},
        )
    return client


@dataclass(slots=True)
class RunResult:
    """The run-action response: exports, observations, return value."""

    exports: dict[str, Any] = field(default_factory=dict)
    os: list[dict[str, Any]] = field(default_factory=list)
    ret: Any = None
    error: str | None = None
    # The run was stopped at its time limit (`error` says so).
    timed_out: bool = False
    stash_id: str | None = None
    # Names the run's `$.send` deliveries (GET /v1/connect/{project_id}/runs/{run_id}/deliveries).
    run_id: str | None = None
    # The files the run left in its File Stash, for results that show them (not in the JSON).
    files: list[StashOutput] = field(default_factory=list)
    # MCP content blocks the run added (`$.add_content`), for MCP results (not in the JSON).
    content: list[dict[str, Any]] = field(default_factory=list)

    @property
    def summary(self) -> str | None:
        return self.exports.get("$summary")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"exports": self.exports, "os": self.os, "ret": self.ret}
        if self.stash_id is not None:
            out["stash_id"] = self.stash_id
        if self.run_id is not None:
            out["run_id"] = self.run_id
        return out


def unwrap_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Accept the component API's `{"__lv": {"label", "value"}}` wrapper anywhere a value goes."""
    return {k: _unwrap(v) for k, v in values.items()}


def _unwrap(value: Any) -> Any:
    if isinstance(value, dict) and "__lv" in value and len(value) == 1:
        inner = value["__lv"]
        if isinstance(inner, dict) and "value" in inner:
            return _unwrap(inner["value"])
        if isinstance(inner, list):
            return [_unwrap({"__lv": i}) if isinstance(i, dict) and "value" in i else i for i in inner]
    if isinstance(value, list):
        return [_unwrap(v) for v in value]
    return value


def input_values(props: Mapping[str, Prop], configured: Mapping[str, Any]) -> dict[str, Any]:
    """The caller's values for input props only (app props carry account references)."""
    return {k: v for k, v in configured.items() if k in props and props[k].is_input}


def with_defaults(props: Mapping[str, Prop], values: Mapping[str, Any]) -> dict[str, Any]:
    """Fill in defaults, and normalize `sql` props to `{query, params}`."""
    out = dict(values)
    for name, prop in props.items():
        if name not in out and prop.default is not MISSING and prop.type not in ("app", "alert"):
            out[name] = prop.default
        if prop.type == "sql" and name in out:
            out[name] = _normalize_sql(out[name])
    return out


def _normalize_sql(value: Any) -> dict[str, Any]:
    if isinstance(value, str):
        return {"query": value, "params": []}
    return {"query": value["query"], "params": list(value.get("params") or [])}


def app_http(
    action: Action,
    auth: Mapping[str, Any] | None,
    on_unauthorized: RefreshHook | None = None,
    on_request: RequestHook | None = None,
    egress: EgressPolicy = EgressPolicy(),
) -> AppHttp | None:
    app = action.app
    values = auth or {}
    try:
        base_url = app.base_url_for(values)
        domains = app.allowed_domains_for(values)
    except KeyError as exc:
        raise ConfigurationError(f"{app.name} account is incomplete: {exc.args[0]}") from None
    return AppHttp(
        shared_http_client(egress),
        app_name=app.name,
        headers=app.headers_for(values),
        base_url=base_url,
        allowed_domains=domains,
        on_unauthorized=on_unauthorized,
        on_request=on_request,
    )


async def run_action(
    action: Action,
    values: Mapping[str, Any],
    *,
    auth: Mapping[str, Any] | None = None,
    external_user_id: str = "",
    timeout: float = DEFAULT_TIMEOUT,
    tmp_dir: Path | None = None,
    on_unauthorized: RefreshHook | None = None,
    validate: bool = True,
    extra_props: Mapping[str, Prop] | None = None,
    send: Any = None,
    on_request: RequestHook | None = None,
    egress: EgressPolicy = EgressPolicy(),
    client: AgentClient | None = None,
) -> RunResult:
    """Validate `values` against the action's props and run it.

    Invalid values raise `ConfigurationError` naming every bad field, before any
    code of the action runs. Failures inside the run come back as a `RunResult`
    with `error` set and the error recorded among the observations. `client` is the
    MCP client that called, for runs that talk to it; its `InputRequired` goes up.
    """
    props = {**action.props, **(extra_props or {})}
    values = unwrap_values(values)
    if validate:
        validator = PropValidator(action.key, props) if extra_props else action.validator()
        problems = validator.errors(input_values(props, values) | _extras(props, values))
        if problems:
            raise ConfigurationError(f"Invalid arguments for {action.key}: " + "; ".join(problems), problems=problems)
    created: list[Path] = []

    def make_tmp() -> Path:
        created.append(Path(tempfile.mkdtemp(prefix="mcp-gateway-run-")))
        return created[0]

    ctx = RunContext(
        props=with_defaults(props, values),
        auth=auth,
        http=app_http(action, auth, on_unauthorized, on_request, egress),
        egress=egress,
        external_user_id=external_user_id,
        tmp_dir=tmp_dir if tmp_dir is not None else make_tmp,
        send=send,
        client=client,
        logger=action.app.slug,
    )
    result = RunResult()
    deadline = asyncio.timeout(timeout)
    try:
        async with deadline:
            ret = await action.run(ctx)
        result.ret = _jsonable(action.shaped(ret, ctx.props))
    except TimeoutError as exc:
        if deadline.expired():
            exc = RunTimeout(f"{action.key} did not finish within {timeout:g} s; it was stopped")
            result.error = str(exc)
            result.timed_out = True
        else:  # a timeout inside the action (a driver's, an API client's)
            result.error = f"{action.key} failed: a request timed out: {exc or 'TimeoutError'}"
        ctx.record_error(exc)
    except (ActionError, UpstreamError, EgressDenied) as exc:
        ctx.record_error(exc)
        result.error = str(exc)
    except httpx.TransportError as exc:  # net/ words these: the host, and what failed on the way
        err = ActionError(str(exc))
        ctx.record_error(err)
        result.error = str(err)
    except httpx.HTTPError as exc:
        err = ActionError(f"could not reach {action.app.name}: {type(exc).__name__}: {exc}")
        ctx.record_error(err)
        result.error = str(err)
    except Exception as exc:  # an action's bug must not take the gateway down
        ctx.record_error(exc)
        result.error = f"{action.key} failed: {type(exc).__name__}: {exc}"
    finally:
        for path in created:
            shutil.rmtree(path, ignore_errors=True)
    result.exports = _jsonable(ctx.exports)
    result.os = ctx.observations
    result.content = ctx.content
    return result


def _extras(props: Mapping[str, Prop], values: Mapping[str, Any]) -> dict[str, Any]:
    """Unknown keys, so the validator can name them (app props are allowed through)."""
    return {k: v for k, v in values.items() if k not in props}


async def fetch_options(
    action: Action,
    prop_name: str,
    values: Mapping[str, Any],
    *,
    auth: Mapping[str, Any] | None = None,
    external_user_id: str = "",
    page: int = 0,
    prev_context: Mapping[str, Any] | None = None,
    query: str | None = None,
    extra_props: Mapping[str, Prop] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    on_unauthorized: RefreshHook | None = None,
    on_request: RequestHook | None = None,
    egress: EgressPolicy = EgressPolicy(),
) -> dict[str, Any]:
    """The configure-prop response: `options` / `stringOptions`, `context`, `errors`, `observations`."""
    props = {**action.props, **(extra_props or {})}
    prop = props.get(prop_name)
    if prop is None:
        raise ConfigurationError(
            f"{action.key} has no prop {prop_name!r}; its props are {', '.join(props)}"
        )
    static = prop.static_options
    if static is not None:
        return _options_response([o.to_json() for o in static], None, [])
    if not prop.has_remote_options:
        raise ConfigurationError(f"prop {prop_name!r} of {action.key} has no options to fetch; any {prop.type} value is accepted")
    ctx = OptionsContext(
        props=with_defaults(props, unwrap_values(values)),
        auth=auth,
        http=app_http(action, auth, on_unauthorized, on_request, egress),
        egress=egress,
        external_user_id=external_user_id,
        page=page,
        prev_context=prev_context,
        query=query,
    )
    deadline = asyncio.timeout(timeout)
    try:
        async with deadline:
            raw = await prop.options(ctx)  # type: ignore[misc,operator]
    except TimeoutError as exc:
        if deadline.expired():
            return _options_response([], None, [f"options for {prop_name} timed out after {timeout:g} s"])
        return _options_response([], None, [f"a request timed out: {exc or 'TimeoutError'}"])
    except (ActionError, httpx.HTTPError, EgressDenied, KeyError, ValueError) as exc:
        return _options_response([], None, [str(exc)])
    except Exception as exc:  # an options function's bug is reported, not raised
        return _options_response([], None, [f"{type(exc).__name__}: {exc}"])
    context = None
    if isinstance(raw, OptionsPage):
        context, raw = raw.context, raw.options
    options = [to_option(o).to_json() for o in raw]
    return _options_response(options, context, [])


def _options_response(options: list[dict[str, Any]], context: dict[str, Any] | None, errors: list[str]) -> dict[str, Any]:
    plain = all(isinstance(o["value"], str) and o["label"] == o["value"] for o in options)
    return {
        "observations": [],
        "context": context,
        "options": options,
        "stringOptions": [o["value"] for o in options] if plain and options else None,
        "errors": errors,
    }


async def reload_props(
    action: Action,
    values: Mapping[str, Any],
    *,
    auth: Mapping[str, Any] | None = None,
    external_user_id: str = "",
    timeout: float = DEFAULT_TIMEOUT,
    on_unauthorized: RefreshHook | None = None,
    on_request: RequestHook | None = None,
    egress: EgressPolicy = EgressPolicy(),
) -> dict[str, Prop]:
    """The action's full prop set given the values so far: static props plus dynamic ones."""
    if action.additional_props is None:
        return dict(action.props)
    ctx = PropsContext(
        props=with_defaults(action.props, unwrap_values(values)),
        auth=auth,
        http=app_http(action, auth, on_unauthorized, on_request, egress),
        egress=egress,
        external_user_id=external_user_id,
    )
    try:
        async with asyncio.timeout(timeout):
            extra = await action.additional_props(ctx)
    except TimeoutError:
        raise ConfigurationError(f"reloading the props of {action.key} took longer than {timeout:g} s") from None
    except (ActionError, UpstreamError, httpx.HTTPError, EgressDenied, KeyError, ValueError) as exc:
        raise ConfigurationError(f"could not reload the props of {action.key}: {exc}") from exc
    except Exception as exc:  # a bug in the app's code: the caller still gets an answer
        logger.exception("the additional props of %s failed", action.key)
        raise ConfigurationError(f"reloading the props of {action.key} failed: {type(exc).__name__}") from exc
    return {**action.props, **extra}


def _jsonable(value: Any) -> Any:
    """Make a run's output JSON-safe (bytes become base64, unknown objects strings)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
