"""Apps described by an OpenAPI 3.x document instead of code.

An app folder holding `openapi.json` (and optionally `overrides.json`) instead of `app.py`
becomes an app whose operations are actions: path, query and header parameters and the
request body's fields become props, the document's security scheme becomes the app's
auth, and its first server the base URL. `mcp-gateway apps import-openapi` writes such a
folder. The overrides rename, describe, hide or group operations:

    {"name": "Pet Store", "description": "...", "base_url": "https://...", "auth": "api_key",
     "operations": {"listPets": {"name": "list-pets", "title": "List Pets", "description": "...",
                                 "hide": false, "group": "pets"}},
     "groups": {"pets": {"title": "Pets", "description": "..."}}}

A group is one action with an `operation` prop: choosing it reloads the props to that
operation's, so related endpoints cost an agent one tool instead of many.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import httpx

from . import props as p
from mcp_gateway.net import EgressDenied, EgressPolicy, http_client

from .errors import ActionError, CatalogError
from .model import App, Keys, KeyField, NoAuth, OAuth
from .props import Prop

SPEC_FILE = "openapi.json"
OVERRIDES_FILE = "overrides.json"
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
_READ_ONLY = {"get", "head", "options"}
_MAX_REF_DEPTH = 32


class OpenApiError(CatalogError):
    """The document cannot be turned into an app; the message says what to fix."""


@dataclass
class Param:
    """Where one prop's value goes in the request."""

    name: str  # as the API spells it
    location: str  # path | query | header | cookie | json | body | form | file | file-body | raw
    prop: str  # the prop's name


@dataclass
class Operation:
    operation_id: str
    method: str
    path: str
    title: str
    description: str
    props: dict[str, Prop] = field(default_factory=dict)
    params: list[Param] = field(default_factory=list)
    body: str | None = None  # json | form | multipart | raw | None


def load_openapi_app(folder: Path) -> App:
    """The app an imported folder describes (the folder's name is the slug)."""
    spec = _read_json(folder / SPEC_FILE)
    overrides_file = folder / OVERRIDES_FILE
    overrides = _read_json(overrides_file) if overrides_file.is_file() else {}
    return build_app(folder.name, spec, overrides)


async def read_document(source: str, egress: EgressPolicy) -> dict[str, Any]:
    """An OpenAPI document or overrides file, JSON or YAML, from a path or an http(s) URL."""
    if source.startswith(("https://", "http://")):
        try:
            async with http_client(egress, follow_redirects=True, timeout=30) as http:
                response = await http.get(source)
            response.raise_for_status()
        except (httpx.HTTPError, EgressDenied) as exc:
            raise OpenApiError(f"cannot fetch {source}: {exc}") from None
        text = response.text
    else:
        try:
            text = Path(source).read_text()
        except OSError as exc:
            raise OpenApiError(f"cannot read {source}: {exc.strerror or exc}") from None
    try:
        data = json.loads(text)
    except ValueError:
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise OpenApiError(f"{source} is neither JSON nor YAML: {exc}") from None
    if not isinstance(data, dict):
        raise OpenApiError(f"{source} must hold an object at the top")
    return data


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        raise OpenApiError(f"{path}: {exc}") from None
    if not isinstance(data, dict):
        raise OpenApiError(f"{path} must hold a JSON object")
    return data


def build_app(slug: str, spec: Mapping[str, Any], overrides: Mapping[str, Any] | None = None) -> App:
    overrides = overrides or {}
    version = str(spec.get("openapi", ""))
    if not version.startswith("3."):
        raise OpenApiError(f"only OpenAPI 3.x documents can be imported; this one says openapi {version or '(missing)'}"
                           + (" (Swagger 2.0: convert it to 3.x first)" if spec.get("swagger") else ""))
    resolve = _Resolver(spec)
    info = spec.get("info") or {}
    base_url = overrides.get("base_url") or _server_url(spec)
    if not base_url:
        raise OpenApiError('the document has no absolute server URL; give one as "base_url" in the overrides')
    auth, headers, query_auth = _auth(spec, overrides)
    app = App(
        slug,
        str(overrides.get("name") or info.get("title") or slug),
        _first_paragraph(overrides.get("description") or info.get("description") or info.get("title") or slug),
        auth=auth,
        categories=list(overrides.get("categories") or ["Imported"]),
        base_url=base_url.rstrip("/"),
        allowed_domains=[urlsplit(base_url).hostname or ""],
        auth_headers=headers,
    )
    operations = _operations(spec, resolve, overrides)
    if not operations:
        raise OpenApiError("the document has no operations left to import (all hidden, or no paths)")
    groups: dict[str, list[Operation]] = {}
    for op in operations:
        group = ((overrides.get("operations") or {}).get(op.operation_id) or {}).get("group")
        if group:
            groups.setdefault(str(group), []).append(op)
        else:
            _declare(app, op, (overrides.get("operations") or {}).get(op.operation_id) or {}, query_auth)
    for name, members in groups.items():
        _declare_group(app, name, members, (overrides.get("groups") or {}).get(name) or {}, query_auth)
    return app


# Documents


class _Resolver:
    """Follows local `$ref`s (`#/components/...`); remote references are not fetched."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self._spec = spec

    def __call__(self, node: Any, depth: int = 0) -> Any:
        while isinstance(node, Mapping) and "$ref" in node:
            if depth > _MAX_REF_DEPTH:
                raise OpenApiError("a $ref chain is too deep or circular")
            ref = node["$ref"]
            if not isinstance(ref, str) or not ref.startswith("#/"):
                raise OpenApiError(f"only references inside the document can be followed, not {ref!r}")
            target: Any = self._spec
            for part in ref[2:].split("/"):
                part = part.replace("~1", "/").replace("~0", "~")
                if not isinstance(target, Mapping) or part not in target:
                    raise OpenApiError(f"the reference {ref} points at nothing")
                target = target[part]
            node, depth = target, depth + 1
        return node

    def schema(self, node: Any, depth: int = 0) -> dict[str, Any]:
        """A schema with references resolved and `allOf` merged, to a bounded depth."""
        node = self(node)
        if not isinstance(node, Mapping):
            return {}
        if depth > 8:
            return {k: v for k, v in node.items() if k in ("type", "description")}
        out = {k: v for k, v in node.items() if k != "allOf"}
        for part in node.get("allOf") or []:
            merged = self.schema(part, depth + 1)
            out.setdefault("type", merged.get("type"))
            out["properties"] = {**(merged.get("properties") or {}), **(out.get("properties") or {})}
            out["required"] = sorted({*(merged.get("required") or []), *(out.get("required") or [])})
        if "properties" in out:
            out["properties"] = {k: self.schema(v, depth + 1) for k, v in (out["properties"] or {}).items()}
        if "items" in out:
            out["items"] = self.schema(out["items"], depth + 1)
        return out


def _server_url(spec: Mapping[str, Any]) -> str | None:
    for server in spec.get("servers") or []:
        url = str(server.get("url") or "")
        for name, variable in (server.get("variables") or {}).items():
            url = url.replace("{" + name + "}", str(variable.get("default", "")))
        if url.startswith(("https://", "http://")):
            return url
    return None


def _auth(spec: Mapping[str, Any], overrides: Mapping[str, Any]) -> tuple[Any, Any, tuple[str, str] | None]:
    """The app's auth, its header function, and (query name, field) for keys sent in the URL."""
    schemes = (spec.get("components") or {}).get("securitySchemes") or {}
    wanted = overrides.get("auth")
    if wanted is not None and wanted not in schemes and wanted != "none":
        raise OpenApiError(f"overrides name auth {wanted!r}, which is not among the document's security schemes "
                           f"({', '.join(schemes) or 'none'})")
    if wanted == "none" or not schemes:
        return NoAuth(), None, None
    order = [wanted] if wanted else [name for req in spec.get("security") or [] for name in req] + list(schemes)
    problems = []
    for name in order:
        scheme = schemes.get(name) or {}
        kind = scheme.get("type")
        if kind == "oauth2":
            flow = (scheme.get("flows") or {}).get("authorizationCode")
            if flow is None:
                problems.append(f"{name}: only the OAuth authorization code flow can connect user accounts")
                continue
            scopes = list(overrides.get("scopes") or (flow.get("scopes") or {}).keys())
            return OAuth(authorize_url=flow["authorizationUrl"], token_url=flow["tokenUrl"], scopes=scopes, pkce=True), None, None
        if kind == "http" and str(scheme.get("scheme", "")).lower() == "bearer":
            keys = Keys([KeyField("token", "Token", scheme.get("description") or "The API token sent as a Bearer token.")])
            return keys, lambda auth: {"Authorization": f"Bearer {auth.get('token', '')}"}, None
        if kind == "http" and str(scheme.get("scheme", "")).lower() == "basic":
            keys = Keys([KeyField("username", "Username", secret=False), KeyField("password", "Password")])

            def basic(auth: Mapping[str, Any]) -> dict[str, str]:
                pair = f"{auth.get('username', '')}:{auth.get('password', '')}".encode()
                return {"Authorization": "Basic " + base64.b64encode(pair).decode()}

            return keys, basic, None
        if kind == "apiKey":
            key_name, where = str(scheme.get("name")), scheme.get("in")
            keys = Keys([KeyField("api_key", "API Key", scheme.get("description") or f"Sent as {key_name} ({where}).")])
            if where == "header":
                return keys, lambda auth: {key_name: str(auth.get("api_key", ""))}, None
            if where == "query":
                return keys, lambda auth: {}, (key_name, "api_key")
            if where == "cookie":
                return keys, lambda auth: {"Cookie": f"{key_name}={auth.get('api_key', '')}"}, None
        problems.append(f"{name}: {kind} security schemes are not supported")
    raise OpenApiError("no usable security scheme: " + "; ".join(problems)
                       + '. Pick one with "auth" in the overrides, or "auth": "none"')


# Operations


def _operations(spec: Mapping[str, Any], resolve: _Resolver, overrides: Mapping[str, Any]) -> list[Operation]:
    chosen = overrides.get("operations") or {}
    out = []
    for path, item in (spec.get("paths") or {}).items():
        item = resolve(item)
        shared = [resolve(x) for x in item.get("parameters") or []]
        for method in METHODS:
            raw = item.get(method)
            if not isinstance(raw, Mapping):
                continue
            op_id = str(raw.get("operationId") or f"{method} {path}")
            if (chosen.get(op_id) or {}).get("hide"):
                continue
            out.append(_operation(op_id, method, path, raw, shared, resolve))
    unknown = sorted(set(chosen) - {op.operation_id for op in out} - {k for k, v in chosen.items() if v.get("hide")})
    if unknown:
        raise OpenApiError(f"overrides name operations the document does not have: {', '.join(unknown)}")
    return out


def _operation(op_id: str, method: str, path: str, raw: Mapping[str, Any], shared: list[Any], resolve: _Resolver) -> Operation:
    title = str(raw.get("summary") or humanize(op_id)).strip().split("\n")[0][:120]
    description = str(raw.get("description") or raw.get("summary") or title).strip()
    op = Operation(op_id, method, path, title, f"{description}\n\n({method.upper()} {path})")
    params = {(x.get("name"), x.get("in")): x for x in shared}
    params.update({(x.get("name"), x.get("in")): x for x in (resolve(y) for y in raw.get("parameters") or [])})
    for (name, location), param in params.items():
        if location not in ("path", "query", "header", "cookie") or not name:
            continue
        schema = resolve.schema(param.get("schema") or {})
        required = bool(param.get("required")) or location == "path"
        prop = schema_prop(name, schema, param.get("description"), required, param.get("example"))
        _add(op, Param(name, location, _free_name(op, name, location)), prop)
    body = resolve(raw.get("requestBody") or {})
    content = body.get("content") or {}
    kind = next((k for k in ("application/json", "application/x-www-form-urlencoded", "multipart/form-data")
                 if k in content), None)
    if kind is None and content:
        kind = next(iter(content))
    if kind is not None:
        schema = resolve.schema(content[kind].get("schema") or {})
        _body_props(op, kind, schema, bool(body.get("required")), body.get("description"))
    return op


def _body_props(op: Operation, kind: str, schema: dict[str, Any], required: bool, description: Any) -> None:
    fields = schema.get("properties")
    if kind == "application/json" or kind.endswith("+json"):
        op.body = "json"
        if schema.get("type", "object") == "object" and fields:
            needed = set(schema.get("required") or [])
            for name, sub in fields.items():
                if sub.get("readOnly"):
                    continue
                prop = schema_prop(name, sub, sub.get("description"), required and name in needed, sub.get("example"))
                _add(op, Param(name, "json", _free_name(op, name, "body")), prop)
        else:
            prop = schema_prop("body", schema, description or "The request body, as JSON.", required, None)
            _add(op, Param("body", "body", _free_name(op, "body", "body")), prop)
        return
    if kind in ("application/x-www-form-urlencoded", "multipart/form-data") and fields:
        op.body = "form" if kind.startswith("application/") else "multipart"
        needed = set(schema.get("required") or [])
        for name, sub in fields.items():
            is_file = sub.get("format") in ("binary", "base64") or sub.get("contentMediaType")
            if is_file and op.body == "multipart":
                prop = p.string(humanize(name), (sub.get("description") or "The file to send") +
                                " Give a path under /tmp (saved by an earlier step with the same stash_id) or a file_id.",
                                optional=not (required and name in needed))
                _add(op, Param(name, "file", _free_name(op, name, "body")), prop)
                continue
            prop = schema_prop(name, sub, sub.get("description"), required and name in needed, sub.get("example"))
            _add(op, Param(name, "form", _free_name(op, name, "body")), prop)
        return
    # Any other type is sent as it is: a file from /tmp for binary content, else text.
    op.body = "raw"
    if schema.get("format") == "binary" or kind in ("application/octet-stream", "*/*") and not schema.get("type"):
        prop = p.string("File", f"The file to send as the {kind} body: a path under /tmp (saved by an earlier step "
                        "with the same stash_id) or a file_id.", optional=not required)
        _add(op, Param(kind, "file-body", _free_name(op, "file", "body")), prop)
    else:
        prop = p.string("Body", str(description or f"The request body, sent as {kind}."), optional=not required)
        _add(op, Param(kind, "raw", _free_name(op, "body", "body")), prop)


def _add(op: Operation, param: Param, prop: Prop) -> None:
    op.params.append(param)
    op.props[param.prop] = prop


def _free_name(op: Operation, name: str, location: str) -> str:
    return name if name not in op.props else f"{name}_{location}"


def _without_null(schema: Mapping[str, Any]) -> Mapping[str, Any]:
    """`anyOf: [X, {type: null}]` and `type: [X, "null"]` (OpenAPI 3.1's optional values) read as X."""
    kind = schema.get("type")
    if isinstance(kind, list):
        rest = [k for k in kind if k != "null"]
        return {**schema, "type": rest[0] if len(rest) == 1 else None}
    for key in ("anyOf", "oneOf"):
        branches = [b for b in schema.get(key) or [] if isinstance(b, Mapping) and b.get("type") != "null"]
        if schema.get(key) and len(branches) == 1:
            merged = {**{k: v for k, v in schema.items() if k != key}, **branches[0]}
            merged.setdefault("description", schema.get("description"))
            return merged
    return schema


def schema_prop(name: str, schema: Mapping[str, Any], description: Any, required: bool, example: Any) -> Prop:
    schema = _without_null(schema)
    text = str(description or schema.get("description") or humanize(name)).strip()
    if example is not None or schema.get("example") is not None:
        text += f" Example: {json.dumps(example if example is not None else schema.get('example'))}."
    kind = schema.get("type")
    options = [str(v) for v in schema.get("enum") or [] if v is not None] or None
    extra: dict[str, Any] = {"optional": not required}
    if "default" in schema and not required:
        extra["default"] = schema["default"]
    label = humanize(name)
    if kind == "integer":
        return p.integer(label, text, **extra)
    if kind == "boolean":
        return p.boolean(label, text, **extra)
    if kind == "number":
        return Prop("any", label=label, description=text, json_schema={"type": "number"}, **extra)
    if kind == "array":
        items = (schema.get("items") or {}).get("type")
        if items == "integer":
            return p.integer_list(label, text, **extra)
        if items == "object":
            return p.object_list(label, text, **extra)
        return p.string_list(label, text, **extra)
    if kind == "object" or schema.get("properties"):
        return p.obj(label, text, **extra)
    if kind == "string" or options:
        return p.string(label, text, options=options, **extra)
    return p.any_value(label, text, **extra)


# Actions


def _declare(app: App, op: Operation, override: Mapping[str, Any], query_auth: tuple[str, str] | None) -> None:
    name = action_name(override.get("name") or op.operation_id)
    description = str(override.get("description") or op.description)
    title = str(override.get("title") or op.title)

    async def run(ctx: Any) -> Any:
        return await _call(ctx, op, query_auth, title)

    app.action(
        name, title=title, description=description, props=op.props,
        read_only=op.method in _READ_ONLY, destructive=op.method == "delete", idempotent=op.method in {*_READ_ONLY, "put"},
    )(run)


def _declare_group(
    app: App, group: str, members: list[Operation], override: Mapping[str, Any], query_auth: tuple[str, str] | None,
) -> None:
    by_id = {op.operation_id: op for op in members}
    listing = "; ".join(f"{op.operation_id}: {op.title}" for op in members)
    choose = p.string("Operation", f"Which operation to run. {listing}.", options=list(by_id), reload_props=True)

    async def operation_props(ctx: Any) -> dict[str, Prop]:
        op = by_id.get(ctx.props.get("operation"))
        return dict(op.props) if op is not None else {}

    async def run(ctx: Any) -> Any:
        op = by_id.get(ctx.props.get("operation"))
        if op is None:
            raise ActionError(f"operation must be one of {', '.join(by_id)}")
        return await _call(ctx, op, query_auth, op.title)

    app.action(
        action_name(group), title=str(override.get("title") or humanize(group)),
        description=str(override.get("description") or f"Operations on {humanize(group).lower()}: {listing}."),
        props={"operation": choose}, additional_props=operation_props,
        read_only=all(op.method in _READ_ONLY for op in members),
        destructive=any(op.method == "delete" for op in members),
    )(run)


async def _call(ctx: Any, op: Operation, query_auth: tuple[str, str] | None, title: str) -> Any:
    values = ctx.props
    path = op.path
    query: list[tuple[str, str]] = []
    headers: dict[str, str] = {}
    json_body: dict[str, Any] = {}
    form: dict[str, Any] = {}
    files: dict[str, Any] = {}
    body: Any = None
    for param in op.params:
        value = values.get(param.prop)
        if value is None:
            continue
        if param.location == "path":
            path = path.replace("{" + param.name + "}", quote(str(value), safe=""))
        elif param.location == "query":
            query.extend((param.name, _text(v)) for v in (value if isinstance(value, list) else [value]))
        elif param.location == "header":
            headers[param.name] = _text(value)
        elif param.location == "cookie":
            headers["Cookie"] = "; ".join(filter(None, [headers.get("Cookie"), f"{param.name}={_text(value)}"]))
        elif param.location == "json":
            json_body[param.name] = value
        elif param.location == "body":
            body = value
        elif param.location == "form":
            form[param.name] = _text(value) if not isinstance(value, list) else [_text(v) for v in value]
        elif param.location in ("file", "file-body"):
            target = ctx.tmp_path(str(value))
            try:
                data = target.read_bytes()
            except (FileNotFoundError, IsADirectoryError):
                raise ActionError(f"{value} is not a file in /tmp; pass the stash_id of the step that saved it, "
                                  "or a file_id") from None
            if param.location == "file":
                files[param.name] = (target.name, data)
            else:
                body = data
                if param.name != "*/*":
                    headers.setdefault("Content-Type", param.name)
        elif param.location == "raw":
            body = str(value)
            if param.name != "*/*":
                headers.setdefault("Content-Type", param.name)
    missing = re.findall(r"\{([^}]+)\}", path)
    if missing:
        raise ActionError(f"the path needs {', '.join(missing)}")
    if query_auth is not None:
        query.append((query_auth[0], str(ctx.auth.get(query_auth[1], ""))))
    kw: dict[str, Any] = {"params": query or None, "headers": headers}
    if op.body == "json":
        if body is not None:
            kw["json"] = body
        elif json_body:
            kw["json"] = json_body
    elif op.body == "form":
        kw["data"] = form
    elif op.body == "multipart":
        kw["data"], kw["files"] = form, files
    elif op.body == "raw" and body is not None:
        kw["content"] = body
    response = await ctx.http.request(op.method.upper(), path.lstrip("/"), **kw)
    ctx.summary = f"{title}: {response.status_code}"
    if not response.content:
        return {"status": response.status_code}
    try:
        return response.json()
    except ValueError:
        return response.text


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)


def action_name(raw: str) -> str:
    """An operation id as a kebab-case action name: `listPets` → `list-pets`."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", str(raw))
    name = re.sub(r"[^a-z0-9]+", "-", spaced.lower()).strip("-")
    if not name:
        raise OpenApiError(f"cannot make an action name of {raw!r}; rename it in the overrides")
    return name if name[0].isalpha() else f"op-{name}"


def humanize(raw: str) -> str:
    words = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", str(raw)).replace("_", " ").replace("-", " ").split()
    return " ".join(words).capitalize() if words else str(raw)


def _first_paragraph(text: str) -> str:
    return " ".join(str(text).strip().split("\n\n")[0].split())[:500]
