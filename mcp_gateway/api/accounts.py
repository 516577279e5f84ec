"""Connected accounts and end users."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from starlette.requests import Request

from .rest import Api, ApiError, Call

if TYPE_CHECKING:
    from mcp_gateway.app import Gateway


def register(api: Api, gateway: Gateway, base_url: Callable[[Request], str]) -> None:
    @api.route("DELETE", "/v1/connect/{project_id}/accounts/{account_id}", summary="Delete an account and its credentials",
               tag="accounts", limit="accounts")
    async def delete_account(call: Call) -> None:
        assert call.project_id is not None and call.environment is not None
        account_id = call.path["account_id"]
        if not await gateway.accounts.delete(call.project_id, call.environment, account_id):
            raise ApiError(404, f"account {account_id} does not exist in this project's {call.environment} environment")

    @api.route("DELETE", "/v1/connect/{project_id}/users/{external_user_id}",
               summary="Delete an end user with all their accounts", tag="users", limit="accounts")
    async def delete_user(call: Call) -> None:
        assert call.project_id is not None and call.environment is not None
        external_user_id = call.path["external_user_id"]
        if await gateway.accounts.delete_user(call.project_id, call.environment, external_user_id) is None:
            raise ApiError(404, f"user {external_user_id!r} does not exist in this project's {call.environment} environment")
