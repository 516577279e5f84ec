"""`GET /v1/openapi.json`: an OpenAPI 3.1 document built from the declared endpoints, so it
cannot drift from what the API does."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict
from pydantic.json_schema import models_json_schema
from starlette.requests import Request
from starlette.responses import JSONResponse

from mcp_gateway import __version__

from .rest import Api, Call, Endpoint, ErrorBody

if TYPE_CHECKING:
    from mcp_gateway.gateway import Gateway

_REF = "#/components/schemas/{model}"
_ERRORS = {
    400: "The request has a bad or missing value; the message names it",
    401: "Missing, invalid or expired access token",
    403: "The access token belongs to another project",
    404: "No such resource in this project and environment",
}


def build(api: Api) -> dict[str, Any]:
    models: set[type[BaseModel]] = {ErrorBody}
    for endpoint in api.endpoints:
        models.update(m for m in (endpoint.query, endpoint.body, endpoint.response) if m is not None)
    ordered = sorted(models, key=lambda m: (m.__module__, m.__name__))
    refs, defs = models_json_schema([(m, "validation") for m in ordered], ref_template=_REF)
    schemas = dict(defs.get("$defs", {}))

    def ref(model: type[BaseModel]) -> dict[str, Any]:
        return refs[(model, "validation")]

    paths: dict[str, dict[str, Any]] = {}
    for endpoint in api.endpoints:
        paths.setdefault(_openapi_path(endpoint.path), {})[endpoint.method.lower()] = _operation(endpoint, ref, schemas)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "mcp-gateway API",
            "version": __version__,
            "description": "The Connect REST API of mcp-gateway, compatible with the official pipedream SDKs.",
        },
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "From POST /v1/oauth/token"}},
        },
    }


def _openapi_path(path: str) -> str:
    """Starlette's `{name:converter}` placeholders as OpenAPI's `{name}`."""
    return re.sub(r"{(\w+):\w+}", r"{\1}", path)


def _operation(endpoint: Endpoint, ref: Callable[[type[BaseModel]], dict[str, Any]], schemas: dict[str, Any]) -> dict[str, Any]:
    parameters: list[dict[str, Any]] = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string", "minLength": 1}}
        for name in re.findall(r"{(\w+)(?::\w+)?}", endpoint.path)
    ]
    if endpoint.auth == "project":
        parameters.append({"name": "x-pd-environment", "in": "header", "required": True,
                           "schema": {"type": "string", "enum": ["development", "production"]}})
    if endpoint.limit:
        parameters.append({"name": "x-pd-rate-limit", "in": "header", "required": False,
                           "schema": {"type": "string"}, "description": "A token from POST /v1/connect/rate_limits"})
    if endpoint.query is not None:
        query_schema = schemas.get(endpoint.query.__name__) or endpoint.query.model_json_schema(ref_template=_REF)
        required = set(query_schema.get("required", []))
        for name, schema in query_schema.get("properties", {}).items():
            parameters.append({"name": name, "in": "query", "required": name in required, "schema": schema})
    operation: dict[str, Any] = {
        "operationId": f"{endpoint.handler.__name__}",
        "summary": endpoint.summary,
        "tags": [endpoint.tag],
        "parameters": parameters,
        "responses": _responses(endpoint, ref),
    }
    if endpoint.auth != "public":
        operation["security"] = [{"bearer": []}]
    if endpoint.body is not None:
        content: dict[str, Any] = {"application/json": {"schema": ref(endpoint.body)}}
        if endpoint.form is not None:
            content["multipart/form-data"] = {"schema": _form_schema(endpoint)}
        operation["requestBody"] = {"required": False, "content": content}
    elif endpoint.raw_body:
        operation["requestBody"] = {"required": False, "content": {"*/*": {"schema": {}}}}
    return operation


def _form_schema(endpoint: Endpoint) -> dict[str, Any]:
    """The multipart form of a JSON body: each body field a text field (objects as JSON text), and
    file parts as the endpoint's reader describes."""
    assert endpoint.body is not None and endpoint.form is not None
    fields = {name: {"type": "string", "description": (info.description or name).split("\n")[0]}
              for name, info in endpoint.body.model_fields.items()}
    files = {"type": "string", "format": "binary", "description": (endpoint.form.__doc__ or "").strip()}
    return {"type": "object", "properties": fields, "additionalProperties": files}


def _responses(endpoint: Endpoint, ref: Callable[[type[BaseModel]], dict[str, Any]]) -> dict[str, Any]:
    error = {"content": {"application/json": {"schema": ref(ErrorBody)}}}
    responses: dict[str, Any] = {}
    if endpoint.response is not None:
        responses["200"] = {"description": "OK", "content": {"application/json": {"schema": ref(endpoint.response)}}}
    elif endpoint.raw_body:
        responses["default"] = {"description": "The upstream's response, as it was"}
    else:
        responses["204"] = {"description": "Done"}
    statuses = dict(_ERRORS)
    if endpoint.auth == "public":
        statuses = {400: _ERRORS[400], 404: _ERRORS[404]}
    if endpoint.limit:
        statuses[429] = "Rate limit exceeded; see Retry-After"
    statuses.update(endpoint.extra_responses)
    for status, description in statuses.items():
        if endpoint.raw_body and endpoint.response is None:
            # A pass-through answers with the upstream's own error bodies too.
            responses[str(status)] = {"description": f"{description}, or the upstream's own answer"}
        else:
            responses[str(status)] = {"description": description, **error}
    return responses


class OpenApiDocument(BaseModel):
    model_config = ConfigDict(extra="allow")

    openapi: str
    info: dict[str, Any]
    paths: dict[str, Any]


def register(api: Api, gateway: Gateway, base_url: Callable[[Request], str]) -> None:
    document: dict[str, Any] | None = None

    @api.route("GET", "/v1/openapi.json", summary="This document", tag="meta", auth="public", response=OpenApiDocument)
    async def openapi_document(call: Call) -> JSONResponse:
        nonlocal document
        if document is None:  # every module has registered by the first request
            document = build(api)
        return JSONResponse(document)
