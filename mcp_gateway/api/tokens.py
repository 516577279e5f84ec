"""Connect tokens: `POST /v1/connect/{project_id}/tokens` and `GET /v1/connect/tokens/{token}/validate`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from mcp_gateway.connect.tokens import ConnectTokenError, origins_allow

from .rest import Api, ApiError, Call

if TYPE_CHECKING:
    from mcp_gateway.gateway import Gateway


class CreateTokenBody(BaseModel):
    model_config = ConfigDict(extra="ignore")

    external_user_id: Any = None  # checked by ConnectTokens, which names what is wrong
    expires_in: Any = None
    success_redirect_uri: Any = None
    error_redirect_uri: Any = None
    webhook_uri: Any = None
    allowed_origins: Any = None
    scope: Any = None
    allow_progressive_scopes: bool | None = None
    app_id: str | None = None
    oauth_app_id: str | None = None


class CreateTokenResponse(BaseModel):
    token: str
    expires_at: str
    connect_link_url: str


class ValidateQuery(BaseModel):
    app_id: str | None = None
    oauth_app_id: str | None = None
    account_id: str | None = None
    app_override_id: str | None = None


class ValidateTokenResponse(BaseModel):
    success: bool
    error: str | None = None
    app: dict[str, Any] | None = None
    project_id: str | None = None
    project_environment: str | None = None
    project_app_name: str | None = None
    project_support_email: str | None = None
    oauth_app_id: str | None = None
    success_redirect_uri: str | None = None
    error_redirect_uri: str | None = None


def register(api: Api, gateway: Gateway, base_url: Callable[[Request], str]) -> None:
    @api.route("POST", "/v1/connect/{project_id}/tokens", summary="Create a Connect token for an end user",
               tag="tokens", body=CreateTokenBody, response=CreateTokenResponse, limit="token")
    async def create_token(call: Call) -> CreateTokenResponse:
        body: CreateTokenBody = call.body
        app_slug = None
        if body.app_id is not None:
            app_slug = body.app_id.removeprefix("app_")
            if app_slug not in gateway.catalog.apps:
                raise ApiError(404, f"app_id {body.app_id!r} is not an app of this gateway")
        assert call.project_id is not None and call.environment is not None
        try:
            issued = await gateway.tokens.create(
                call.project_id,
                call.environment,
                body.external_user_id,
                base_url=base_url(call.request),
                expires_in=body.expires_in,
                success_redirect_uri=body.success_redirect_uri,
                error_redirect_uri=body.error_redirect_uri,
                webhook_uri=body.webhook_uri,
                allowed_origins=body.allowed_origins,
                app_slug=app_slug,
                oauth_app_id=body.oauth_app_id,
                scope=body.scope,
            )
        except ConnectTokenError as exc:
            raise ApiError(exc.status, str(exc)) from None
        return CreateTokenResponse(
            token=issued.token,
            expires_at=issued.expires_at.isoformat().replace("+00:00", "Z"),
            connect_link_url=issued.connect_link_url,
        )

    @api.route("GET", "/v1/connect/tokens/{token}/validate", summary="Check a Connect token before starting a connection",
               tag="tokens", auth="public", query=ValidateQuery, response=ValidateTokenResponse)
    async def validate_token(call: Call) -> Response:
        query: ValidateQuery = call.query
        app = query.app_id.removeprefix("app_") if query.app_id else None
        try:
            session, found = await gateway.flow.open(call.path["token"], app)
        except ConnectTokenError as exc:
            return JSONResponse(ValidateTokenResponse(success=False, error=str(exc)).model_dump(exclude_none=True))
        origin = call.request.headers.get("origin")
        headers = {"Access-Control-Allow-Origin": origin or "", "Vary": "Origin"} if origins_allow(session, origin) else {}
        branding = await gateway.flow.branding(session.project_id)
        answer = ValidateTokenResponse(
            success=True,
            app=found.to_json() if found else None,
            project_id=session.project_id,
            project_environment=session.environment,
            project_app_name=branding.app_name,
            project_support_email=branding.support_email,
            oauth_app_id=query.oauth_app_id or session.oauth_app_id,
            success_redirect_uri=session.success_redirect_uri,
            error_redirect_uri=session.error_redirect_uri,
        )
        return JSONResponse(answer.model_dump(mode="json"), headers=headers)
