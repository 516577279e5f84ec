"""Apps and actions: the component model every file under `tools/` is written in.

An app file declares one `App` (auth, API base URL, allowed domains, shared prop
definitions); each action file declares one action on it with `@app.action(...)`.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import re
from collections.abc import Awaitable, Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import unquote

from .errors import CatalogError
from .props import FULL_RESPONSE, Prop, full_response
from .schema import PropValidator, SchemaValidator

if TYPE_CHECKING:
    from .context import AccountContext, PropsContext, RunContext

AuthType = Literal["oauth", "keys", "none"]
StashMode = Literal["required", "optional"]
# Whether a run may become an MCP task (a handle the client polls): never, when the client
# supports tasks, or only as a task.
TaskSupport = Literal["forbidden", "optional", "required"]
# When a run that may be a task becomes one: as it starts, or when it calls `$.run_as_task()`
# (after gathering input in the call itself).
TaskFrom = Literal["start", "handoff"]

MAX_TOOL_NAME = 64

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_ACTION_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# The characters MCP allows in a tool name (SEP-986).
_TOOL_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
_TEMPLATE = re.compile(r"\{\{\s*custom_fields\.([A-Za-z0-9_]+)\s*\}\}")


@dataclass(frozen=True, slots=True)
class OAuth:
    """OAuth 2 authorization code flow settings for an app."""

    authorize_url: str
    token_url: str
    scopes: Sequence[str] = ()
    pkce: bool = False
    scope_separator: str = " "
    # How the client authenticates at the token endpoint, and how the request body is encoded.
    token_auth_method: Literal["client_secret_post", "client_secret_basic"] = "client_secret_post"
    token_body: Literal["form", "json"] = "form"
    extra_authorize_params: Mapping[str, str] = field(default_factory=dict)
    # Sent with every token request too (code exchange and refresh): RFC 8707's `resource`.
    extra_token_params: Mapping[str, str] = field(default_factory=dict)
    # Sent with refreshes instead of `extra_token_params` where a provider wants other words there
    # (Basecamp's Launchpad: `type=web_server` for the code, `type=refresh` to refresh).
    extra_refresh_params: Mapping[str, str] | None = None
    # Turns a provider's token response into the standard fields (`access_token`,
    # `refresh_token`, `expires_in`, `scope`) for providers that nest them (Slack's user tokens).
    read_token: Callable[[Mapping[str, Any]], Mapping[str, Any]] | None = None
    # Other fields of the token response kept with the account, for requests that need them
    # (Salesforce's `instance_url`, the org's API host). Never secrets: they are not encrypted apart.
    token_fields: Sequence[str] = ()
    # Query parameters of the provider's redirect back, kept with the account the same way
    # (Intuit names the QuickBooks company, `realmId`, only there).
    redirect_fields: Sequence[str] = ()
    # OpenID Connect: the provider's discovery document, read for the two URLs when they are empty.
    discovery_url: str | None = None

    type: AuthType = field(default="oauth", init=False)


@dataclass(frozen=True, slots=True)
class KeyField:
    """One named credential field of a key-based app (an API key, a host...)."""

    name: str
    label: str
    description: str | None = None
    secret: bool = True
    optional: bool = False
    default: str | None = None


@dataclass(frozen=True, slots=True)
class Keys:
    """Credentials the user types in: API keys, tokens, connection details."""

    fields: Sequence[KeyField]

    type: AuthType = field(default="keys", init=False)


@dataclass(frozen=True, slots=True)
class NoAuth:
    type: AuthType = field(default="none", init=False)


Auth = OAuth | Keys | NoAuth


@dataclass(frozen=True, slots=True)
class Identity:
    """Who an account belongs to at the provider, as the app's account test finds out."""

    name: str | None = None
    external_id: str | None = None


# Checks freshly entered or granted credentials with a cheap request; raises
# `UpstreamError` or `ActionError` when they do not work.
AccountTest = Callable[["AccountContext"], Awaitable[Identity | None]]
AuthHeaders = Callable[[Mapping[str, Any]], Mapping[str, str]]
RunFunction = Callable[["RunContext"], Awaitable[Any]]
AdditionalProps = Callable[["PropsContext"], Awaitable[Mapping[str, Prop]]]
# Cuts what an action's run returned (an API's whole payload) down to what an agent needs.
Trim = Callable[[Any], Any]


@dataclass(frozen=True, slots=True)
class Annotations:
    """MCP tool annotations: hints a client uses to decide how careful to be."""

    read_only: bool = False
    destructive: bool = False
    idempotent: bool = False
    open_world: bool = True

    def to_mcp(self, title: str) -> dict[str, Any]:
        return {
            "title": title,
            "readOnlyHint": self.read_only,
            "destructiveHint": self.destructive,
            "idempotentHint": self.idempotent,
            "openWorldHint": self.open_world,
        }


@dataclass(slots=True)
class Action:
    """One operation of an app, run on behalf of one user."""

    key: str
    name: str
    description: str
    version: str
    props: dict[str, Prop]
    run: RunFunction
    app: App
    annotations: Annotations = Annotations()
    additional_props: AdditionalProps | None = None
    stash: StashMode | None = None
    custom: bool = False
    trim: Trim | None = None
    # The MCP tool name, where it must differ from the one made from the key (a tool that keeps
    # the name its clients already call it by).
    mcp_name: str | None = None
    # The tool's input JSON Schema as written, for inputs props cannot express ($defs, if/then,
    # composition); the run's props are then the arguments, checked against it.
    input_schema: Mapping[str, Any] | None = None
    task_support: TaskSupport = "forbidden"
    task_from: TaskFrom = "start"
    _validator: Any = field(default=None, repr=False, compare=False)

    def shaped(self, ret: Any, values: Mapping[str, Any]) -> Any:
        """The run's return value as the caller gets it: trimmed unless they asked for it whole."""
        if self.trim is None or values.get(FULL_RESPONSE):
            return ret
        return self.trim(ret)

    def validator(self) -> PropValidator | SchemaValidator:
        """Validator of the action's static props (or of its input schema), built once."""
        if self._validator is None:
            if self.input_schema is not None:
                self._validator = SchemaValidator(self.input_schema)
            else:
                self._validator = PropValidator(self.key, self.props)
        return self._validator

    @property
    def app_prop_name(self) -> str | None:
        for name, prop in self.props.items():
            if prop.type == "app":
                return name
        return None

    @property
    def has_dynamic_props(self) -> bool:
        return any(p.reload_props for p in self.props.values())


def tool_name(action: Action) -> str:
    """The MCP tool name of an action: its key, made safe and at most 64 characters.

    Custom tools (`~/key`) become `custom.key`; a name that would be too long keeps
    its start and gets a hash of the whole key, so it stays unique and stable. An action that
    names its tool (`mcp_name`) keeps that name.
    """
    if action.mcp_name is not None:
        return action.mcp_name
    name = action.key
    if name.startswith("~/"):
        name = "custom." + name[2:]
    if len(name) <= MAX_TOOL_NAME:
        return name
    digest = hashlib.sha256(action.key.encode()).hexdigest()[:8]
    return f"{name[: MAX_TOOL_NAME - 9]}-{digest}"


# A resource's content, as its read function returns it: text, or bytes (sent base64).
ResourceBody = str | bytes
# `async def read(ctx) -> str | bytes` for a resource; `async def read(ctx, **variables)` for a
# template. `ctx` is the `$` an action gets: the user's account auth and `ctx.http`.
ReadResource = Callable[..., Awaitable[ResourceBody]]

_URI_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
# The schemes the gateway serves itself (File Stash files), which no app may declare.
RESERVED_URI_SCHEMES = frozenset({"stash"})
_EXPRESSION = re.compile(r"\{([^{}]*)\}")
_VARIABLE = re.compile(r"^(\+?)([A-Za-z_][A-Za-z0-9_]*)$")


@dataclass(frozen=True, slots=True)
class Resource:
    """A document an app serves at one URI: listed by `resources/list`, read by `resources/read`."""

    uri: str
    name: str
    read: ReadResource
    app: App
    title: str | None = None
    description: str | None = None
    mime_type: str | None = None

    def to_mcp(self) -> dict[str, Any]:
        return _described({"uri": self.uri, "name": self.name}, self.title, self.description, self.mime_type)


@dataclass(frozen=True, slots=True)
class ResourceTemplate:
    """Documents an app serves at the URIs of one RFC 6570 template (`notes://{id}`), listed by
    `resources/templates/list`. `{name}` matches one path segment, `{+name}` any run of them;
    the read function gets each variable, percent-decoded, as a keyword argument."""

    uri_template: str
    name: str
    read: ReadResource
    app: App
    pattern: re.Pattern[str] = field(repr=False, compare=False)
    title: str | None = None
    description: str | None = None
    mime_type: str | None = None

    def match(self, uri: str) -> dict[str, str] | None:
        """The template's variables in `uri`, or None when `uri` is not of this template."""
        found = self.pattern.fullmatch(uri)
        return {name: unquote(value) for name, value in found.groupdict().items()} if found else None

    def to_mcp(self) -> dict[str, Any]:
        return _described({"uriTemplate": self.uri_template, "name": self.name}, self.title, self.description,
                          self.mime_type)


def _described(entry: dict[str, Any], title: str | None, description: str | None, mime_type: str | None) -> dict[str, Any]:
    optional = {"title": title, "description": description, "mimeType": mime_type}
    return entry | {k: v for k, v in optional.items() if v is not None}


def _check_resource_uri(where: str, uri: str) -> None:
    scheme = _URI_SCHEME.match(uri)
    if scheme is None or any(c.isspace() for c in uri):
        raise CatalogError(f"{where}: {uri!r} must be an absolute URI without spaces, such as notes://today")
    if scheme[1].lower() in RESERVED_URI_SCHEMES:
        raise CatalogError(f"{where}: the {scheme[1]}:// scheme is the gateway's own; choose another")


def _template_pattern(where: str, template: str) -> tuple[re.Pattern[str], list[str]]:
    """The regular expression matching the URIs of a level 1 or 2 template, and its variables."""
    parts, names, end = [], [], 0
    for expression in _EXPRESSION.finditer(template):
        variable = _VARIABLE.match(expression[1])
        if variable is None:
            raise CatalogError(f"{where}: {{{expression[1]}}} is not a variable the gateway matches; write "
                               "{name} for one path segment or {+name} for several")
        if expression.start() == end and names:
            raise CatalogError(f"{where}: variables must be apart ({{a}}/{{b}}), or a URI cannot be split between them")
        if variable[2] in names:
            raise CatalogError(f"{where}: variable {variable[2]!r} appears twice")
        parts.append(re.escape(template[end:expression.start()]))
        parts.append(f"(?P<{variable[2]}>{'[^?#]+' if variable[1] else '[^/?#]+'})")
        names.append(variable[2])
        end = expression.end()
    if not names:
        raise CatalogError(f"{where}: a template needs at least one {{variable}}; declare a fixed URI with app.resource")
    if "{" in template[end:] or "}" in template[end:] or any("{" in p or "}" in p for p in parts[::2]):
        raise CatalogError(f"{where}: unbalanced braces")
    parts.append(re.escape(template[end:]))
    return re.compile("".join(parts)), names


def _check_reader(where: str, read: ReadResource, variables: Sequence[str]) -> None:
    """Refuse, at load time, a read function that could not be called with `ctx` and the variables."""
    try:
        inspect.signature(read).bind(None, **dict.fromkeys(variables, ""))
    except TypeError as exc:
        wanted = ", ".join(["ctx", *variables])
        raise CatalogError(f"{where}: the read function must take ({wanted}): {exc}") from None
    except ValueError:  # a callable whose signature cannot be read: it is tried when read
        return


class App:
    """An integration: how to authenticate, where its API lives, and its actions."""

    def __init__(
        self,
        slug: str,
        name: str,
        description: str,
        *,
        auth: Auth,
        categories: Sequence[str] = (),
        featured_weight: int = 0,
        base_url: str | None = None,
        allowed_domains: Sequence[str] = (),
        auth_headers: AuthHeaders | None = None,
        custom_fields: Sequence[KeyField] = (),
        prop_name: str | None = None,
        img_src: str | None = None,
        test: AccountTest | None = None,
    ) -> None:
        if not _SLUG.match(slug):
            raise CatalogError(f"app slug {slug!r} must be lowercase letters, digits and underscores")
        self.slug = slug
        self.name = name
        self.description = description
        self.auth = auth
        self.categories = list(categories)
        self.featured_weight = featured_weight
        self.base_url = base_url
        self.allowed_domains = list(allowed_domains)
        self.custom_fields = list(custom_fields)
        self.img_src = img_src
        self.prop_name = prop_name or _camel(slug)
        self._auth_headers = auth_headers
        self.test = test
        self.prop_definitions: dict[str, Prop] = {}
        self.actions: MutableMapping[str, Action] = {}
        # Where an app that is not hand-written comes from (the OpenAPI directory, a document).
        self.source: Mapping[str, Any] | None = None
        # Account fields an imported app sends as query parameters: (parameter, field).
        self.query_credentials: list[tuple[str, str]] = []
        # For apps too big to list whole: the names of the actions a tool list shows (the rest
        # are reached through the app's search and run actions).
        self.featured: list[str] | None = None
        # MCP resources, by URI, and resource templates, by URI template.
        self.resources: dict[str, Resource] = {}
        self.resource_templates: dict[str, ResourceTemplate] = {}

    def __repr__(self) -> str:
        return f"App({self.slug!r})"

    @property
    def auth_type(self) -> AuthType:
        return self.auth.type

    @property
    def action_count(self) -> int:
        return len(self.actions)

    def listed_actions(self) -> list[Action]:
        """The actions a tool list shows: all of them, or the featured ones of a very big app."""
        if self.featured is None:
            return list(self.actions.values())
        keys = [f"{prefix}{self.slug}-{name}" for name in self.featured for prefix in ("", "~/")]
        return [self.actions[key] for key in keys if key in self.actions]

    def action_text(self) -> tuple[str, str]:
        """What search reads of the app's actions: their titles, and their descriptions."""
        actions = list(self.actions.values())
        return " ".join(a.name for a in actions), " ".join(a.description for a in actions)

    # Shared prop definitions

    def define(self, name: str, prop: Prop) -> Prop:
        """Register a prop definition actions of this app can share."""
        self.prop_definitions[name] = prop
        return prop

    def definition(self, name: str, **changes: Any) -> Prop:
        """A shared prop definition, optionally with some attributes changed."""
        try:
            prop = self.prop_definitions[name]
        except KeyError:
            raise CatalogError(f"{self.slug} has no prop definition {name!r}") from None
        return prop.but(**changes) if changes else prop

    def app_prop(self) -> Prop:
        return Prop("app", app=self.slug)

    # Actions

    def action(
        self,
        name: str,
        *,
        title: str,
        description: str,
        version: str = "0.1.0",
        props: Mapping[str, Prop] | None = None,
        read_only: bool = False,
        destructive: bool = False,
        idempotent: bool | None = None,
        open_world: bool = True,
        additional_props: AdditionalProps | None = None,
        stash: StashMode | None = None,
        trim: Trim | None = None,
        tool_name: str | None = None,
        input_schema: Mapping[str, Any] | None = None,
        task_support: TaskSupport = "forbidden",
        task_from: TaskFrom = "start",
    ) -> Callable[[RunFunction], Action]:
        """Declare an action whose key is `{app slug}-{name}`; decorates its `run`.

        With `trim`, the run returns the API's payload and callers get `trim(payload)`; the
        action gains the `fullResponse` prop, with which they get the payload whole.
        `tool_name` gives the MCP tool its own name instead of one made from the key.
        `input_schema` is the tool's JSON Schema (2020-12) as written, instead of `props`.
        `task_support` lets a long run become an MCP task the client polls ("optional": when the
        client supports tasks; "required": only so).
        """
        if not _ACTION_NAME.match(name):
            raise CatalogError(f"action name {name!r} must be kebab case (lowercase letters, digits, dashes)")
        if not description.strip():
            raise CatalogError(f"{self.slug}-{name}: an action needs a description")
        if tool_name is not None and not _TOOL_NAME.match(tool_name):
            raise CatalogError(f"{self.slug}-{name}: tool_name {tool_name!r} must be 1 to 64 letters, digits, _ . or -")
        if input_schema is not None:
            if props:
                raise CatalogError(f"{self.slug}-{name}: give props or input_schema, not both")
            if input_schema.get("type") != "object":
                raise CatalogError(f"{self.slug}-{name}: input_schema must be a JSON Schema of type object")
            SchemaValidator.check(input_schema, f"{self.slug}-{name}")
            if "x-mcp-header" in json.dumps(input_schema):
                raise CatalogError(f"{self.slug}-{name}: x-mcp-header is not supported here: the gateway does not "
                                   "check Mcp-Param-* headers against arguments, so clients must not be told to send them")

        def register(run: RunFunction) -> Action:
            all_props: dict[str, Prop] = {}
            if self.auth_type != "none":
                all_props[self.prop_name] = self.app_prop()
            for prop_name, prop in (props or {}).items():
                if prop_name in all_props:
                    raise CatalogError(f"{self.slug}-{name}: prop {prop_name!r} clashes with the app prop")
                all_props[prop_name] = prop
            if trim is not None:
                if FULL_RESPONSE in all_props:
                    raise CatalogError(f"{self.slug}-{name}: {FULL_RESPONSE} comes with `trim`; do not declare it")
                all_props[FULL_RESPONSE] = full_response()
            action = Action(
                key=f"{self.slug}-{name}",
                name=title,
                description=description,
                version=version,
                props=all_props,
                run=run,
                app=self,
                annotations=Annotations(
                    read_only=read_only,
                    destructive=destructive,
                    idempotent=read_only if idempotent is None else idempotent,
                    open_world=open_world,
                ),
                additional_props=additional_props,
                stash=stash,
                trim=trim,
                mcp_name=tool_name,
                input_schema=dict(input_schema) if input_schema is not None else None,
                task_support=task_support,
                task_from=task_from,
            )
            if any(p.reload_props for p in all_props.values()) and additional_props is None:
                raise CatalogError(f"{action.key}: props with reload_props need additional_props on the action")
            if action.key in self.actions:
                raise CatalogError(f"action {action.key} is declared twice")
            self.actions[action.key] = action
            return action

        return register

    # Resources

    def resource(
        self, uri: str, *, name: str, title: str | None = None, description: str | None = None,
        mime_type: str | None = None,
    ) -> Callable[[ReadResource], Resource]:
        """Declare an MCP resource at a fixed URI; decorates `async def read(ctx) -> str | bytes`.
        `mime_type` is what the content is (by default text/plain for text, else
        application/octet-stream)."""
        where = f"{self.slug} resource {uri!r}"
        _check_resource_uri(where, uri)
        if not name.strip():
            raise CatalogError(f"{where}: a resource needs a name")

        def register(read: ReadResource) -> Resource:
            _check_reader(where, read, ())
            if uri in self.resources:
                raise CatalogError(f"{where} is declared twice")
            declared = Resource(uri, name, read, self, title, description, mime_type)
            self.resources[uri] = declared
            return declared

        return register

    def resource_template(
        self, uri_template: str, *, name: str, title: str | None = None, description: str | None = None,
        mime_type: str | None = None,
    ) -> Callable[[ReadResource], ResourceTemplate]:
        """Declare MCP resources at the URIs of an RFC 6570 template (`notes://{id}`, `{+path}`
        for several segments); decorates `async def read(ctx, **variables) -> str | bytes`."""
        where = f"{self.slug} resource template {uri_template!r}"
        _check_resource_uri(where, uri_template)
        if not name.strip():
            raise CatalogError(f"{where}: a resource template needs a name")
        pattern, variables = _template_pattern(where, uri_template)

        def register(read: ReadResource) -> ResourceTemplate:
            _check_reader(where, read, variables)
            if uri_template in self.resource_templates:
                raise CatalogError(f"{where} is declared twice")
            declared = ResourceTemplate(uri_template, name, read, self, pattern, title, description, mime_type)
            self.resource_templates[uri_template] = declared
            return declared

        return register

    def to_json(self) -> dict[str, Any]:
        """The app as the hosted API describes apps (`name_slug`, `auth_type`...)."""
        fields = list(self.auth.fields) if isinstance(self.auth, Keys) else []
        fields += self.custom_fields
        return {
            "id": f"app_{self.slug}",
            "name_slug": self.slug,
            "name": self.name,
            "auth_type": self.auth_type,
            "description": self.description,
            "img_src": self.img_src or "",
            "custom_fields_json": json.dumps(
                [{"name": f.name, "label": f.label, "description": f.description, "optional": f.optional} for f in fields]
            ),
            "categories": list(self.categories),
            "featured_weight": self.featured_weight,
            # The scopes a connection asks for; this gateway has one profile per app.
            "scope_profiles": [{"name": "read_write", "scopes": list(self.auth.scopes)}] if isinstance(self.auth, OAuth) else [],
            **({"source": dict(self.source)} if self.source else {}),
        }

    # Credentials applied to requests

    def headers_for(self, auth: Mapping[str, Any]) -> dict[str, str]:
        if self._auth_headers is not None:
            return dict(self._auth_headers(auth))
        if self.auth_type == "oauth" and auth.get("oauth_access_token"):
            return {"Authorization": f"Bearer {auth['oauth_access_token']}"}
        return {}

    def base_url_for(self, auth: Mapping[str, Any]) -> str | None:
        return render_template(self.base_url, auth) if self.base_url else None

    def allowed_domains_for(self, auth: Mapping[str, Any]) -> list[str]:
        # A host typed in with its port ("api.internal:8443") is a domain without it.
        return [re.sub(r":\d+$", "", render_template(d, auth)) for d in self.allowed_domains]


def render_template(template: str, values: Mapping[str, Any]) -> str:
    """Fill `{{custom_fields.x}}` placeholders from an account's fields."""

    def fill(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        if value in (None, ""):
            raise KeyError(f"the account has no value for custom field {match.group(1)!r}")
        return str(value)

    return _TEMPLATE.sub(fill, template)


def _camel(slug: str) -> str:
    head, *rest = slug.split("_")
    return head + "".join(part.capitalize() for part in rest)
