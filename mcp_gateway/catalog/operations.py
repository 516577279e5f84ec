"""Apps made of HTTP operations described as data: imported OpenAPI documents and catalog packs.

`openapi.py` turns a document into an *app definition*, a JSON-ready dict; this module turns a
definition into an `App` whose actions send the requests it describes. Packs store definitions,
so a pack app and a folder-imported app run the same code. A definition reads:

    {"slug", "name", "description", "categories": [...], "img_src",
     "base_url": "https://{{custom_fields.region}}.example.com/v1",  # server variables are fields
     "allowed_domains": [...],
     "auth": {"type": "none"}
           | {"type": "keys", "fields": [{"name", "label", "description", "secret", "optional", "default"}]}
           | {"type": "oauth", "authorize_url", "token_url", "scopes": [...], "pkce": true}
           | {"type": "oauth", "discovery_url", "scopes": [...], "pkce": true},  # openIdConnect
     "credentials": [{"in": "header" | "query" | "cookie", "name", "field", "prefix"},
                     {"in": "basic", "username", "password"}],      # where the account's fields go
     "server_fields": [...],            # key fields filled into base_url
     "source": {...},                   # provenance, shown to people
     "operations": [{"name", "id", "title", "description", "method", "path", "body",
                     "params": [[api_name, location, prop_name], ...], "props": {prop_name: prop}}],
     "groups": [{"name", "title", "description", "members": [operation names]}],
     "featured": [operation names]}     # only for apps too big to list whole (see `listed_actions`)

A prop is `{"type", "label", "description", "optional", "default", "options", "schema"}` with the
empty ones left out; `schema` refines the prop's JSON Schema (an object's properties, an
array's items).
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator, Mapping, MutableMapping
from typing import Any
from urllib.parse import quote

from . import props as p
from .errors import ActionError, CatalogError
from .model import Action, App, KeyField, Keys, NoAuth, OAuth
from .props import MISSING, Prop

READ_ONLY_METHODS = frozenset({"get", "head", "options"})
# A result longer than this (as JSON) is cut down; the note says how to ask for less.
RESULT_LIMIT = 16_000
# Query parameters that page or narrow a listing, named in the note on a trimmed result.
_PAGING = re.compile(r"^(\$?(top|skip|limit|offset|page|per_?page|page_?size|page_?token|cursor|after|before|"
                     r"starting_after|ending_before|max_?results|max_?items|count|size|next_?token|marker|"
                     r"continuation_?token|filter|q|query|search|fields|select|\$filter|\$select))$", re.I)
SEARCH_ACTION, RUN_ACTION = "search-operations", "run-operation"


def prop_from_json(raw: Mapping[str, Any]) -> Prop:
    kind = raw.get("type", "any")
    extra: dict[str, Any] = {"optional": bool(raw.get("optional"))}
    if "default" in raw:
        extra["default"] = raw["default"]
    if raw.get("options"):
        extra["options"] = list(raw["options"])
    if raw.get("schema"):
        extra["json_schema"] = dict(raw["schema"])
    return Prop(kind, label=raw.get("label"), description=raw.get("description"), **extra)


# Building apps


def app_from_definition(definition: Mapping[str, Any], cls: type[App] = App, **kw: Any) -> App:
    """The app a definition describes; its operations become actions unless `cls` loads them itself."""
    auth, key_fields = _auth(definition.get("auth") or {"type": "none"})
    credentials = list(definition.get("credentials") or [])
    app = cls(
        definition["slug"],
        definition["name"],
        definition.get("description") or definition["name"],
        auth=auth,
        categories=list(definition.get("categories") or ["Imported"]),
        base_url=definition["base_url"].rstrip("/"),
        allowed_domains=list(definition.get("allowed_domains") or []),
        auth_headers=_header_function(credentials) if credentials else None,
        custom_fields=[_key_field(f) for f in definition.get("server_fields") or []] if key_fields else [],
        img_src=definition.get("img_src"),
        **kw,
    )
    app.source = definition.get("source")
    app.query_credentials = [(c["name"], c["field"]) for c in credentials if c["in"] == "query"]
    if cls is App:
        add_operations(app, definition)
    return app


def add_operations(app: App, definition: Mapping[str, Any]) -> None:
    """Declare the definition's operations, groups and (for big apps) the search and run actions."""
    grouped = {name for group in definition.get("groups") or [] for name in group["members"]}
    by_name = {op["name"]: op for op in definition.get("operations") or []}
    for op in by_name.values():
        if op["name"] not in grouped:
            declare_operation(app, op)
    for group in definition.get("groups") or []:
        _declare_group(app, group, [by_name[n] for n in group["members"]])
    if definition.get("featured"):
        declare_operation_finder(app, by_name)


def declare_operation(app: App, op: Mapping[str, Any]) -> Action:
    method = op["method"]
    props = {name: prop_from_json(raw) for name, raw in op["props"].items()}

    async def run(ctx: Any) -> Any:
        return await send_operation(ctx, app, op, ctx.props)

    return app.action(
        op["name"], title=op["title"], description=op["description"], props=props,
        read_only=method in READ_ONLY_METHODS, destructive=method == "delete",
        idempotent=method in READ_ONLY_METHODS or method == "put",
    )(run)


def _declare_group(app: App, group: Mapping[str, Any], members: list[Mapping[str, Any]]) -> None:
    """One action with an `operation` prop: choosing it reloads the props to that operation's."""
    by_id = {op["id"]: op for op in members}
    listing = "; ".join(f"{op['id']}: {op['title']}" for op in members)
    choose = p.string("Operation", f"Which operation to run. {listing}.", options=list(by_id), reload_props=True)

    async def operation_props(ctx: Any) -> dict[str, Prop]:
        op = by_id.get(ctx.props.get("operation"))
        return {name: prop_from_json(raw) for name, raw in op["props"].items()} if op is not None else {}

    async def run(ctx: Any) -> Any:
        op = by_id.get(ctx.props.get("operation"))
        if op is None:
            raise ActionError(f"operation must be one of {', '.join(by_id)}")
        return await send_operation(ctx, app, op, ctx.props)

    app.action(
        group["name"], title=group.get("title") or group["name"],
        description=group.get("description") or f"Operations on {group['name']}: {listing}.",
        props={"operation": choose}, additional_props=operation_props,
        read_only=all(op["method"] in READ_ONLY_METHODS for op in members),
        destructive=any(op["method"] == "delete" for op in members),
    )(run)


def declare_operation_finder(app: App, operations: Mapping[str, Mapping[str, Any]]) -> None:
    """An app with hundreds of operations lists a few; these two reach all the others."""
    slug = app.slug

    async def search(ctx: Any) -> Any:
        words = str(ctx.props.get("query") or "").lower().split()
        limit = int(ctx.props.get("limit") or 10)
        ranked = sorted(
            ((score, i, op) for i, op in enumerate(operations.values()) if (score := _op_score(words, op)) > 0),
            key=lambda t: (-t[0], t[1]),
        )
        found = [op for _, _, op in ranked[:limit]]
        ctx.summary = f"{len(ranked)} operations match" + (f"; showing {len(found)}" if len(ranked) > len(found) else "")
        return {
            "total": len(ranked),
            "operations": [
                {"operation": op["name"], "title": op["title"], "method": op["method"].upper(), "path": op["path"],
                 "description": op["description"][:300], "inputs": operation_inputs(slug, op)}
                for op in found
            ],
        }

    async def run(ctx: Any) -> Any:
        name = str(ctx.props.get("operation") or "")
        op = operations.get(name)
        if op is None:
            raise ActionError(f"{app.name} has no operation {name!r}; find its name with {slug}-{SEARCH_ACTION}")
        arguments = ctx.props.get("arguments") or {}
        action = app.actions[f"{slug}-{name}"]
        problems = action.validator().errors({k: v for k, v in arguments.items() if k != app.prop_name})
        if problems:
            raise ActionError(f"arguments for {name} do not fit its inputs: " + "; ".join(problems)
                              + f". See its inputs with {slug}-{SEARCH_ACTION}.")
        values = {n: prop.default for n, prop in action.props.items() if prop.default is not MISSING}
        return await send_operation(ctx, app, op, {**values, **arguments})

    app.action(
        SEARCH_ACTION, title=f"Search {app.name} operations",
        description=f"Find the {app.name} API operation for a task when none of the listed {slug} tools fits. "
        f"Returns matching operations with their inputs; run one with {slug}-{RUN_ACTION}. The API has "
        f"{len(operations)} operations.",
        props={"query": p.string("Query", "Words describing the task, e.g. 'list users' or 'delete file'."),
               "limit": p.integer("Limit", "How many operations to return.", optional=True, default=10, min=1, max=50)},
        read_only=True, open_world=False,
    )(search)
    app.action(
        RUN_ACTION, title=f"Run a {app.name} operation",
        description=f"Run any {app.name} API operation by name, with the inputs {slug}-{SEARCH_ACTION} showed for it. "
        "Prefer a listed tool when one does the job.",
        props={"operation": p.string("Operation", f"The operation's name, as {slug}-{SEARCH_ACTION} returns it."),
               "arguments": p.obj("Arguments", "The operation's inputs by name, e.g. {\"user_id\": \"42\"}.",
                                  optional=True)},
    )(run)


def operation_inputs(slug: str, op: Mapping[str, Any]) -> dict[str, Any]:
    """An operation's inputs, as the search action shows them: a compact JSON Schema."""
    from .schema import input_schema

    props = {name: prop_from_json(raw) for name, raw in op["props"].items()}
    return input_schema(f"{slug}-{op['name']}", props)


def _op_score(words: list[str], op: Mapping[str, Any]) -> int:
    if not words:
        return 1
    if "-".join(words) == op["name"] or words == [op["name"]]:
        return 1000  # the operation named exactly
    name, path = op["name"].replace("-", " "), op["path"].lower()
    text = f"{op['title']} {op['description']}".lower()
    score = 0
    for word in words:
        if word in name:
            score += 10
        elif word in path:
            score += 5
        elif word in text:
            score += 1
        else:
            return 0
    return score


class LazyActions(MutableMapping[str, Action]):
    """An app's actions, each built the first time it is asked for: a pack app with thousands of
    operations pays only for the ones a request names."""

    def __init__(self, app: App, operations: list[Mapping[str, Any]]) -> None:
        self._app = app
        self._pending = {f"{app.slug}-{op['name']}": op for op in operations}
        self._order = list(self._pending)
        self._known = set(self._order)
        self._built: dict[str, Action] = {}
        self._building: str | None = None  # not "declared" yet while it is being declared

    def __getitem__(self, key: str) -> Action:
        action = self._built.get(key)
        if action is None:
            op = self._pending.pop(key, None)
            if op is None:
                raise KeyError(key)
            self._building = key
            try:
                declare_operation(self._app, op)  # registers itself through __setitem__
            except Exception:
                self._pending[key] = op
                raise
            finally:
                self._building = None
            action = self._built[key]
        return action

    def __setitem__(self, key: str, action: Action) -> None:
        if key not in self._known:
            self._known.add(key)
            self._order.append(key)
        self._built[key] = action

    def __delitem__(self, key: str) -> None:
        if key not in self:
            raise KeyError(key)
        self._pending.pop(key, None)
        self._built.pop(key, None)
        self._known.discard(key)
        self._order.remove(key)

    def __contains__(self, key: object) -> bool:
        return key in self._known and key != self._building

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._order))

    def __len__(self) -> int:
        return len(self._order)


# Auth


def _key_field(raw: Mapping[str, Any]) -> KeyField:
    return KeyField(raw["name"], raw["label"], raw.get("description"), secret=bool(raw.get("secret", True)),
                    optional=bool(raw.get("optional")), default=raw.get("default"))


def _auth(raw: Mapping[str, Any]) -> tuple[Any, bool]:
    """The app's auth, and whether end users fill in a form (so server variables can be fields)."""
    kind = raw.get("type")
    if kind == "keys":
        return Keys([_key_field(f) for f in raw["fields"]]), True
    if kind == "oauth":
        return OAuth(authorize_url=raw.get("authorize_url", ""), token_url=raw.get("token_url", ""),
                     scopes=list(raw.get("scopes") or []), pkce=bool(raw.get("pkce", True)),
                     discovery_url=raw.get("discovery_url")), False
    if kind == "none":
        return NoAuth(), False
    raise CatalogError(f"unknown auth type {kind!r} in an app definition")


def _header_function(credentials: list[Mapping[str, Any]]) -> Any:
    def headers(auth: Mapping[str, Any]) -> dict[str, str]:
        out: dict[str, str] = {}
        if auth.get("oauth_access_token"):
            out["Authorization"] = f"Bearer {auth['oauth_access_token']}"
        cookies = []
        for c in credentials:
            where = c["in"]
            if where == "header":
                out[c["name"]] = c.get("prefix", "") + str(auth.get(c["field"], ""))
            elif where == "cookie":
                cookies.append(f"{c['name']}={auth.get(c['field'], '')}")
            elif where == "basic":
                password = auth.get(c["password"], "") if c.get("password") else ""
                pair = f"{auth.get(c['username'], '')}:{password}"
                out["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode()
        if cookies:
            out["Cookie"] = "; ".join(cookies)
        return out

    return headers


# Sending


async def send_operation(ctx: Any, app: App, op: Mapping[str, Any], values: Mapping[str, Any]) -> Any:
    """Send the request an operation describes with these prop values; the trimmed response."""
    path, _, fixed_query = op["path"].partition("?")
    # A path may carry a query of its own (`/current?city={city}`); its pairs go first.
    query: list[tuple[str, str]] = []
    pending_fixed = [list(pair.partition("=")[::2]) for pair in fixed_query.split("&") if pair]
    headers: dict[str, str] = {}
    json_body: dict[str, Any] = {}
    form: dict[str, Any] = {}
    files: dict[str, Any] = {}
    body: Any = None
    for param in op["params"]:
        name, location, prop = param[:3]
        style = param[3] if len(param) > 3 else None
        value = values.get(prop)
        if value is None:
            continue
        if location == "path":
            token = "{" + name + "}"
            path = path.replace(token, quote(_joined(value, ","), safe=""))
            pending_fixed = [[k, v.replace(token, _joined(value, ","))] for k, v in pending_fixed]
        elif location == "query":
            query.extend(_query_pairs(name, value, style))
        elif location == "header":
            headers[name] = _joined(value, ",")
        elif location == "cookie":
            headers["Cookie"] = "; ".join(filter(None, [headers.get("Cookie"), f"{name}={_joined(value, ',')}"]))
        elif location == "json":
            json_body[name] = value
        elif location == "body":
            body = value
        elif location == "form":
            form[name] = _text(value) if not isinstance(value, list) else [_text(v) for v in value]
        elif location in ("file", "file-body"):
            target = ctx.tmp_path(str(value))
            try:
                data = target.read_bytes()
            except (FileNotFoundError, IsADirectoryError):
                raise ActionError(f"{value} is not a file in /tmp; pass the stash_id of the step that saved it, "
                                  "or a file_id") from None
            if location == "file":
                files[name] = (target.name, data)
            else:
                body = data
                if name != "*/*":
                    headers.setdefault("Content-Type", name)
        elif location == "raw":
            body = str(value)
            if name != "*/*":
                headers.setdefault("Content-Type", name)
    query = [(k, v) for k, v in pending_fixed if not re.fullmatch(r"\{[^}]+\}", v)] + query
    missing = re.findall(r"\{([^}]+)\}", path)
    if missing:
        raise ActionError(f"the path needs {', '.join(missing)}")
    for name, field in app.query_credentials:
        query.append((name, str((ctx.auth or {}).get(field, ""))))
    kw: dict[str, Any] = {"params": query or None, "headers": headers}
    kind = op.get("body")
    if kind == "json":
        if body is not None:
            kw["json"] = body
        elif json_body:
            kw["json"] = json_body
    elif kind == "form":
        kw["data"] = form
    elif kind == "multipart":
        kw["data"], kw["files"] = form, files
    elif kind == "raw" and body is not None:
        kw["content"] = body
    # An operation served from another host of the API (uploads) names it; the app trusts that host.
    target = f"{op['server']}/{path.lstrip('/')}" if op.get("server") else path.lstrip("/")
    response = await ctx.http.request(op["method"].upper(), target, **kw)
    ctx.summary = f"{op['title']}: {response.status_code}"
    if not response.content:
        return {"status": response.status_code}
    try:
        result = response.json()
    except ValueError:
        result = response.text
    return trim_result(result, [p[2] for p in op["params"] if p[1] == "query" and _PAGING.match(p[0])])


def trim_result(value: Any, narrowing: list[str], limit: int = RESULT_LIMIT) -> Any:
    """`value` if its JSON fits `limit`; else the same shape with lists and strings cut, and a note."""
    size = len(json.dumps(value, ensure_ascii=False, default=str))
    if size <= limit:
        return value
    keep = 50
    trimmed = value
    while keep >= 1:
        trimmed = _cut(value, keep, 2000 if keep > 5 else 300)
        if len(json.dumps(trimmed, ensure_ascii=False, default=str)) <= limit:
            break
        keep //= 2
    if keep < 1:
        trimmed = _cut(value, 1, 100, depth_limit=3)
    how = (f"pass {', '.join(narrowing)} to page or narrow it" if narrowing
           else "ask for a narrower result (filters or a single item)")
    note = (f"The response was {size:,} characters, more than the {limit:,} shown: lists are cut to their first "
            f"items and long texts shortened. To see the rest, {how}.")
    if isinstance(trimmed, dict):
        return {"_trimmed": note, **trimmed}
    return {"_trimmed": note, "result": trimmed}


def _cut(value: Any, items: int, chars: int, depth_limit: int = 12, depth: int = 0) -> Any:
    if depth >= depth_limit:
        return "…" if isinstance(value, (dict, list)) else value
    if isinstance(value, list):
        head = [_cut(v, items, chars, depth_limit, depth + 1) for v in value[:items]]
        return head + ([f"… {len(value) - items} more"] if len(value) > items else [])
    if isinstance(value, dict):
        return {k: _cut(v, items, chars, depth_limit, depth + 1) for k, v in value.items()}
    if isinstance(value, str) and len(value) > chars:
        return value[:chars] + f"… ({len(value) - chars} more characters)"
    return value


def _joined(value: Any, separator: str) -> str:
    if isinstance(value, list):
        return separator.join(_text(v) for v in value)
    if isinstance(value, dict):
        return separator.join(f"{k}{separator}{_text(v)}" for k, v in value.items())
    return _text(value)


_SEPARATORS = {"csv": ",", "ssv": " ", "pipes": "|"}


def _query_pairs(name: str, value: Any, style: str | None) -> list[tuple[str, str]]:
    """A query value as OpenAPI's `style` writes it (repeated names unless the style says otherwise)."""
    if style == "deep" and isinstance(value, dict):
        return [(f"{name}[{k}]", _text(v)) for k, v in value.items()]
    if style == "form" and isinstance(value, dict):
        return [(str(k), _text(v)) for k, v in value.items()]
    if style in _SEPARATORS and isinstance(value, (list, dict)):
        return [(name, _joined(value, _SEPARATORS[style]))]
    return [(name, _text(v)) for v in (value if isinstance(value, list) else [value])]


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)
