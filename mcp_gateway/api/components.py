"""Components: list, retrieve, configure a prop, reload props, run.

Every component of this gateway is an action, so `/actions/...` and `/components/...` are the
same endpoints under both of the hosted API's names (`run` is under `/actions` only).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request

from mcp_gateway.catalog import Action, Prop, configurable_prop
from mcp_gateway.connect.accounts import AccountError, check_external_user_id
from mcp_gateway.connect.oauth_apps import OAuthClientMissing
from mcp_gateway.connect.tokens import ConnectTokenError
from mcp_gateway.files import FileError
from mcp_gateway.files import serving as files_base_url
from mcp_gateway.http_json import JsonBodyError, read_json
from mcp_gateway.runtime.errors import AccountRequired, ConfigurationError
from mcp_gateway.runtime.errors import DynamicPropsNotFound
from mcp_gateway.runtime.service import Caller

from .catalog import PageInfo, PageQuery, find_app, paginate
from .files import FILE_ERROR_RESPONSES, file_api_error, ingest_uploads, multipart_form
from .rest import Api, ApiError, Call, parse_model

if TYPE_CHECKING:
    from mcp_gateway.gateway import Gateway

_BASE = "/v1/connect/{project_id}"

# Prop types the hosted API (and so the SDK) has no name for are described as `any`;
# the run still checks values against the real type.
_REST_TYPES = {"object[]": "any", "boolean[]": "any"}

RestPropType = Literal["app", "boolean", "integer", "string", "object", "any", "sql", "alert", "integer[]", "string[]"]


# What a component looks like


class PropOptionJson(BaseModel):
    label: str
    value: Any


class SqlAuthJson(BaseModel):
    app: str | None = None


class ConfigurablePropJson(BaseModel):
    """One prop in the component API's camelCase shape; keys that do not apply are left out."""

    name: str = Field(description="The key to give this prop's value under in configured_props.")
    type: RestPropType
    label: str | None = None
    description: str | None = None
    optional: bool | None = None
    default: Any = None
    hidden: bool | None = None
    disabled: bool | None = None
    secret: bool | None = None
    useQuery: bool | None = None
    reloadProps: bool | None = None
    remoteOptions: bool | None = None
    min: int | None = None
    max: int | None = None
    options: list[PropOptionJson] | None = None
    app: str | None = None
    auth: SqlAuthJson | None = None
    alertType: Literal["info", "neutral", "warning", "error"] | None = None
    content: str | None = None


class AnnotationsJson(BaseModel):
    title: str
    readOnlyHint: bool
    destructiveHint: bool
    idempotentHint: bool
    openWorldHint: bool


class ComponentJson(BaseModel):
    key: str = Field(description="The component's id; custom tools' keys start with `~/`.")
    name: str
    version: str
    description: str
    component_type: Literal["action"]
    configurable_props: list[ConfigurablePropJson]
    stash: Literal["optional", "required"] | None
    annotations: AnnotationsJson


class ComponentsPage(BaseModel):
    data: list[ComponentJson]
    page_info: PageInfo


class ComponentResponse(BaseModel):
    data: ComponentJson


def rest_prop(name: str, prop: Prop) -> dict[str, Any]:
    shaped = configurable_prop(name, prop)
    shaped["type"] = _REST_TYPES.get(shaped["type"], shaped["type"])
    return shaped


def component_json(action: Action) -> dict[str, Any]:
    return {
        "key": action.key,
        "name": action.name,
        "version": action.version,
        "description": action.description,
        "component_type": "action",
        "configurable_props": [rest_prop(name, prop) for name, prop in action.props.items()],
        "stash": action.stash,
        "annotations": action.annotations.to_mcp(action.name),
    }


# Requests


class ActionsQuery(PageQuery):
    q: str | None = Field(None, description="Free text; every word must appear in the key, name, app or description.")
    app: str | None = Field(None, description="Only this app's components: its name slug or `app_` id.")
    registry: Literal["public", "private", "all"] = Field(
        "all", description="`public`: built-in tools; `private`: custom tools (`~/` keys); `all`: both."
    )


class ComponentsQuery(ActionsQuery):
    component_type: Literal["action", "trigger"] | None = Field(None, description="This gateway has actions only.")


class VersionQuery(BaseModel):
    version: str | None = Field(None, description="Each component has one version here; another one is not found.")


class ComponentCall(BaseModel):
    """What every configure, reload and run names: the component, the end user, the values so far."""

    model_config = ConfigDict(extra="ignore")  # e.g. the hosted API's `async_handle`

    id: str = Field(description="The component's key.")
    # No NUL: no database stores it in text.
    external_user_id: str = Field(pattern=r"^[^\x00]*$")
    version: str | None = None
    configured_props: dict[str, Any] | None = Field(
        None,
        description="Values by prop name. An app prop takes `{\"authProvisionId\": \"apn_...\"}`; any value may be "
        "wrapped as `{\"__lv\": {\"label\": ..., \"value\": ...}}`.",
    )
    dynamic_props_id: str | None = Field(
        None, pattern=r"^dyp_[A-Za-z0-9]+$", description="The `dyp_` id a props reload answered with."
    )


class ConfigureBody(ComponentCall):
    prop_name: str
    blocking: bool | None = None
    page: int | None = Field(None, ge=0)
    prev_context: dict[str, Any] | None = None
    query: str | None = None


class ReloadBody(ComponentCall):
    blocking: bool | None = None


class RunBody(ComponentCall):
    stash_id: str | bool | None = Field(
        None,
        description="Sync the run's /tmp with a File Stash, for components whose `stash` is set: `\"\"`, "
        "`\"NEW\"` or `true` make a new stash; an earlier answer's stash_id (valid 24 hours, same user) puts "
        "its files in /tmp first. New and changed files come back in exports.$filestash_uploads.",
    )


# Answers


class ObservationErrorJson(BaseModel):
    name: str | None = None
    message: str | None = None
    stack: str | None = None


class ObservationJson(BaseModel):
    ts: float
    k: str
    msg: str | None = None
    err: ObservationErrorJson | None = None


class ConfigurePropResponse(BaseModel):
    options: list[PropOptionJson] | None
    stringOptions: list[str] | None = Field(description="The values, when every option's label is its value.")
    context: dict[str, Any] | None = Field(description="Pass back as prev_context to get the next page.")
    errors: list[str]
    observations: list[ObservationJson]


class DynamicPropsJson(BaseModel):
    id: str
    configurableProps: list[ConfigurablePropJson]


class ReloadPropsResponse(BaseModel):
    observations: list[ObservationJson]
    errors: list[str]
    dynamicProps: DynamicPropsJson


class RunActionResponse(BaseModel):
    exports: dict[str, Any]
    os: list[ObservationJson]
    ret: Any = None
    stash_id: str | None = None
    run_id: str | None = Field(
        None, description="Set when the run sent events with `$.send`: GET /v1/connect/{project_id}/runs/{run_id}/deliveries "
        "shows how far they have got.",
    )


def register(api: Api, gateway: Gateway, base_url: Callable[[Request], str]) -> None:
    def find_action(key: str, version: str | None = None) -> Action:
        try:
            action = gateway.catalog.action(key)
        except LookupError as exc:
            raise ApiError(404, f"{exc}; list the components with GET /v1/connect/{{project_id}}/components") from None
        if version and version != action.version:
            raise ApiError(404, f"{action.key} has no version {version!r}; its version is {action.version}")
        return action

    def caller_of(call: Call, body: ComponentCall) -> Caller:
        try:
            check_external_user_id(body.external_user_id)
        except AccountError as exc:
            raise ApiError(400, f"body field external_user_id: {exc}") from None
        assert call.project_id is not None and call.environment is not None
        return Caller(call.project_id, call.environment, body.external_user_id)

    async def account_required(call: Call, caller: Caller, exc: AccountRequired) -> str:
        """Where the user connects the account, or why no link is offered (as MCP tool results say)."""
        try:
            await gateway.flow.check_connectable(caller.project_id, exc.app_slug, base_url=base_url(call.request))
        except OAuthClientMissing as missing:
            return f"{exc.situation} No Connect Link can connect it yet: {missing}."
        try:
            issued = await gateway.tokens.create(
                caller.project_id, caller.environment, caller.external_user_id,
                base_url=base_url(call.request), app_slug=exc.app_slug,
            )
        except ConnectTokenError:
            return str(exc)
        return f"{exc} Connect Link for the user (valid 4 hours): {issued.connect_link_url}"

    @contextlib.asynccontextmanager
    async def runtime_errors(call: Call, caller: Caller) -> AsyncIterator[None]:
        """The runtime's errors as answers that say what to fix."""
        try:
            yield
        except ConfigurationError as exc:
            raise ApiError(400, str(exc)) from None
        except DynamicPropsNotFound as exc:
            raise ApiError(404, str(exc)) from None
        except AccountRequired as exc:
            raise ApiError(400, await account_required(call, caller, exc)) from None
        except FileError as exc:
            raise file_api_error(exc) from None

    async def extra_props(caller: Caller, action: Action, dynamic_props_id: str | None) -> dict[str, Prop] | None:
        if not dynamic_props_id:
            return None
        return await gateway.runtime.saved_dynamic_props(caller, action, dynamic_props_id)

    def listing(query: ActionsQuery) -> dict[str, Any]:
        # Without an app, the apps written as code and custom tools; a pack app lists its own.
        actions = gateway.catalog.own_actions()
        if query.app:
            actions = list(find_app(gateway, query.app).actions.values())
        if query.registry != "all":
            actions = [a for a in actions if a.custom == (query.registry == "private")]
        if isinstance(query, ComponentsQuery) and query.component_type == "trigger":
            actions = []
        page, info = paginate(gateway.catalog.search_actions(query.q, actions), lambda a: a.key, query)
        return {"data": [component_json(a) for a in page], "page_info": info.model_dump()}

    def retrieving(call: Call) -> dict[str, Any]:
        return {"data": component_json(find_action(call.path["component_id"], call.query.version))}

    async def configuring(body: ConfigureBody, call: Call) -> dict[str, Any]:
        action = find_action(body.id, body.version)
        caller = caller_of(call, body)
        async with runtime_errors(call, caller):
            return await gateway.runtime.options(
                caller,
                action,
                body.prop_name,
                body.configured_props or {},
                page=body.page or 0,
                prev_context=body.prev_context,
                query=body.query,
                extra_props=await extra_props(caller, action, body.dynamic_props_id),
            )

    async def reloading(body: ReloadBody, call: Call) -> dict[str, Any]:
        action = find_action(body.id, body.version)
        caller = caller_of(call, body)
        async with runtime_errors(call, caller):
            saved_id, props = await gateway.runtime.save_dynamic_props(caller, action, body.configured_props or {})
        configurable = [rest_prop(name, prop) for name, prop in props.items()]
        return {"observations": [], "errors": [], "dynamicProps": {"id": saved_id, "configurableProps": configurable}}

    # The same endpoints under both names, each with its own operation (the SDK's method names).
    read: dict[str, Any] = {"limit": "components_read", "extra_responses": {404: "No such app, component or version"}}
    write: dict[str, Any] = {"limit": "components_write",
                             "extra_responses": {404: "No such component, version or dynamic_props_id"}}

    @api.route("GET", f"{_BASE}/actions", summary="List actions", tag="actions", query=ActionsQuery,
               response=ComponentsPage, **read)
    async def list_actions(call: Call) -> dict[str, Any]:
        return listing(call.query)

    @api.route("GET", f"{_BASE}/components", summary="List components", tag="components", query=ComponentsQuery,
               response=ComponentsPage, **read)
    async def list_components(call: Call) -> dict[str, Any]:
        return listing(call.query)

    @api.route("POST", f"{_BASE}/actions/configure", summary="Fetch the options of an action's prop", tag="actions",
               body=ConfigureBody, response=ConfigurePropResponse, **write)
    async def configure_action_prop(call: Call) -> dict[str, Any]:
        return await configuring(call.body, call)

    @api.route("POST", f"{_BASE}/components/configure", summary="Fetch the options of a component's prop",
               tag="components", body=ConfigureBody, response=ConfigurePropResponse, **write)
    async def configure_component_prop(call: Call) -> dict[str, Any]:
        return await configuring(call.body, call)

    @api.route("POST", f"{_BASE}/actions/props", summary="Reload an action's props after a reloadProps prop is set",
               tag="actions", body=ReloadBody, response=ReloadPropsResponse, **write)
    async def reload_action_props(call: Call) -> dict[str, Any]:
        return await reloading(call.body, call)

    @api.route("POST", f"{_BASE}/components/props",
               summary="Reload a component's props after a reloadProps prop is set", tag="components", body=ReloadBody, response=ReloadPropsResponse, **write)
    async def reload_component_props(call: Call) -> dict[str, Any]:
        return await reloading(call.body, call)

    async def run_form(call: Call) -> dict[str, Any]:
        """A file part fills the prop it is named after (one that takes a /tmp path, or a list of
        them): the file is stored as by POST /files and the prop gets its file_id."""
        files = gateway.runtime.files
        if files is None:
            raise ApiError(503, "this gateway has no file store configured; send the run as JSON")
        assert call.project_id is not None and call.environment is not None
        async with multipart_form(call.request, files.max_upload) as form:
            body = _run_form_fields(form.fields)
            parsed: RunBody = parse_model(RunBody, body, where="form field")
            action = find_action(parsed.id, parsed.version)
            props = dict(parsed.configured_props or {})
            for name in form.uploads:
                _check_file_part(action, name, props)
            # A run refused for its account must leave no uploads behind, usable by file_id.
            caller = caller_of(call, parsed)
            async with runtime_errors(call, caller):
                await gateway.runtime.check_account(caller, action, props, via="api")
            try:
                refs = await ingest_uploads(files, call.project_id, call.environment, form)
            except FileError as exc:
                raise file_api_error(exc) from None
        for name, parts in refs.items():
            prop = action.props.get(name)
            props[name] = parts if len(parts) > 1 or (prop is not None and prop.type == "string[]") else parts[0]
        return {**body, "configured_props": props}

    @api.route("POST", f"{_BASE}/actions/run", summary="Run an action for an end user", tag="actions", body=RunBody,
               response=RunActionResponse, limit="components_write", form=run_form,
               extra_responses={**write["extra_responses"], **FILE_ERROR_RESPONSES})
    async def run_action(call: Call) -> dict[str, Any]:
        body: RunBody = call.body
        action = find_action(body.id, body.version)
        caller = caller_of(call, body)
        async with runtime_errors(call, caller):
            with files_base_url(base_url(call.request)):  # where File Stash download links point
                result = await gateway.runtime.run(
                    caller, action, body.configured_props or {}, via="api",
                    extra_props=await extra_props(caller, action, body.dynamic_props_id),
                    stash_id=body.stash_id,
                )
        return result.to_json()

    # Declared after the fixed paths above so those match first; `path` because custom tools' keys hold a slash.
    @api.route("GET", f"{_BASE}/actions/{{component_id:path}}", summary="Retrieve an action by key", tag="actions",
               query=VersionQuery, response=ComponentResponse, **read)
    async def retrieve_action(call: Call) -> dict[str, Any]:
        return retrieving(call)

    @api.route("GET", f"{_BASE}/components/{{component_id:path}}", summary="Retrieve a component by key",
               tag="components", query=VersionQuery, response=ComponentResponse, **read)
    async def retrieve_component(call: Call) -> dict[str, Any]:
        return retrieving(call)


def _run_form_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """A multipart run's text fields as the JSON body's: `configured_props` is JSON text."""
    body: dict[str, Any] = {}
    for name, value in fields.items():
        if isinstance(value, list):
            raise ApiError(400, f"form field {name} is given {len(value)} times; give it once")
        if name == "configured_props":
            try:
                value = read_json(value.encode(), "form field configured_props")
            except JsonBodyError as exc:
                raise ApiError(400, f"{exc}; it must be a JSON object of values by prop name") from None
            if not isinstance(value, dict):
                raise ApiError(400, "form field configured_props must be a JSON object of values by prop name")
        body[name] = value
    return body


def _check_file_part(action: Action, name: str, props: dict[str, Any]) -> None:
    if name in RunBody.model_fields:
        raise ApiError(400, f"the file part {name!r} is named like a body field; name each file part after the prop it fills")
    if name in props:
        raise ApiError(400, f"prop {name} is given both in configured_props and as a file part; give it once")
    prop = action.props.get(name)
    if prop is None:
        if action.additional_props is None:
            inputs = ", ".join(n for n, p in action.props.items() if p.is_input)
            raise ApiError(400, f"the file part {name!r} names no prop of {action.key} (its props: {inputs})")
    elif prop.type not in ("string", "string[]"):
        raise ApiError(400, f"prop {name} of {action.key} takes {prop.type}, not a file: a file part fills a prop "
                            "that takes a /tmp path")
