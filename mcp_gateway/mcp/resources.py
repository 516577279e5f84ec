"""MCP resources: what `resources/list`, `resources/templates/list` and `resources/read` serve.

Two kinds of resource:

- File Stash files, `stash://{stash_id}/{path}` (`path` under /tmp, see `files/stash_uris.py`):
  what the user's runs left in their stashes. A run's result links to each file it wrote by this
  URI; `resources/list` lists the user's files, the most recently written first, and
  `resources/read` returns one to the user who owns its stash (same project, environment and
  external user) while the stash lasts, 24 hours.
- The resources and templates the selected apps declare (`@app.resource`,
  `@app.resource_template`), read like an action runs: with the user's account and `ctx.http`,
  within the run timeout, recorded in the run log under the URI read.

`resources/read` returns at most `READ_LIMIT` bytes; a larger stash file is answered with an error
that gives its https download link.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any, Final

from mcp_gateway.catalog import Action, ActionError, Annotations, App, Catalog, ReadResource, RunContext
from mcp_gateway.files import (
    STASH_URI_TEMPLATE,
    FileNotFound,
    Files,
    FileStoreError,
    FileTooLarge,
    is_stash_uri,
    is_textual,
    parse_stash_uri,
    stash_uri,
)
from mcp_gateway.runtime.errors import AccountRequired, ConfigurationError
from mcp_gateway.runtime.service import Caller, Runtime

from .jsonrpc import JsonRpcError
from .params import McpParams
from .spec import INTERNAL_ERROR, INVALID_PARAMS, METHOD_NOT_FOUND

METHODS = frozenset({"resources/list", "resources/templates/list", "resources/read"})

READ_LIMIT: Final = 4 * 1024 * 1024  # bytes of content one resources/read returns
PAGE_SIZE: Final = 100  # stash files a resources/list page holds
# How long a client may keep a list that changes only with the gateway's catalog (a restart).
CATALOG_TTL_MS: Final = 5 * 60 * 1000
# Resource not found, in the 2025 revisions; 2026-07-28 answers it with INVALID_PARAMS.
RESOURCE_NOT_FOUND: Final = -32002
_SHOWN_URI = 300  # characters of a requested URI quoted back in a message

STASH_TEMPLATE: Final = {
    "uriTemplate": STASH_URI_TEMPLATE,
    "name": "file-stash",
    "title": "File Stash files",
    "description": "The files tool calls wrote to /tmp, kept 24 hours for the user who made them: stash_id is a "
                   "tool result's stash_id, path the file's path under /tmp. resources/list names them.",
}


class Resources:
    def __init__(self, catalog: Catalog, runtime: Runtime) -> None:
        self._catalog = catalog
        self._runtime = runtime

    @property
    def capability(self) -> dict[str, Any] | None:
        """The `resources` server capability: no `subscribe`, no `listChanged` (clients list again)."""
        return {}

    async def answer(self, method: str, params: Mapping[str, Any], mcp: McpParams, caller: Caller, *,
                     modern: bool) -> dict[str, Any]:
        """The result of one resources method; raises `JsonRpcError` for protocol errors. In
        2026-07-28 the caller adds `resultType`; cache hints are this method's to set."""
        files = self._runtime.files
        if method == "resources/list":
            result = await self._list(params, mcp, caller)
            ttl_ms = 0 if files is not None else CATALOG_TTL_MS  # stash files come and go at any time
        elif method == "resources/templates/list":
            result, ttl_ms = self._templates(params, mcp), CATALOG_TTL_MS
        elif method == "resources/read":
            # A stash file may be replaced by a later run, an app's resource may change upstream.
            result, ttl_ms = await self._read(params, mcp, caller, modern=modern), 0
        else:
            raise _error(METHOD_NOT_FOUND, f"Method not found: {method}")
        if modern:  # private: every list and read depends on who asks (their apps, their files)
            result |= {"ttlMs": ttl_ms, "cacheScope": "private"}
        return result

    def _apps(self, mcp: McpParams) -> list[App]:
        return [self._catalog.apps[slug] for slug in mcp.apps if slug in self._catalog.apps]

    # Listing

    async def _list(self, params: Mapping[str, Any], mcp: McpParams, caller: Caller) -> dict[str, Any]:
        """The apps' resources on the first page, then the user's stash files, a page at a time."""
        after = _read_cursor(params.get("cursor"))
        resources = [] if after is not None else [r.to_mcp() for app in self._apps(mcp) for r in app.resources.values()]
        files = self._runtime.files
        if files is None:
            return {"resources": resources}
        rows = await files.recent_stashed_files(caller.project_id, caller.environment, caller.external_user_id,
                                                limit=PAGE_SIZE + 1, after=after)
        page = rows[:PAGE_SIZE]
        resources += [_stash_entry(row, stash) for row, stash in page]
        result: dict[str, Any] = {"resources": resources}
        if len(rows) > PAGE_SIZE:
            result["nextCursor"] = _cursor(page[-1][0])
        return result

    def _templates(self, params: Mapping[str, Any], mcp: McpParams) -> dict[str, Any]:
        if params.get("cursor") is not None:
            raise _error(INVALID_PARAMS, "resources/templates/list has a single page: list again without a cursor")
        templates = [t.to_mcp() for app in self._apps(mcp) for t in app.resource_templates.values()]
        if self._runtime.files is not None:
            templates.append(dict(STASH_TEMPLATE))
        return {"resourceTemplates": templates}

    # Reading

    async def _read(self, params: Mapping[str, Any], mcp: McpParams, caller: Caller, *, modern: bool) -> dict[str, Any]:
        uri = params.get("uri")
        if not isinstance(uri, str) or not uri:
            raise _error(INVALID_PARAMS, "resources/read needs params.uri, the URI of the resource to read "
                                         "(resources/list and resources/templates/list name them)")
        if is_stash_uri(uri):
            return await self._read_stashed(uri, caller, modern=modern)
        for app in self._apps(mcp):
            if uri in app.resources:
                declared = app.resources[uri]
                return await self._read_declared(app, uri, declared.read, {}, declared.mime_type, caller)
        for app in self._apps(mcp):
            for template in app.resource_templates.values():
                variables = template.match(uri)
                if variables is not None:
                    return await self._read_declared(app, uri, template.read, variables, template.mime_type, caller)
        apps = ", ".join(mcp.apps) or "none"
        raise _not_found(uri, f"{_shown(uri)} is not a resource of this server (apps: {apps}); resources/list "
                              "and resources/templates/list name the ones it serves", modern=modern)

    async def _read_stashed(self, uri: str, caller: Caller, *, modern: bool) -> dict[str, Any]:
        files = self._runtime.files
        named = parse_stash_uri(uri)
        if files is None:
            raise _not_found(uri, "this gateway has no file store configured, so no File Stash", modern=modern)
        if named is None:
            raise _not_found(uri, f"{_shown(uri)} names no file: File Stash URIs are stash://<stash_id>/<path "
                                  "under /tmp>, as tool results link them", modern=modern)
        stash_id, path = named
        try:
            row = await files.owned_stashed_file(caller.project_id, caller.environment, caller.external_user_id,
                                                    stash_id, path)
            data = await files.read_stashed(row, READ_LIMIT)
        except FileNotFound as exc:
            raise _not_found(uri, str(exc), modern=modern) from None
        except FileTooLarge:
            raise await _too_large(files, uri, row) from None
        except FileStoreError as exc:
            raise _error(INTERNAL_ERROR, f"the file store could not be read ({exc}); try again", {"uri": uri}) from None
        return {"contents": [_contents(uri, data, row.content_type)]}

    async def _read_declared(self, app: App, uri: str, read: ReadResource, variables: Mapping[str, str],
                             mime_type: str | None, caller: Caller) -> dict[str, Any]:
        async def run(ctx: RunContext) -> dict[str, str]:
            return _body(uri, await read(ctx, **variables))

        try:
            result = await self._runtime.run(caller, _reading(app, uri, run), {}, via="mcp")
        except AccountRequired as exc:
            raise _error(INVALID_PARAMS, f"{exc.situation} Ask them to connect it (calling one of {app.name}'s tools "
                                         f"answers with a Connect Link), then read {_shown(uri)} again",
                         {"uri": uri, "app": exc.app_slug}) from None
        except ConfigurationError as exc:
            raise _error(INVALID_PARAMS, str(exc), {"uri": uri}) from None
        if result.error is not None:
            raise _error(INTERNAL_ERROR, result.error, {"uri": uri})
        body: dict[str, str] = result.ret
        default_type = "text/plain" if "text" in body else "application/octet-stream"
        return {"contents": [{"uri": uri, "mimeType": mime_type or default_type, **body}]}


def _reading(app: App, uri: str, run: Any) -> Action:
    """A read of an app's resource as an action the runtime runs for the user: their account,
    `ctx.http`, the run timeout, a record in the run log. Its key is the URI, so that messages
    and the record name what was read."""
    props = {app.prop_name: app.app_prop()} if app.auth_type != "none" else {}
    return Action(key=uri[:200], name=f"Read {uri[:100]}", description=f"Reads the MCP resource {uri[:200]}.",
                  version="0.1.0", props=props, run=run, app=app,
                  annotations=Annotations(read_only=True, idempotent=True))


def _body(uri: str, body: Any) -> dict[str, str]:
    """What a read function returned, as the `text` or base64 `blob` of resource contents."""
    if isinstance(body, str):
        size, field = len(body.encode()), {"text": body}
    elif isinstance(body, (bytes, bytearray)):
        size, field = len(body), {"blob": base64.b64encode(bytes(body)).decode()}
    else:
        raise ActionError(f"{_shown(uri)}: a resource's read function returns str or bytes, not {type(body).__name__}")
    if size > READ_LIMIT:
        raise ActionError(f"{_shown(uri)} is {size} bytes, more than the {READ_LIMIT} bytes resources/read returns")
    return field


def _contents(uri: str, data: bytes, content_type: str) -> dict[str, Any]:
    """Resource contents: text for text files that are UTF-8, base64 otherwise."""
    if is_textual(content_type):
        try:
            return {"uri": uri, "mimeType": content_type, "text": data.decode("utf-8")}
        except UnicodeDecodeError:
            pass
    return {"uri": uri, "mimeType": content_type, "blob": base64.b64encode(data).decode()}


async def _too_large(files: Files, uri: str, row: Any) -> Exception:
    name = row.path.rsplit("/", 1)[-1]
    url = await files.url(row.key, row.content_type, name)
    return _error(
        INVALID_PARAMS,
        f"/tmp/{row.path} is {row.size} bytes; resources/read returns files of up to {READ_LIMIT} bytes "
        f"({READ_LIMIT // (1024 * 1024)} MiB). Download it from {url} (the link works for 30 minutes)",
        {"uri": uri, "size": row.size, "limit": READ_LIMIT, "downloadUrl": url},
    )


def _stash_entry(row: Any, stash: Any) -> dict[str, Any]:
    expires = stash.expires_at.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return {
        "uri": stash_uri(stash.id, row.path),
        "name": row.path.rsplit("/", 1)[-1],
        "title": f"/tmp/{row.path}",
        "description": f"/tmp/{row.path} in File Stash {stash.id} (pass stash_id {stash.id!r} to a tool to have it "
                       f"in /tmp again); kept until {expires}",
        "mimeType": row.content_type,
        "size": row.size,
        "annotations": {"lastModified": _iso(row.updated_at)},
    }


# Cursors: where the last page ended, as (updated_at, stash_id, path) of its last stash file.


def _cursor(row: Any) -> str:
    position = [_iso(row.updated_at), row.stash_id, row.path]
    return base64.urlsafe_b64encode(json.dumps(position).encode()).decode()


def _read_cursor(cursor: Any) -> tuple[datetime, str, str] | None:
    if cursor is None:
        return None
    try:
        updated_at, stash_id, path = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        position = datetime.fromisoformat(updated_at), str(stash_id), str(path)
        if position[0].tzinfo is None:
            raise ValueError("a cursor's time has its zone")
        return position
    except (AttributeError, binascii.Error, UnicodeError, ValueError, TypeError):
        raise _error(INVALID_PARAMS, "cursor is not one resources/list gave: list again without a cursor "
                                     "and follow each page's nextCursor") from None


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


# Errors


def _error(code: int, message: str, data: Any = None) -> Exception:
    return JsonRpcError(code, message, data)


def _not_found(uri: str, why: str, *, modern: bool) -> Exception:
    return _error(INVALID_PARAMS if modern else RESOURCE_NOT_FOUND, f"Resource not found: {why}", {"uri": uri})


def _shown(uri: str) -> str:
    return repr(uri if len(uri) <= _SHOWN_URI else uri[:_SHOWN_URI] + "...")
