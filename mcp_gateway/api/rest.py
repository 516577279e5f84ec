"""The REST API's plumbing: declared endpoints, developer auth, rate limits, input checked
against pydantic models, one error shape, and the registry the OpenAPI document is built from.

Every endpoint is declared with `Api.route`; a handler gets a `Call` and returns a dict,
a pydantic model, a `Response`, or None (204).
"""

from __future__ import annotations

import logging
import typing
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mcp_gateway.config import ENVIRONMENTS
from mcp_gateway.authz import Authenticator
from mcp_gateway.connect.developer_auth import AuthError, Principal
from mcp_gateway.http_json import JsonBodyError, dump_json, read_json
from mcp_gateway.store.lengths import TooLong
from mcp_gateway.store.shared import SharedUnavailable

logger = logging.getLogger(__name__)

AuthKind = Literal["project", "developer", "public"]


class ApiError(Exception):
    """An answer other than success; the message says what to fix."""

    def __init__(self, status: int, message: str, *, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})


class JsonResponse(JSONResponse):
    """Starlette's, but encoding strings no UTF-8 encoder takes (lone surrogates) as JSON escapes."""

    def render(self, content: Any) -> bytes:
        return dump_json(content, allow_nan=False)


def error_response(status: int, message: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    """The one error shape of the API: `{"error": "<what is wrong and what to do>"}`."""
    return JsonResponse({"error": message}, status_code=status, headers=dict(headers or {}))


class ErrorBody(BaseModel):
    error: str


class RateLimiter(Protocol):
    async def check(self, bucket: str, key: str, custom_token: str | None) -> float | None:
        """None to let the request through, else the seconds until it may be retried."""


@dataclass
class Call:
    """One request to an endpoint, after auth and input checks."""

    request: Request
    path: dict[str, str]
    query: Any = None  # the endpoint's query model, if it declared one
    body: Any = None  # the endpoint's body model, if it declared one
    principal: Principal | None = None
    project_id: str | None = None
    environment: str | None = None


Handler = Callable[[Call], Awaitable[Any]]


@dataclass
class Endpoint:
    method: str
    path: str
    handler: Handler
    summary: str
    tag: str
    auth: AuthKind = "project"
    query: type[BaseModel] | None = None
    body: type[BaseModel] | None = None
    response: type[BaseModel] | None = None  # None: 204 No Content
    limit: str | None = None  # rate-limit bucket
    raw_body: bool = False  # the handler reads the body itself (the proxy)
    # Reads a multipart/form-data body into the body model's fields (JSON is always accepted).
    form: Callable[[Call], Awaitable[dict[str, Any]]] | None = None
    extra_responses: dict[int, str] = field(default_factory=dict)


class Api:
    def __init__(self, auth: Authenticator, limiter: RateLimiter | None = None,
                 base_url: Callable[[Request], str] | None = None) -> None:
        self._auth = auth
        # This gateway's URL as a request reached it: end users' tokens must have been issued for it.
        self._base_url = base_url or (lambda request: f"{request.url.scheme}://{request.url.netloc}")
        self.limiter = limiter
        self.endpoints: list[Endpoint] = []

    def route(self, method: str, path: str, **options: Any) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            self.endpoints.append(Endpoint(method=method, path=path, handler=handler, **options))
            return handler

        return register

    def routes(self) -> list[Route]:
        by_path: dict[str, dict[str, Endpoint]] = {}
        for endpoint in self.endpoints:
            by_path.setdefault(endpoint.path, {})[endpoint.method] = endpoint
        return [Route(path, self._dispatcher(methods), methods=list(methods)) for path, methods in by_path.items()]

    def _dispatcher(self, methods: dict[str, Endpoint]) -> Callable[[Request], Awaitable[Response]]:
        async def dispatch(request: Request) -> Response:
            endpoint = methods[request.method] if request.method in methods else methods.get("GET")
            assert endpoint is not None
            try:
                return await self._serve(endpoint, request)
            except ApiError as exc:
                return error_response(exc.status, exc.message, exc.headers)
            except AuthError as exc:
                return error_response(exc.status, str(exc))
            except TooLong as exc:  # a value longer than the database keeps
                return error_response(400, str(exc))

        return dispatch

    async def _serve(self, endpoint: Endpoint, request: Request) -> Response:
        # No database takes NUL in text; refuse it here rather than fail deep inside.
        if "\x00" in request.url.path or "%00" in request.url.query or "\x00" in request.url.query:
            raise ApiError(400, "the URL contains a NUL character")
        call = Call(request=request, path=dict(request.path_params))
        if endpoint.auth != "public":
            project_id = call.path.get("project_id")
            call.principal = await self._auth.principal(request.headers.get("authorization"), project_id=project_id,
                                                        issuer=self._base_url(request))
            call.project_id = project_id or call.principal.project_id
        if endpoint.auth == "project":
            call.environment = environment_of(request)
            if call.principal is not None and call.principal.environment not in (None, call.environment):
                raise ApiError(403, f"this API key is for the {call.principal.environment} environment, not "
                                    f"{call.environment} (x-pd-environment)")
        if endpoint.limit and self.limiter is not None and call.project_id is not None:
            try:
                wait = await self.limiter.check(endpoint.limit, call.project_id, request.headers.get("x-pd-rate-limit"))
            except SharedUnavailable as exc:
                logger.error("rate limits cannot be counted: %s", exc)
                raise ApiError(503, "the gateway cannot reach its shared state (Redis) to count rate limits; retry shortly",
                               headers={"Retry-After": "5"}) from None
            if wait is not None:
                seconds = max(1, int(wait + 0.999))
                raise ApiError(429, f"rate limit exceeded; retry after {seconds} s", headers={"Retry-After": str(seconds)})
        if endpoint.query is not None:
            call.query = parse_model(endpoint.query, query_values(request, endpoint.query), where="query parameter")
        if endpoint.body is not None and not endpoint.raw_body:
            if endpoint.form is not None and content_kind(request) == "multipart/form-data":
                data = await endpoint.form(call)
            else:
                data = await json_body(request)
            call.body = parse_model(endpoint.body, data, where="body field")
        if call.principal is not None and call.principal.external_user_id is not None:
            _check_bound_user(call)
        result = await endpoint.handler(call)
        if isinstance(result, Response):
            return result
        if result is None:
            return Response(status_code=204)
        if isinstance(result, BaseModel):
            result = result.model_dump(mode="json", exclude_none=False)
        return JsonResponse(result)


def _check_bound_user(call: Call) -> None:
    """A key bound to one external user may call only what names that user (in the path, the
    query or the body): other users' data, and project-wide listings, stay out of its reach."""
    assert call.principal is not None and call.principal.external_user_id is not None
    bound = call.principal.external_user_id
    named = [value for value in (call.path.get("external_user_id"), _field(call.query, "external_user_id"),
                                 _field(call.body, "external_user_id")) if value is not None]
    if not named:
        raise ApiError(403, f"this API key is bound to external user {bound!r}: it may call only endpoints that "
                            f"name that user (external_user_id={bound})")
    other = next((value for value in named if value != bound), None)
    if other is not None:
        raise ApiError(403, f"this API key is bound to external user {bound!r} and cannot act for {other!r}")
    apps = call.principal.apps
    app = _field(call.query, "app") or _field(call.body, "app")
    component = _field(call.body, "id")
    if apps is not None and component and not app:
        app = component.removeprefix("~/").removeprefix("custom.").split("-", 1)[0]
    if apps is not None and app and app.removeprefix("app_") not in apps:
        raise ApiError(403, f"this API key is limited to the apps {', '.join(apps)}; {app} is not among them")


def _field(model: Any, name: str) -> str | None:
    value = getattr(model, name, None)
    return value if isinstance(value, str) else None


def environment_of(request: Request) -> str:
    environment = request.headers.get("x-pd-environment")
    if environment is None:
        raise ApiError(400, f"the x-pd-environment header is required: {' or '.join(ENVIRONMENTS)}")
    if environment not in ENVIRONMENTS:
        raise ApiError(400, f"x-pd-environment must be one of {', '.join(ENVIRONMENTS)}, not {environment!r}")
    return environment


def content_kind(request: Request) -> str:
    """The request body's media type, without parameters, in lower case."""
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


async def json_body(request: Request) -> dict[str, Any]:
    if content_kind(request) == "multipart/form-data":  # refused before the upload-sized body is read
        raise ApiError(415, "this endpoint takes a JSON body (Content-Type: application/json), not multipart/form-data")
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        data = read_json(raw)
    except JsonBodyError as exc:
        raise ApiError(400, str(exc)) from None
    if not isinstance(data, dict):
        raise ApiError(400, "the body must be a JSON object")
    return data


def query_values(request: Request, model: type[BaseModel]) -> dict[str, Any]:
    """Query parameters for `model`: repeated or comma-separated values for list fields."""
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        key = info.alias or name
        if key not in request.query_params:
            continue
        if _is_list(info.annotation):
            raw = request.query_params.getlist(key)
            values[key] = [part for item in raw for part in item.split(",") if part]
        else:
            values[key] = request.query_params[key]
    return values


def _is_list(annotation: Any) -> bool:
    if typing.get_origin(annotation) is list:
        return True
    return any(_is_list(arg) for arg in typing.get_args(annotation) if arg is not type(None))


def parse_model(model: type[BaseModel], data: Mapping[str, Any], *, where: str) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ApiError(400, describe_validation(exc, where)) from None


def describe_validation(exc: ValidationError, where: str) -> str:
    problems = []
    for error in exc.errors(include_url=False):
        location = ".".join(str(part) for part in error["loc"]) or "(the whole input)"
        message = error["msg"]
        if error["type"] == "missing":
            message = "is required"
        elif error["type"] == "extra_forbidden":
            message = "is not a known field"
        problems.append(f"{where} {location}: {message}")
    return "; ".join(problems)
