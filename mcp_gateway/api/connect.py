"""The Connect REST endpoints: tokens for end users, token validation, deleting accounts and users."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mcp_gateway.catalog import Catalog
from mcp_gateway.config import ENVIRONMENTS
from mcp_gateway.connect.accounts import Accounts
from mcp_gateway.connect.developer_auth import AuthError, DeveloperAuth
from mcp_gateway.connect.flow import ConnectFlow
from mcp_gateway.connect.tokens import ConnectTokenError, ConnectTokens, origins_allow


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


class ConnectApi:
    def __init__(
        self,
        auth: DeveloperAuth,
        tokens: ConnectTokens,
        accounts: Accounts,
        flow: ConnectFlow,
        catalog: Catalog,
        base_url: Callable[[Request], str],
    ) -> None:
        self._auth = auth
        self._tokens = tokens
        self._accounts = accounts
        self._flow = flow
        self._catalog = catalog
        self._base_url = base_url

    def routes(self) -> list[Route]:
        return [
            Route("/v1/connect/{project_id}/tokens", self._guard(self.create_token), methods=["POST"]),
            Route("/v1/connect/tokens/{token}/validate", self.validate_token, methods=["GET", "OPTIONS"]),
            Route("/v1/connect/{project_id}/accounts/{account_id}", self._guard(self.delete_account), methods=["DELETE"]),
            Route("/v1/connect/{project_id}/users/{external_user_id}", self._guard(self.delete_user), methods=["DELETE"]),
        ]

    def _guard(self, handler: Callable[[Request, str, str], Any]) -> Callable[[Request], Any]:
        """Developer auth for the project in the path, and the environment header."""

        async def endpoint(request: Request) -> Response:
            project_id = request.path_params["project_id"]
            try:
                self._auth.verify(request.headers.get("authorization"), project_id=project_id)
                environment = request.headers.get("x-pd-environment")
                if environment is None:
                    raise ApiError(400, f"the x-pd-environment header is required: {' or '.join(ENVIRONMENTS)}")
                if environment not in ENVIRONMENTS:
                    raise ApiError(400, f"x-pd-environment must be one of {', '.join(ENVIRONMENTS)}, not {environment!r}")
                return await handler(request, project_id, environment)
            except AuthError as exc:
                return _error(exc.status, str(exc))
            except ApiError as exc:
                return _error(exc.status, str(exc))

        return endpoint

    async def create_token(self, request: Request, project_id: str, environment: str) -> Response:
        try:
            body = json.loads(await request.body() or b"{}")
        except ValueError:
            raise ApiError(400, "the body must be a JSON object") from None
        if not isinstance(body, dict):
            raise ApiError(400, "the body must be a JSON object")
        app_slug = body.get("app_id")
        if app_slug is not None:
            app_slug = str(app_slug).removeprefix("app_")
            if app_slug not in self._catalog.apps:
                raise ApiError(404, f"app_id {body['app_id']!r} is not an app of this gateway")
        try:
            issued = await self._tokens.create(
                project_id,
                environment,
                body.get("external_user_id"),
                base_url=self._base_url(request),
                expires_in=body.get("expires_in"),
                success_redirect_uri=body.get("success_redirect_uri"),
                error_redirect_uri=body.get("error_redirect_uri"),
                webhook_uri=body.get("webhook_uri"),
                allowed_origins=body.get("allowed_origins"),
                app_slug=app_slug,
                oauth_app_id=body.get("oauth_app_id"),
                scope=body.get("scope"),
            )
        except ConnectTokenError as exc:
            raise ApiError(exc.status, str(exc)) from None
        return JSONResponse(
            {
                "token": issued.token,
                "expires_at": issued.expires_at.isoformat().replace("+00:00", "Z"),
                "connect_link_url": issued.connect_link_url,
            }
        )

    async def validate_token(self, request: Request) -> Response:
        """What the Connect page (ours, or one embedded elsewhere) checks before it starts."""
        token = request.path_params["token"]
        app = request.query_params.get("app_id")
        try:
            session, found = await self._flow.open(token, app.removeprefix("app_") if app else None)
        except ConnectTokenError as exc:
            return JSONResponse({"success": False, "error": str(exc)})
        headers: dict[str, str] = {}
        origin = request.headers.get("origin")
        if origins_allow(session, origin):
            headers = {"Access-Control-Allow-Origin": origin or "", "Vary": "Origin"}
        if request.method == "OPTIONS":
            return Response(status_code=204, headers={**headers, "Access-Control-Allow-Methods": "GET"})
        branding = await self._flow.branding(session.project_id)
        return JSONResponse(
            {
                "success": True,
                "app": found.to_json() if found else None,
                "project_id": session.project_id,
                "project_environment": session.environment,
                "project_app_name": branding.app_name,
                "project_support_email": branding.support_email,
                "oauth_app_id": request.query_params.get("oauth_app_id") or session.oauth_app_id,
                "success_redirect_uri": session.success_redirect_uri,
                "error_redirect_uri": session.error_redirect_uri,
            },
            headers=headers,
        )

    async def delete_account(self, request: Request, project_id: str, environment: str) -> Response:
        account_id = request.path_params["account_id"]
        if not await self._accounts.delete(project_id, environment, account_id):
            raise ApiError(404, f"account {account_id} does not exist in this project's {environment} environment")
        return Response(status_code=204)

    async def delete_user(self, request: Request, project_id: str, environment: str) -> Response:
        external_user_id = request.path_params["external_user_id"]
        if await self._accounts.delete_user(project_id, environment, external_user_id) is None:
            raise ApiError(404, f"user {external_user_id!r} does not exist in this project's {environment} environment")
        return Response(status_code=204)
