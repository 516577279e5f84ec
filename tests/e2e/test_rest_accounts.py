"""Accounts and users endpoints through the official `pipedream` SDK, sync and async: paging,
filters, environments, deletes, and credentials returned only where the developer may see them."""

from __future__ import annotations

import json

import httpx
import pytest
from pipedream import AsyncPipedream, Pipedream
from pipedream.core.api_error import ApiError

from mcp_gateway.catalog import App, KeyField, Keys

pytestmark = pytest.mark.both_databases


@pytest.fixture
def fresh(server):
    """A project of its own, so lists hold only what the test made."""
    project = server.create_project("accounts api")
    project["token"] = server.token(project)
    return project


def sdk(server, project, environment="development") -> Pipedream:
    return Pipedream(client_id=project["client_id"], client_secret=project["client_secret"], project_id=project["project_id"],
                     project_environment=environment, base_url=server.url)


def async_sdk(server, project, environment="development") -> AsyncPipedream:
    return AsyncPipedream(client_id=project["client_id"], client_secret=project["client_secret"],
                          project_id=project["project_id"], project_environment=environment, base_url=server.url)


def add(server, project, user, app, credentials, *, environment="development", **options) -> str:
    return server.call(server.gateway.accounts.add(project["project_id"], environment, user, app, credentials, **options))


def get(server, project, path, environment="development", **params) -> httpx.Response:
    return httpx.get(f"{server.url}/v1/connect/{project['project_id']}{path}", params=params,
                     headers={"Authorization": f"Bearer {project['token']}", "x-pd-environment": environment})


def status_of(call) -> int:
    with pytest.raises(ApiError) as failed:
        call()
    return failed.value.status_code


def test_list_pages_through_accounts_oldest_first(server, fresh):
    ids = [
        add(server, fresh, "u1", "github", {"oauth_access_token": "a"}, name="octo", external_account_id="gh-1"),
        add(server, fresh, "u1", "postgresql", {"host": "db", "password": "p"}),
        add(server, fresh, "u2", "slack", {"oauth_access_token": "b"}),
        add(server, fresh, "u2", "github", {"oauth_access_token": "c"}),
        add(server, fresh, "u3", "notion", {"oauth_access_token": "d"}),
    ]
    client = sdk(server, fresh)
    first = client.accounts.list(limit=2)
    assert [a.id for a in first.items] == ids[:2]
    info = first.response.page_info
    assert (info.count, info.total_count) == (2, 5) and info.start_cursor and info.end_cursor
    assert [a.id for a in first] == ids  # the pager follows end_cursor to the end
    pages = list(first.iter_pages())
    assert [len(p.items) for p in pages] == [2, 2, 1]
    assert pages[-1].response.page_info.end_cursor is None
    back = client.accounts.list(limit=2, before=pages[-1].response.page_info.start_cursor)
    assert [a.id for a in back.items] == ids[2:4]
    assert client.accounts.list(before=info.start_cursor).items == []
    between = client.accounts.list(after=info.start_cursor, before=pages[-1].response.page_info.start_cursor)
    assert [a.id for a in between.items] == ids[1:4]

    octo = first.items[0]
    assert (octo.name, octo.external_id, octo.healthy, octo.dead, octo.error) == ("octo", "gh-1", True, False, None)
    assert octo.app.name_slug == "github" and octo.app.auth_type == "oauth" and octo.app.id == "app_github"
    assert octo.created_at.tzinfo is not None and octo.updated_at >= octo.created_at
    assert octo.credentials is None


async def test_async_list_filters_by_user_app_and_oauth_client(server, fresh):
    own = server.call(server.gateway.oauth_apps.add("github", "own-id", "own-secret", project_id=fresh["project_id"]))
    mine = add(server, fresh, "filter-a", "github", {"oauth_access_token": "x"}, oauth_app_id=own)
    plain = add(server, fresh, "filter-a", "github", {"oauth_access_token": "y"})
    slack = add(server, fresh, "filter-a", "slack", {"oauth_access_token": "z"})
    other = add(server, fresh, "filter-b", "github", {"oauth_access_token": "w"})
    client = async_sdk(server, fresh)

    async def ids(**filters) -> list[str]:
        return [a.id async for a in await client.accounts.list(limit=1, **filters)]

    assert await ids(external_user_id="filter-a") == [mine, plain, slack]
    assert await ids(app="github") == [mine, plain, other]
    assert await ids(app="app_slack") == [slack]
    assert await ids(external_user_id="filter-b", app="github") == [other]
    assert await ids(oauth_app_id=own) == [mine]
    assert await ids(external_user_id="nobody") == []
    by_user = await client.accounts.list_by_external_user("filter-a", app="github")
    assert [a.id for a in by_user] == [mine, plain]
    retrieved = await client.accounts.retrieve(slack)
    assert retrieved.id == slack and retrieved.app.name_slug == "slack"


def test_credentials_only_for_key_based_accounts_and_the_projects_own_oauth_client(server, fresh):
    pid = fresh["project_id"]
    stranger = server.create_project("stranger")
    operators = server.call(server.gateway.oauth_apps.add("github", "operator-id", "operator-secret"))
    own = server.call(server.gateway.oauth_apps.add("github", "own-client-id", "own-secret", project_id=pid))
    foreign = server.call(server.gateway.oauth_apps.add("github", "foreign-id", "foreign-secret", project_id=stranger["project_id"]))
    keys = add(server, fresh, "creds", "postgresql", {"host": "db.example", "password": "pg-secret"})
    on_own = add(server, fresh, "creds", "github", {"oauth_access_token": "gho_own", "oauth_refresh_token": "r"}, oauth_app_id=own)
    on_operators = add(server, fresh, "creds", "github", {"oauth_access_token": "gho_operator"}, oauth_app_id=operators)
    no_client = add(server, fresh, "creds", "slack", {"oauth_access_token": "xoxp_default"})
    on_foreign = add(server, fresh, "creds", "github", {"oauth_access_token": "gho_foreign"}, oauth_app_id=foreign)
    expected = {
        keys: {"host": "db.example", "password": "pg-secret"},
        on_own: {"oauth_access_token": "gho_own", "oauth_refresh_token": "r", "oauth_client_id": "own-client-id"},
        on_operators: None,
        no_client: None,
        on_foreign: None,
    }
    client = sdk(server, fresh)

    def creds(account) -> dict | None:
        return account.credentials.model_dump(exclude_none=True) if account.credentials is not None else None

    assert {a.id: creds(a) for a in client.accounts.list(include_credentials=True)} == expected
    assert {a.id: creds(a) for a in client.accounts.list_by_external_user("creds", include_credentials=True)} == expected
    for account_id, credentials in expected.items():
        assert creds(client.accounts.retrieve(account_id, include_credentials=True)) == credentials
        assert client.accounts.retrieve(account_id).credentials is None
    assert all(a.credentials is None for a in client.accounts.list())
    raw = get(server, fresh, "/accounts", include_credentials="true").text + get(
        server, fresh, f"/accounts/{on_operators}", include_credentials="true").text
    assert "pg-secret" in raw and not any(secret in raw for secret in ("gho_operator", "xoxp_default", "gho_foreign"))


async def test_environments_never_see_each_other(server, fresh):
    dev = add(server, fresh, "env-user", "github", {"oauth_access_token": "dev"})
    prod = add(server, fresh, "prod-user", "github", {"oauth_access_token": "prod"}, environment="production")
    development, production = async_sdk(server, fresh), async_sdk(server, fresh, "production")
    assert [a.id async for a in await production.accounts.list()] == [prod]
    assert [u.external_id async for u in await production.users.list()] == ["prod-user"]
    assert [a.id async for a in await development.accounts.list()] == [dev]
    with pytest.raises(ApiError) as hidden:
        await production.accounts.retrieve(dev)
    assert hidden.value.status_code == 404
    with pytest.raises(ApiError) as no_user:
        await production.accounts.list_by_external_user("env-user")
    assert no_user.value.status_code == 404
    with pytest.raises(ApiError) as no_delete:
        await production.accounts.delete(dev)
    assert no_delete.value.status_code == 404
    await production.accounts.delete_by_app("github")
    assert [a.id async for a in await development.accounts.list()] == [dev]
    assert [a async for a in await production.accounts.list()] == []


def test_unknown_and_foreign_accounts_are_404(server, fresh):
    stranger = server.create_project("stranger")
    theirs = server.add_account(stranger["project_id"], "them", "github", {"oauth_access_token": "theirs"})
    client = sdk(server, fresh)
    assert status_of(lambda: client.accounts.retrieve(theirs, include_credentials=True)) == 404
    assert status_of(lambda: client.accounts.retrieve("apn_nosuch")) == 404
    assert status_of(lambda: client.accounts.delete(theirs)) == 404
    assert status_of(lambda: client.accounts.list_by_external_user("them")) == 404
    assert status_of(lambda: client.users.delete_external_user("them")) == 404
    assert [a.id for a in client.accounts.list()] == []
    their_path = httpx.get(f"{server.url}/v1/connect/{stranger['project_id']}/accounts/{theirs}",
                           headers={"Authorization": f"Bearer {fresh['token']}", "x-pd-environment": "development"})
    assert their_path.status_code == 403


def test_delete_by_app_removes_that_apps_accounts_only(server, fresh):
    client = sdk(server, fresh)
    add(server, fresh, "del-1", "github", {"oauth_access_token": "g1"})
    add(server, fresh, "del-2", "github", {"oauth_access_token": "g2"})
    slack = add(server, fresh, "del-2", "slack", {"oauth_access_token": "s"})
    client.accounts.delete_by_app("github")
    assert [a.id for a in client.accounts.list()] == [slack]
    client.accounts.delete_by_app("github")  # nothing left to delete is not an error
    client.accounts.delete_by_app("app_slack")
    assert [a.id for a in client.accounts.list()] == []
    assert status_of(lambda: client.accounts.delete_by_app("nosuch")) == 404
    # The users remain, with no accounts.
    assert client.accounts.list_by_external_user("del-2") == []


async def test_users_list_search_and_delete(server, fresh):
    alice = add(server, fresh, "alice", "github", {"oauth_access_token": "a"})
    add(server, fresh, "bob", "slack", {"oauth_access_token": "b"})
    add(server, fresh, "Alicia", "github", {"oauth_access_token": "c"})
    add(server, fresh, "50%_off", "github", {"oauth_access_token": "d"})
    client = sdk(server, fresh)
    first = client.users.list(limit=3)
    assert first.response.page_info.total_count == 4 and first.response.page_info.end_cursor
    assert [u.external_id for u in first] == ["alice", "bob", "Alicia", "50%_off"]
    user = first.items[0]
    assert user.id.startswith("exu_") and user.created_at is not None and user.updated_at == user.created_at
    assert [u.external_id for u in client.users.list(q="ALI")] == ["alice", "Alicia"]
    assert [u.external_id for u in client.users.list(q="%_")] == ["50%_off"]  # no LIKE wildcards
    assert [u.external_id for u in client.users.list(q="zzz")] == []

    client.users.delete_external_user("alice")
    assert status_of(lambda: client.accounts.retrieve(alice)) == 404
    assert status_of(lambda: client.users.delete_external_user("alice")) == 404
    async_client = async_sdk(server, fresh)
    assert [u.external_id async for u in await async_client.users.list(limit=1)] == ["bob", "Alicia", "50%_off"]
    assert [a.id async for a in await async_client.accounts.list(external_user_id="alice")] == []


@pytest.mark.parametrize(
    ("path", "params", "parameter"),
    [
        ("/accounts", {"limit": "0"}, "limit"),
        ("/accounts", {"limit": "101"}, "limit"),
        ("/accounts", {"limit": "ten"}, "limit"),
        ("/accounts", {"include_credentials": "maybe"}, "include_credentials"),
        ("/accounts", {"after": "not-a-cursor"}, "after"),
        ("/accounts", {"before": "bm90IGEgY3Vyc29y"}, "before"),
        ("/accounts", {"app": "nosuch"}, "app"),
        ("/accounts/apn_x", {"include_credentials": "2"}, "include_credentials"),
        ("/users", {"limit": "-1"}, "limit"),
        ("/users", {"after": "%%%"}, "after"),
        ("/users/someone/accounts", {"app": "app_nosuch"}, "app"),
    ],
)
def test_bad_query_values_are_400_naming_the_parameter(server, fresh, path, params, parameter):
    response = get(server, fresh, path, **params)
    assert response.status_code == 400
    assert f"query parameter {parameter}" in response.json()["error"]


@pytest.fixture(scope="module")
def key_app(server):
    """A key-based app with no account test, so creating an account needs no provider."""
    app = App("demo_keys", "Demo Keys", "Keys for tests.",
              auth=Keys(fields=[KeyField("api_key", "API key"), KeyField("region", "Region", secret=False, optional=True)]))
    server.gateway.catalog.add_app(app)
    return app


def test_create_connects_a_key_based_account_with_a_connect_token(server, fresh, key_app):
    client = sdk(server, fresh)
    token = client.tokens.create(external_user_id="maker").token
    created = client.accounts.create(app_slug="demo_keys", cfmap_json=json.dumps({"api_key": "k-123", "region": "eu"}),
                                     connect_token=token, external_user_id="maker", name="Work key")
    assert created.name == "Work key" and created.app.name_slug == "demo_keys" and created.credentials is None
    again = client.accounts.retrieve(created.id, include_credentials=True)
    assert again.credentials.model_dump(exclude_none=True) == {"api_key": "k-123", "region": "eu"}
    assert [a.id for a in client.accounts.list_by_external_user("maker")] == [created.id]
    reused = status_of(lambda: client.accounts.create(app_slug="demo_keys", cfmap_json='{"api_key": "k"}', connect_token=token))
    assert reused == 401


def test_create_refuses_what_it_cannot_do(server, fresh, key_app):
    client = sdk(server, fresh)
    token = client.tokens.create(external_user_id="maker").token
    prod_token = sdk(server, fresh, "production").tokens.create(external_user_id="maker").token
    url = f"{server.url}/v1/connect/{fresh['project_id']}/accounts"
    headers = {"Authorization": f"Bearer {fresh['token']}", "x-pd-environment": "development"}
    cases = [
        ({"app_slug": "github", "cfmap_json": "{}", "connect_token": token}, "connects with OAuth"),
        ({"app_slug": "http", "cfmap_json": "{}", "connect_token": token}, "needs no account"),
        ({"app_slug": "nosuch", "cfmap_json": "{}", "connect_token": token}, "body field app_slug"),
        ({"app_slug": "demo_keys", "cfmap_json": "[1]", "connect_token": token}, "body field cfmap_json"),
        ({"app_slug": "demo_keys", "cfmap_json": '{"api_key": ["x"]}', "connect_token": token}, "api_key must be a string"),
        ({"app_slug": "demo_keys", "cfmap_json": '{"region": "eu"}', "connect_token": token}, "Fill in API key"),
        ({"app_slug": "demo_keys", "cfmap_json": '{"api_key": "k"}', "connect_token": prod_token}, "not issued for"),
        ({"app_slug": "demo_keys", "cfmap_json": '{"api_key": "k"}', "connect_token": token, "account_id": "apn_x"}, "account_id"),
        ({"app_slug": "demo_keys", "cfmap_json": '{"api_key": "k"}', "connect_token": token, "app_override_id": "x"}, "app_override_id"),
        ({"app_slug": "demo_keys", "cfmap_json": '{"api_key": "k"}'}, "body field connect_token: is required"),
    ]
    for body, message in cases:
        response = httpx.post(url, json=body, headers=headers)
        assert response.status_code == 400, (body, response.text)
        assert message in response.json()["error"], (body, response.text)
    other_user = httpx.post(url, params={"external_user_id": "someone-else"}, headers=headers,
                            json={"app_slug": "demo_keys", "cfmap_json": '{"api_key": "k"}', "connect_token": token})
    assert other_user.status_code == 400 and "query parameter external_user_id" in other_user.json()["error"]
    bogus = httpx.post(url, headers=headers, json={"app_slug": "demo_keys", "cfmap_json": "{}", "connect_token": "ctok_nosuch"})
    assert bogus.status_code == 401
    assert list(client.accounts.list()) == []  # nothing was saved, and the token is still good
    assert client.accounts.create(app_slug="demo_keys", cfmap_json='{"api_key": "k"}', connect_token=token).id
