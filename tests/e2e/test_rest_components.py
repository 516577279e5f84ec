"""Actions and components through the official `pipedream` SDK: list, retrieve, configure props,
reload dynamic props, run. Third-party APIs are mocked at the HTTP boundary with respx."""

from __future__ import annotations

import json
import textwrap
from urllib.parse import unquote, urlsplit

import httpx
import pytest
from pipedream import AsyncPipedream, Pipedream
from pipedream.core.api_error import ApiError
from pipedream.types import ConfigurablePropAny, ConfigurablePropApp, ConfigurablePropString
from sqlalchemy import select

from mcp_gateway.api import components
from mcp_gateway.store.models import DynamicProps
from tests.e2e.test_rest_catalog import client_options
from tests.support import GatewayServer, gateway_settings

pytestmark = pytest.mark.both_databases

SHEETS_TOKEN = "ya29.sheets-user-token"
SPREADSHEET = "1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms"
SHEETS_API = f"https://sheets.googleapis.com/v4/spreadsheets/{SPREADSHEET}"
WORKSHEETS = {"sheets": [{"properties": {"sheetId": 0, "title": "Sheet1", "index": 0}},
                         {"properties": {"sheetId": 1822, "title": "Archive", "index": 1}}]}
HEADER_ROW = {"range": "Sheet1!A1:Z1", "majorDimension": "ROWS", "values": [["Name", "Email", "Age"]]}
APPENDED = {"spreadsheetId": SPREADSHEET, "tableRange": "Sheet1!A1:C3",
            "updates": {"spreadsheetId": SPREADSHEET, "updatedRange": "Sheet1!A4:C4", "updatedRows": 1,
                        "updatedColumns": 3, "updatedCells": 3}}
# What the action returns of it: where the row went (its Full Response is the answer above).
APPENDED_SUMMARY = {"spreadsheetId": SPREADSHEET, "tableRange": "Sheet1!A1:C3", "updatedRange": "Sheet1!A4:C4",
                    "updatedRows": 1, "updatedColumns": 3, "updatedCells": 3}


@pytest.fixture
def sdk(server, project):
    return Pipedream(**client_options(server, project))


@pytest.fixture
def async_sdk(server, project):
    return AsyncPipedream(**client_options(server, project))


@pytest.fixture
def local(respx_mock):
    """respx for third-party APIs; the SDK's own calls reach the gateway."""
    respx_mock.route(host="127.0.0.1").pass_through()
    return respx_mock


@pytest.fixture(scope="module")
def sheets_account(server, project):
    return server.add_account(project["project_id"], "sheets-user", "google_sheets", {"oauth_access_token": SHEETS_TOKEN})


def error_of(call):
    with pytest.raises(ApiError) as caught:
        call()
    return caught.value.status_code, caught.value.body["error"]


def saved_dynamic_props(server, dynamic_props_id):
    """The stored row: project, external user, action key, configured props."""
    [row] = server.execute(select(DynamicProps.project_id, DynamicProps.external_user_id, DynamicProps.action_key,
                                  DynamicProps.configured_props).where(DynamicProps.id == dynamic_props_id))
    return row


def mock_worksheets(respx_mock):
    return respx_mock.get(SHEETS_API, params={"fields": "sheets.properties"}).mock(
        return_value=httpx.Response(200, json=WORKSHEETS)
    )


# Listing and retrieving


@pytest.mark.store_independent  # the catalog, paged through
def test_listing_pages_through_every_action(sdk, server):
    pages = list(sdk.actions.list(limit=7).iter_pages())
    keys = [c.key for page in pages for c in page.items]
    # Without an app, the listing is the hand-written apps' actions; pack apps list theirs per app.
    assert keys == [action.key for action in server.gateway.catalog.own_actions()]
    assert all(len(page.items) == 7 for page in pages[:-1])
    assert pages[0].response.page_info.total_count == len(keys)
    assert pages[-1].response.page_info.end_cursor is None
    # Every component parses as the SDK's Component, props included.
    assert [c.key for c in sdk.components.list(limit=100)] == keys


@pytest.mark.store_independent  # the catalog, filtered
def test_listing_filters(sdk, server):
    slack = [c.key for c in sdk.actions.list(app="slack")]
    assert slack and all(k.startswith("slack-") for k in slack)
    commits = [c.key for c in sdk.components.list(app="app_github", q="commits")]
    assert commits[0] == "github-list-commits" and all(k.startswith("github-") for k in commits)
    # Every messaging app has a send-message action: one of them first, Slack's among the first few.
    found = [c.key for c in sdk.components.list(q="send message")]
    assert found[0].endswith("-send-message") and "slack-send-message" in found[:5]
    own = server.gateway.catalog.own_actions()
    assert len(list(sdk.components.list(component_type="action", limit=100))) == len(own)
    pack_app = server.gateway.catalog.app("xkcd")
    assert [c.key for c in sdk.actions.list(app="xkcd")] == list(pack_app.actions)
    assert list(sdk.components.list(component_type="trigger")) == []
    # Custom tools are the private registry (the gateway's catalog may hold some from other tests).
    custom = [action.key for action in own if action.custom]
    assert [c.key for c in sdk.actions.list(registry="private", limit=100)] == custom
    public = [c.key for c in sdk.actions.list(registry="public", limit=100)]
    assert len(public) + len(custom) == len(own) and "slack-send-message" in public
    status, message = error_of(lambda: sdk.actions.list(app="slak"))
    assert status == 404 and "unknown app 'slak'" in message and "did you mean slack" in message


def test_a_component_has_the_hosted_shape(sdk, server, project):
    component = sdk.components.retrieve("github-list-commits")
    assert component.key == "github-list-commits" and component.name == "List Commits"
    assert component.component_type == "action" and component.annotations.read_only_hint is True
    app_prop, repo = component.configurable_props[:2]
    assert isinstance(app_prop, ConfigurablePropApp) and (app_prop.name, app_prop.app) == ("github", "github")
    assert isinstance(repo, ConfigurablePropString) and repo.remote_options is True and repo.optional is None

    raw = httpx.get(f"{server.url}/v1/connect/{project['project_id']}/actions/github-list-commits",
                    headers={"Authorization": f"Bearer {project['token']}", "x-pd-environment": "development"}).json()
    props = {p["name"]: p for p in raw["data"]["configurable_props"]}
    assert props["github"] == {"name": "github", "type": "app", "app": "github"}
    assert props["limit"] == {"name": "limit", "type": "integer", "label": "Limit", "optional": True, "default": 25, "min": 1,
                              "max": 100, "description": "How many commits to return in this call (default 25, at most 100). "
                              "When more exist, the result has a `next_cursor` for the next call."}
    assert props["fullResponse"] == {"name": "fullResponse", "type": "boolean", "label": "Full Response", "optional": True,
                                     "default": False, "description": "Return the API's whole response instead of the "
                                     "trimmed fields. Leave off unless a field you need is missing."}
    assert props["sha"]["optional"] is True and props["sha"]["remoteOptions"] is True and "default" not in props["sha"]

    sheets = {p.name: p for p in sdk.actions.retrieve("google_sheets-add-single-row").configurable_props}
    assert sheets["sheetId"].reload_props is True and sheets["sheetId"].use_query is True
    assert sheets["drive"].default == "My Drive"
    assert sdk.actions.retrieve("http-download-file").stash == "optional"
    sql = {p.name: p for p in sdk.actions.retrieve("postgresql-execute-custom-query").configurable_props}["sql"]
    assert sql.type == "sql" and sql.auth.app == "postgresql" and sql.remote_options is True


def test_prop_types_the_sdk_has_no_name_for_are_any_but_still_checked(sdk, server, project):
    sorts = {p.name: p for p in sdk.actions.retrieve("notion-query-database").configurable_props}["sorts"]
    assert isinstance(sorts, ConfigurablePropAny) and sorts.optional is True
    server.add_account(project["project_id"], "notion-user", "notion", {"oauth_access_token": "secret_notion"})
    status, message = error_of(lambda: sdk.actions.run(
        id="notion-query-database", external_user_id="notion-user",
        configured_props={"databaseId": "d9824bdc-8445-4327-be8b-5b47500af6ce", "sorts": ["newest"]},
    ))
    assert status == 400 and "sorts.0: 'newest' is not of type 'object'" in message


def test_unknown_components_and_versions_are_not_found(sdk):
    status, message = error_of(lambda: sdk.components.retrieve("github-list-comits"))
    assert status == 404 and "unknown action 'github-list-comits'" in message and "did you mean github-list-commits" in message
    assert sdk.actions.retrieve("github-list-commits", version="0.1.0").version == "0.1.0"
    status, message = error_of(lambda: sdk.actions.retrieve("github-list-commits", version="9.9.9"))
    assert status == 404 and "has no version '9.9.9'" in message
    for call in (
        lambda: sdk.actions.run(id="nope-nothing", external_user_id="u"),
        lambda: sdk.actions.configure_prop(id="nope-nothing", external_user_id="u", prop_name="x"),
        lambda: sdk.components.reload_props(id="nope-nothing", external_user_id="u"),
        lambda: sdk.actions.retrieve("~/nope-nothing"),
    ):
        status, message = error_of(call)
        assert status == 404 and "nope-nothing" in message


def test_answers_fit_the_declared_response_models(server, project, sheets_account):
    """The models the OpenAPI document is built from describe what is really sent."""
    base = f"{server.url}/v1/connect/{project['project_id']}"
    headers = {"Authorization": f"Bearer {project['token']}", "x-pd-environment": "development"}
    listed = httpx.get(f"{base}/components", params={"limit": 100}, headers=headers).json()
    components.ComponentsPage.model_validate(listed, strict=True)
    for kind in ("actions", "components"):
        one = httpx.get(f"{base}/{kind}/google_sheets-add-single-row", headers=headers).json()
        components.ComponentResponse.model_validate(one, strict=True)
    call = {"id": "google_sheets-add-single-row", "external_user_id": "sheets-user", "configured_props": {"hasHeaders": False}}
    reloaded = httpx.post(f"{base}/components/props", json=call, headers=headers).json()
    components.ReloadPropsResponse.model_validate(reloaded, strict=True)
    configured = httpx.post(f"{base}/actions/configure", headers=headers,
                            json={"id": "http-send-request", "external_user_id": "u", "prop_name": "method"}).json()
    components.ConfigurePropResponse.model_validate(configured, strict=True)
    ran = httpx.post(f"{base}/actions/run", headers=headers,
                     json={"id": "http-send-request", "external_user_id": "u", "configured_props": {"url": "ftp://x"}}).json()
    components.RunActionResponse.model_validate(ran, strict=True)


# Configuring props


def test_static_options(sdk):
    answer = sdk.components.configure_prop(id="http-send-request", external_user_id="u", prop_name="method")
    assert answer.string_options == ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
    assert [o.value for o in answer.options][:2] == ["GET", "POST"]
    assert answer.errors == [] and answer.observations == [] and answer.context is None


def test_remote_options_page_by_page_with_a_query(sdk, sheets_account, local):
    files = local.get("https://www.googleapis.com/drive/v3/files").mock(side_effect=[
        httpx.Response(200, json={"nextPageToken": "page-2", "files": [{"id": SPREADSHEET, "name": "Budget 2025"}]}),
        httpx.Response(200, json={"files": [{"id": "1zzz", "name": "Budget 2024"}]}),
    ])
    app_value = {"googleSheets": {"authProvisionId": sheets_account}}
    first = sdk.actions.configure_prop(id="google_sheets-add-single-row", external_user_id="sheets-user",
                                       prop_name="sheetId", configured_props=app_value, query="Budget")
    assert [(o.label, o.value) for o in first.options] == [("Budget 2025", SPREADSHEET)]
    assert first.context == {"pageToken": "page-2"} and first.errors == []
    request = files.calls[0].request
    assert request.headers["authorization"] == f"Bearer {SHEETS_TOKEN}"
    assert "name contains 'Budget'" in request.url.params["q"]
    second = sdk.actions.configure_prop(id="google_sheets-add-single-row", external_user_id="sheets-user",
                                        prop_name="sheetId", configured_props=app_value, query="Budget",
                                        page=1, prev_context=first.context)
    assert [o.label for o in second.options] == ["Budget 2024"] and second.context is None
    assert files.calls[1].request.url.params["pageToken"] == "page-2"


def test_label_value_wrappers_are_accepted(sdk, sheets_account, local):
    mock_worksheets(local)
    answer = sdk.components.configure_prop(
        id="google_sheets-add-single-row", external_user_id="sheets-user", prop_name="worksheetId",
        configured_props={"googleSheets": {"authProvisionId": sheets_account},
                          "sheetId": {"__lv": {"label": "Budget 2025", "value": SPREADSHEET}}},
    )
    assert [(o.label, o.value) for o in answer.options] == [("Sheet1", "0"), ("Archive", "1822")]


def test_options_errors_are_reported_in_the_answer(sdk, sheets_account, local):
    local.get("https://www.googleapis.com/drive/v3/files").mock(
        return_value=httpx.Response(403, json={"error": {"code": 403, "message": "Request had insufficient authentication scopes."}})
    )
    answer = sdk.actions.configure_prop(id="google_sheets-add-single-row", external_user_id="sheets-user", prop_name="sheetId")
    assert answer.options == [] and "insufficient authentication scopes" in answer.errors[0]


def test_configuring_a_prop_that_is_not_there(sdk):
    status, message = error_of(lambda: sdk.actions.configure_prop(id="http-send-request", external_user_id="u", prop_name="colour"))
    assert status == 400 and "has no prop 'colour'" in message and "url" in message
    status, message = error_of(lambda: sdk.actions.configure_prop(id="http-send-request", external_user_id="u", prop_name="url"))
    assert status == 400 and "has no options to fetch" in message


# Dynamic props


def test_dynamic_props_reload_then_configure_and_run(sdk, server, project, sheets_account, local):
    worksheets = mock_worksheets(local)
    header = local.get(f"{SHEETS_API}/values/'Sheet1'!1:1").mock(return_value=httpx.Response(200, json=HEADER_ROW))
    append = local.post(f"{SHEETS_API}/values/'Sheet1':append").mock(return_value=httpx.Response(200, json=APPENDED))
    configured = {
        "googleSheets": {"authProvisionId": sheets_account},
        "sheetId": {"__lv": {"label": "Budget 2025", "value": SPREADSHEET}},
        "worksheetId": "0",
        "hasHeaders": True,
    }
    reloaded = sdk.actions.reload_props(id="google_sheets-add-single-row", external_user_id="sheets-user",
                                        configured_props=configured)
    assert reloaded.errors == [] and reloaded.dynamic_props.id.startswith("dyp_")
    props = {p.name: p for p in reloaded.dynamic_props.configurable_props}
    assert list(props)[:5] == ["googleSheets", "drive", "sheetId", "worksheetId", "hasHeaders"]
    assert [(props[n].label, props[n].optional) for n in ("col_0000", "col_0001", "col_0002")] == [
        ("Name", True), ("Email", True), ("Age", True)]
    assert header.calls.last.request.headers["authorization"] == f"Bearer {SHEETS_TOKEN}"

    # Configure with the saved props: a static prop still gets its options.
    options = sdk.actions.configure_prop(id="google_sheets-add-single-row", external_user_id="sheets-user",
                                         prop_name="worksheetId", configured_props=configured,
                                         dynamic_props_id=reloaded.dynamic_props.id)
    assert [o.value for o in options.options] == ["0", "1822"]

    result = sdk.actions.run(
        id="google_sheets-add-single-row", external_user_id="sheets-user", dynamic_props_id=reloaded.dynamic_props.id,
        configured_props={**configured, "col_0000": "Alice", "col_0001": "alice@example.com", "col_0002": "30"},
    )
    assert result.exports == {"$summary": "Added 1 row to Sheet1 (Sheet1!A4:C4)"}
    assert result.ret == APPENDED_SUMMARY and result.os == [] and result.stash_id is None
    sent = append.calls.last.request
    assert json.loads(sent.content) == {"values": [["Alice", "alice@example.com", "30"]]}
    assert sent.url.params["valueInputOption"] == "USER_ENTERED"
    assert sent.headers["authorization"] == f"Bearer {SHEETS_TOKEN}"
    assert worksheets.called

    # The saved values name the account, never its credentials.
    saved = saved_dynamic_props(server, reloaded.dynamic_props.id)
    assert saved[:3] == (project["project_id"], "sheets-user", "google_sheets-add-single-row")
    assert saved[3]["googleSheets"] == {"authProvisionId": sheets_account}
    assert SHEETS_TOKEN not in json.dumps(saved[3])


def test_without_headers_the_row_is_a_list(sdk, sheets_account, local):
    mock_worksheets(local)
    append = local.post(f"{SHEETS_API}/values/'Sheet1':append").mock(return_value=httpx.Response(200, json=APPENDED))
    configured = {"sheetId": SPREADSHEET, "worksheetId": "Sheet1", "hasHeaders": False}
    reloaded = sdk.components.reload_props(id="google_sheets-add-single-row", external_user_id="sheets-user",
                                           configured_props=configured)
    assert [p.name for p in reloaded.dynamic_props.configurable_props][-1] == "myColumnData"
    result = sdk.actions.run(id="google_sheets-add-single-row", external_user_id="sheets-user",
                             dynamic_props_id=reloaded.dynamic_props.id,
                             configured_props={**configured, "myColumnData": ["Bob", "bob@example.com"]})
    assert result.exports["$summary"].startswith("Added 1 row to Sheet1")
    assert json.loads(append.calls.last.request.content) == {"values": [["Bob", "bob@example.com"]]}


def test_dynamic_props_ids_belong_to_their_user_and_action(sdk, server, project, sheets_account):
    configured = {"sheetId": SPREADSHEET, "hasHeaders": False}
    dyp = sdk.actions.reload_props(id="google_sheets-add-single-row", external_user_id="sheets-user",
                                   configured_props=configured).dynamic_props.id
    server.add_account(project["project_id"], "other-user", "google_sheets", {"oauth_access_token": "ya29.other"})
    for user, key in (("other-user", "google_sheets-add-single-row"), ("sheets-user", "google_sheets-add-multiple-rows")):
        status, message = error_of(lambda: sdk.actions.run(id=key, external_user_id=user, dynamic_props_id=dyp,
                                                           configured_props=configured))
        assert status == 404 and f"dynamic props {dyp!r} were not made for {key}" in message
    status, message = error_of(lambda: sdk.actions.configure_prop(
        id="google_sheets-add-single-row", external_user_id="sheets-user", prop_name="sheetId", dynamic_props_id="dyp_nope"))
    assert status == 404 and "reload the props to get a dynamic_props_id" in message
    status, message = error_of(lambda: sdk.actions.run(
        id="google_sheets-add-single-row", external_user_id="sheets-user", dynamic_props_id="props-1"))
    assert status == 400 and "body field dynamic_props_id: String should match pattern" in message


# Running


def test_run_sends_the_request_and_answers_exports_observations_and_return_value(sdk, local):
    route = local.post("https://api.example.com/v1/items").mock(
        return_value=httpx.Response(201, json={"id": "itm_1", "name": "Widget"}, headers={"x-request-id": "req-7"})
    )
    result = sdk.actions.run(
        id="http-send-request",
        external_user_id="http-user",
        configured_props={
            "url": "https://api.example.com/v1/items",
            "method": {"__lv": {"label": "POST", "value": "POST"}},
            "headers": {"X-Trace": "abc"},
            "params": {"dry_run": "false"},
            "body": {"name": "Widget"},
        },
    )
    assert result.exports == {"$summary": "POST https://api.example.com/v1/items returned 201"}
    assert result.ret["status"] == 201 and result.ret["body"] == {"id": "itm_1", "name": "Widget"}
    assert result.ret["headers"]["x-request-id"] == "req-7" and result.os == []
    sent = route.calls.last.request
    assert json.loads(sent.content) == {"name": "Widget"}
    assert sent.headers["x-trace"] == "abc" and sent.url.params["dry_run"] == "false"


def test_a_failed_run_is_reported_in_the_observations(sdk):
    result = sdk.actions.run(id="http-send-request", external_user_id="http-user",
                             configured_props={"url": "http://10.0.0.8/admin"})
    assert result.ret is None
    assert result.os[0].k == "error" and "resolves to 10.0.0.8, a private address" in result.os[0].err.message


def test_invalid_props_name_every_bad_field(sdk):
    status, message = error_of(lambda: sdk.actions.run(
        id="http-send-request", external_user_id="http-user",
        configured_props={"method": 7, "headers": "x-a: b", "colour": "red"},
    ))
    assert status == 400
    for problem in ("method: 7 is not of type 'string'", "headers: 'x-a: b' is not of type 'object'",
                    "colour: not a prop of this action", "url: required, no value given"):
        assert problem in message


def test_the_end_user_is_required(sdk, server, project):
    response = httpx.post(f"{server.url}/v1/connect/{project['project_id']}/actions/run",
                          json={"id": "http-send-request", "configured_props": {"url": "https://example.com"}},
                          headers={"Authorization": f"Bearer {project['token']}", "x-pd-environment": "development"})
    assert response.status_code == 400 and response.json() == {"error": "body field external_user_id: is required"}
    status, message = error_of(lambda: sdk.actions.run(id="http-send-request", external_user_id=" "))
    assert status == 400 and "external_user_id: external user id must not be empty" in message
    status, message = error_of(lambda: sdk.actions.run(id="http-send-request", external_user_id="a\x00b"))
    assert status == 400 and "external_user_id that holds a NUL character" in message


@pytest.fixture(scope="module")
def github_client(server):
    """The operator's OAuth client for GitHub: without one no link is offered (test_unconfigured_oauth)."""
    return server.call(server.gateway.oauth_apps.add("github", "Iv1.components", "components-client-secret"))


def test_a_user_without_an_account_gets_a_connect_link(sdk, server, github_client):
    status, message = error_of(lambda: sdk.actions.run(
        id="github-get-repository", external_user_id="no-github", configured_props={"repoFullname": "octocat/Hello-World"}))
    assert status == 400 and "User 'no-github' has no connected GitHub account" in message
    url = message.split("Connect Link for the user (valid 4 hours): ")[1]
    assert url.startswith(server.url + "/_static/connect.html?token=ctok_") and "app=github" in url
    validated = httpx.get(f"{server.url}/v1/connect/tokens/{httpx.URL(url).params['token']}/validate").json()
    assert validated["success"] is True and validated["app"]["name_slug"] == "github"


def test_an_account_of_another_user_is_refused(sdk, server, project, sheets_account):
    status, message = error_of(lambda: sdk.actions.run(
        id="google_sheets-list-worksheets", external_user_id="intruder",
        configured_props={"googleSheets": {"authProvisionId": sheets_account}, "sheetId": SPREADSHEET}))
    assert status == 400 and f"account {sheets_account} is not a google_sheets account of user 'intruder'" in message


# The SQL prop, against a real PostgreSQL


@pytest.fixture(scope="module")
def postgres_account(server, project, postgres_server):
    database = postgres_server.create_database("sql_prop")
    parts = urlsplit(database)
    auth = {"host": parts.hostname, "port": str(parts.port), "user": unquote(parts.username),
            "password": unquote(parts.password), "database": parts.path.lstrip("/"), "sslmode": "disable"}
    account = server.add_account(project["project_id"], "sql-user", "postgresql", auth)
    yield account
    postgres_server.drop_databases([database])


def test_the_sql_prop_in_the_seeds_shape(sdk, postgres_account):
    app_value = {"postgresql": {"authProvisionId": postgres_account}}
    for statement in ("create table products (name text, price numeric)",
                      "insert into products values ('foo', 12.5), ('foo', 5), ('bar', 99)"):
        done = sdk.actions.run(id="postgresql-execute-custom-query", external_user_id="sql-user",
                               configured_props={**app_value, "sql": statement})
        assert done.os == [], done.os
    schema = sdk.components.configure_prop(id="postgresql-execute-custom-query", external_user_id="sql-user",
                                           prop_name="sql", configured_props=app_value)
    assert schema.options == [] and "products" in json.dumps(schema.context["dbInfo"])
    result = sdk.actions.run(
        id="postgresql-execute-custom-query", external_user_id="sql-user",
        configured_props={**app_value, "sql": {"auth": {"app": "postgresql"},
                                               "query": "select name, price from products where name = $1 and price > $2",
                                               "params": ["foo", 10.99]}},
    )
    assert [row["name"] for row in result.ret] == ["foo"] and len(result.ret) == 1


# The async client


async def test_async_client(async_sdk, sheets_account, local):
    pager = await async_sdk.components.list(app="google_sheets", limit=3)
    keys = [c.key async for c in pager]
    assert "google_sheets-add-single-row" in keys and len(keys) == len(set(keys)) > 3
    component = await async_sdk.actions.retrieve("google_sheets-add-single-row")
    assert component.configurable_props[0].app == "google_sheets"
    answer = await async_sdk.actions.configure_prop(id="http-send-request", external_user_id="u", prop_name="method")
    assert "PATCH" in answer.string_options
    reloaded = await async_sdk.components.reload_props(id="google_sheets-add-single-row", external_user_id="sheets-user",
                                                       configured_props={"hasHeaders": False})
    assert reloaded.dynamic_props.id.startswith("dyp_")
    local.get("https://api.example.com/health").mock(return_value=httpx.Response(200, text="ok"))
    result = await async_sdk.actions.run(id="http-send-request", external_user_id="u",
                                         configured_props={"url": "https://api.example.com/health"})
    assert result.ret["body"] == "ok"
    with pytest.raises(ApiError) as caught:
        await async_sdk.actions.run(id="http-send-request", external_user_id="u", configured_props={})
    assert caught.value.status_code == 400 and "url: required" in caught.value.body["error"]


# Custom tools, and dynamic props used by another gateway process

PROBE_APP = """
from mcp_gateway.catalog import App, NoAuth

app = App("rest_probe", "REST Probe", "Echoes the values it is given.", auth=NoAuth(), categories=["Testing"])
"""

PROBE_ACTION = '''
from mcp_gateway.catalog import Option, OptionsPage, props

from ..app import app


async def colors(ctx):
    if ctx.prev_context.get("next") == "blue":
        return [Option(label="Blue", value="blue")]
    return OptionsPage([Option(label="Red", value="red"), Option(label="Green", value="green")], context={"next": "blue"})


async def fields(ctx):
    return {f"field{i}": props.string(f"Field {i}", optional=True) for i in range(ctx.props.get("fieldCount") or 0)}


@app.action(
    "echo",
    title="Echo",
    description="Return the values it was given.",
    props={
        "fieldCount": props.integer("Field Count", "How many fields to add.", min=0, max=5, reload_props=True),
        "color": props.string("Color", "A color.", options=colors, optional=True),
        "password": props.string("Password", "Never kept.", secret=True, optional=True),
    },
    additional_props=fields,
    read_only=True,
)
async def echo(ctx):
    ctx.log("echoing")
    ctx.summary = "Echoed"
    return dict(ctx.props)
'''

ECHO = "~/rest_probe-echo"


@pytest.fixture(scope="module")
def probes(tmp_path_factory, database_backend):
    """Two gateway processes on one database, serving a custom tools directory."""
    custom = tmp_path_factory.mktemp("custom")
    (custom / "rest_probe" / "actions").mkdir(parents=True)
    (custom / "rest_probe" / "app.py").write_text(textwrap.dedent(PROBE_APP))
    (custom / "rest_probe" / "actions" / "echo.py").write_text(textwrap.dedent(PROBE_ACTION))
    settings = gateway_settings(tmp_path_factory.mktemp("shared"), database_backend, custom_tools_dir=custom)
    servers = [GatewayServer(settings).start(), GatewayServer(settings).start()]
    project = servers[0].create_project("probes")
    yield [Pipedream(**client_options(s, project)) for s in servers], servers[0]
    for s in servers:
        s.stop()


def test_custom_tools_are_listed_retrieved_and_run_by_their_tilde_key(probes):
    (sdk, _), _server = probes
    private = [c.key for c in sdk.components.list(registry="private")]
    assert ECHO in private and all(key.startswith("~/") for key in private)
    assert ECHO not in [c.key for c in sdk.components.list(registry="public", limit=100)]
    assert [c.key for c in sdk.actions.list(app="rest_probe")] == [ECHO]
    assert sdk.actions.retrieve(ECHO).annotations.read_only_hint is True
    result = sdk.actions.run(id=ECHO, external_user_id="probe-user", configured_props={"fieldCount": 0, "color": "red"})
    assert result.ret == {"fieldCount": 0, "color": "red"} and result.exports == {"$summary": "Echoed"}
    assert result.os[0].k == "console.log" and result.os[0].msg == "echoing"


def test_dynamic_props_made_by_one_process_are_used_by_another(probes):
    (first, second), server = probes
    reloaded = first.components.reload_props(id=ECHO, external_user_id="probe-user",
                                             configured_props={"fieldCount": 2, "password": "hunter2"})
    dyp = reloaded.dynamic_props.id
    assert [p.name for p in reloaded.dynamic_props.configurable_props] == ["fieldCount", "color", "password", "field0", "field1"]

    ran = second.actions.run(id=ECHO, external_user_id="probe-user", dynamic_props_id=dyp,
                             configured_props={"fieldCount": 2, "field1": "b"})
    assert ran.ret == {"fieldCount": 2, "field1": "b"}
    # The saved prop set wins over the values sent now: with it, field2 is not a prop.
    status, message = error_of(lambda: second.actions.run(id=ECHO, external_user_id="probe-user", dynamic_props_id=dyp,
                                                          configured_props={"fieldCount": 3, "field2": "c"}))
    assert status == 400 and "field2: not a prop of this action" in message
    # Without an id, the props are worked out from the values sent.
    assert second.actions.run(id=ECHO, external_user_id="probe-user",
                              configured_props={"fieldCount": 3, "field2": "c"}).ret["field2"] == "c"

    first_page = second.components.configure_prop(id=ECHO, external_user_id="probe-user", prop_name="color",
                                                   dynamic_props_id=dyp)
    assert [o.value for o in first_page.options] == ["red", "green"] and first_page.context == {"next": "blue"}
    next_page = second.components.configure_prop(id=ECHO, external_user_id="probe-user", prop_name="color",
                                                  page=1, prev_context=first_page.context)
    assert next_page.string_options is None and [o.label for o in next_page.options] == ["Blue"]

    assert saved_dynamic_props(server, dyp)[3] == {"fieldCount": 2}


def test_reloading_with_badly_typed_values_names_them(probes):
    (sdk, _), _server = probes
    status, message = error_of(lambda: sdk.actions.reload_props(id=ECHO, external_user_id="probe-user",
                                                                configured_props={"fieldCount": "two", "color": 3}))
    assert status == 400
    assert "fieldCount: 'two' is not of type 'integer'" in message and "color: 3 is not of type 'string'" in message
