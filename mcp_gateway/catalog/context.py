"""The `$` an action's code receives: its props, the account's auth, an HTTP client
for the app, exports and observations. The runtime builds one per run."""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from mcp_gateway.net import EgressPolicy

from .http import AppHttp


class Props(dict[str, Any]):
    """Configured prop values; readable as `props["name"]` or `props.name`.

    A prop named like a dict method (`values`, `items`, `get`...) is read as
    `props["values"]`: attribute access finds the method first.
    """

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(
                f"props.{name}: no value is set for {name!r}; an optional prop left unset is absent, "
                f"read it with props.get({name!r})"
            ) from None


class _BaseContext:
    def __init__(
        self,
        *,
        props: Mapping[str, Any],
        auth: Mapping[str, Any] | None,
        http: AppHttp | None,
        external_user_id: str,
        egress: EgressPolicy = EgressPolicy(),
    ) -> None:
        self.props = Props(props)
        self.auth: Mapping[str, Any] = auth or {}
        self._http = http
        self.external_user_id = external_user_id
        # The gateway's egress policy, for code that dials out without `http`: a database
        # driver checks `await egress.addresses(host, port)` and connects to what it returns.
        self.egress = egress

    @property
    def http(self) -> AppHttp:
        if self._http is None:
            raise RuntimeError("this app has no HTTP API configured")
        return self._http


class RunContext(_BaseContext):
    """`$` for an action run."""

    def __init__(self, *, tmp_dir: Path | Callable[[], Path], send: Any = None, **kw: Any) -> None:
        super().__init__(**kw)
        self.exports: dict[str, Any] = {}
        self.observations: list[dict[str, Any]] = []
        self._tmp_dir = tmp_dir
        self._send = send

    @property
    def send(self) -> Any:
        """`$.send`: s3, http, email, sse and emit destinations, delivered after a successful run."""
        if self._send is None:
            raise RuntimeError("destinations are not available in this run")
        return self._send

    @property
    def tmp_dir(self) -> Path:
        """This run's `/tmp`, created on first use (most actions never touch it)."""
        if callable(self._tmp_dir):
            self._tmp_dir = self._tmp_dir()
        return self._tmp_dir

    def tmp_path(self, path: str) -> Path:
        """Where an action's `/tmp/...` path lives for this run; refuses paths outside it."""
        relative = path[len("/tmp/") :] if path.startswith("/tmp/") else path.lstrip("/")
        root = self.tmp_dir.resolve()
        target = (root / relative).resolve()
        if target != root and root not in target.parents:
            raise ValueError(f"file path {path!r} must stay inside /tmp")
        return target

    def export(self, name: str, value: Any) -> None:
        self.exports[name] = value

    @property
    def summary(self) -> str | None:
        return self.exports.get("$summary")

    @summary.setter
    def summary(self, text: str) -> None:
        self.exports["$summary"] = text

    def log(self, *parts: Any) -> None:
        self.observations.append({"ts": _now_ms(), "k": "console.log", "msg": " ".join(str(p) for p in parts)})

    def record_error(self, exc: BaseException) -> None:
        self.observations.append(
            {
                "ts": _now_ms(),
                "k": "error",
                "err": {
                    "name": type(exc).__name__,
                    "message": str(exc),
                    "stack": "".join(traceback.format_exception_only(type(exc), exc)).strip(),
                },
            }
        )


class OptionsContext(_BaseContext):
    """`$` for a remote options function: the props configured so far, and paging."""

    def __init__(self, *, page: int = 0, prev_context: Mapping[str, Any] | None = None, query: str | None = None, **kw: Any) -> None:
        super().__init__(**kw)
        self.page = page
        self.prev_context: dict[str, Any] = dict(prev_context or {})
        self.query = query


class PropsContext(_BaseContext):
    """`$` for `additional_props`: the props configured so far, used to work out the rest."""


def _now_ms() -> int:
    return int(time.time() * 1000)


class AccountContext(_BaseContext):
    """What an app's account test gets: the new credentials and an HTTP client using them."""

    def __init__(self, *, auth: Mapping[str, Any], http: AppHttp | None, egress: EgressPolicy = EgressPolicy()) -> None:
        super().__init__(props={}, auth=auth, http=http, external_user_id="", egress=egress)
