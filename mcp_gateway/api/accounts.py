"""Connected accounts and end users: list, retrieve, create from API keys, delete.

Credentials leave the gateway only when asked for, and only for accounts the developer
could have connected without the operator: key-based ones and those on the project's own
OAuth client. Tokens from the operator's default clients are never returned.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, RootModel
from starlette.requests import Request

from mcp_gateway.catalog import App
from mcp_gateway.connect.accounts import AccountError, AccountRecord, Page
from mcp_gateway.connect.tokens import ConnectTokenError
from mcp_gateway.http_json import JsonBodyError, read_json
from mcp_gateway.store.lengths import max_length
from mcp_gateway.store.models import Account

from .catalog import AppJson, PageInfo, PageQuery
from .rest import Api, ApiError, Call

if TYPE_CHECKING:
    from mcp_gateway.gateway import Gateway


class AccountJson(BaseModel):
    id: str
    name: str | None = None
    external_id: str | None = Field(None, description="The account's id at the provider, when known")
    healthy: bool
    dead: bool
    app: AppJson | None = Field(None, description="Null when the app is no longer in the catalog")
    created_at: datetime
    updated_at: datetime
    expires_at: datetime | None = None
    error: str | None = None
    credentials: dict[str, Any] | None = Field(
        None, description="With include_credentials, for key-based accounts and accounts on the project's own OAuth client"
    )


class AccountList(RootModel[list[AccountJson]]):
    pass


class ListAccountsResponse(BaseModel):
    data: list[AccountJson]
    page_info: PageInfo


class ExternalUserJson(BaseModel):
    id: str
    external_id: str
    created_at: datetime
    updated_at: datetime


class ListUsersResponse(BaseModel):
    data: list[ExternalUserJson]
    page_info: PageInfo


class ListAccountsQuery(PageQuery):
    external_user_id: str | None = None
    app: str | None = Field(None, description="An app's name slug or `app_` id")
    oauth_app_id: str | None = None
    include_credentials: bool = False


class RetrieveAccountQuery(BaseModel):
    include_credentials: bool = False


class UserAccountsQuery(BaseModel):
    app: str | None = Field(None, description="An app's name slug or `app_` id")
    include_credentials: bool = False


class ListUsersQuery(PageQuery):
    q: str | None = Field(None, description="Part of an external user id, any case")


class CreateAccountQuery(BaseModel):
    external_user_id: str | None = None
    oauth_app_id: str | None = None


class CreateAccountBody(BaseModel):
    model_config = ConfigDict(extra="ignore")

    app_slug: str
    cfmap_json: str = Field(description="A JSON object of the app's key fields and custom fields")
    connect_token: str
    name: str | None = Field(None, max_length=max_length(Account.name))
    account_id: str | None = None
    app_override_id: str | None = None


def register(api: Api, gateway: Gateway, base_url: Callable[[Request], str]) -> None:
    def known_app(value: str, where: str) -> App:
        app = gateway.catalog.apps.get(value.removeprefix("app_"))
        if app is None:
            raise ApiError(400, f"{where}: {value!r} is not an app of this gateway")
        return app

    def revealer(call: Call, wanted: bool) -> Callable[[AccountRecord], bool] | None:
        if not wanted:
            return None

        def may_reveal(account: AccountRecord) -> bool:
            if account.oauth_app_id is not None:
                return account.oauth_client_project_id == call.project_id
            # No OAuth client: key-based, unless an OAuth app's account came in some other way.
            app = gateway.catalog.apps.get(account.app_slug)
            return app is not None and app.auth_type != "oauth"

        return may_reveal

    def account_json(account: AccountRecord) -> AccountJson:
        app: App | None = gateway.catalog.apps.get(account.app_slug)
        credentials = account.credentials
        if credentials is not None and account.oauth_client_id is not None:
            credentials = {**credentials, "oauth_client_id": account.oauth_client_id}
        return AccountJson(
            id=account.id,
            name=account.name,
            external_id=account.external_account_id,
            healthy=account.healthy,
            dead=account.dead,
            app=AppJson.model_validate(app.to_json()) if app is not None else None,
            created_at=account.created_at,
            updated_at=account.updated_at,
            expires_at=account.expires_at,
            error=account.error,
            credentials=credentials,
        )

    def page_info(page: Page[Any]) -> PageInfo:
        return PageInfo(
            count=len(page.items), total_count=page.total_count, start_cursor=page.start_cursor, end_cursor=page.end_cursor
        )

    def where(call: Call) -> str:
        return f"this project's {call.environment} environment"

    @api.route("GET", "/v1/connect/{project_id}/accounts", summary="List connected accounts", tag="accounts",
               query=ListAccountsQuery, response=ListAccountsResponse, limit="accounts")
    async def list_accounts(call: Call) -> ListAccountsResponse:
        query: ListAccountsQuery = call.query
        assert call.project_id is not None and call.environment is not None
        try:
            page = await gateway.accounts.find(
                call.project_id,
                call.environment,
                external_id=query.external_user_id,
                app_slug=known_app(query.app, "query parameter app").slug if query.app is not None else None,
                oauth_app_id=query.oauth_app_id,
                after=query.after,
                before=query.before,
                limit=query.limit,
                reveal=revealer(call, query.include_credentials),
            )
        except AccountError as exc:  # a cursor that is not one of ours
            raise ApiError(400, f"query parameter {exc}") from None
        return ListAccountsResponse(data=[account_json(a) for a in page.items], page_info=page_info(page))

    @api.route("POST", "/v1/connect/{project_id}/accounts", summary="Connect a key-based account with a Connect token",
               tag="accounts", query=CreateAccountQuery, body=CreateAccountBody, response=AccountJson, limit="accounts")
    async def create_account(call: Call) -> AccountJson:
        query: CreateAccountQuery = call.query
        body: CreateAccountBody = call.body
        assert call.project_id is not None and call.environment is not None
        if body.account_id is not None:
            raise ApiError(400, "body field account_id: reconnecting an account is not supported; delete it and connect a new one")
        if body.app_override_id is not None:
            raise ApiError(400, "body field app_override_id: this gateway has no app overrides")
        app = known_app(body.app_slug, "body field app_slug")
        if app.auth_type == "oauth":
            raise ApiError(400, f"body field app_slug: {app.name} connects with OAuth; send the user to a Connect Link "
                                "(connect_link_url from POST /v1/connect/{project_id}/tokens) instead")
        if app.auth_type == "none":
            raise ApiError(400, f"body field app_slug: {app.name} needs no account")
        form = _key_fields(body.cfmap_json)
        try:
            session, _ = await gateway.flow.open(body.connect_token, app.slug)
            if (session.project_id, session.environment) != (call.project_id, call.environment):
                raise ApiError(400, f"body field connect_token: the token was not issued for {where(call)}")
            if query.external_user_id is not None and query.external_user_id != session.external_user_id:
                raise ApiError(400, "query parameter external_user_id: the connect token was issued for another user")
            outcome = await gateway.flow.save_keys(session, app, form)
        except ConnectTokenError as exc:
            raise ApiError(exc.status, str(exc)) from None
        except ValueError as exc:  # a missing field, or keys the app did not accept
            raise ApiError(400, f"body field cfmap_json: {exc}") from None
        assert outcome.account_id is not None
        if body.name:
            await gateway.accounts.rename(outcome.account_id, body.name)
        created = await gateway.accounts.get(call.project_id, call.environment, outcome.account_id)
        assert created is not None
        return account_json(created)

    @api.route("GET", "/v1/connect/{project_id}/accounts/{account_id}", summary="Retrieve a connected account",
               tag="accounts", query=RetrieveAccountQuery, response=AccountJson, limit="accounts")
    async def retrieve_account(call: Call) -> AccountJson:
        query: RetrieveAccountQuery = call.query
        assert call.project_id is not None and call.environment is not None
        account_id = call.path["account_id"]
        found = await gateway.accounts.get(
            call.project_id, call.environment, account_id, reveal=revealer(call, query.include_credentials)
        )
        if found is None:
            raise ApiError(404, f"account {account_id} does not exist in {where(call)}")
        return account_json(found)

    @api.route("DELETE", "/v1/connect/{project_id}/accounts/{account_id}", summary="Delete an account and its credentials",
               tag="accounts", limit="accounts")
    async def delete_account(call: Call) -> None:
        assert call.project_id is not None and call.environment is not None
        account_id = call.path["account_id"]
        if not await gateway.accounts.delete(call.project_id, call.environment, account_id):
            raise ApiError(404, f"account {account_id} does not exist in {where(call)}")

    @api.route("DELETE", "/v1/connect/{project_id}/apps/{app_id}/accounts",
               summary="Delete every account of one app, with their credentials", tag="accounts", limit="accounts")
    async def delete_accounts_by_app(call: Call) -> None:
        assert call.project_id is not None and call.environment is not None
        app_id = call.path["app_id"]
        slug = app_id.removeprefix("app_")
        # An app gone from the catalog may still have accounts to remove; only a name that
        # matches nothing at all is an error.
        removed = await gateway.accounts.delete_for_app(call.project_id, call.environment, slug)
        if not removed and slug not in gateway.catalog.apps:
            raise ApiError(404, f"app {app_id!r} is not an app of this gateway")

    @api.route("GET", "/v1/connect/{project_id}/users", summary="List end users", tag="users",
               query=ListUsersQuery, response=ListUsersResponse, limit="accounts")
    async def list_users(call: Call) -> ListUsersResponse:
        query: ListUsersQuery = call.query
        assert call.project_id is not None and call.environment is not None
        try:
            page = await gateway.accounts.find_users(
                call.project_id, call.environment, q=query.q, after=query.after, before=query.before, limit=query.limit
            )
        except AccountError as exc:
            raise ApiError(400, f"query parameter {exc}") from None
        # End users are never changed after they are created.
        users = [ExternalUserJson(id=u.id, external_id=u.external_id, created_at=u.created_at, updated_at=u.created_at)
                 for u in page.items]
        return ListUsersResponse(data=users, page_info=page_info(page))

    @api.route("GET", "/v1/connect/{project_id}/users/{external_user_id}/accounts",
               summary="List one end user's connected accounts", tag="users",
               query=UserAccountsQuery, response=AccountList, limit="accounts")
    async def list_user_accounts(call: Call) -> AccountList:
        query: UserAccountsQuery = call.query
        assert call.project_id is not None and call.environment is not None
        external_user_id = call.path["external_user_id"]
        slug = known_app(query.app, "query parameter app").slug if query.app is not None else None
        if not await gateway.accounts.user_exists(call.project_id, call.environment, external_user_id):
            raise ApiError(404, f"user {external_user_id!r} does not exist in {where(call)}")
        page = await gateway.accounts.find(
            call.project_id, call.environment, external_id=external_user_id, app_slug=slug,
            reveal=revealer(call, query.include_credentials),
        )
        return AccountList([account_json(a) for a in page.items])

    @api.route("DELETE", "/v1/connect/{project_id}/users/{external_user_id}",
               summary="Delete an end user with all their accounts", tag="users", limit="accounts")
    async def delete_user(call: Call) -> None:
        assert call.project_id is not None and call.environment is not None
        external_user_id = call.path["external_user_id"]
        if await gateway.accounts.delete_user(call.project_id, call.environment, external_user_id) is None:
            raise ApiError(404, f"user {external_user_id!r} does not exist in {where(call)}")


def _key_fields(cfmap_json: str) -> dict[str, str]:
    """The form of key fields that `cfmap_json` carries: a JSON object of scalar values."""
    try:
        fields = read_json(cfmap_json.encode(), "body field cfmap_json")
    except JsonBodyError as exc:
        raise ApiError(400, f"{exc}; it must be a JSON object, as a string") from None
    if not isinstance(fields, dict):
        raise ApiError(400, "body field cfmap_json: must be a JSON object, as a string")
    form: dict[str, str] = {}
    for name, value in fields.items():
        if isinstance(value, str):
            form[name] = value
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            form[name] = str(value)  # a port, say
        elif value is not None:
            raise ApiError(400, f"body field cfmap_json: {name} must be a string")
    return form
