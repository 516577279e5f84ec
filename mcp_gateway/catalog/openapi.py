"""Apps described by an OpenAPI 3.x document instead of code.

An app folder holding `openapi.json` (and optionally `overrides.json`) instead of `app.py`
becomes an app whose operations are actions: path, query and header parameters and the
request body's fields become props, the document's security schemes become the app's auth,
and its first server the base URL (server variables become account fields).
`mcp-gateway apps import-openapi` writes such a folder, and `apps import-directory` compiles
the whole OpenAPI directory into a pack the same way. The overrides rename, describe, hide
or group operations:

    {"name": "Pet Store", "description": "...", "base_url": "https://...", "auth": "api_key",
     "operations": {"listPets": {"name": "list-pets", "title": "List Pets", "description": "...",
                                 "hide": false, "group": "pets"}},
     "groups": {"pets": {"title": "Pets", "description": "..."}}}

A group is one action with an `operation` prop: choosing it reloads the props to that
operation's, so related endpoints cost an agent one tool instead of many.

`compile_api` makes the app *definition* (data, see `operations.py`); `build_app` makes the app.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import httpx

from mcp_gateway.net import EgressDenied, EgressPolicy, http_client

from .errors import CatalogError
from .model import MAX_TOOL_NAME, App, _camel
from .operations import RUN_ACTION, SEARCH_ACTION, app_from_definition, prop_from_json
from .props import Prop

SPEC_FILE = "openapi.json"
OVERRIDES_FILE = "overrides.json"
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
_MAX_REF_DEPTH = 32
# Apps with more operations than this list FEATURED of them, plus a search and a run action.
BIG_APP, FEATURED = 40, 20
DESCRIPTION_CHARS, PROP_DESCRIPTION_CHARS = 400, 240
SCHEMA_DEPTH, SCHEMA_CHARS = 3, 6000  # a request body deeper or bigger than this is a plain object
MAX_OPTIONS, OPTIONS_CHARS = 60, 600  # enum values listed for the model; past that, the docs have them
# Tool input property names the model APIs accept (Anthropic's rule; OpenAI's is looser).
PROP_NAME = re.compile(r"^[a-zA-Z0-9_.-]{1,64}$")
# Headers a client sets itself; OpenAPI says parameters by these names are ignored.
_IGNORED_HEADERS = {"accept", "content-type", "authorization"}


class OpenApiError(CatalogError):
    """The document cannot be turned into an app; the message says what to fix."""


def load_openapi_app(folder: Path) -> App:
    """The app an imported folder describes (the folder's name is the slug)."""
    spec = _read_json(folder / SPEC_FILE)
    overrides_file = folder / OVERRIDES_FILE
    overrides = _read_json(overrides_file) if overrides_file.is_file() else {}
    return build_app(folder.name, spec, overrides)


def build_app(slug: str, spec: Mapping[str, Any], overrides: Mapping[str, Any] | None = None) -> App:
    return app_from_definition(compile_api(slug, spec, overrides))


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


def compile_api(slug: str, spec: Mapping[str, Any], overrides: Mapping[str, Any] | None = None, *,
                skip_broken: bool = False) -> dict[str, Any]:
    """The app definition of a document: plain data, ready for JSON. With `skip_broken`, an
    operation with a reference that points at nothing is left out instead of failing the app."""
    overrides = overrides or {}
    version = str(spec.get("openapi", ""))
    if not version.startswith("3."):
        raise OpenApiError(f"only OpenAPI 3.x documents can be imported; this one says openapi {version or '(missing)'}"
                           + (" (Swagger 2.0: convert it to 3.x first)" if spec.get("swagger") else ""))
    resolve = _Resolver(spec)
    info = spec.get("info") or {}
    if overrides.get("base_url"):
        base_url, variables = str(overrides["base_url"]), []
    else:
        base_url, variables = _server(spec)
    if not base_url:
        raise OpenApiError('the document has no absolute server URL; give one as "base_url" in the overrides')
    auth, credentials = _auth(spec, overrides)
    if auth["type"] != "keys":  # no form to fill in: server variables take their defaults
        for field in variables:
            if not field.get("default"):
                raise OpenApiError("no absolute server URL: each account must name its own server, which only an "
                                   "app with keys asks for")
            base_url = base_url.replace("{{custom_fields.%s}}" % field["name"], str(field["default"]))
        variables = []
    # The host as written: a `{{custom_fields.x}}` in it must keep its case.
    host = urlsplit(base_url).netloc.rsplit("@", 1)[-1]
    host = host.rsplit(":", 1)[0] if ":" in host else host
    host = host if "{{" in host else host.lower()
    definition: dict[str, Any] = {
        "slug": slug,
        "name": str(overrides.get("name") or info.get("title") or slug).strip()[:100],
        "description": plain_text(overrides.get("description") or info.get("description") or info.get("title") or slug,
                                  DESCRIPTION_CHARS, first_paragraph=True),
        "categories": list(overrides.get("categories") or ["Imported"]),
        "base_url": base_url.rstrip("/"),
        "allowed_domains": [host] if host else [],
        "auth": auth,
        "credentials": credentials,
        "server_fields": variables,
    }
    reserved = {_camel(slug)} | {c.get("name", "").lower() for c in credentials if c["in"] in ("query", "header")}
    operations = _operations(spec, resolve, overrides, slug, reserved, skip_broken, base_url)
    if not operations:
        raise OpenApiError("the document has no operations left to import (all hidden, or no paths)")
    definition["operations"] = operations
    for op in operations:
        other = (urlsplit(op["server"]).hostname or "") if op.get("server") else ""
        if other and other not in definition["allowed_domains"]:
            definition["allowed_domains"].append(other)
    groups = _groups(operations, overrides)
    if groups:
        definition["groups"] = groups
    elif len(operations) > BIG_APP:
        definition["featured"] = featured_operations(operations) + [SEARCH_ACTION, RUN_ACTION]
    return definition


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
                part = unquote(part).replace("~1", "/").replace("~0", "~")  # a URI fragment: %7B is {
                target = self(target, depth + 1)  # a pointer may pass through another reference
                if isinstance(target, list) and part.isdigit() and int(part) < len(target):
                    target = target[int(part)]
                    continue
                if not isinstance(target, Mapping) or part not in target:
                    raise OpenApiError(f"the reference {ref} points at nothing")
                target = target[part]
            node, depth = target, depth + 1
        return node

    def schema(self, node: Any, depth: int = 0) -> dict[str, Any]:
        """A schema with references resolved and `allOf` merged, SCHEMA_DEPTH + 1 levels deep
        (enough for a body's fields and theirs; a self-referencing schema stops there)."""
        try:
            node = self(node)
        except OpenApiError:
            if depth == 0:
                raise
            return {}
        if not isinstance(node, Mapping):
            return {}
        if depth > SCHEMA_DEPTH + 1:
            return {k: v for k, v in node.items() if k in ("type", "description")}
        out = {k: v for k, v in node.items() if k != "allOf"}
        for part in node.get("allOf") or []:
            merged = self.schema(part, depth + 1)
            out.setdefault("type", merged.get("type"))
            out["properties"] = {**(merged.get("properties") or {}), **(out.get("properties") or {})}
            out["required"] = sorted({*(merged.get("required") or []), *(out.get("required") or [])})
            out.setdefault("description", merged.get("description"))
        if isinstance(out.get("properties"), Mapping):
            out["properties"] = {k: self.schema(v, depth + 1) for k, v in out["properties"].items()}
        if "items" in out:
            out["items"] = self.schema(out["items"], depth + 1)
        for key in ("anyOf", "oneOf"):
            if isinstance(out.get(key), list):
                out[key] = [self.schema(b, depth + 1) for b in out[key][:6]]
        if isinstance(out.get("additionalProperties"), Mapping):
            out["additionalProperties"] = self.schema(out["additionalProperties"], depth + 1)
        return out


def _placeholder(url: str) -> bool:
    """APIs.guru's stand-ins for "your own server": `https://example.local`, `https://github.com/`."""
    host = urlsplit(url).hostname or ""
    return host.endswith(".local") or host in ("github.com", "localhost")


def _server(spec: Mapping[str, Any]) -> tuple[str | None, list[dict[str, Any]]]:
    """The first absolute server URL, with host variables as `{{custom_fields.x}}` and their fields;
    other variables (scheme, port, base path, version) take their defaults. A vendor's own server
    comes before a placeholder, https before http; a placeholder host alone becomes a field."""
    servers = [s for s in spec.get("servers") or [] if isinstance(s, Mapping)]
    servers.sort(key=lambda s: (_placeholder(str(s.get("url") or "")), not str(s.get("url") or "").startswith("https://")))
    for server in servers:
        url = str(server.get("url") or "")
        variables = {k: v if isinstance(v, Mapping) else {} for k, v in (server.get("variables") or {}).items()}
        for name, variable in list(variables.items()):  # `{Endpoint}/vision/v3.2`: a whole address
            if url.startswith("{" + name + "}") and str(variable.get("default", "")).startswith(("https://", "http://")):
                url = url.replace("{" + name + "}", str(variable["default"]).rstrip("/"), 1)
                del variables[name]
        host_part = url.split("://", 1)[1].split("/", 1)[0] if "://" in url else ""
        fields = []
        for name, variable in variables.items():
            default = str(variable.get("default", ""))
            default = "" if "{" in default else default  # `"default": "{accountName}"` is no default
            choices = [str(v) for v in variable.get("enum") or []]
            # Only a variable inside the host names the account's server; `{basePath}` right after
            # the host, or a single choice, is filled in.
            if "{" + name + "}" not in host_part or default.startswith("/") or (len(choices) == 1 and default):
                url = url.replace("{" + name + "}", default)
                continue
            field_name = _safe_name(name) or "host"
            url = url.replace("{" + name + "}", "{{custom_fields.%s}}" % field_name)
            text = plain_text(variable.get("description") or f"The {humanize(name).lower()} in the API's address.",
                              PROP_DESCRIPTION_CHARS)
            if choices:
                text += f" One of: {', '.join(choices[:20])}."
            fields.append({"name": field_name, "label": humanize(name), "description": text, "secret": False,
                           **({"optional": True, "default": default} if default else {})})
        probe = re.sub(r"\{\{custom_fields\.[^}]+\}\}", "x", url)
        if not (probe.startswith(("https://", "http://")) and "{" not in probe and urlsplit(probe).hostname):
            continue
        if _placeholder(probe) and not fields:
            parts = urlsplit(url)
            url = f"{parts.scheme}://{{{{custom_fields.host}}}}{parts.path}"
            fields.append({"name": "host", "label": "Host", "secret": False,
                           "description": "The host (and port, if not the default) of your own server of this API."})
        return url, fields
    return None, []


class _Unusable(Exception):
    pass


def _auth(spec: Mapping[str, Any], overrides: Mapping[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The app's auth (as a definition), and where the account's fields go in a request."""
    schemes = (spec.get("components") or {}).get("securitySchemes") or {}
    schemes = {name: scheme for name, scheme in schemes.items() if isinstance(scheme, Mapping)}
    wanted = overrides.get("auth")
    if wanted is not None and wanted not in schemes and wanted != "none":
        raise OpenApiError(f"overrides name auth {wanted!r}, which is not among the document's security schemes "
                           f"({', '.join(schemes) or 'none'})")
    if wanted == "none" or not schemes:
        return {"type": "none"}, []
    required = [list(req) for req in spec.get("security") or [] if isinstance(req, Mapping) and req]
    order = [[wanted]] if wanted else required + [[name] for name in schemes]
    # A session cookie is a browser's credential; a header or query key is an application's.
    order.sort(key=lambda names: any((schemes.get(n) or {}).get("in") == "cookie" for n in names))
    problems: list[str] = []
    for names in order:
        try:
            return _requirement(names, schemes, overrides)
        except _Unusable as exc:
            if str(exc) not in problems:
                problems.append(str(exc))
    raise OpenApiError("no usable security scheme: " + "; ".join(problems)
                       + '. Pick one with "auth" in the overrides, or "auth": "none"')


def _requirement(names: list[str], schemes: Mapping[str, Any], overrides: Mapping[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Auth for one security requirement: every scheme it names, together."""
    fields: list[dict[str, Any]] = []
    credentials: list[dict[str, Any]] = []
    oauth: dict[str, Any] | None = None
    keys = [n for n in names if (schemes.get(n) or {}).get("type") == "apiKey"]
    for name in names:
        scheme = schemes.get(name)
        if scheme is None:
            raise _Unusable(f"{name}: named in security but not defined")
        kind = scheme.get("type")
        description = plain_text(scheme.get("description") or "", PROP_DESCRIPTION_CHARS)
        if kind in ("oauth2", "openIdConnect"):
            oauth = _oauth(name, scheme, overrides)
        elif kind == "http" and str(scheme.get("scheme", "")).lower() == "bearer":
            fields.append({"name": "token", "label": "Token", "description": description or "The API token, sent as a Bearer token."})
            credentials.append({"in": "header", "name": "Authorization", "field": "token", "prefix": "Bearer "})
        elif kind == "http" and str(scheme.get("scheme", "")).lower() == "basic":
            fields += [{"name": "username", "label": "Username", "description": description or None, "secret": False},
                       {"name": "password", "label": "Password", "optional": True}]
            credentials.append({"in": "basic", "username": "username", "password": "password"})
        elif scheme.get("x-amazon-apigateway-authtype") == "awsSigv4":
            raise _Unusable(f"{name}: AWS Signature Version 4 signing is not supported")
        elif kind == "apiKey" and scheme.get("in") in ("header", "query", "cookie") and scheme.get("name"):
            key_name, where = str(scheme["name"]), str(scheme["in"])
            if any(c["in"] == where and c.get("name", "").lower() == key_name.lower() for c in credentials):
                continue  # two schemes for one parameter: one field fills it
            field = "api_key" if len(keys) == 1 else (_safe_name(name).lower() or "api_key")
            label = "API Key" if len(keys) == 1 else humanize(name)
            fields.append({"name": field, "label": label,
                           "description": description or f"Sent as the {key_name} {where}."})
            credentials.append({"in": where, "name": key_name, "field": field})
        else:
            raise _Unusable(f"{name}: {kind} {scheme.get('scheme') or scheme.get('in') or ''} security schemes are not supported".replace("  ", " "))
    if oauth is not None:
        if fields:
            raise _Unusable(f"{' + '.join(names)}: OAuth together with keys is not supported")
        return oauth, []
    targets = [c["name"].lower() if c["in"] != "basic" else "authorization" for c in credentials if c["in"] != "query"]
    if len(targets) != len(set(targets)):
        raise _Unusable(f"{' + '.join(names)}: these schemes would set the same header")
    return {"type": "keys", "fields": [{k: v for k, v in f.items() if v is not None} for f in fields]}, credentials


# The Microsoft identity platform serves the code flow beside the implicit one its API
# descriptions name, at the sibling token URL.
_CODE_FLOW_TOKEN_URLS = {"login.microsoftonline.com": lambda url: re.sub(r"/authorize$", "/token", url)}


def _oauth(name: str, scheme: Mapping[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    if scheme.get("type") == "openIdConnect":
        url = str(scheme.get("openIdConnectUrl") or "")
        if not url.startswith("https://"):
            raise _Unusable(f"{name}: the OpenID Connect discovery URL is not an absolute https URL")
        return {"type": "oauth", "discovery_url": url, "scopes": list(overrides.get("scopes") or ["openid"]), "pkce": True}
    flows = scheme.get("flows") or {}
    flow = flows.get("authorizationCode")
    if flow is None:
        implicit = flows.get("implicit") or {}
        derive = _CODE_FLOW_TOKEN_URLS.get(urlsplit(str(implicit.get("authorizationUrl") or "")).hostname or "")
        if derive is None:
            offered = ", ".join(flows) or "no flows"
            raise _Unusable(f"{name}: only the OAuth authorization code flow can connect user accounts (this scheme offers {offered})")
        flow = {**implicit, "tokenUrl": derive(implicit["authorizationUrl"])}
    authorize, token = str(flow.get("authorizationUrl") or ""), str(flow.get("tokenUrl") or "")
    if not (authorize.startswith("https://") and token.startswith("https://")):
        raise _Unusable(f"{name}: the OAuth URLs are not absolute https URLs")
    scopes = list(overrides.get("scopes") or (flow.get("scopes") or {}).keys())
    return {"type": "oauth", "authorize_url": authorize, "token_url": token, "scopes": scopes, "pkce": True}


# Operations


def _operations(spec: Mapping[str, Any], resolve: _Resolver, overrides: Mapping[str, Any], slug: str,
                reserved: set[str], skip_broken: bool, base_url: str) -> list[dict[str, Any]]:
    chosen = overrides.get("operations") or {}
    docs = str((spec.get("externalDocs") or {}).get("url") or "")
    version = str((spec.get("info") or {}).get("version") or "")
    out = []
    seen: set[str] = set()
    room = MAX_TOOL_NAME - len(slug) - 1
    for path, item in (spec.get("paths") or {}).items():
        item = resolve(item)
        if not isinstance(item, Mapping):
            continue
        shared = [resolve(x) for x in item.get("parameters") or []]
        path_server = _own_server(item, base_url)
        for method in METHODS:
            raw = item.get(method)
            if not isinstance(raw, Mapping):
                continue
            op_id = str(raw.get("operationId") or f"{method} {path}")
            override = chosen.get(op_id) or {}
            if override.get("hide"):
                continue
            try:
                op = _operation(op_id, method, path, raw, shared, resolve, reserved, docs, version,
                                _own_server(raw, base_url) or path_server)
            except OpenApiError:
                if not skip_broken:
                    raise
                continue  # one operation the document describes wrongly; the others still work
            name = action_name(override.get("name") or (op_id if raw.get("operationId") else _path_name(method, path)))
            op["name"] = _unique(name, room, seen)
            if override.get("title"):
                op["title"] = str(override["title"])
            if override.get("description"):
                op["description"] = str(override["description"])
            out.append(op)
    unknown = sorted(set(chosen) - {op["id"] for op in out} - {k for k, v in chosen.items() if v.get("hide")})
    if unknown:
        raise OpenApiError(f"overrides name operations the document does not have: {', '.join(unknown)}")
    return out


def _own_server(item: Mapping[str, Any], base_url: str) -> str | None:
    """A path's or operation's own server (uploads on another host), when it differs from the app's."""
    url, _ = _server({"servers": item.get("servers")}) if item.get("servers") else (None, [])
    if url is None or "{{" in url or url.rstrip("/") == base_url.rstrip("/"):
        return None
    return url.rstrip("/")


def _path_name(method: str, path: str) -> str:
    """`get /users/{id}/repos` → `get-users-id-repos`: the name of an operation without an id."""
    return f"{method} " + re.sub(r"[{}]", "", path)


def _unique(name: str, room: int, seen: set[str]) -> str:
    """The name cut to `room` characters at a word break, numbered if an earlier one has it."""
    if len(name) > room:
        cut = name[:room]
        name = cut.rsplit("-", 1)[0] if "-" in cut[room // 2:] else cut
    name = name.strip("-")
    candidate, n = name, 2
    while candidate in seen:
        suffix = f"-{n}"
        candidate = name[: room - len(suffix)].rstrip("-") + suffix
        n += 1
    seen.add(candidate)
    return candidate


def _operation(op_id: str, method: str, path: str, raw: Mapping[str, Any], shared: list[Any], resolve: _Resolver,
               reserved: set[str], docs: str, version: str = "", server: str | None = None) -> dict[str, Any]:
    summary = plain_text(raw.get("summary") or "", 120)
    title = summary.rstrip(".") or humanize(op_id)
    details = plain_text(raw.get("description") or "", DESCRIPTION_CHARS)
    if details and summary and not details.lower().startswith(summary.rstrip(".").lower()):
        text = f"{summary.rstrip('.')}. {details}"
    else:
        text = details or summary
    text = plain_text(text or title, DESCRIPTION_CHARS)
    if raw.get("deprecated"):
        text = "Deprecated. " + text
    op: dict[str, Any] = {"id": op_id, "title": title[:120], "description": f"{text}\n\n({method.upper()} {path})",
                          "method": method, "path": path, "body": None, "params": [], "props": {}}
    if server:
        op["server"] = server
    docs = str((raw.get("externalDocs") or {}).get("url") or docs)
    params = {(x.get("name"), x.get("in")): x for x in shared if isinstance(x, Mapping)}
    for x in (resolve(y) for y in raw.get("parameters") or []):
        if isinstance(x, Mapping):
            params[(x.get("name"), x.get("in"))] = x
    taken = set(reserved)
    for (name, location), param in params.items():
        if location not in ("path", "query", "header", "cookie") or not name:
            continue
        if location in ("header", "query") and str(name).lower() in reserved | _IGNORED_HEADERS:
            continue  # the account supplies it, or the client does
        schema = resolve.schema(param.get("schema") or _content_schema(param))
        required = bool(param.get("required")) or location == "path"
        if name == "api-version" and location == "query" and "default" not in schema and version:
            schema = {**schema, "default": version}  # Azure's: the description's own version
        prop = prop_json(str(name), schema, param.get("description"), required, param.get("example"), docs)
        _add(op, name, location, _prop_name(str(name), location, taken), prop, _style(param, location, schema))
    body = resolve(raw.get("requestBody") or {})
    content = body.get("content") or {} if isinstance(body, Mapping) else {}
    kind = next((k for k in ("application/json", "application/x-www-form-urlencoded", "multipart/form-data")
                 if k in content), None)
    if kind is None:
        kind = next((k for k in content if k.endswith("+json")), None) or next(iter(content), None)
    if kind is not None:
        media = content[kind] if isinstance(content[kind], Mapping) else {}
        schema = resolve.schema(media.get("schema") or {})
        _body_props(op, kind, schema, bool(body.get("required")), body.get("description"), taken, docs)
    return op


def _style(param: Mapping[str, Any], location: str, schema: Mapping[str, Any]) -> str | None:
    """How a list or object value is written, when it is not the default of repeating the name:
    `csv` (a,b), `ssv` (a b), `pipes` (a|b), `deep` (name[key]=v), `form` (key=v per property)."""
    style = param.get("style") or ("form" if location in ("query", "cookie") else "simple")
    explode = param.get("explode", style == "form")
    kind = schema.get("type")
    if style == "deepObject":
        return "deep"
    if style in ("spaceDelimited", "pipeDelimited"):
        return "ssv" if style == "spaceDelimited" else "pipes"
    if kind == "object" and style == "form" and explode:
        return "form"
    if kind in ("array", "object") and (not explode or style == "simple"):
        return "csv"
    return None


def _content_schema(param: Mapping[str, Any]) -> Any:
    """A parameter described by `content` instead of `schema` (a JSON-encoded query value)."""
    for media in (param.get("content") or {}).values():
        if isinstance(media, Mapping) and media.get("schema"):
            return media["schema"]
    return {}


def _body_props(op: dict[str, Any], kind: str, schema: dict[str, Any], required: bool, description: Any,
                taken: set[str], docs: str) -> None:
    fields = schema.get("properties")
    if kind == "application/json" or kind.endswith("+json"):
        op["body"] = "json"
        if schema.get("type", "object") == "object" and fields:
            needed = set(schema.get("required") or [])
            for name, sub in fields.items():
                if sub.get("readOnly"):
                    continue
                prop = prop_json(name, sub, sub.get("description"), required and name in needed, sub.get("example"), docs)
                _add(op, name, "json", _prop_name(name, "body", taken), prop)
        else:
            prop = prop_json("body", schema, description or "The request body, as JSON.", required, None, docs)
            _add(op, "body", "body", _prop_name("body", "body", taken), prop)
        return
    if kind in ("application/x-www-form-urlencoded", "multipart/form-data") and fields:
        op["body"] = "form" if kind.startswith("application/") else "multipart"
        needed = set(schema.get("required") or [])
        for name, sub in fields.items():
            is_file = sub.get("format") in ("binary", "base64") or sub.get("contentMediaType")
            if is_file and op["body"] == "multipart":
                text = plain_text(sub.get("description") or "The file to send.", PROP_DESCRIPTION_CHARS)
                prop = {"type": "string", "label": humanize(name),
                        "description": text + " Give a path under /tmp (saved by an earlier step with the same "
                        "stash_id) or a file_id.", "optional": not (required and name in needed)}
                _add(op, name, "file", _prop_name(name, "body", taken), prop)
                continue
            prop = prop_json(name, sub, sub.get("description"), required and name in needed, sub.get("example"), docs)
            _add(op, name, "form", _prop_name(name, "body", taken), prop)
        return
    # Any other type is sent as it is: a file from /tmp for binary content, else text.
    op["body"] = "raw"
    if schema.get("format") == "binary" or kind in ("application/octet-stream", "*/*") and not schema.get("type"):
        prop = {"type": "string", "label": "File", "description": f"The file to send as the {kind} body: a path under "
                "/tmp (saved by an earlier step with the same stash_id) or a file_id.", "optional": not required}
        _add(op, kind, "file-body", _prop_name("file", "body", taken), prop)
    else:
        prop = {"type": "string", "label": "Body", "description": plain_text(description or f"The request body, sent as {kind}.",
                PROP_DESCRIPTION_CHARS), "optional": not required}
        _add(op, kind, "raw", _prop_name("body", "body", taken), prop)


def _add(op: dict[str, Any], name: str, location: str, prop_name: str, prop: dict[str, Any], style: str | None = None) -> None:
    op["params"].append([name, location, prop_name, style] if style else [name, location, prop_name])
    op["props"][prop_name] = prop


def _safe_name(name: str) -> str:
    return re.sub(r"_+", "_", re.sub(r"[^a-zA-Z0-9_.-]", "_", name)).strip("_.-")[:64]


def _prop_name(name: str, location: str, taken: set[str]) -> str:
    """A tool input name the model APIs accept, unique within the operation."""
    base = _safe_name(name) or location
    candidate = base
    if candidate in taken:
        candidate = f"{base[:55]}_{location}"
    n = 2
    while candidate in taken:
        candidate = f"{base[:55]}_{n}"
        n += 1
    taken.add(candidate)
    return candidate


def _groups(operations: list[dict[str, Any]], overrides: Mapping[str, Any]) -> list[dict[str, Any]]:
    chosen = overrides.get("operations") or {}
    described = overrides.get("groups") or {}
    members: dict[str, list[str]] = {}
    for op in operations:
        group = (chosen.get(op["id"]) or {}).get("group")
        if group:
            members.setdefault(str(group), []).append(op["name"])
    return [{"name": action_name(group), "title": str((described.get(group) or {}).get("title") or humanize(group)),
             "description": (described.get(group) or {}).get("description"), "members": names}
            for group, names in members.items()]


def featured_operations(operations: list[dict[str, Any]]) -> list[str]:
    """The operations a big app lists: short paths, reads and creates, a few per resource."""
    def score(op: Mapping[str, Any]) -> tuple[float, str]:
        segments = [s for s in op["path"].split("/") if s]
        variables = sum(1 for s in segments if s.startswith("{"))
        value = -len(segments) - 2 * variables + {"get": 3, "post": 2}.get(op["method"], 0)
        value += 2 if re.match(r"(list|get|search|create|find|query)", op["name"]) else 0
        value -= 10 if op["description"].startswith("Deprecated.") else 0
        return -value, op["name"]

    per_resource: dict[str, int] = {}
    chosen = []
    for op in sorted(operations, key=score):
        segments = [s for s in op["path"].split("/") if s and not s.startswith("{") and not re.match(r"v\d", s)]
        resource = segments[0] if segments else ""
        if per_resource.get(resource, 0) >= 2:
            continue
        per_resource[resource] = per_resource.get(resource, 0) + 1
        chosen.append(op["name"])
        if len(chosen) == FEATURED:
            break
    return chosen


# Props


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


_JSON_TYPES = {"string": str, "integer": int, "number": (int, float), "boolean": bool, "object": dict, "array": list}


def _fits(value: Any, kind: str | None) -> bool:
    if kind is None:
        return True
    expected = _JSON_TYPES.get(kind)
    if expected is None or isinstance(value, bool) and kind != "boolean":
        return False
    return isinstance(value, expected)


def prop_json(name: str, schema: Mapping[str, Any], description: Any, required: bool, example: Any,
              docs: str = "") -> dict[str, Any]:
    """One input of an operation, as a prop definition (see `operations.py`)."""
    schema = _without_null(schema)
    text = plain_text(description or schema.get("description") or humanize(name), PROP_DESCRIPTION_CHARS)
    shown = example if example is not None else schema.get("example")
    if shown is not None and not isinstance(shown, (dict, list)) and len(json.dumps(shown, default=str)) <= 60:
        text += f" Example: {json.dumps(shown, default=str)}."
    kind = schema.get("type") if isinstance(schema.get("type"), str) else None
    out: dict[str, Any] = {"label": humanize(name), "description": text}
    if not required:
        out["optional"] = True
    refined: dict[str, Any] | None = None
    if kind == "integer":
        out["type"] = "integer"
    elif kind == "boolean":
        out["type"] = "boolean"
    elif kind == "number":
        out["type"], refined = "any", {"type": "number"}
    elif kind == "array":
        items = _without_null(schema.get("items") or {})
        item_kind = items.get("type") if isinstance(items.get("type"), str) else None
        out["type"] = {"integer": "integer[]", "object": "object[]", "string": "string[]", "boolean": "boolean[]"}.get(
            item_kind or "", "any")
        cleaned = clean_schema(items, SCHEMA_DEPTH)
        refined = {"items": cleaned} if out["type"] != "any" else {"type": "array", "items": cleaned}
        if out["type"] in ("string[]", "integer[]", "boolean[]") and set(cleaned) <= {"type", "description"}:
            refined = None
    elif kind == "object" or schema.get("properties"):
        out["type"] = "object"
        cleaned = clean_schema(schema, SCHEMA_DEPTH)
        refined = {k: v for k, v in cleaned.items() if k in ("properties", "required", "additionalProperties")} or None
    elif kind == "string" or schema.get("enum"):
        out["type"] = "string"
        options = [str(v) for v in schema.get("enum") or [] if v is not None]
        if 0 < len(options) <= MAX_OPTIONS and sum(len(o) + 2 for o in options) <= OPTIONS_CHARS:
            out["options"] = options
    else:
        out["type"] = "any"
        cleaned = clean_schema(schema, SCHEMA_DEPTH)
        refined = {k: v for k, v in cleaned.items() if k in ("anyOf", "type", "items", "properties")} or None
    if refined is not None and len(json.dumps(refined)) > SCHEMA_CHARS:
        refined = None if out["type"] != "any" else ({"type": "array", "items": {}} if kind == "array" else None)
        out["description"] = text + (f" Its fields are described at {docs}." if docs else " Its fields are described in the API's reference.")
    if refined:
        out["schema"] = refined
    # An optional input's default is the API's to apply: sending it would overwrite what a PATCH
    # leaves alone. A required one's default is sent when the caller gives none (Azure's api-version).
    default = schema.get("default")
    if default is not None and _fits(default, kind) and not isinstance(default, (dict, list)):
        if required and not (kind == "string" and out.get("options") and str(default) not in out["options"]):
            out["default"] = default
            out.pop("optional", None)
        elif not required and len(json.dumps(default)) <= 60:
            out["description"] += f" Default: {json.dumps(default)}."
    return out


def schema_prop(name: str, schema: Mapping[str, Any], description: Any, required: bool, example: Any) -> Prop:
    return prop_from_json(prop_json(name, schema, description, required, example))


def clean_schema(schema: Any, depth: int) -> dict[str, Any]:
    """A JSON Schema cut to what tool definitions accept everywhere: types, properties, items,
    required, enums and short descriptions, `depth` levels deep."""
    if not isinstance(schema, Mapping):
        return {}
    schema = _without_null(schema)
    out: dict[str, Any] = {}
    kind = schema.get("type")
    if isinstance(kind, str) and kind in _JSON_TYPES:
        out["type"] = kind
    elif schema.get("properties"):
        out["type"] = "object"
    if schema.get("description"):
        out["description"] = plain_text(schema["description"], 160)
    enum = [v for v in schema.get("enum") or [] if v is not None and not isinstance(v, (dict, list))]
    if enum and len(enum) <= MAX_OPTIONS and all(_fits(v, out.get("type")) for v in enum):
        out["enum"] = list(dict.fromkeys(enum))
    if isinstance(schema.get("format"), str):
        out["format"] = schema["format"]
    if depth <= 0:
        if out.get("type") == "array":
            out["items"] = {}
        return out
    if out.get("type") == "object" or "properties" in schema:
        props = schema.get("properties") or {}
        if isinstance(props, Mapping) and props:
            out["properties"] = {str(k): clean_schema(v, depth - 1) for k, v in list(props.items())[:100]
                                 if isinstance(v, Mapping) and not v.get("readOnly")}
            needed = [r for r in schema.get("required") or [] if r in out["properties"]]
            if needed:
                out["required"] = needed
        extra = schema.get("additionalProperties")
        if isinstance(extra, Mapping) and extra:
            out["additionalProperties"] = clean_schema(extra, depth - 1)
    if out.get("type") == "array":
        out["items"] = clean_schema(schema.get("items") or {}, depth - 1)
    if "type" not in out:
        branches = [clean_schema(b, depth - 1) for b in (schema.get("anyOf") or schema.get("oneOf") or [])[:6]
                    if isinstance(b, Mapping)]
        if len(branches) > 1:
            out["anyOf"] = branches
    return out


# Names and text


def action_name(raw: str) -> str:
    """An operation id as a kebab-case action name: `listPets` → `list-pets`."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", str(raw))
    spaced = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1-\2", spaced)
    name = re.sub(r"[^a-z0-9]+", "-", spaced.lower()).strip("-")
    if not name:
        raise OpenApiError(f"cannot make an action name of {raw!r}; rename it in the overrides")
    return name if name[0].isalpha() else f"op-{name}"


def humanize(raw: str) -> str:
    words = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", str(raw)).replace("_", " ").replace("-", " ").split()
    return " ".join(words).capitalize() if words else str(raw)


_TAG = re.compile(r"<[^>]+>")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)\s]*\)?")
_MD_MARKS = re.compile(r"(\*\*|__|`+|^#+\s*|^\s*[-*+>]\s+|^\s*\|.*\|\s*$)", re.M)


def plain_text(text: Any, limit: int, *, first_paragraph: bool = False) -> str:
    """Markdown and HTML as plain text, cut at a sentence end within `limit` characters."""
    text = html.unescape(_TAG.sub(" ", str(text or "")))
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_MARKS.sub(" ", text)
    if first_paragraph:
        text = next((part for part in re.split(r"\n\s*\n", text) if part.strip()), "")
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    return cut[: end + 1] if end > limit // 2 else cut[: limit - 1].rsplit(" ", 1)[0] + "…"
