import json

import httpx
import pytest

from mcp_gateway.catalog import props as p
from mcp_gateway.runtime.engine import fetch_options, reload_props, run_action
from mcp_gateway.runtime.errors import ConfigurationError

SHEETS = "https://sheets.googleapis.com/v4"
DRIVE = "https://www.googleapis.com/drive/v3"
AUTH = {"oauth_access_token": "ya29.test"}
SID = "1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms"
SHARED_DRIVE = "0AFcK9Ju3ePbGUk9PVA"
SPREADSHEET_QUERY = "mimeType='application/vnd.google-apps.spreadsheet' and trashed=false"


# Response bodies shaped like the Google Sheets and Drive API references.


def sheet(sheet_id, title, index, rows=1000, columns=26):
    return {
        "properties": {
            "sheetId": sheet_id,
            "title": title,
            "index": index,
            "sheetType": "GRID",
            "gridProperties": {"rowCount": rows, "columnCount": columns},
        }
    }


WORKSHEETS = {"sheets": [sheet(0, "Sheet1", 0), sheet(1638419013, "Q2 Sales", 1, rows=200, columns=8)]}


def value_range(a1, rows):
    data = {"range": a1, "majorDimension": "ROWS"}
    if rows:
        data["values"] = rows
    return data


def append_response(table_range, updated_range, rows, columns):
    return {
        "spreadsheetId": SID,
        "tableRange": table_range,
        "updates": {
            "spreadsheetId": SID,
            "updatedRange": updated_range,
            "updatedRows": rows,
            "updatedColumns": columns,
            "updatedCells": rows * columns,
        },
    }


def mock_worksheets(respx_mock):
    return respx_mock.get(f"{SHEETS}/spreadsheets/{SID}", params={"fields": "sheets.properties"}).mock(
        return_value=httpx.Response(200, json=WORKSHEETS)
    )


def assert_google_request(request, method, url, params=()):
    """Method, URL as sent (path percent-encoding included), query parameters in order, and the token."""
    assert request.method == method
    sent = request.url
    assert f"{sent.scheme}://{sent.host}{sent.raw_path.decode().split('?')[0]}" == url
    assert list(sent.params.multi_items()) == list(params)
    assert request.headers["authorization"] == "Bearer ya29.test"


def body(request):
    return json.loads(request.content)


# The app


def test_app_declares_google_oauth(catalog):
    app = catalog.app("google_sheets")
    assert app.auth.authorize_url == "https://accounts.google.com/o/oauth2/v2/auth"
    assert app.auth.token_url == "https://oauth2.googleapis.com/token"
    assert list(app.auth.scopes) == [
        "https://www.googleapis.com/auth/spreadsheets",
        "https://www.googleapis.com/auth/drive.readonly",
    ]
    assert app.auth.pkce is True
    assert dict(app.auth.extra_authorize_params) == {"access_type": "offline", "prompt": "consent"}
    assert app.base_url == "https://sheets.googleapis.com/v4"
    assert app.allowed_domains == ["sheets.googleapis.com", "www.googleapis.com"]
    assert app.prop_name == "googleSheets"
    assert app.headers_for(AUTH) == {"Authorization": "Bearer ya29.test"}


def test_annotations_mark_reads_and_overwrites(catalog):
    actions = catalog.actions_of("google_sheets")
    assert len(actions) >= 20
    assert {a.key for a in actions if a.annotations.read_only} == {
        "google_sheets-get-values-in-range",
        "google_sheets-list-worksheets",
        "google_sheets-find-row",
        "google_sheets-get-spreadsheet-by-id",
        "google_sheets-list-spreadsheets",
        "google_sheets-get-cell",
        "google_sheets-batch-get-values",
    }
    assert {a.key for a in actions if a.annotations.destructive} == {
        "google_sheets-clear-rows",
        "google_sheets-update-cell",
        "google_sheets-update-row",
        "google_sheets-update-multiple-rows",
        "google_sheets-batch-update-values",
        "google_sheets-clear-range",
        "google_sheets-delete-rows",
        "google_sheets-delete-worksheet",
        "google_sheets-upsert-row",
        "google_sheets-rename-worksheet",
        "google_sheets-format-cells",
    }
    # Only add-single-row reloads its props; the others would ask for a reload that changes nothing.
    assert [a.key for a in actions if a.has_dynamic_props] == ["google_sheets-add-single-row"]


# Remote options


async def test_drive_options_list_my_drive_then_shared_drives_by_page(catalog, respx_mock):
    route = respx_mock.get(f"{DRIVE}/drives").mock(
        side_effect=[
            httpx.Response(
                200,
                json={
                    "kind": "drive#driveList",
                    "nextPageToken": "~!!~AI9FV7Q",
                    "drives": [{"kind": "drive#drive", "id": SHARED_DRIVE, "name": "Marketing"}],
                },
            ),
            httpx.Response(
                200,
                json={"kind": "drive#driveList", "drives": [{"kind": "drive#drive", "id": "0AL2", "name": "Finance"}]},
            ),
        ]
    )
    action = catalog.action("google_sheets-add-single-row")
    first = await fetch_options(action, "drive", {}, auth=AUTH)
    assert first["options"] == [
        {"label": "My Drive", "value": "My Drive"},
        {"label": "Marketing", "value": SHARED_DRIVE},
    ]
    assert first["context"] == {"pageToken": "~!!~AI9FV7Q"}
    assert_google_request(route.calls[0].request, "GET", f"{DRIVE}/drives", [("pageSize", "100")])

    second = await fetch_options(action, "drive", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Finance", "value": "0AL2"}]
    assert second["context"] is None
    assert_google_request(
        route.calls[1].request, "GET", f"{DRIVE}/drives", [("pageSize", "100"), ("pageToken", "~!!~AI9FV7Q")]
    )


async def test_sheet_options_search_spreadsheets_by_name_in_a_shared_drive(catalog, respx_mock):
    route = respx_mock.get(f"{DRIVE}/files").mock(
        return_value=httpx.Response(
            200, json={"nextPageToken": "tok2", "files": [{"id": SID, "name": "Bob's budget"}]}
        )
    )
    result = await fetch_options(
        catalog.action("google_sheets-get-values-in-range"), "sheetId", {"drive": SHARED_DRIVE}, auth=AUTH, query="Bob's"
    )
    assert result["errors"] == []
    assert result["options"] == [{"label": "Bob's budget", "value": SID}]
    assert result["context"] == {"pageToken": "tok2"}
    assert_google_request(
        route.calls.last.request,
        "GET",
        f"{DRIVE}/files",
        [
            ("q", SPREADSHEET_QUERY + " and name contains 'Bob\\'s'"),
            ("fields", "nextPageToken,files(id,name)"),
            ("orderBy", "modifiedTime desc"),
            ("pageSize", "100"),
            ("driveId", SHARED_DRIVE),
            ("corpora", "drive"),
            ("includeItemsFromAllDrives", "true"),
            ("supportsAllDrives", "true"),
        ],
    )


async def test_sheet_options_in_my_drive_continue_from_the_page_token(catalog, respx_mock):
    route = respx_mock.get(f"{DRIVE}/files").mock(
        return_value=httpx.Response(200, json={"files": [{"id": "1abc", "name": "Old sheet"}]})
    )
    action = catalog.action("google_sheets-add-single-row")
    result = await fetch_options(action, "sheetId", {}, auth=AUTH, page=1, prev_context={"pageToken": "tok2"})
    assert result["options"] == [{"label": "Old sheet", "value": "1abc"}]
    assert result["context"] is None
    assert_google_request(
        route.calls.last.request,
        "GET",
        f"{DRIVE}/files",
        [
            ("q", SPREADSHEET_QUERY),
            ("fields", "nextPageToken,files(id,name)"),
            ("orderBy", "modifiedTime desc"),
            ("pageSize", "100"),
            ("pageToken", "tok2"),
        ],
    )
    # A later page without a token means the listing is finished: nothing is requested.
    done = await fetch_options(action, "sheetId", {}, auth=AUTH, page=2, prev_context=None)
    assert done["options"] == []
    assert route.call_count == 1


async def test_worksheet_options_need_the_spreadsheet_first(catalog, respx_mock):
    result = await fetch_options(catalog.action("google_sheets-add-single-row"), "worksheetId", {}, auth=AUTH)
    assert result["options"] == []
    assert "choose the spreadsheet (sheetId) first" in result["errors"][0]
    assert not respx_mock.calls


# add-single-row: the dynamic props flow


async def test_add_single_row_with_headers_loads_one_prop_per_column_and_appends(catalog, respx_mock):
    files = respx_mock.get(f"{DRIVE}/files").mock(
        return_value=httpx.Response(200, json={"files": [{"id": SID, "name": "Sales tracker"}]})
    )
    worksheets = mock_worksheets(respx_mock)
    header = respx_mock.get(f"{SHEETS}/spreadsheets/{SID}/values/'Q2%20Sales'!1:1").mock(
        return_value=httpx.Response(200, json=value_range("'Q2 Sales'!A1:Z1", [["Name", "Email", "", " Age "]]))
    )
    append = respx_mock.post(f"{SHEETS}/spreadsheets/{SID}/values/'Q2%20Sales':append").mock(
        return_value=httpx.Response(200, json=append_response("'Q2 Sales'!A1:D4", "'Q2 Sales'!A5:D5", 1, 4))
    )
    action = catalog.action("google_sheets-add-single-row")
    assert [n for n, p in action.props.items() if p.reload_props] == ["sheetId", "worksheetId", "hasHeaders"]

    sheets = await fetch_options(action, "sheetId", {}, auth=AUTH, query="Sales")
    assert sheets["options"] == [{"label": "Sales tracker", "value": SID}]
    assert files.calls.last.request.url.params["q"] == SPREADSHEET_QUERY + " and name contains 'Sales'"

    values = {"sheetId": SID}
    tabs = await fetch_options(action, "worksheetId", values, auth=AUTH)
    assert tabs["options"] == [{"label": "Sheet1", "value": "0"}, {"label": "Q2 Sales", "value": "1638419013"}]
    assert_google_request(
        worksheets.calls.last.request, "GET", f"{SHEETS}/spreadsheets/{SID}", [("fields", "sheets.properties")]
    )

    values.update(worksheetId="1638419013", hasHeaders=True)
    props = await reload_props(action, values, auth=AUTH)
    assert_google_request(header.calls.last.request, "GET", f"{SHEETS}/spreadsheets/{SID}/values/'Q2%20Sales'!1:1")
    dynamic = {name: prop for name, prop in props.items() if name not in action.props}
    assert {name: prop.label for name, prop in dynamic.items()} == {
        "col_0000": "Name",
        "col_0001": "Email",
        "col_0003": "Age",
    }
    assert all(prop.type == "string" and prop.optional for prop in dynamic.values())
    assert "column D" in dynamic["col_0003"].description
    assert "myColumnData" not in props

    # Without the reloaded props the column inputs are not props of the action at all.
    with pytest.raises(ConfigurationError) as info:
        await run_action(action, {**values, "col_0000": "Alice"}, auth=AUTH)
    assert any(p.startswith("col_0000: not a prop") for p in info.value.problems)

    result = await run_action(
        action, {**values, "col_0000": "Alice", "col_0003": "30"}, auth=AUTH, extra_props=props
    )
    assert result.error is None
    request = append.calls.last.request
    assert_google_request(
        request,
        "POST",
        f"{SHEETS}/spreadsheets/{SID}/values/'Q2%20Sales':append",
        [("valueInputOption", "USER_ENTERED")],
    )
    assert body(request) == {"values": [["Alice", "", "", "30"]]}
    assert result.ret == {"spreadsheetId": SID, "tableRange": "'Q2 Sales'!A1:D4", "updatedRange": "'Q2 Sales'!A5:D5",
                          "updatedRows": 1, "updatedColumns": 4, "updatedCells": 4}
    assert result.summary == "Added 1 row to Q2 Sales ('Q2 Sales'!A5:D5)"


async def test_add_single_row_without_headers_takes_a_list_of_values(catalog, respx_mock):
    mock_worksheets(respx_mock)
    append = respx_mock.post(f"{SHEETS}/spreadsheets/{SID}/values/'Sheet1':append").mock(
        return_value=httpx.Response(200, json=append_response("Sheet1!A1:C9", "Sheet1!A10:C10", 1, 3))
    )
    action = catalog.action("google_sheets-add-single-row")
    values = {"sheetId": SID, "worksheetId": "0", "hasHeaders": False}
    props = await reload_props(action, values, auth=AUTH)
    assert set(props) - set(action.props) == {"myColumnData"}
    assert props["myColumnData"].type == "string[]"
    assert props["myColumnData"].required
    assert not respx_mock.calls  # no header row is read

    # The list prop is required once reloaded.
    with pytest.raises(ConfigurationError) as info:
        await run_action(action, values, auth=AUTH, extra_props=props)
    assert any(p.startswith("myColumnData: required") for p in info.value.problems)

    result = await run_action(
        action, {**values, "myColumnData": ["Bob", "=1+1", ""]}, auth=AUTH, extra_props=props
    )
    assert result.error is None
    request = append.calls.last.request
    assert_google_request(
        request, "POST", f"{SHEETS}/spreadsheets/{SID}/values/'Sheet1':append", [("valueInputOption", "USER_ENTERED")]
    )
    assert body(request) == {"values": [["Bob", "=1+1", ""]]}
    assert result.summary == "Added 1 row to Sheet1 (Sheet1!A10:C10)"


async def test_add_single_row_with_an_empty_header_row_falls_back_to_a_list(catalog, respx_mock):
    mock_worksheets(respx_mock)
    respx_mock.get(f"{SHEETS}/spreadsheets/{SID}/values/'Sheet1'!1:1").mock(
        return_value=httpx.Response(200, json=value_range("Sheet1!A1:Z1", None))
    )
    action = catalog.action("google_sheets-add-single-row")
    props = await reload_props(action, {"sheetId": SID, "worksheetId": "Sheet1", "hasHeaders": True}, auth=AUTH)
    extra = {name: prop for name, prop in props.items() if name not in action.props}
    assert set(extra) == {"noHeaders", "myColumnData"}
    assert extra["noHeaders"].type == "alert"
    assert "first row of Sheet1 is empty" in extra["noHeaders"].content


async def test_add_single_row_refuses_an_empty_row(catalog, respx_mock):
    action = catalog.action("google_sheets-add-single-row")
    props = {**action.props, "col_0000": p.string("Name", optional=True)}
    result = await run_action(
        action,
        {"sheetId": SID, "worksheetId": "0", "hasHeaders": True, "col_0000": "  "},
        auth=AUTH,
        extra_props=props,
    )
    assert "every value of the row is empty" in result.error
    assert not respx_mock.calls


# The other actions


async def test_add_multiple_rows_appends_all_rows_in_one_request(catalog, respx_mock):
    worksheets = mock_worksheets(respx_mock)
    append = respx_mock.post(f"{SHEETS}/spreadsheets/{SID}/values/'Q2%20Sales':append").mock(
        return_value=httpx.Response(200, json=append_response("'Q2 Sales'!A1:C4", "'Q2 Sales'!A5:C6", 2, 3))
    )
    result = await run_action(
        catalog.action("google_sheets-add-multiple-rows"),
        {"sheetId": SID, "worksheetId": "1638419013", "rows": '[["Alice", 30, true], ["Bob", null, false]]'},
        auth=AUTH,
    )
    assert result.error is None
    assert worksheets.call_count == 1
    request = append.calls.last.request
    assert_google_request(
        request,
        "POST",
        f"{SHEETS}/spreadsheets/{SID}/values/'Q2%20Sales':append",
        [("valueInputOption", "USER_ENTERED")],
    )
    assert body(request) == {"values": [["Alice", 30, True], ["Bob", "", False]]}
    assert result.ret["updatedRows"] == 2
    assert result.summary == "Added 2 rows to Q2 Sales ('Q2 Sales'!A5:C6)"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("not json", "must be a JSON array of rows"),
        ([], "non-empty array of rows"),
        ([["ok"], "flat"], "row 2 is str"),
        ([[{"a": 1}]], "cells must be text, numbers, booleans or null"),
    ],
)
async def test_add_multiple_rows_rejects_rows_that_are_not_a_grid(catalog, respx_mock, rows, message):
    result = await run_action(
        catalog.action("google_sheets-add-multiple-rows"), {"sheetId": SID, "worksheetId": "0", "rows": rows}, auth=AUTH
    )
    assert message in result.error
    assert not respx_mock.calls


async def test_get_values_in_range_reads_the_cells(catalog, respx_mock):
    mock_worksheets(respx_mock)
    rows = [["Name", "Email", "Age"], ["Alice", "alice@example.com", "30"]]
    route = respx_mock.get(f"{SHEETS}/spreadsheets/{SID}/values/'Sheet1'!A1:C3").mock(
        return_value=httpx.Response(200, json=value_range("Sheet1!A1:C3", rows))
    )
    result = await run_action(
        catalog.action("google_sheets-get-values-in-range"),
        {"sheetId": SID, "worksheetId": "0", "range": "a1:c3"},
        auth=AUTH,
    )
    assert result.error is None
    assert_google_request(route.calls.last.request, "GET", f"{SHEETS}/spreadsheets/{SID}/values/'Sheet1'!A1:C3")
    assert result.ret == {"range": "Sheet1!A1:C3", "majorDimension": "ROWS", "values": rows}
    assert result.summary == "Retrieved 2 rows from Sheet1!A1:C3"


async def test_get_values_in_range_without_a_range_reads_the_whole_sheet(catalog, respx_mock):
    mock_worksheets(respx_mock)
    route = respx_mock.get(f"{SHEETS}/spreadsheets/{SID}/values/'Q2%20Sales'").mock(
        return_value=httpx.Response(200, json=value_range("'Q2 Sales'!A1:Z200", None))
    )
    result = await run_action(
        catalog.action("google_sheets-get-values-in-range"), {"sheetId": SID, "worksheetId": "Q2 Sales"}, auth=AUTH
    )
    assert route.call_count == 1
    assert result.ret["values"] == []
    assert result.summary == "Retrieved 0 rows from 'Q2 Sales'!A1:Z200"


@pytest.mark.parametrize(("cells", "message"), [("Sheet1!A1:B2", "names a sheet"), ("A1:B2;", "is not A1 notation")])
async def test_get_values_in_range_rejects_bad_ranges(catalog, respx_mock, cells, message):
    result = await run_action(
        catalog.action("google_sheets-get-values-in-range"),
        {"sheetId": SID, "worksheetId": "0", "range": cells},
        auth=AUTH,
    )
    assert message in result.error
    assert not respx_mock.calls


async def test_unknown_worksheet_lists_the_real_ones(catalog, respx_mock):
    mock_worksheets(respx_mock)
    result = await run_action(
        catalog.action("google_sheets-get-values-in-range"), {"sheetId": SID, "worksheetId": "42"}, auth=AUTH
    )
    assert "no worksheet '42'" in result.error
    assert "0 (Sheet1), 1638419013 (Q2 Sales)" in result.error


async def test_update_cell_puts_one_value(catalog, respx_mock):
    mock_worksheets(respx_mock)
    response = {"spreadsheetId": SID, "updatedRange": "Sheet1!B2", "updatedRows": 1, "updatedColumns": 1, "updatedCells": 1}
    route = respx_mock.put(f"{SHEETS}/spreadsheets/{SID}/values/'Sheet1'!B2").mock(
        return_value=httpx.Response(200, json=response)
    )
    result = await run_action(
        catalog.action("google_sheets-update-cell"),
        {"sheetId": SID, "worksheetId": "Sheet1", "cell": "b2", "value": "=SUM(A1:A3)"},
        auth=AUTH,
    )
    assert result.error is None
    request = route.calls.last.request
    assert_google_request(
        request, "PUT", f"{SHEETS}/spreadsheets/{SID}/values/'Sheet1'!B2", [("valueInputOption", "USER_ENTERED")]
    )
    assert body(request) == {"values": [["=SUM(A1:A3)"]]}
    assert result.ret == response
    assert result.summary == "Updated cell Sheet1!B2"


async def test_update_cell_rejects_a_range(catalog, respx_mock):
    result = await run_action(
        catalog.action("google_sheets-update-cell"),
        {"sheetId": SID, "worksheetId": "0", "cell": "A1:B2", "value": "x"},
        auth=AUTH,
    )
    assert "must be one cell in A1 notation" in result.error
    assert not respx_mock.calls


async def test_clear_rows_clears_whole_rows(catalog, respx_mock):
    mock_worksheets(respx_mock)
    route = respx_mock.post(f"{SHEETS}/spreadsheets/{SID}/values/'Q2%20Sales'!2:4:clear").mock(
        return_value=httpx.Response(200, json={"spreadsheetId": SID, "clearedRange": "'Q2 Sales'!A2:H4"})
    )
    result = await run_action(
        catalog.action("google_sheets-clear-rows"),
        {"sheetId": SID, "worksheetId": "1638419013", "startRow": 2, "endRow": 4},
        auth=AUTH,
    )
    assert result.error is None
    request = route.calls.last.request
    assert_google_request(request, "POST", f"{SHEETS}/spreadsheets/{SID}/values/'Q2%20Sales'!2:4:clear")
    assert body(request) == {}
    assert result.ret == {"spreadsheetId": SID, "clearedRange": "'Q2 Sales'!A2:H4"}
    assert result.summary == "Cleared 3 rows ('Q2 Sales'!A2:H4)"


async def test_clear_rows_refuses_an_end_before_the_start(catalog, respx_mock):
    result = await run_action(
        catalog.action("google_sheets-clear-rows"),
        {"sheetId": SID, "worksheetId": "0", "startRow": 5, "endRow": 3},
        auth=AUTH,
    )
    assert "endRow (3) is before startRow (5)" in result.error
    assert not respx_mock.calls


async def test_clear_rows_rejects_row_zero_before_running(catalog, respx_mock):
    with pytest.raises(ConfigurationError) as info:
        await run_action(
            catalog.action("google_sheets-clear-rows"), {"sheetId": SID, "worksheetId": "0", "startRow": 0}, auth=AUTH
        )
    assert any(p.startswith("startRow:") for p in info.value.problems)


async def test_list_worksheets_returns_their_properties(catalog, respx_mock):
    route = respx_mock.get(f"{SHEETS}/spreadsheets/{SID}").mock(
        return_value=httpx.Response(200, json={"properties": {"title": "Sales tracker"}, **WORKSHEETS})
    )
    result = await run_action(catalog.action("google_sheets-list-worksheets"), {"sheetId": SID}, auth=AUTH)
    assert result.error is None
    assert_google_request(
        route.calls.last.request,
        "GET",
        f"{SHEETS}/spreadsheets/{SID}",
        [("fields", "properties.title,sheets.properties")],
    )
    assert result.ret == {"title": "Sales tracker", "worksheets": [
        {"sheetId": 0, "title": "Sheet1", "index": 0, "sheetType": "GRID", "rowCount": 1000, "columnCount": 26},
        {"sheetId": 1638419013, "title": "Q2 Sales", "index": 1, "sheetType": "GRID", "rowCount": 200, "columnCount": 8},
    ]}
    assert result.summary == "Found 2 worksheets in Sales tracker"


async def test_create_spreadsheet_with_named_worksheets(catalog, respx_mock):
    created = {
        "spreadsheetId": SID,
        "properties": {
            "title": "2024 Budget",
            "locale": "en_US",
            "autoRecalc": "ON_CHANGE",
            "timeZone": "Etc/GMT",
            "defaultFormat": {"verticalAlignment": "BOTTOM", "wrapStrategy": "OVERFLOW_CELL"},
        },
        "sheets": [sheet(0, "Income", 0), sheet(477126203, "Expenses", 1)],
        "spreadsheetUrl": f"https://docs.google.com/spreadsheets/d/{SID}/edit",
    }
    route = respx_mock.post(f"{SHEETS}/spreadsheets").mock(return_value=httpx.Response(200, json=created))
    result = await run_action(
        catalog.action("google_sheets-create-spreadsheet"),
        {"title": "2024 Budget", "worksheetTitles": ["Income", "Expenses", " "]},
        auth=AUTH,
    )
    assert result.error is None
    request = route.calls.last.request
    assert_google_request(request, "POST", f"{SHEETS}/spreadsheets")
    assert body(request) == {
        "properties": {"title": "2024 Budget"},
        "sheets": [{"properties": {"title": "Income"}}, {"properties": {"title": "Expenses"}}],
    }
    assert result.ret == {
        "spreadsheetId": SID,
        "spreadsheetUrl": f"https://docs.google.com/spreadsheets/d/{SID}/edit",
        "title": "2024 Budget",
        "locale": "en_US",
        "timeZone": "Etc/GMT",
        "worksheets": [
            {"sheetId": 0, "title": "Income", "index": 0, "sheetType": "GRID", "rowCount": 1000, "columnCount": 26},
            {"sheetId": 477126203, "title": "Expenses", "index": 1, "sheetType": "GRID", "rowCount": 1000,
             "columnCount": 26},
        ],
    }
    assert result.summary == "Created spreadsheet 2024 Budget"


async def test_find_row_searches_a_column_then_reads_the_matching_rows(catalog, respx_mock):
    mock_worksheets(respx_mock)
    column = respx_mock.get(f"{SHEETS}/spreadsheets/{SID}/values/'Sheet1'!B:B").mock(
        return_value=httpx.Response(
            200,
            json=value_range(
                "Sheet1!B1:B1000",
                [["Email"], ["alice@example.com"], [], ["bob@example.com"], ["alice@example.com"]],
            ),
        )
    )
    rows = respx_mock.get(f"{SHEETS}/spreadsheets/{SID}/values:batchGet").mock(
        return_value=httpx.Response(
            200,
            json={
                "spreadsheetId": SID,
                "valueRanges": [
                    value_range("Sheet1!A2:Z2", [["Alice", "alice@example.com", "30"]]),
                    value_range("Sheet1!A5:Z5", [["Alice B.", "alice@example.com"]]),
                ],
            },
        )
    )
    result = await run_action(
        catalog.action("google_sheets-find-row"),
        {"sheetId": SID, "worksheetId": "0", "column": "b", "value": "alice@example.com"},
        auth=AUTH,
    )
    assert result.error is None
    assert_google_request(column.calls.last.request, "GET", f"{SHEETS}/spreadsheets/{SID}/values/'Sheet1'!B:B")
    assert_google_request(
        rows.calls.last.request,
        "GET",
        f"{SHEETS}/spreadsheets/{SID}/values:batchGet",
        [("ranges", "'Sheet1'!2:2"), ("ranges", "'Sheet1'!5:5")],
    )
    assert result.ret == {
        "matches": [
            {"row": 2, "values": ["Alice", "alice@example.com", "30"]},
            {"row": 5, "values": ["Alice B.", "alice@example.com"]},
        ],
        "total": 2,
    }
    assert result.summary == "Found 2 matching rows in column B of Sheet1"


async def test_find_row_partial_match_ignores_case_and_caps_results(catalog, respx_mock):
    mock_worksheets(respx_mock)
    respx_mock.get(f"{SHEETS}/spreadsheets/{SID}/values/'Sheet1'!A:A").mock(
        return_value=httpx.Response(200, json=value_range("Sheet1!A1:A1000", [["Name"], ["ALICE"], ["Malice"], ["Bob"]]))
    )
    rows = respx_mock.get(f"{SHEETS}/spreadsheets/{SID}/values:batchGet").mock(
        return_value=httpx.Response(
            200, json={"spreadsheetId": SID, "valueRanges": [value_range("Sheet1!A2:Z2", [["ALICE", "1"]])]}
        )
    )
    result = await run_action(
        catalog.action("google_sheets-find-row"),
        {"sheetId": SID, "worksheetId": "0", "column": "A", "value": "alice", "exactMatch": False, "maxResults": 1},
        auth=AUTH,
    )
    assert result.error is None
    assert list(rows.calls.last.request.url.params.multi_items()) == [("ranges", "'Sheet1'!2:2")]
    assert result.ret == {"matches": [{"row": 2, "values": ["ALICE", "1"]}], "total": 2}
    assert result.summary == "Found 2 matching rows in column A of Sheet1 (showing 1)"


async def test_find_row_without_matches_reads_no_rows(catalog, respx_mock):
    mock_worksheets(respx_mock)
    respx_mock.get(f"{SHEETS}/spreadsheets/{SID}/values/'Sheet1'!A:A").mock(
        return_value=httpx.Response(200, json=value_range("Sheet1!A1:A1000", [["Name"], ["Bob"]]))
    )
    result = await run_action(
        catalog.action("google_sheets-find-row"),
        {"sheetId": SID, "worksheetId": "0", "column": "A", "value": "Alice"},
        auth=AUTH,
    )
    assert result.ret == {"matches": [], "total": 0}
    assert len(respx_mock.calls) == 2  # the worksheets and the column, no batchGet


# Errors


async def test_unauthorized_refreshes_and_retries_with_the_new_token(catalog, respx_mock):
    route = respx_mock.get(f"{SHEETS}/spreadsheets/{SID}").mock(
        side_effect=[
            httpx.Response(
                401,
                json={
                    "error": {
                        "code": 401,
                        "message": "Request had invalid authentication credentials. Expected OAuth 2 access token.",
                        "status": "UNAUTHENTICATED",
                    }
                },
            ),
            httpx.Response(200, json={"properties": {"title": "Sales tracker"}, **WORKSHEETS}),
        ]
    )
    refreshed = []

    async def refresh():
        refreshed.append(True)
        return {"Authorization": "Bearer ya29.fresh"}

    result = await run_action(
        catalog.action("google_sheets-list-worksheets"), {"sheetId": SID}, auth=AUTH, on_unauthorized=refresh
    )
    assert result.error is None
    assert refreshed == [True]
    assert [c.request.headers["authorization"] for c in route.calls] == ["Bearer ya29.test", "Bearer ya29.fresh"]
    assert result.ret["title"] == "Sales tracker"


async def test_rate_limit_reports_when_to_retry(catalog, respx_mock):
    mock_worksheets(respx_mock)
    respx_mock.get(f"{SHEETS}/spreadsheets/{SID}/values/'Sheet1'").mock(
        return_value=httpx.Response(
            429,
            headers={"Retry-After": "30"},
            json={
                "error": {
                    "code": 429,
                    "message": "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user'.",
                    "status": "RESOURCE_EXHAUSTED",
                }
            },
        )
    )
    result = await run_action(
        catalog.action("google_sheets-get-values-in-range"), {"sheetId": SID, "worksheetId": "0"}, auth=AUTH
    )
    assert result.ret is None
    assert "429" in result.error
    assert "retry after 30 s" in result.error
    assert "Quota exceeded" in result.error


# Spreadsheets


async def test_get_spreadsheet_by_id_accepts_the_url(catalog, respx_mock):
    data = {
        "spreadsheetId": SID,
        "properties": {"title": "Sales tracker", "locale": "en_US", "timeZone": "America/New_York"},
        "sheets": WORKSHEETS["sheets"],
        "spreadsheetUrl": f"https://docs.google.com/spreadsheets/d/{SID}/edit",
    }
    route = respx_mock.get(f"{SHEETS}/spreadsheets/{SID}").mock(return_value=httpx.Response(200, json=data))
    action = catalog.action("google_sheets-get-spreadsheet-by-id")
    result = await run_action(action, {"sheetId": f"https://docs.google.com/spreadsheets/d/{SID}/edit#gid=0"}, auth=AUTH)
    assert result.error is None
    assert_google_request(route.calls.last.request, "GET", f"{SHEETS}/spreadsheets/{SID}", [
        ("fields", "spreadsheetId,spreadsheetUrl,properties(title,locale,timeZone),sheets.properties")])
    assert result.ret == {
        "spreadsheetId": SID,
        "spreadsheetUrl": f"https://docs.google.com/spreadsheets/d/{SID}/edit",
        "title": "Sales tracker",
        "locale": "en_US",
        "timeZone": "America/New_York",
        "worksheets": [
            {"sheetId": 0, "title": "Sheet1", "index": 0, "sheetType": "GRID", "rowCount": 1000, "columnCount": 26},
            {"sheetId": 1638419013, "title": "Q2 Sales", "index": 1, "sheetType": "GRID", "rowCount": 200,
             "columnCount": 8},
        ],
    }
    assert result.summary == "Read spreadsheet Sales tracker (2 worksheets)"
    whole = await run_action(action, {"sheetId": SID, "fullResponse": True}, auth=AUTH)
    assert whole.ret == data


LIST_FIELDS = "nextPageToken,files(id,name,createdTime,modifiedTime,webViewLink,owners(displayName,emailAddress))"


def drive_sheet(file_id, name):
    return {
        "kind": "drive#file", "id": file_id, "name": name, "mimeType": "application/vnd.google-apps.spreadsheet",
        "createdTime": "2024-01-02T10:00:00.000Z", "modifiedTime": "2024-06-01T12:30:00.000Z",
        "webViewLink": f"https://docs.google.com/spreadsheets/d/{file_id}/edit?usp=drivesdk",
        "owners": [{"kind": "drive#user", "displayName": "Grace Hopper", "emailAddress": "grace@example.com"}],
    }


async def test_list_spreadsheets_pages_through_drive_with_the_cursor(catalog, respx_mock):
    route = respx_mock.get(f"{DRIVE}/files").mock(side_effect=[
        httpx.Response(200, json={"kind": "drive#fileList", "nextPageToken": "t2", "files": [drive_sheet(SID, "Budget")]}),
        httpx.Response(200, json={"kind": "drive#fileList", "nextPageToken": "t3", "files": [drive_sheet("1b", "Budget 2")]}),
    ])
    action = catalog.action("google_sheets-list-spreadsheets")
    first = await run_action(action, {"nameContains": "Budget", "drive": SHARED_DRIVE, "limit": 2}, auth=AUTH)
    assert first.error is None
    query = [
        ("q", SPREADSHEET_QUERY + " and name contains 'Budget'"), ("fields", LIST_FIELDS),
        ("orderBy", "modifiedTime desc"), ("driveId", SHARED_DRIVE), ("corpora", "drive"),
        ("includeItemsFromAllDrives", "true"), ("supportsAllDrives", "true"),
    ]
    assert_google_request(route.calls[0].request, "GET", f"{DRIVE}/files", query + [("pageSize", "2")])
    assert_google_request(route.calls[1].request, "GET", f"{DRIVE}/files", query + [("pageSize", "1"), ("pageToken", "t2")])
    assert first.ret == {
        "spreadsheets": [
            {"id": SID, "name": "Budget", "modifiedTime": "2024-06-01T12:30:00.000Z",
             "createdTime": "2024-01-02T10:00:00.000Z",
             "webViewLink": f"https://docs.google.com/spreadsheets/d/{SID}/edit?usp=drivesdk",
             "owners": ["grace@example.com"]},
            {"id": "1b", "name": "Budget 2", "modifiedTime": "2024-06-01T12:30:00.000Z",
             "createdTime": "2024-01-02T10:00:00.000Z",
             "webViewLink": "https://docs.google.com/spreadsheets/d/1b/edit?usp=drivesdk",
             "owners": ["grace@example.com"]},
        ],
        "next_cursor": "t3",
    }
    assert first.summary == "Found 2 spreadsheets"
    route.side_effect = [httpx.Response(200, json={"files": []})]
    later = await run_action(action, {"cursor": "t3"}, auth=AUTH)
    assert_google_request(route.calls[2].request, "GET", f"{DRIVE}/files", [
        ("q", SPREADSHEET_QUERY), ("fields", LIST_FIELDS), ("orderBy", "modifiedTime desc"), ("pageSize", "25"),
        ("pageToken", "t3")])
    assert later.ret == {"spreadsheets": [], "next_cursor": None}


# Worksheets


def batch_reply(*replies):
    return {"spreadsheetId": SID, "replies": list(replies) or [{}]}


async def test_create_worksheet(catalog, respx_mock):
    added = sheet(925113384, "Q3 Sales", 2, rows=100, columns=10)
    route = respx_mock.post(f"{SHEETS}/spreadsheets/{SID}:batchUpdate").mock(
        return_value=httpx.Response(200, json=batch_reply({"addSheet": added})))
    result = await run_action(catalog.action("google_sheets-create-worksheet"), {
        "sheetId": SID, "title": "Q3 Sales", "index": 2, "rowCount": 100, "columnCount": 10}, auth=AUTH)
    assert result.error is None
    assert_google_request(route.calls.last.request, "POST", f"{SHEETS}/spreadsheets/{SID}:batchUpdate")
    assert body(route.calls.last.request) == {"requests": [{"addSheet": {"properties": {
        "title": "Q3 Sales", "index": 2, "gridProperties": {"rowCount": 100, "columnCount": 10}}}}]}
    assert result.ret == {"sheetId": 925113384, "title": "Q3 Sales", "index": 2, "sheetType": "GRID",
                          "rowCount": 100, "columnCount": 10}
    assert result.summary == "Created worksheet Q3 Sales (sheet ID 925113384)"


async def test_delete_worksheet_by_title(catalog, respx_mock):
    mock_worksheets(respx_mock)
    route = respx_mock.post(f"{SHEETS}/spreadsheets/{SID}:batchUpdate").mock(
        return_value=httpx.Response(200, json=batch_reply()))
    result = await run_action(catalog.action("google_sheets-delete-worksheet"), {
        "sheetId": SID, "worksheetId": "Q2 Sales"}, auth=AUTH)
    assert result.error is None
    assert body(route.calls.last.request) == {"requests": [{"deleteSheet": {"sheetId": 1638419013}}]}
    assert result.ret == {"deleted": True, "sheetId": 1638419013, "title": "Q2 Sales"}
    assert result.summary == "Deleted worksheet Q2 Sales (sheet ID 1638419013)"


async def test_rename_worksheet(catalog, respx_mock):
    mock_worksheets(respx_mock)
    route = respx_mock.post(f"{SHEETS}/spreadsheets/{SID}:batchUpdate").mock(
        return_value=httpx.Response(200, json=batch_reply()))
    result = await run_action(catalog.action("google_sheets-rename-worksheet"), {
        "sheetId": SID, "worksheetId": "0", "newTitle": "Contacts"}, auth=AUTH)
    assert result.error is None
    assert_google_request(route.calls.last.request, "POST", f"{SHEETS}/spreadsheets/{SID}:batchUpdate")
    assert body(route.calls.last.request) == {"requests": [{"updateSheetProperties": {
        "properties": {"sheetId": 0, "title": "Contacts"}, "fields": "title"}}]}
    assert result.ret == {"sheetId": 0, "oldTitle": "Sheet1", "title": "Contacts"}
    assert result.summary == "Renamed worksheet Sheet1 to Contacts"


async def test_copy_worksheet_to_another_spreadsheet(catalog, respx_mock):
    mock_worksheets(respx_mock)
    other = "1OtherSpreadsheet0000000000000000000000000"
    route = respx_mock.post(f"{SHEETS}/spreadsheets/{SID}/sheets/1638419013:copyTo").mock(
        return_value=httpx.Response(200, json={"sheetId": 31337, "title": "Copy of Q2 Sales", "index": 3,
                                               "sheetType": "GRID", "gridProperties": {"rowCount": 200, "columnCount": 8}}))
    result = await run_action(catalog.action("google_sheets-copy-worksheet"), {
        "sheetId": SID, "worksheetId": "1638419013",
        "destinationSheetId": f"https://docs.google.com/spreadsheets/d/{other}/edit"}, auth=AUTH)
    assert result.error is None
    assert_google_request(route.calls.last.request, "POST", f"{SHEETS}/spreadsheets/{SID}/sheets/1638419013:copyTo")
    assert body(route.calls.last.request) == {"destinationSpreadsheetId": other}
    assert result.ret == {"sheetId": 31337, "title": "Copy of Q2 Sales", "index": 3, "sheetType": "GRID",
                          "rowCount": 200, "columnCount": 8}
    assert result.summary == f"Copied worksheet Q2 Sales to {other} as Copy of Q2 Sales"


async def test_destination_spreadsheet_options_list_spreadsheets(catalog, respx_mock):
    respx_mock.get(f"{DRIVE}/files").mock(return_value=httpx.Response(200, json={"files": [{"id": SID, "name": "Budget"}]}))
    result = await fetch_options(catalog.action("google_sheets-copy-worksheet"), "destinationSheetId", {}, auth=AUTH)
    assert result["options"] == [{"label": "Budget", "value": SID}]


# Reading


async def test_get_cell_reads_one_value_unformatted(catalog, respx_mock):
    mock_worksheets(respx_mock)
    route = respx_mock.get(f"{SHEETS}/spreadsheets/{SID}/values/'Sheet1'!C2").mock(
        return_value=httpx.Response(200, json=value_range("Sheet1!C2", [[1200]])))
    result = await run_action(catalog.action("google_sheets-get-cell"), {
        "sheetId": SID, "worksheetId": "0", "cell": "c2", "valueRenderOption": "UNFORMATTED_VALUE"}, auth=AUTH)
    assert result.error is None
    assert_google_request(route.calls.last.request, "GET", f"{SHEETS}/spreadsheets/{SID}/values/'Sheet1'!C2",
                          [("valueRenderOption", "UNFORMATTED_VALUE")])
    assert result.ret == {"range": "Sheet1!C2", "value": 1200}
    assert result.summary == "Read Sheet1!C2: 1200"


async def test_get_cell_of_an_empty_cell_is_null(catalog, respx_mock):
    mock_worksheets(respx_mock)
    respx_mock.get(f"{SHEETS}/spreadsheets/{SID}/values/'Sheet1'!Z9").mock(
        return_value=httpx.Response(200, json=value_range("Sheet1!Z9", None)))
    result = await run_action(catalog.action("google_sheets-get-cell"), {"sheetId": SID, "worksheetId": "0", "cell": "Z9"},
                              auth=AUTH)
    assert result.ret == {"range": "Sheet1!Z9", "value": None}
    assert result.summary == "Read Sheet1!Z9: empty"


async def test_batch_get_values_reads_ranges_in_order(catalog, respx_mock):
    route = respx_mock.get(f"{SHEETS}/spreadsheets/{SID}/values:batchGet").mock(return_value=httpx.Response(200, json={
        "spreadsheetId": SID,
        "valueRanges": [value_range("Sheet1!A1:C1", [["Name", "Email", "Age"]]), value_range("'Q2 Sales'!B2:B3", None)],
    }))
    result = await run_action(catalog.action("google_sheets-batch-get-values"), {
        "sheetId": SID, "ranges": ["Sheet1!A1:C1", "'Q2 Sales'!B2:B3", " "], "valueRenderOption": "FORMULA"}, auth=AUTH)
    assert result.error is None
    assert_google_request(route.calls.last.request, "GET", f"{SHEETS}/spreadsheets/{SID}/values:batchGet", [
        ("ranges", "Sheet1!A1:C1"), ("ranges", "'Q2 Sales'!B2:B3"), ("valueRenderOption", "FORMULA")])
    assert result.ret == {"valueRanges": [
        {"range": "Sheet1!A1:C1", "majorDimension": "ROWS", "values": [["Name", "Email", "Age"]]},
        {"range": "'Q2 Sales'!B2:B3", "majorDimension": "ROWS", "values": []},
    ]}
    assert result.summary == "Read 2 ranges"


# Writing


def update_response(a1, rows, columns):
    return {"spreadsheetId": SID, "updatedRange": a1, "updatedRows": rows, "updatedColumns": columns,
            "updatedCells": rows * columns}


async def test_update_row_writes_from_column_a(catalog, respx_mock):
    mock_worksheets(respx_mock)
    route = respx_mock.put(f"{SHEETS}/spreadsheets/{SID}/values/'Q2%20Sales'!A5:C5").mock(
        return_value=httpx.Response(200, json=update_response("'Q2 Sales'!A5:C5", 1, 3)))
    result = await run_action(catalog.action("google_sheets-update-row"), {
        "sheetId": SID, "worksheetId": "1638419013", "row": 5, "values": '["Alice", null, 31]'}, auth=AUTH)
    assert result.error is None
    assert_google_request(route.calls.last.request, "PUT", f"{SHEETS}/spreadsheets/{SID}/values/'Q2%20Sales'!A5:C5",
                          [("valueInputOption", "USER_ENTERED")])
    assert body(route.calls.last.request) == {"values": [["Alice", None, 31]]}
    assert result.ret == update_response("'Q2 Sales'!A5:C5", 1, 3)
    assert result.summary == "Updated row 5 ('Q2 Sales'!A5:C5)"


async def test_update_multiple_rows_writes_a_block(catalog, respx_mock):
    mock_worksheets(respx_mock)
    route = respx_mock.put(f"{SHEETS}/spreadsheets/{SID}/values/'Sheet1'!A2:C3").mock(
        return_value=httpx.Response(200, json=update_response("Sheet1!A2:C3", 2, 3)))
    result = await run_action(catalog.action("google_sheets-update-multiple-rows"), {
        "sheetId": SID, "worksheetId": "0", "startRow": 2, "rows": [["Alice", 30, "x"], ["Bob", 25]]}, auth=AUTH)
    assert result.error is None
    assert_google_request(route.calls.last.request, "PUT", f"{SHEETS}/spreadsheets/{SID}/values/'Sheet1'!A2:C3",
                          [("valueInputOption", "USER_ENTERED")])
    assert body(route.calls.last.request) == {"values": [["Alice", 30, "x"], ["Bob", 25]]}
    assert result.summary == "Updated 2 rows (Sheet1!A2:C3)"


async def test_batch_update_values_writes_several_ranges(catalog, respx_mock):
    route = respx_mock.post(f"{SHEETS}/spreadsheets/{SID}/values:batchUpdate").mock(return_value=httpx.Response(200, json={
        "spreadsheetId": SID, "totalUpdatedRows": 2, "totalUpdatedColumns": 3, "totalUpdatedCells": 4,
        "totalUpdatedSheets": 2,
        "responses": [update_response("Sheet1!A2:C2", 1, 3), update_response("'Q2 Sales'!F1", 1, 1)],
    }))
    result = await run_action(catalog.action("google_sheets-batch-update-values"), {
        "sheetId": SID,
        "data": [{"range": "Sheet1!A2:C2", "values": [["Alice", "alice@example.com", 31]]},
                 {"range": "'Q2 Sales'!F1", "values": [["=SUM(F2:F50)"]]}],
    }, auth=AUTH)
    assert result.error is None
    assert_google_request(route.calls.last.request, "POST", f"{SHEETS}/spreadsheets/{SID}/values:batchUpdate")
    assert body(route.calls.last.request) == {"valueInputOption": "USER_ENTERED", "data": [
        {"range": "Sheet1!A2:C2", "values": [["Alice", "alice@example.com", 31]]},
        {"range": "'Q2 Sales'!F1", "values": [["=SUM(F2:F50)"]]},
    ]}
    assert result.ret == {"spreadsheetId": SID, "totalUpdatedRows": 2, "totalUpdatedColumns": 3, "totalUpdatedCells": 4,
                          "totalUpdatedSheets": 2, "updatedRanges": ["Sheet1!A2:C2", "'Q2 Sales'!F1"]}
    assert result.summary == "Updated 4 cells in 2 ranges"


async def test_batch_update_values_rejects_items_without_a_range(catalog, respx_mock):
    result = await run_action(catalog.action("google_sheets-batch-update-values"), {
        "sheetId": SID, "data": [{"values": [["x"]]}]}, auth=AUTH)
    assert "data item 1 must be an object with a `range`" in result.error
    assert not respx_mock.calls


async def test_upsert_row_updates_the_matching_row(catalog, respx_mock):
    mock_worksheets(respx_mock)
    respx_mock.get(f"{SHEETS}/spreadsheets/{SID}/values/'Sheet1'!B:B").mock(return_value=httpx.Response(200, json=value_range(
        "Sheet1!B1:B1000", [["Email"], ["bob@example.com"], ["alice@example.com"]])))
    put = respx_mock.put(f"{SHEETS}/spreadsheets/{SID}/values/'Sheet1'!A3:C3").mock(
        return_value=httpx.Response(200, json=update_response("Sheet1!A3:C3", 1, 3)))
    result = await run_action(catalog.action("google_sheets-upsert-row"), {
        "sheetId": SID, "worksheetId": "0", "column": "B", "value": "alice@example.com",
        "values": ["Alice", "", 31]}, auth=AUTH)
    assert result.error is None
    assert_google_request(put.calls.last.request, "PUT", f"{SHEETS}/spreadsheets/{SID}/values/'Sheet1'!A3:C3",
                          [("valueInputOption", "USER_ENTERED")])
    assert body(put.calls.last.request) == {"values": [["Alice", "alice@example.com", 31]]}
    assert result.ret == {"action": "updated", "row": 3, "updatedRange": "Sheet1!A3:C3"}
    assert result.summary == "Updated row 3, where column B is 'alice@example.com' (Sheet1!A3:C3)"


async def test_upsert_row_appends_when_nothing_matches(catalog, respx_mock):
    mock_worksheets(respx_mock)
    respx_mock.get(f"{SHEETS}/spreadsheets/{SID}/values/'Sheet1'!C:C").mock(return_value=httpx.Response(200, json=value_range(
        "Sheet1!C1:C1000", [["Email"], ["bob@example.com"]])))
    append = respx_mock.post(f"{SHEETS}/spreadsheets/{SID}/values/'Sheet1':append").mock(
        return_value=httpx.Response(200, json=append_response("Sheet1!A1:C2", "Sheet1!A3:C3", 1, 3)))
    result = await run_action(catalog.action("google_sheets-upsert-row"), {
        "sheetId": SID, "worksheetId": "0", "column": "C", "value": "carol@example.com", "values": ["Carol"]}, auth=AUTH)
    assert result.error is None
    assert_google_request(append.calls.last.request, "POST", f"{SHEETS}/spreadsheets/{SID}/values/'Sheet1':append",
                          [("valueInputOption", "USER_ENTERED")])
    assert body(append.calls.last.request) == {"values": [["Carol", "", "carol@example.com"]]}
    assert result.ret == {"action": "added", "updatedRange": "Sheet1!A3:C3"}


# Clearing and deleting


async def test_clear_range_clears_several_blocks(catalog, respx_mock):
    mock_worksheets(respx_mock)
    route = respx_mock.post(f"{SHEETS}/spreadsheets/{SID}/values:batchClear").mock(return_value=httpx.Response(200, json={
        "spreadsheetId": SID, "clearedRanges": ["'Q2 Sales'!B2:D10", "'Q2 Sales'!F1"]}))
    result = await run_action(catalog.action("google_sheets-clear-range"), {
        "sheetId": SID, "worksheetId": "Q2 Sales", "ranges": ["b2:d10", "F1"]}, auth=AUTH)
    assert result.error is None
    assert_google_request(route.calls.last.request, "POST", f"{SHEETS}/spreadsheets/{SID}/values:batchClear")
    assert body(route.calls.last.request) == {"ranges": ["'Q2 Sales'!B2:D10", "'Q2 Sales'!F1"]}
    assert result.summary == "Cleared 2 ranges ('Q2 Sales'!B2:D10, 'Q2 Sales'!F1)"


async def test_delete_rows_removes_the_dimension(catalog, respx_mock):
    mock_worksheets(respx_mock)
    route = respx_mock.post(f"{SHEETS}/spreadsheets/{SID}:batchUpdate").mock(
        return_value=httpx.Response(200, json=batch_reply()))
    result = await run_action(catalog.action("google_sheets-delete-rows"), {
        "sheetId": SID, "worksheetId": "1638419013", "startRow": 3, "endRow": 5}, auth=AUTH)
    assert result.error is None
    assert_google_request(route.calls.last.request, "POST", f"{SHEETS}/spreadsheets/{SID}:batchUpdate")
    assert body(route.calls.last.request) == {"requests": [{"deleteDimension": {"range": {
        "sheetId": 1638419013, "dimension": "ROWS", "startIndex": 2, "endIndex": 5}}}]}
    assert result.summary == "Deleted rows 3-5 (3 rows) of Q2 Sales"


async def test_delete_rows_refuses_an_end_before_the_start(catalog, respx_mock):
    result = await run_action(catalog.action("google_sheets-delete-rows"), {
        "sheetId": SID, "worksheetId": "0", "startRow": 4, "endRow": 2}, auth=AUTH)
    assert "endRow (2) is before startRow (4)" in result.error
    assert not respx_mock.calls


# Formatting


async def test_format_cells_repeats_the_format_over_the_range(catalog, respx_mock):
    mock_worksheets(respx_mock)
    route = respx_mock.post(f"{SHEETS}/spreadsheets/{SID}:batchUpdate").mock(
        return_value=httpx.Response(200, json=batch_reply()))
    result = await run_action(catalog.action("google_sheets-format-cells"), {
        "sheetId": SID, "worksheetId": "1638419013", "range": "a1:f1", "bold": True, "backgroundColor": "#FFF2CC",
        "horizontalAlignment": "CENTER", "numberFormatType": "CURRENCY", "numberFormatPattern": "$#,##0.00"}, auth=AUTH)
    assert result.error is None
    assert_google_request(route.calls.last.request, "POST", f"{SHEETS}/spreadsheets/{SID}:batchUpdate")
    assert body(route.calls.last.request) == {"requests": [{"repeatCell": {
        "range": {"sheetId": 1638419013, "startRowIndex": 0, "endRowIndex": 1, "startColumnIndex": 0,
                  "endColumnIndex": 6},
        "cell": {"userEnteredFormat": {
            "textFormat": {"bold": True},
            "backgroundColor": {"red": 1.0, "green": 242 / 255, "blue": 204 / 255},
            "horizontalAlignment": "CENTER",
            "numberFormat": {"type": "CURRENCY", "pattern": "$#,##0.00"},
        }},
        "fields": "userEnteredFormat.textFormat.bold,userEnteredFormat.backgroundColor,"
                  "userEnteredFormat.horizontalAlignment,userEnteredFormat.numberFormat",
    }}]}
    assert result.summary == "Formatted A1:F1 on Q2 Sales (4 settings)"


@pytest.mark.parametrize(("values", "message"), [
    ({}, "no formatting given"),
    ({"textColor": "blue"}, "must be a hex color"),
    ({"numberFormatPattern": "0.0%"}, "needs numberFormatType too"),
])
async def test_format_cells_checks_its_options_before_sending(catalog, respx_mock, values, message):
    result = await run_action(catalog.action("google_sheets-format-cells"), {
        "sheetId": SID, "worksheetId": "0", "range": "A1", **values}, auth=AUTH)
    assert message in result.error
    assert not respx_mock.calls


async def test_a_missing_spreadsheet_says_where_ids_come_from(catalog, respx_mock):
    respx_mock.get(f"{SHEETS}/spreadsheets/nope").mock(return_value=httpx.Response(404, json={
        "error": {"code": 404, "message": "Requested entity was not found.", "status": "NOT_FOUND"}}))
    result = await run_action(catalog.action("google_sheets-get-spreadsheet-by-id"), {"sheetId": "nope"}, auth=AUTH)
    assert "Google Sheets API error 404" in result.error
    assert "Requested entity was not found." in result.error
    assert "google_sheets-list-spreadsheets" in result.error
