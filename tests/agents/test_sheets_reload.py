"""Sub-agent mode reloads dynamic props inside the loop: google_sheets-add-single-row gets one prop
per header column once hasHeaders is set, and the model fills them by their labels."""

from __future__ import annotations

import json

import httpx

from tests.agents.conftest import SHEETS_TOKEN
from tests.llm_server import LLMRequest, Turn

SHEETS = "https://sheets.googleapis.com/v4"
DRIVE = "https://www.googleapis.com/drive/v3"
SID = "1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms"
Q2_SALES = 1638419013


def sheet(sheet_id: int, title: str, index: int) -> dict:
    return {"properties": {"sheetId": sheet_id, "title": title, "index": index, "sheetType": "GRID",
                           "gridProperties": {"rowCount": 1000, "columnCount": 26}}}


def mock_google(upstream):
    files = upstream.get(f"{DRIVE}/files").mock(return_value=httpx.Response(200, json={
        "kind": "drive#fileList", "incompleteSearch": False, "files": [{"id": SID, "name": "Sales tracker"}],
    }))
    upstream.get(f"{SHEETS}/spreadsheets/{SID}", params={"fields": "sheets.properties"}).mock(
        return_value=httpx.Response(200, json={"sheets": [sheet(0, "Sheet1", 0), sheet(Q2_SALES, "Q2 Sales", 1)]})
    )
    header = upstream.get(f"{SHEETS}/spreadsheets/{SID}/values/'Q2%20Sales'!1:1").mock(
        return_value=httpx.Response(200, json={
            "range": "'Q2 Sales'!A1:Z1", "majorDimension": "ROWS", "values": [["Name", "Email", "", " Age "]],
        })
    )
    append = upstream.post(f"{SHEETS}/spreadsheets/{SID}/values/'Q2%20Sales':append").mock(
        return_value=httpx.Response(200, json={
            "spreadsheetId": SID,
            "tableRange": "'Q2 Sales'!A1:D4",
            "updates": {"spreadsheetId": SID, "updatedRange": "'Q2 Sales'!A5:D5", "updatedRows": 1,
                        "updatedColumns": 4, "updatedCells": 4},
        })
    )
    return files, header, append


def by_label(options: list[dict], label: str):
    return next(o["value"] for o in options if o["label"] == label)


async def test_header_columns_appear_after_a_reload_and_are_filled_by_label(provider, llm, make_mode, project, upstream):
    files, header, append = mock_google(upstream)

    def find_spreadsheet(request: LLMRequest) -> Turn:
        props = {p["name"]: p for p in request.last_result("get_props")["props"]}
        assert props["hasHeaders"]["reloadProps"] is True
        assert "col_0000" not in props
        return Turn(calls=[("get_options", {"prop": "sheetId", "query": "Sales"})])

    def find_worksheet(request: LLMRequest) -> Turn:
        spreadsheet = by_label(request.last_result("get_options")["options"], "Sales tracker")
        # Two calls in one turn: the worksheet list depends on the spreadsheet just set.
        return Turn(calls=[("set_props", {"values": {"sheetId": spreadsheet}}), ("get_options", {"prop": "worksheetId"})])

    def set_headers(request: LLMRequest) -> Turn:
        worksheet = by_label(request.last_result("get_options")["options"], "Q2 Sales")
        return Turn(calls=[("set_props", {"values": {"worksheetId": worksheet, "hasHeaders": True}})])

    def fill_columns(request: LLMRequest) -> Turn:
        answer = request.last_result("set_props")
        assert answer["reloaded"]
        columns = {p["label"]: p["name"] for p in answer["props"] if p["name"].startswith("col_")}
        assert columns == {"Name": "col_0000", "Email": "col_0001", "Age": "col_0003"}
        assert "myColumnData" not in {p["name"] for p in answer["props"]}
        return Turn(calls=[("set_props", {"values": {columns["Name"]: "Alice", columns["Age"]: "30"}}), ("run", {})])

    llm.script(lambda r: Turn(calls=[("get_props", {})]), find_spreadsheet, find_worksheet, set_headers, fill_columns)
    result = await make_mode(provider).call(
        ("google_sheets",), project.caller(), "google_sheets-add-single-row",
        {"instruction": "Add Alice, age 30, to the Q2 Sales tab of the Sales tracker spreadsheet (it has headers)"},
    )

    assert result["isError"] is False, result["content"][0]["text"]
    text = result["content"][0]["text"]
    assert text.startswith("Added 1 row to Q2 Sales ('Q2 Sales'!A5:D5)")
    assert (
        "Values used:\n"
        f"- Spreadsheet: {SID} (Sales tracker)\n"
        f"- Worksheet: {Q2_SALES} (Q2 Sales)\n"
        "- hasHeaders: true\n"
        "- Name: Alice\n"
        "- Age: 30"
    ) in text
    assert result["structuredContent"]["configured_props"] == {
        "sheetId": SID, "worksheetId": str(Q2_SALES), "hasHeaders": True, "col_0000": "Alice", "col_0003": "30",
    }

    # Upstream: the search, the header row read by the reload, the append with the cells in column order.
    assert files.calls.last.request.url.params["q"] == (
        "mimeType='application/vnd.google-apps.spreadsheet' and trashed=false and name contains 'Sales'"
    )
    assert header.called
    request = append.calls.last.request
    assert request.headers["authorization"] == f"Bearer {SHEETS_TOKEN}"
    assert request.url.params["valueInputOption"] == "USER_ENTERED"
    assert json.loads(request.content) == {"values": [["Alice", "", "", "30"]]}
    assert append.call_count == 1
    assert llm.remaining == 0


async def test_a_run_before_any_reload_loads_the_props_first(provider, llm, make_mode, project, upstream):
    def told(request: LLMRequest) -> Turn:
        # Without hasHeaders the row is a list of values, a required prop the static props lack.
        assert request.last_result("run") == {
            "error": "set the required props first: sheetId, worksheetId, hasHeaders, myColumnData"
        }
        return Turn(calls=[("fail", {"reason": "Which spreadsheet?"})])

    llm.script(lambda r: Turn(calls=[("run", {})]), told)
    result = await make_mode(provider).call(("google_sheets",), project.caller(), "google_sheets-add-single-row",
                                            {"instruction": "add a row"})
    assert result["content"][0]["text"] == "Could not do this: Which spreadsheet?"
    assert not upstream.calls
