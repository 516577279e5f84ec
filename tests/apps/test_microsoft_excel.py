"""Microsoft Excel actions at the HTTP boundary, with answers shaped like the Microsoft Graph v1.0
workbook reference (https://learn.microsoft.com/graph/api/resources/excel)."""

import json

import httpx
import pytest

from mcp_gateway.catalog import AccountContext, AppHttp, Identity, UpstreamError
from mcp_gateway.runtime.engine import fetch_options, run_action

# Workbook calls Microsoft's Graph reference documents on a range that the description lists
# for GET only.
VENDOR_EXEMPT = {
    ("PATCH", "/me/drive/items/{item}/workbook/worksheets/{sheet}/range(address={address})"): "reference: Update range",
    ("POST", "/me/drive/items/{item}/workbook/worksheets/{sheet}/range(address={address})/clear"): "reference: Range: clear",
}

GRAPH = "https://graph.microsoft.com/v1.0"
TOKEN = "EwBwA8l6BAAURSN/FHlDW5xN74t6GzbtsBBeBUYAAZ"
AUTH = {"oauth_access_token": TOKEN}
ITEM = "01BYE5RZ6QN3ZWBTUFOFD3GSPGOHDJD36K"
BOOK = f"{GRAPH}/me/drive/items/{ITEM}/workbook"


def assert_graph(request, method, url, *, body=None, token=TOKEN):
    assert request.method == method
    assert str(request.url) == url
    assert request.headers["authorization"] == f"Bearer {token}"
    if body is not None:
        assert request.headers["content-type"] == "application/json"
        assert json.loads(request.content) == body


def _range(address, values, *, row_index=0, column_index=0):
    return {
        "@odata.type": "#microsoft.graph.workbookRange",
        "address": address,
        "addressLocal": address,
        "cellCount": sum(len(r) for r in values),
        "columnCount": len(values[0]) if values else 0,
        "columnHidden": False,
        "columnIndex": column_index,
        "formulas": values,
        "formulasLocal": values,
        "formulasR1C1": values,
        "hidden": False,
        "numberFormat": [["General"] * len(r) for r in values],
        "rowCount": len(values),
        "rowHidden": False,
        "rowIndex": row_index,
        "text": [[str(c) for c in r] for r in values],
        "valueTypes": [["String"] * len(r) for r in values],
        "values": values,
    }


def _item(item_id, name, folder="Documents"):
    return {
        "id": item_id,
        "name": name,
        "webUrl": f"https://contoso-my.sharepoint.com/personal/megan/Documents/{folder}/{name}",
        "lastModifiedDateTime": "2024-04-30T17:02:11Z",
        "size": 18231,
        "parentReference": {"driveId": "b!-RIj2DuyvEyV1T4NlOaMHk8XkS_I8MdFlUCq1BlcjgmhRfAj3-Z8RY2VpuvV_tpd",
                            "driveType": "business", "id": "01BYE5RZ56Y2GOVW7725BZO354PWSELRRZ",
                            "path": f"/drive/root:/{folder}"},
        "file": {"mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    }


SHEET = f"{BOOK}/worksheets/Sheet1"


# Workbooks and worksheets


async def test_find_workbooks_searches_onedrive_and_keeps_xlsx_files(catalog, respx_mock):
    url = f"{GRAPH}/me/drive/root/search(q='budget%202024')"
    route = respx_mock.get(url).mock(
        return_value=httpx.Response(
            200,
            json={"value": [
                _item(ITEM, "Budget 2024.xlsx", "Finance"),
                _item("01BYE5RZ2KXWOTNNU3GRE4AEIAMBRYMA3W", "Budget 2024 notes.docx", "Finance"),
            ]},
        )
    )
    result = await run_action(catalog.action("microsoft_excel-find-workbooks"), {"query": "budget 2024", "limit": 20}, auth=AUTH)
    assert result.error is None, result.error
    assert_graph(
        route.calls.last.request, "GET",
        f"{url}?%24select=id%2Cname%2CwebUrl%2ClastModifiedDateTime%2Csize%2CparentReference%2Cfile&%24top=20",
    )
    assert result.ret == {"workbooks": [{
        "id": ITEM, "name": "Budget 2024.xlsx", "path": "Finance/Budget 2024.xlsx",
        "webUrl": "https://contoso-my.sharepoint.com/personal/megan/Documents/Finance/Budget 2024.xlsx",
        "lastModifiedDateTime": "2024-04-30T17:02:11Z", "size": 18231,
    }], "next_cursor": None}
    assert result.summary == "Found 1 workbook(s) matching 'budget 2024'"


async def test_find_workbooks_follows_the_next_link_as_its_cursor(catalog, respx_mock):
    next_link = f"{GRAPH}/me/drive/root/search(q='.xlsx')?$skiptoken=Paged%3dTRUE%26p_SortBehavior%3d0"
    first = respx_mock.get(f"{GRAPH}/me/drive/root/search(q='.xlsx')", params={"$top": "1"}).mock(
        return_value=httpx.Response(200, json={"value": [_item(ITEM, "Budget 2024.xlsx")], "@odata.nextLink": next_link}))
    result = await run_action(catalog.action("microsoft_excel-find-workbooks"), {"limit": 1}, auth=AUTH)
    assert result.error is None, result.error
    assert first.called
    assert result.ret["next_cursor"] == next_link
    second = respx_mock.get(next_link).mock(return_value=httpx.Response(200, json={"value": [_item("ID2", "Plan.xlsx")]}))
    result = await run_action(catalog.action("microsoft_excel-find-workbooks"), {"limit": 1, "cursor": next_link}, auth=AUTH)
    assert second.called
    assert [w["name"] for w in result.ret["workbooks"]] == ["Plan.xlsx"]
    assert result.ret["next_cursor"] is None
    whole = await run_action(catalog.action("microsoft_excel-find-workbooks"), {"limit": 1, "cursor": next_link, "fullResponse": True}, auth=AUTH)
    assert whole.ret["workbooks"] == [_item("ID2", "Plan.xlsx")]
    bad = await run_action(catalog.action("microsoft_excel-find-workbooks"), {"cursor": "https://evil.example.com/x"}, auth=AUTH)
    assert "pass `next_cursor` from the previous result unchanged" in bad.error


async def test_list_worksheets_in_position_order(catalog, respx_mock):
    route = respx_mock.get(f"{BOOK}/worksheets").mock(
        return_value=httpx.Response(
            200,
            json={"value": [
                {"id": "{75A18F35-34AA-4F44-97CC-FDC3C05D9F40}", "name": "Q3 Sales", "position": 1, "visibility": "Visible"},
                {"id": "{00000000-0001-0000-0000-000000000000}", "name": "Sheet1", "position": 0, "visibility": "Visible"},
            ]},
        )
    )
    result = await run_action(catalog.action("microsoft_excel-list-worksheets"), {"workbookId": ITEM}, auth=AUTH)
    assert result.error is None, result.error
    assert_graph(route.calls.last.request, "GET", f"{BOOK}/worksheets")
    assert [s["name"] for s in result.ret["worksheets"]] == ["Sheet1", "Q3 Sales"]
    assert result.summary == "Listed 2 worksheet(s): Sheet1, Q3 Sales"


async def test_add_worksheet(catalog, respx_mock):
    route = respx_mock.post(f"{BOOK}/worksheets/add").mock(
        return_value=httpx.Response(
            200, json={"id": "{75A18F35-34AA-4F44-97CC-FDC3C05D9F40}", "name": "Q3 Sales", "position": 2, "visibility": "Visible"}
        )
    )
    result = await run_action(catalog.action("microsoft_excel-add-worksheet"), {"workbookId": ITEM, "name": "Q3 Sales"}, auth=AUTH)
    assert result.error is None, result.error
    assert_graph(route.calls.last.request, "POST", f"{BOOK}/worksheets/add", body={"name": "Q3 Sales"})
    assert result.ret == {"id": "{75A18F35-34AA-4F44-97CC-FDC3C05D9F40}", "name": "Q3 Sales", "position": 2, "visibility": "Visible"}
    assert result.summary == 'Added worksheet "Q3 Sales" at position 2'
    bad = await run_action(catalog.action("microsoft_excel-add-worksheet"), {"workbookId": ITEM, "name": "a/b"}, auth=AUTH)
    assert "cannot contain" in bad.error and route.call_count == 1


# Ranges


async def test_get_used_range_reads_the_sheets_values(catalog, respx_mock):
    url = f"{SHEET}/usedRange(valuesOnly=true)"
    route = respx_mock.get(url).mock(
        return_value=httpx.Response(200, json=_range("Sheet1!A1:C3", [["Name", "Email", "Total"], ["Ada", "ada@example.com", 42], ["Grace", "grace@example.com", 7]]))
    )
    result = await run_action(catalog.action("microsoft_excel-get-used-range"), {"workbookId": ITEM, "worksheet": "Sheet1"}, auth=AUTH)
    assert result.error is None, result.error
    assert_graph(route.calls.last.request, "GET", url)
    assert result.ret == {
        "address": "Sheet1!A1:C3", "rowCount": 3, "columnCount": 3,
        "values": [["Name", "Email", "Total"], ["Ada", "ada@example.com", 42], ["Grace", "grace@example.com", 7]],
    }
    assert result.summary == "Read 3 row(s) × 3 column(s) from Sheet1!A1:C3"


async def test_get_range_escapes_the_sheet_name_and_returns_formulas(catalog, respx_mock):
    url = f"{BOOK}/worksheets/Q3%20Sales/range(address='B2:C3')"
    data = _range("'Q3 Sales'!B2:C3", [[10, 20], [30, 50]])
    data["formulas"] = [[10, 20], [30, "=SUM(B3:C3)-B3"]]
    route = respx_mock.get(url).mock(return_value=httpx.Response(200, json=data))
    result = await run_action(
        catalog.action("microsoft_excel-get-range"),
        {"workbookId": ITEM, "worksheet": "Q3 Sales", "address": "b2:c3", "includeFormulas": True},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_graph(route.calls.last.request, "GET", url)
    assert result.ret["values"] == [[10, 20], [30, 50]]
    assert result.ret["formulas"] == [[10, 20], [30, "=SUM(B3:C3)-B3"]]
    assert result.ret["text"] == [["10", "20"], ["30", "50"]]
    assert result.summary == "Read 2 row(s) × 2 column(s) from 'Q3 Sales'!B2:C3"


async def test_get_range_refuses_addresses_that_are_not_a1(catalog, respx_mock):
    result = await run_action(
        catalog.action("microsoft_excel-get-range"), {"workbookId": ITEM, "worksheet": "Sheet1", "address": "Sheet1!A1:B2"}, auth=AUTH
    )
    assert "names a sheet" in result.error
    other = await run_action(
        catalog.action("microsoft_excel-get-range"), {"workbookId": ITEM, "worksheet": "Sheet1", "address": "A1')/x"}, auth=AUTH
    )
    assert "is not A1 notation" in other.error


async def test_update_range_grows_a_start_cell_to_fit_the_values(catalog, respx_mock):
    url = f"{SHEET}/range(address='A2:C3')"
    rows = [["Ada", "ada@example.com", 42], ["Grace", None, "=B1"]]
    route = respx_mock.patch(url).mock(
        return_value=httpx.Response(200, json=_range("Sheet1!A2:C3", [["Ada", "ada@example.com", 42], ["Grace", "", 0]], row_index=1))
    )
    result = await run_action(
        catalog.action("microsoft_excel-update-range"),
        {"workbookId": ITEM, "worksheet": "Sheet1", "address": "A2", "values": json.dumps(rows)},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_graph(route.calls.last.request, "PATCH", url, body={"values": [["Ada", "ada@example.com", 42], ["Grace", "", "=B1"]]})
    assert result.ret["address"] == "Sheet1!A2:C3"
    assert result.summary == "Updated 2 row(s) × 3 column(s) at Sheet1!A2:C3"
    assert catalog.action("microsoft_excel-update-range").annotations.destructive is True


async def test_update_range_checks_the_range_fits_the_values(catalog, respx_mock):
    route = respx_mock.patch(url__startswith=f"{SHEET}/range")
    action = catalog.action("microsoft_excel-update-range")
    misfit = await run_action(action, {"workbookId": ITEM, "worksheet": "Sheet1", "address": "A1:B1", "values": [[1, 2, 3]]}, auth=AUTH)
    assert "A1:B1 is 1 row(s) × 2 column(s) but the values are 1 × 3" in misfit.error
    ragged = await run_action(action, {"workbookId": ITEM, "worksheet": "Sheet1", "address": "A1", "values": [[1, 2], [3]]}, auth=AUTH)
    assert "same number of cells" in ragged.error
    assert not route.calls


async def test_clear_range_contents(catalog, respx_mock):
    url = f"{SHEET}/range(address='A2:C10')/clear"
    route = respx_mock.post(url).mock(return_value=httpx.Response(204))
    result = await run_action(
        catalog.action("microsoft_excel-clear-range"), {"workbookId": ITEM, "worksheet": "Sheet1", "address": "A2:C10"}, auth=AUTH
    )
    assert result.error is None, result.error
    assert_graph(route.calls.last.request, "POST", url, body={"applyTo": "Contents"})
    assert result.ret == {"worksheet": "Sheet1", "address": "A2:C10", "cleared": "Contents"}
    assert result.summary == "Cleared the values and formulas of Sheet1!A2:C10"


# Tables


async def test_create_table_then_names_it(catalog, respx_mock):
    added = respx_mock.post(f"{BOOK}/tables/add").mock(
        return_value=httpx.Response(200, json={"id": "{8E2E0E29-4FE7-4B9A-9D7F-2A5E2B2E2B36}", "name": "Table3", "showHeaders": True,
                                               "showTotals": False, "style": "TableStyleMedium2"})
    )
    renamed = respx_mock.patch(f"{BOOK}/tables/%7B8E2E0E29-4FE7-4B9A-9D7F-2A5E2B2E2B36%7D").mock(
        return_value=httpx.Response(200, json={"id": "{8E2E0E29-4FE7-4B9A-9D7F-2A5E2B2E2B36}", "name": "Expenses", "showHeaders": True,
                                               "showTotals": False, "style": "TableStyleMedium2"})
    )
    result = await run_action(
        catalog.action("microsoft_excel-create-table"),
        {"workbookId": ITEM, "worksheet": "Q3 Sales", "address": "A1:D1", "name": "Expenses"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_graph(added.calls.last.request, "POST", f"{BOOK}/tables/add", body={"address": "'Q3 Sales'!A1:D1", "hasHeaders": True})
    assert_graph(renamed.calls.last.request, "PATCH", f"{BOOK}/tables/%7B8E2E0E29-4FE7-4B9A-9D7F-2A5E2B2E2B36%7D", body={"name": "Expenses"})
    assert result.ret["name"] == "Expenses"
    assert result.summary == 'Created table "Expenses" on Q3 Sales!A1:D1'


async def test_add_table_rows(catalog, respx_mock):
    url = f"{BOOK}/tables/Expenses/rows/add"
    route = respx_mock.post(url).mock(
        return_value=httpx.Response(200, json={"index": 7, "values": [["2024-05-01", "Taxi", 23.5], ["2024-05-02", "Lunch", 12]]})
    )
    result = await run_action(
        catalog.action("microsoft_excel-add-table-rows"),
        {"workbookId": ITEM, "table": "Expenses", "rows": [["2024-05-01", "Taxi", 23.5], ["2024-05-02", "Lunch", 12]]},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_graph(route.calls.last.request, "POST", url, body={"values": [["2024-05-01", "Taxi", 23.5], ["2024-05-02", "Lunch", 12]]})
    assert result.ret == {"index": 7, "rowsAdded": 2, "values": [["2024-05-01", "Taxi", 23.5], ["2024-05-02", "Lunch", 12]]}
    assert result.summary == "Added 2 row(s) to table Expenses at position 7"


async def test_list_table_rows_keys_cells_by_header(catalog, respx_mock):
    header = respx_mock.get(f"{BOOK}/tables/Expenses/headerRowRange").mock(
        return_value=httpx.Response(200, json=_range("Sheet1!A1:C1", [["Date", "Item", "Amount"]]))
    )
    rows = respx_mock.get(f"{BOOK}/tables/Expenses/rows").mock(
        return_value=httpx.Response(200, json={"value": [
            {"index": 2, "values": [["2024-05-01", "Taxi", 23.5]]},
            {"index": 3, "values": [["2024-05-02", "Lunch", 12]]},
        ]})
    )
    result = await run_action(
        catalog.action("microsoft_excel-list-table-rows"), {"workbookId": ITEM, "table": "Expenses", "limit": 2, "cursor": "2"}, auth=AUTH
    )
    assert result.error is None, result.error
    assert_graph(header.calls.last.request, "GET", f"{BOOK}/tables/Expenses/headerRowRange")
    assert_graph(rows.calls.last.request, "GET", f"{BOOK}/tables/Expenses/rows?%24top=2&%24skip=2")
    assert result.ret == {
        "columns": ["Date", "Item", "Amount"],
        "rows": [
            {"index": 2, "values": {"Date": "2024-05-01", "Item": "Taxi", "Amount": 23.5}},
            {"index": 3, "values": {"Date": "2024-05-02", "Item": "Lunch", "Amount": 12}},
        ],
        "next_cursor": "4",
    }
    assert result.summary == "Read 2 row(s) of table Expenses (there may be more)"


# Find rows


async def test_find_rows_by_header_name(catalog, respx_mock):
    url = f"{SHEET}/usedRange(valuesOnly=true)"
    values = [["Name", "Email", "Total"], ["Ada", "ADA@example.com", 42.0], ["Grace", "grace@example.com", 7], ["Ada", "ada@example.com", 3]]
    route = respx_mock.get(url).mock(return_value=httpx.Response(200, json=_range("Sheet1!B3:D6", values, row_index=2, column_index=1)))
    result = await run_action(
        catalog.action("microsoft_excel-find-rows"),
        {"workbookId": ITEM, "worksheet": "Sheet1", "column": "email", "value": "ada@example.com"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_graph(route.calls.last.request, "GET", url)
    assert result.ret["matches"] == [
        {"row": 4, "values": {"Name": "Ada", "Email": "ADA@example.com", "Total": 42.0}},
        {"row": 6, "values": {"Name": "Ada", "Email": "ada@example.com", "Total": 3}},
    ]
    assert result.ret["column"] == "C"
    assert result.summary == "Found 2 row(s) with 'ada@example.com' in column C of Sheet1"


async def test_find_rows_by_column_letter_without_headers(catalog, respx_mock):
    respx_mock.get(f"{SHEET}/usedRange(valuesOnly=true)").mock(
        return_value=httpx.Response(200, json=_range("Sheet1!A1:B3", [["x", 42.0], ["y", 7], ["z", 420]]))
    )
    action = catalog.action("microsoft_excel-find-rows")
    exact = await run_action(action, {"workbookId": ITEM, "worksheet": "Sheet1", "column": "B", "value": "42", "hasHeaders": False}, auth=AUTH)
    assert exact.ret["matches"] == [{"row": 1, "values": ["x", 42.0]}]
    contains = await run_action(
        action, {"workbookId": ITEM, "worksheet": "Sheet1", "column": "B", "value": "42", "hasHeaders": False, "exactMatch": False,
                 "limit": 1}, auth=AUTH,
    )
    assert contains.ret["total"] == 2 and len(contains.ret["matches"]) == 1
    assert contains.summary == "Found 2 row(s) with '42' in column B of Sheet1 (showing 1)"
    assert contains.ret["next_cursor"] == "1"
    rest = await run_action(
        action, {"workbookId": ITEM, "worksheet": "Sheet1", "column": "B", "value": "42", "hasHeaders": False, "exactMatch": False,
                 "limit": 1, "cursor": "1"}, auth=AUTH,
    )
    assert rest.ret["matches"] == [{"row": 3, "values": ["z", 420]}] and rest.ret["next_cursor"] is None
    unknown = await run_action(action, {"workbookId": ITEM, "worksheet": "Sheet1", "column": "Email address", "value": "x"}, auth=AUTH)
    assert "no column is named 'Email address'" in unknown.error and "'x'" in unknown.error


# Errors, refresh, throttling


async def test_invalid_argument_reports_both_codes(catalog, respx_mock):
    respx_mock.get(f"{SHEET}/range(address='A1:B2')").mock(
        return_value=httpx.Response(
            400,
            json={"error": {"code": "badRequest", "message": "The argument is invalid or missing or has an incorrect format.",
                            "innerError": {"code": "invalidArgument", "message": "The argument is invalid or missing or has an incorrect format.",
                                           "date": "2024-05-01T10:00:00", "request-id": "c1b5e2a4-6c4d-4b0e-8a3f-1f2d3c4b5a69"}}},
        )
    )
    result = await run_action(
        catalog.action("microsoft_excel-get-range"), {"workbookId": ITEM, "worksheet": "Sheet1", "address": "A1:B2"}, auth=AUTH
    )
    assert result.error == (
        f"Microsoft Excel API error 400 on GET {SHEET}/range(address='A1:B2'): The argument is invalid or missing or has "
        "an incorrect format. [badRequest, invalidArgument] (a value is not accepted; check the range address "
        "(A1 notation such as `A1:C5`) and that the values fit it)"
    )


async def test_a_missing_workbook_says_so(catalog, respx_mock):
    respx_mock.get(f"{BOOK}/worksheets").mock(
        return_value=httpx.Response(404, json={"error": {"code": "itemNotFound", "message": "The resource could not be found."}})
    )
    result = await run_action(catalog.action("microsoft_excel-list-worksheets"), {"workbookId": ITEM}, auth=AUTH)
    assert "The resource could not be found. [itemNotFound]" in result.error
    assert "no file or workbook item has that ID" in result.error


async def test_a_401_refreshes_the_token_and_retries(catalog, respx_mock):
    route = respx_mock.get(f"{BOOK}/worksheets").mock(
        side_effect=[
            httpx.Response(401, json={"error": {"code": "InvalidAuthenticationToken", "message": "Access token has expired or is not yet valid."}}),
            httpx.Response(200, json={"value": []}),
        ]
    )
    calls = []

    async def refresh():
        calls.append(1)
        return {"Authorization": "Bearer EwB-refreshed"}

    result = await run_action(catalog.action("microsoft_excel-list-worksheets"), {"workbookId": ITEM}, auth=AUTH, on_unauthorized=refresh)
    assert result.error is None, result.error
    assert calls == [1]
    assert route.calls[0].request.headers["authorization"] == f"Bearer {TOKEN}"
    assert_graph(route.calls[1].request, "GET", f"{BOOK}/worksheets", token="EwB-refreshed")


async def test_a_429_says_when_to_retry(catalog, respx_mock):
    respx_mock.post(f"{BOOK}/tables/Expenses/rows/add").mock(
        return_value=httpx.Response(
            429, json={"error": {"code": "tooManyRequests", "message": "The app or user has been throttled."}}, headers={"Retry-After": "8"}
        )
    )
    result = await run_action(
        catalog.action("microsoft_excel-add-table-rows"), {"workbookId": ITEM, "table": "Expenses", "rows": [[1]]}, auth=AUTH
    )
    assert result.ret is None
    assert "The app or user has been throttled. [tooManyRequests]" in result.error
    assert "retry after 8 s" in result.error


# Remote options


async def test_workbook_options_search_and_follow_the_next_link(catalog, respx_mock):
    next_link = f"{GRAPH}/me/drive/root/search(q='.xlsx')?$skiptoken=Paged%3dTRUE%26p_SortBehavior%3d0"
    route = respx_mock.get(url__startswith=f"{GRAPH}/me/drive/root/search").mock(
        side_effect=[
            httpx.Response(200, json={"value": [_item(ITEM, "Budget 2024.xlsx", "Finance")], "@odata.nextLink": next_link}),
            httpx.Response(200, json={"value": [_item("01BYE5RZ3JVNGOWVEQ4FC2LT6R3H2OQCX3", "Roster.xlsx")]}),
            httpx.Response(200, json={"value": [_item("01BYE5RZ7ITSAAAAAAAAAAAAAAAAAAAAAA", "It's done.xlsx")]}),
        ]
    )
    action = catalog.action("microsoft_excel-get-used-range")
    first = await fetch_options(action, "workbookId", {}, auth=AUTH)
    assert first["options"] == [{"label": "Finance/Budget 2024.xlsx", "value": ITEM}]
    assert first["context"] == {"nextLink": next_link}
    assert str(route.calls[0].request.url).startswith(f"{GRAPH}/me/drive/root/search(q='.xlsx')?")
    second = await fetch_options(action, "workbookId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Documents/Roster.xlsx", "value": "01BYE5RZ3JVNGOWVEQ4FC2LT6R3H2OQCX3"}]
    assert second["context"] is None
    assert str(route.calls[1].request.url) == next_link
    typed = await fetch_options(action, "workbookId", {}, auth=AUTH, query="it's")
    assert typed["errors"] == []
    assert typed["options"] == [{"label": "Documents/It's done.xlsx", "value": "01BYE5RZ7ITSAAAAAAAAAAAAAAAAAAAAAA"}]
    assert str(route.calls[2].request.url).startswith(f"{GRAPH}/me/drive/root/search(q='it''s')?")


async def test_worksheet_and_table_options_need_the_workbook(catalog, respx_mock):
    respx_mock.get(f"{BOOK}/worksheets").mock(
        return_value=httpx.Response(200, json={"value": [{"name": "Q3 Sales", "position": 1}, {"name": "Sheet1", "position": 0}]})
    )
    respx_mock.get(f"{BOOK}/tables").mock(return_value=httpx.Response(200, json={"value": [{"id": "1", "name": "Expenses"}]}))
    sheets = await fetch_options(catalog.action("microsoft_excel-get-range"), "worksheet", {"workbookId": ITEM}, auth=AUTH)
    assert sheets["stringOptions"] == ["Sheet1", "Q3 Sales"]
    tables = await fetch_options(catalog.action("microsoft_excel-list-table-rows"), "table", {"workbookId": ITEM}, auth=AUTH)
    assert tables["stringOptions"] == ["Expenses"]
    missing = await fetch_options(catalog.action("microsoft_excel-list-table-rows"), "table", {}, auth=AUTH)
    assert "choose the workbook (workbookId) first" in missing["errors"][0]


# Account test


async def _account_test(catalog, auth):
    app = catalog.apps["microsoft_excel"]
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(auth), base_url=app.base_url_for(auth),
                       allowed_domains=app.allowed_domains_for(auth))
        return await app.test(AccountContext(auth=auth, http=http))


async def test_account_test_reads_the_signed_in_user(catalog, respx_mock):
    route = respx_mock.get(f"{GRAPH}/me").mock(
        return_value=httpx.Response(200, json={"id": "48d31887-5fad-4d73-a9f5-3c356e68a038", "displayName": "Megan Bowen",
                                               "userPrincipalName": "MeganB@contoso.com", "mail": "MeganB@contoso.com"})
    )
    identity = await _account_test(catalog, AUTH)
    assert identity == Identity(name="MeganB@contoso.com", external_id="48d31887-5fad-4d73-a9f5-3c356e68a038")
    assert_graph(route.calls.last.request, "GET", f"{GRAPH}/me?%24select=id%2CdisplayName%2CuserPrincipalName%2Cmail")


async def test_account_test_raises_on_a_rejected_token(catalog, respx_mock):
    respx_mock.get(f"{GRAPH}/me").mock(
        return_value=httpx.Response(401, json={"error": {"code": "InvalidAuthenticationToken", "message": "Access token is empty."}})
    )
    with pytest.raises(UpstreamError, match="Access token is empty") as raised:
        await _account_test(catalog, AUTH)
    assert raised.value.status == 401


def test_oauth_asks_for_files_readwrite_offline(catalog):
    auth = catalog.apps["microsoft_excel"].auth
    assert auth.authorize_url == "https://login.microsoftonline.com/common/oauth2/v2.0/authorize"
    assert auth.token_url == "https://login.microsoftonline.com/common/oauth2/v2.0/token"
    assert list(auth.scopes) == ["offline_access", "User.Read", "Files.ReadWrite"]
