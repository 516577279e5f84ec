import json

import httpx

from mcp_gateway.catalog import AccountContext, AppHttp
from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://myorg-myaccount.snowflakecomputing.com/api/v2"
AUTH = {"token": "pat-secret-1", "account": "myorg-myaccount"}
HANDLE = "01b2c3d4-0000-1a2b-0000-0001a2b3c4d5"


def assert_request(request, method, path, *, params=None, body=None, token_type="PROGRAMMATIC_ACCESS_TOKEN"):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer pat-secret-1"
    assert request.headers["x-snowflake-authorization-token-type"] == token_type
    assert request.headers["accept"] == "application/json"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _result(columns, data, partitions=1):
    return {
        "resultSetMetaData": {"numRows": len(data), "format": "jsonv2",
                              "partitionInfo": [{"rowCount": len(data), "uncompressedSize": 1024}] * partitions,
                              "rowType": [{"name": name, "type": kind, "nullable": True, "database": "", "schema": "",
                                           "table": "", "length": None, "precision": None, "scale": None,
                                           "byteLength": None, "collation": None} for name, kind in columns]},
        "data": data,
        "code": "090001",
        "statementStatusUrl": f"/api/v2/statements/{HANDLE}?requestId=6f1b6a2e-1111-2222-3333-444455556666",
        "requestId": "6f1b6a2e-1111-2222-3333-444455556666",
        "sqlState": "00000",
        "statementHandle": HANDLE,
        "message": "Statement executed successfully.",
        "createdOn": 1764000000000,
    }


def _show(names, **extra):
    columns = [("created_on", "timestamp_ltz"), ("name", "text"), ("database_name", "text"), ("schema_name", "text"),
               ("kind", "text"), ("owner", "text"), ("comment", "text"), ("rows", "fixed"), ("bytes", "fixed")]
    return _result(columns, [["1764000000.000", n, extra.get("db"), extra.get("schema"), extra.get("kind", "TABLE"),
                              "SYSADMIN", "", "10", "2048"] for n in names])


async def test_run_statement_sends_context_and_bindings_and_returns_rows(catalog, respx_mock):
    route = respx_mock.post(f"{API}/statements").mock(return_value=httpx.Response(200, json=_result(
        [("ID", "fixed"), ("TOTAL", "real")], [["1", "42.5"], ["2", "10"]], partitions=3)))
    result = await run_action(catalog.action("snowflake-run-statement"), {
        "statement": "SELECT ID, TOTAL FROM ORDERS WHERE TOTAL > ? AND STATUS = ? AND PAID = ?",
        "bindings": [5, "paid", True], "warehouse": "COMPUTE_WH", "database": "SALES", "schema": "PUBLIC",
        "role": "ANALYST", "timeout": 60}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/statements", body={
        "statement": "SELECT ID, TOTAL FROM ORDERS WHERE TOTAL > ? AND STATUS = ? AND PAID = ?",
        "warehouse": "COMPUTE_WH", "database": "SALES", "schema": "PUBLIC", "role": "ANALYST", "timeout": 60,
        "bindings": {"1": {"type": "FIXED", "value": "5"}, "2": {"type": "TEXT", "value": "paid"},
                     "3": {"type": "BOOLEAN", "value": "true"}}})
    assert result.ret == {"statement_handle": HANDLE, "status": "done", "message": "Statement executed successfully.",
                          "columns": [{"name": "ID", "type": "fixed"}, {"name": "TOTAL", "type": "real"}],
                          "rows": [{"ID": "1", "TOTAL": "42.5"}, {"ID": "2", "TOTAL": "10"}], "num_rows": 2,
                          "partitions": 3, "next_cursor": "1"}


async def test_a_key_pair_jwt_says_its_token_type(catalog, respx_mock):
    route = respx_mock.post(f"{API}/statements").mock(return_value=httpx.Response(200, json=_result([("N", "fixed")], [["1"]])))
    await run_action(catalog.action("snowflake-run-statement"), {"statement": "SELECT 1 AS N"},
                     auth={**AUTH, "token_type": "KEYPAIR_JWT"})
    assert_request(route.calls.last.request, "POST", "/statements", body={"statement": "SELECT 1 AS N"},
                   token_type="KEYPAIR_JWT")


async def test_statement_status_while_running_and_when_done(catalog, respx_mock):
    route = respx_mock.get(f"{API}/statements/{HANDLE}").mock(side_effect=[
        httpx.Response(202, json={"code": "333334", "message": "Asynchronous execution in progress. Use provided query id "
                                  "to perform query monitoring and management.", "statementHandle": HANDLE,
                                  "statementStatusUrl": f"/api/v2/statements/{HANDLE}"}),
        httpx.Response(200, json=_result([("N", "fixed")], [["1"]])),
    ])
    action = catalog.action("snowflake-get-statement-status")
    running = await run_action(action, {"statementHandle": HANDLE}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/statements/{HANDLE}")
    assert running.ret["status"] == "running" and running.summary == "The statement is still running"
    done = await run_action(action, {"statementHandle": HANDLE}, auth=AUTH)
    assert done.ret["rows"] == [{"N": "1"}] and done.ret["next_cursor"] is None


async def test_get_result_partition_pages_by_partition_number(catalog, respx_mock):
    route = respx_mock.get(f"{API}/statements/{HANDLE}").mock(return_value=httpx.Response(200, json={"data": [["3", "7"]]}))
    result = await run_action(catalog.action("snowflake-get-result-partition"),
                              {"statementHandle": HANDLE, "cursor": "1", "partitions": 3}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/statements/{HANDLE}", params={"partition": "1"})
    assert result.ret == {"rows": [["3", "7"]], "partition": 1, "next_cursor": "2"}
    last = await run_action(catalog.action("snowflake-get-result-partition"),
                            {"statementHandle": HANDLE, "cursor": "2", "partitions": 3}, auth=AUTH)
    assert last.ret["next_cursor"] is None


async def test_cancel_statement(catalog, respx_mock):
    route = respx_mock.post(f"{API}/statements/{HANDLE}/cancel").mock(return_value=httpx.Response(200, json={
        "code": "000604", "sqlState": "57014", "message": "successfully canceled", "statementHandle": HANDLE,
        "statementStatusUrl": f"/api/v2/statements/{HANDLE}"}))
    result = await run_action(catalog.action("snowflake-cancel-statement"), {"statementHandle": HANDLE}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", f"/statements/{HANDLE}/cancel")
    assert result.ret == {"statement_handle": HANDLE, "message": "successfully canceled"}
    bad = await run_action(catalog.action("snowflake-cancel-statement"), {"statementHandle": "x/../y"}, auth=AUTH)
    assert "is not a statement handle" in bad.error


async def test_list_databases_pages_with_show_limit_from(catalog, respx_mock):
    route = respx_mock.post(f"{API}/statements").mock(side_effect=[
        httpx.Response(200, json=_show(["ANALYTICS", "RAW", "SALES"], kind="STANDARD")),
        httpx.Response(200, json=_show(["RAW", "SALES"], kind="STANDARD")),
    ])
    action = catalog.action("snowflake-list-databases")
    first = await run_action(action, {"limit": 2, "like": "%A%"}, auth=AUTH)
    assert_request(route.calls[0].request, "POST", "/statements", body={"statement": "SHOW DATABASES LIKE '%A%' LIMIT 3"})
    assert [d["name"] for d in first.ret["databases"]] == ["ANALYTICS", "RAW"] and first.ret["next_cursor"] == "RAW"
    assert first.ret["databases"][0] == {"name": "ANALYTICS", "owner": "SYSADMIN", "comment": "",
                                         "created_on": "1764000000.000", "kind": "STANDARD"}
    second = await run_action(action, {"limit": 2, "cursor": "RAW", "warehouse": "COMPUTE_WH"}, auth=AUTH)
    assert json.loads(route.calls[1].request.content) == {"statement": "SHOW DATABASES LIMIT 3 FROM 'RAW'",
                                                          "warehouse": "COMPUTE_WH"}
    assert [d["name"] for d in second.ret["databases"]] == ["SALES"] and second.ret["next_cursor"] is None


async def test_list_schemas_and_tables_quote_names_that_need_it(catalog, respx_mock):
    route = respx_mock.post(f"{API}/statements").mock(side_effect=[
        httpx.Response(200, json=_show(["PUBLIC"], db="SALES")),
        httpx.Response(200, json=_show(["ORDERS"], db="SALES", schema="my schema")),
    ])
    schemas = await run_action(catalog.action("snowflake-list-schemas"), {"database": "SALES"}, auth=AUTH)
    assert json.loads(route.calls[0].request.content) == {"statement": "SHOW SCHEMAS IN DATABASE SALES LIMIT 26",
                                                          "database": "SALES"}
    assert schemas.ret["schemas"][0]["name"] == "PUBLIC"
    tables = await run_action(catalog.action("snowflake-list-tables"), {"database": "SALES", "schema": "my schema"}, auth=AUTH)
    assert json.loads(route.calls[1].request.content) == {
        "statement": "SHOW TABLES IN SCHEMA SALES.\"my schema\" LIMIT 26", "database": "SALES", "schema": "my schema"}
    assert tables.ret["tables"] == [{"name": "ORDERS", "database_name": "SALES", "schema_name": "my schema", "kind": "TABLE",
                                     "rows": "10", "bytes": "2048", "owner": "SYSADMIN", "comment": "",
                                     "created_on": "1764000000.000"}]


async def test_describe_table_lists_columns_and_full_response_keeps_them_whole(catalog, respx_mock):
    columns = [("name", "text"), ("type", "text"), ("kind", "text"), ("null?", "text"), ("default", "text"),
               ("primary key", "text"), ("unique key", "text"), ("check", "text"), ("expression", "text"), ("comment", "text")]
    answer = _result(columns, [["ID", "NUMBER(38,0)", "COLUMN", "N", None, "Y", "N", None, None, "Order ID"]])
    route = respx_mock.post(f"{API}/statements").mock(return_value=httpx.Response(200, json=answer))
    action = catalog.action("snowflake-describe-table")
    props = {"database": "SALES", "schema": "PUBLIC", "table": "ORDERS", "warehouse": "COMPUTE_WH"}
    result = await run_action(action, props, auth=AUTH)
    assert_request(route.calls.last.request, "POST", "/statements", body={
        "statement": "DESCRIBE TABLE SALES.PUBLIC.ORDERS", "warehouse": "COMPUTE_WH", "database": "SALES", "schema": "PUBLIC"})
    assert result.ret == {"table": "SALES.PUBLIC.ORDERS", "columns": [
        {"name": "ID", "type": "NUMBER(38,0)", "nullable": False, "default": None, "primary_key": True, "comment": "Order ID"}]}
    full = await run_action(action, {**props, "fullResponse": True}, auth=AUTH)
    assert full.ret["columns"][0]["unique key"] == "N"


async def test_database_schema_and_table_options(catalog, respx_mock):
    route = respx_mock.post(f"{API}/statements").mock(side_effect=[
        httpx.Response(200, json=_show(["SALES"])), httpx.Response(200, json=_show(["PUBLIC"])),
        httpx.Response(200, json=_show(["ORDERS"])),
    ])
    action = catalog.action("snowflake-describe-table")
    databases = await fetch_options(action, "database", {}, auth=AUTH)
    assert databases["options"] == [{"label": "SALES", "value": "SALES"}]
    assert json.loads(route.calls[0].request.content) == {"statement": "SHOW TERSE DATABASES"}
    schemas = await fetch_options(action, "schema", {"database": "SALES"}, auth=AUTH)
    assert schemas["options"] == [{"label": "PUBLIC", "value": "PUBLIC"}]
    tables = await fetch_options(action, "table", {"database": "SALES", "schema": "PUBLIC"}, auth=AUTH)
    assert tables["options"] == [{"label": "ORDERS", "value": "ORDERS"}]
    assert json.loads(route.calls[2].request.content) == {"statement": "SHOW TERSE TABLES IN SCHEMA SALES.PUBLIC"}


async def test_errors_say_what_to_do(catalog, respx_mock):
    respx_mock.post(f"{API}/statements").mock(side_effect=[
        httpx.Response(422, json={"code": "002003", "sqlState": "02000", "statementHandle": HANDLE,
                                  "message": "SQL compilation error:\nObject 'ORDRS' does not exist or not authorized."}),
        httpx.Response(429, headers={"Retry-After": "15"}, json={"code": "390400", "message": "Too many requests"}),
    ])
    action = catalog.action("snowflake-run-statement")
    missing = await run_action(action, {"statement": "SELECT * FROM ORDRS"}, auth=AUTH)
    assert "Object 'ORDRS' does not exist" in missing.error and "snowflake-list-tables" in missing.error
    limited = await run_action(action, {"statement": "SELECT 1"}, auth=AUTH)
    assert "rate limited by Snowflake; retry after 15 s" in limited.error
    bad_account = await run_action(action, {"statement": "SELECT 1"}, auth={**AUTH, "account": "evil.com/x"})
    assert "is not one; reconnect Snowflake" in bad_account.error


async def _account(app, creds):
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(creds), base_url=app.base_url_for(creds),
                       allowed_domains=app.allowed_domains_for(creds))
        return await app.test(AccountContext(auth=creds, http=http))


async def test_account_test_names_the_user_and_account(catalog, respx_mock):
    route = respx_mock.post(f"{API}/statements").mock(return_value=httpx.Response(200, json=_result(
        [("USER_NAME", "text"), ("ACCOUNT_NAME", "text")], [["ADA", "XY12345"]])))
    identity = await _account(catalog.apps["snowflake"], AUTH)
    assert_request(route.calls.last.request, "POST", "/statements",
                   body={"statement": "SELECT CURRENT_USER() AS USER_NAME, CURRENT_ACCOUNT() AS ACCOUNT_NAME"})
    assert identity.name == "ADA @ XY12345"
