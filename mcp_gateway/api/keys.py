"""`/v1/connect/{project_id}/keys`: project API keys, made, listed and revoked by the developer.

Only a developer's access token manages keys: a key cannot make or see others.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request

from mcp_gateway.authz import ApiKeyError, KeyInfo
from mcp_gateway.authz.keys import MAX_LIFETIME

from .rest import Api, ApiError, Call

if TYPE_CHECKING:
    from mcp_gateway.gateway import Gateway


class CreateKeyBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    environment: Literal["development", "production"] = Field(description="The environment the key acts in")
    external_user_id: str | None = Field(None, description="Bind the key to this end user: it then acts for no one else")
    apps: list[str] | None = Field(None, description="Limit the key to these app slugs")
    expires_in: Annotated[int, Field(strict=True, ge=1, le=MAX_LIFETIME)] | None = Field(
        None, description="Seconds until the key stops working; it does not expire when absent")
    name: str | None = Field(None, description="A label to tell keys apart")
    in_url: bool = Field(False, description="Also accept the key in an MCP URL, `/k/{key}/mcp`, for clients that "
                                            "hold only a URL; such a URL is a secret")


class CreatedKey(KeyInfo):
    key: str = Field(description="Send as `Authorization: Bearer <key>`; shown only now")
    mcp_url: str | None = Field(None, description="For an `in_url` key: the MCP URL that carries it; shown only now")


class KeysList(BaseModel):
    data: list[KeyInfo]


def register(api: Api, gateway: Gateway, base_url: Callable[[Request], str]) -> None:
    def developer_only(call: Call) -> str:
        assert call.principal is not None and call.project_id is not None
        if call.principal.environment is not None:
            raise ApiError(403, "API keys are managed with a developer access token from POST /v1/oauth/token, not with a key")
        return call.project_id

    @api.route("POST", "/v1/connect/{project_id}/keys", summary="Create a project API key (shown once)", tag="keys",
               auth="developer", body=CreateKeyBody, response=CreatedKey, extra_responses={400: "A bad field"})
    async def create_key(call: Call) -> CreatedKey:
        project_id = developer_only(call)
        body: CreateKeyBody = call.body
        unknown = [app for app in body.apps or () if app not in gateway.catalog.apps]
        if unknown:
            raise ApiError(400, f"unknown app {', '.join(map(repr, unknown))} in apps; see GET /v1/connect/apps")
        try:
            key, info = await gateway.keys.create(project_id, body.environment, external_user_id=body.external_user_id,
                                                  apps=body.apps, expires_in=body.expires_in, name=body.name,
                                                  in_url=body.in_url)
        except ApiKeyError as exc:
            raise ApiError(400, str(exc)) from None
        mcp_url = f"{base_url(call.request)}/k/{key}/mcp" if body.in_url else None
        return CreatedKey(key=key, mcp_url=mcp_url, **info.model_dump())

    @api.route("GET", "/v1/connect/{project_id}/keys", summary="List the project's API keys (never their secrets)",
               tag="keys", auth="developer", response=KeysList)
    async def list_keys(call: Call) -> KeysList:
        return KeysList(data=await gateway.keys.list(developer_only(call)))

    @api.route("DELETE", "/v1/connect/{project_id}/keys/{key_id}", summary="Revoke a project API key", tag="keys",
               auth="developer", response=KeyInfo, extra_responses={404: "No such key in the project"})
    async def revoke_key(call: Call) -> KeyInfo:
        return await gateway.keys.revoke(developer_only(call), call.path["key_id"])
