"""Airtable: each action at the HTTP boundary, with answers shaped like https://airtable.com/developers/web/api."""

import base64
import json

import httpx
import pytest

from mcp_gateway.catalog import AccountContext, AppHttp, Identity, UpstreamError
from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api.airtable.com/v0"
TOKEN = "oaaW7kbpk0zRg3gyS.v1.eyJ1c2VySWQiOiJ1c3JMMlBOQzVvM0g0bEJFaSJ9"
AUTH = {"oauth_access_token": TOKEN}
BASE = "appLkNDICXNqxSDhG"
TABLE = "tblXcVQHn7fdPKmgS"
RECORDS_URL = f"{API}/{BASE}/{TABLE}"


def assert_request(request, method, url, *, params=None, body=None, token=TOKEN):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == url
    expected = list(params.items()) if isinstance(params, dict) else list(params or [])
    assert list(request.url.params.multi_items()) == expected
    assert request.headers["authorization"] == f"Bearer {token}"
    if body is None:
        assert not request.content
    else:
        assert request.headers["content-type"] == "application/json"
        assert json.loads(request.content) == body


def _record(record_id="rec560UJdUtocSouk", **fields):
    return {"id": record_id, "createdTime": "2022-09-12T21:03:48.000Z", "fields": fields or {"Name": "Launch plan"}}


def _schema():
    return {
        "tables": [
            {
                "id": TABLE,
                "name": "Tasks",
                "description": "Work to do",
                "primaryFieldId": "fld1VnoyuotSTyxW1",
                "fields": [
                    {"id": "fld1VnoyuotSTyxW1", "name": "Name", "type": "singleLineText", "description": "Task name"},
                    {"id": "fldoaIqdn5szURHpw", "name": "Notes", "type": "multilineText"},
                    {"id": "fldqCjrs1UhXgHUIc", "name": "Status", "type": "singleSelect",
                     "options": {"choices": [{"id": "selyW0bcGxjWm6HkF", "name": "Todo", "color": "redLight2"},
                                             {"id": "selOEdFcWnBd8NLSN", "name": "Done", "color": "greenLight2"}]}},
                    {"id": "fldumZe00w09RYTW6", "name": "Project", "type": "multipleRecordLinks",
                     "options": {"inverseLinkFieldId": "fldWnCJlo2z6ttT8Y", "isReversed": False,
                                 "linkedTableId": "tblK6MZHez0ZvBChZ", "prefersSingleRecordLink": True}},
                    {"id": "fldAttach00000001", "name": "Files", "type": "multipleAttachments", "options": {"isReversed": False}},
                ],
                "views": [{"id": "viwQpsuEDqHFqegkp", "name": "Grid view", "type": "grid"},
                          {"id": "viwi3KXvrKug2mIBS", "name": "Open tasks", "type": "grid"}],
            },
            {
                "id": "tblK6MZHez0ZvBChZ",
                "name": "Projects",
                "primaryFieldId": "fldEVzvQOoULO38yl",
                "fields": [{"id": "fldEVzvQOoULO38yl", "name": "Name", "type": "singleLineText"}],
                "views": [{"id": "viwBbC3aKz8EvK1kA", "name": "Grid view", "type": "grid"}],
            },
        ]
    }


def _mock_schema(respx_mock):
    return respx_mock.get(f"{API}/meta/bases/{BASE}/tables").mock(return_value=httpx.Response(200, json=_schema()))


# Bases, tables, fields


async def test_list_bases_follows_the_offset(catalog, respx_mock):
    route = respx_mock.get(f"{API}/meta/bases").mock(side_effect=[
        httpx.Response(200, json={"bases": [{"id": BASE, "name": "Apartment Hunting", "permissionLevel": "create"}],
                                  "offset": "itr23sEjsdfEr3282/appSW9R5uCNmRmfl6"}),
        httpx.Response(200, json={"bases": [{"id": "appSW9R5uCNmRmfl6", "name": "Project Tracker", "permissionLevel": "edit"}]}),
    ])
    result = await run_action(catalog.action("airtable_oauth-list-bases"), {}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls[0].request, "GET", f"{API}/meta/bases")
    assert_request(route.calls[1].request, "GET", f"{API}/meta/bases", params={"offset": "itr23sEjsdfEr3282/appSW9R5uCNmRmfl6"})
    assert result.ret == {"bases": [
        {"id": BASE, "name": "Apartment Hunting", "permissionLevel": "create"},
        {"id": "appSW9R5uCNmRmfl6", "name": "Project Tracker", "permissionLevel": "edit"},
    ], "next_cursor": None}
    assert result.summary == "Found 2 bases"


async def test_list_bases_cursor_resumes_inside_a_page_and_then_at_airtables_offset(catalog, respx_mock):
    first_page = {"bases": [{"id": BASE, "name": "A", "permissionLevel": "read"}, {"id": "appSW9R5uCNmRmfl6", "name": "B", "permissionLevel": "read"}],
                  "offset": "itr23sEjsdfEr3282/appSW9R5uCNmRmfl6"}
    route = respx_mock.get(f"{API}/meta/bases").mock(side_effect=[
        httpx.Response(200, json=first_page),
        httpx.Response(200, json=first_page),
        httpx.Response(200, json={"bases": [{"id": "appZZ9R5uCNmRmfl6", "name": "C", "permissionLevel": "owner"}]}),
    ])
    action = catalog.action("airtable_oauth-list-bases")
    first = await run_action(action, {"limit": 1}, auth=AUTH)
    assert first.error is None, first.error
    assert [b["name"] for b in first.ret["bases"]] == ["A"]
    assert first.ret["next_cursor"] == "|1"
    assert first.summary == "Found 1 base (more exist)"
    second = await run_action(action, {"limit": 1, "cursor": first.ret["next_cursor"]}, auth=AUTH)
    assert_request(route.calls[1].request, "GET", f"{API}/meta/bases")
    assert [b["name"] for b in second.ret["bases"]] == ["B"]
    assert second.ret["next_cursor"] == "itr23sEjsdfEr3282/appSW9R5uCNmRmfl6"
    third = await run_action(action, {"limit": 1, "cursor": second.ret["next_cursor"]}, auth=AUTH)
    assert_request(route.calls[2].request, "GET", f"{API}/meta/bases", params={"offset": "itr23sEjsdfEr3282/appSW9R5uCNmRmfl6"})
    assert [b["name"] for b in third.ret["bases"]] == ["C"] and third.ret["next_cursor"] is None
    bad = await run_action(action, {"cursor": "itr|x"}, auth=AUTH)
    assert "pass `next_cursor` unchanged" in bad.error and route.call_count == 3


async def test_list_tables_summarises_each_table(catalog, respx_mock):
    route = _mock_schema(respx_mock)
    result = await run_action(catalog.action("airtable_oauth-list-tables"), {"baseId": f"https://airtable.com/{BASE}/{TABLE}"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/meta/bases/{BASE}/tables")
    assert result.ret["tables"][0] == {
        "id": TABLE, "name": "Tasks", "description": "Work to do", "primaryField": "Name",
        "fields": ["Name", "Notes", "Status", "Project", "Files"],
        "views": [{"id": "viwQpsuEDqHFqegkp", "name": "Grid view", "type": "grid"},
                  {"id": "viwi3KXvrKug2mIBS", "name": "Open tasks", "type": "grid"}],
    }
    assert result.ret["tables"][1]["name"] == "Projects"
    assert result.summary == f"Found 2 tables in base {BASE}"


async def test_list_fields_finds_the_table_by_name_and_lists_choices(catalog, respx_mock):
    _mock_schema(respx_mock)
    result = await run_action(catalog.action("airtable_oauth-list-fields"), {"baseId": BASE, "tableId": "tasks"}, auth=AUTH)
    assert result.error is None, result.error
    assert result.ret["table"] == {"id": TABLE, "name": "Tasks"}
    fields = {f["name"]: f for f in result.ret["fields"]}
    assert fields["Name"] == {"id": "fld1VnoyuotSTyxW1", "name": "Name", "type": "singleLineText",
                              "description": "Task name", "primary": True}
    assert fields["Status"]["choices"] == ["Todo", "Done"] and fields["Status"]["primary"] is False
    assert fields["Project"]["linkedTableId"] == "tblK6MZHez0ZvBChZ"
    assert result.summary == "Found 5 fields in table Tasks"


async def test_list_fields_names_the_tables_when_one_is_unknown(catalog, respx_mock):
    _mock_schema(respx_mock)
    result = await run_action(catalog.action("airtable_oauth-list-fields"), {"baseId": BASE, "tableId": "Bugs"}, auth=AUTH)
    assert "no table 'Bugs'" in result.error and f"Tasks ({TABLE})" in result.error


async def test_a_malformed_base_id_is_refused_before_any_request(catalog, respx_mock):
    result = await run_action(catalog.action("airtable_oauth-list-tables"), {"baseId": "Apartment Hunting"}, auth=AUTH)
    assert "not an Airtable base ID" in result.error
    assert not respx_mock.calls


# Records


async def test_list_records_posts_the_query_and_pages_with_the_offset(catalog, respx_mock):
    route = respx_mock.post(f"{RECORDS_URL}/listRecords").mock(side_effect=[
        httpx.Response(200, json={"records": [_record("rec560UJdUtocSouk", Name="A", Status="Todo")], "offset": "itrKKlLzwnlHz4z8M/rec560UJdUtocSouk"}),
        httpx.Response(200, json={"records": [_record("recwPQIfs4wKPyc9D", Name="B", Status="Todo")]}),
    ])
    result = await run_action(catalog.action("airtable_oauth-list-records"), {
        "baseId": BASE, "tableId": TABLE, "view": "Open tasks", "filterByFormula": "{Status} = 'Todo'",
        "sortField": "Name", "sortDirection": "desc", "fields": ["Name", "Status"], "limit": 100,
    }, auth=AUTH)
    assert result.error is None, result.error
    body = {"view": "Open tasks", "fields": ["Name", "Status"], "filterByFormula": "{Status} = 'Todo'",
            "sort": [{"field": "Name", "direction": "desc"}]}
    assert_request(route.calls[0].request, "POST", f"{RECORDS_URL}/listRecords", body={**body, "pageSize": 100})
    assert_request(route.calls[1].request, "POST", f"{RECORDS_URL}/listRecords",
                   body={**body, "pageSize": 99, "offset": "itrKKlLzwnlHz4z8M/rec560UJdUtocSouk"})
    assert [r["id"] for r in result.ret["records"]] == ["rec560UJdUtocSouk", "recwPQIfs4wKPyc9D"]
    assert result.ret["records"][0] == _record("rec560UJdUtocSouk", Name="A", Status="Todo")
    assert result.ret["next_cursor"] is None
    assert result.summary == f"Found 2 records in {TABLE}"


async def test_list_records_cursor_round_trip_uses_airtables_offset(catalog, respx_mock):
    route = respx_mock.post(f"{RECORDS_URL}/listRecords").mock(side_effect=[
        httpx.Response(200, json={"records": [_record("rec560UJdUtocSouk")], "offset": "itrKKlLzwnlHz4z8M/rec560UJdUtocSouk"}),
        httpx.Response(200, json={"records": [_record("recwPQIfs4wKPyc9D")]}),
    ])
    action = catalog.action("airtable_oauth-list-records")
    first = await run_action(action, {"baseId": BASE, "tableId": TABLE, "limit": 1}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls[0].request, "POST", f"{RECORDS_URL}/listRecords", body={"pageSize": 1})
    assert first.ret["next_cursor"] == "itrKKlLzwnlHz4z8M/rec560UJdUtocSouk"
    assert first.summary == f"Found 1 record in {TABLE} (more exist)"
    second = await run_action(action, {"baseId": BASE, "tableId": TABLE, "limit": 1, "cursor": first.ret["next_cursor"]}, auth=AUTH)
    assert_request(route.calls[1].request, "POST", f"{RECORDS_URL}/listRecords",
                   body={"pageSize": 1, "offset": "itrKKlLzwnlHz4z8M/rec560UJdUtocSouk"})
    assert [r["id"] for r in second.ret["records"]] == ["recwPQIfs4wKPyc9D"] and second.ret["next_cursor"] is None


async def test_list_records_trims_attachments_and_full_response_keeps_them(catalog, respx_mock):
    files = [{"id": "att00000000000001", "width": 1024, "height": 768, "url": "https://v5.airtableusercontent.com/v3/u/1/a",
              "filename": "plan.png", "size": 5, "type": "image/png",
              "thumbnails": {"small": {"url": "https://v5.airtableusercontent.com/v3/u/1/s", "width": 48, "height": 36}}}]
    record = {**_record(Name="Launch plan", Files=files), "commentCount": 2}
    respx_mock.post(f"{RECORDS_URL}/listRecords").mock(return_value=httpx.Response(200, json={"records": [record]}))
    action = catalog.action("airtable_oauth-list-records")
    trimmed = await run_action(action, {"baseId": BASE, "tableId": TABLE}, auth=AUTH)
    assert trimmed.ret["records"][0]["fields"]["Files"] == [
        {"id": "att00000000000001", "filename": "plan.png", "size": 5, "type": "image/png", "url": "https://v5.airtableusercontent.com/v3/u/1/a"},
    ]
    assert trimmed.ret["records"][0]["commentCount"] == 2
    whole = await run_action(action, {"baseId": BASE, "tableId": TABLE, "fullResponse": True}, auth=AUTH)
    assert whole.ret == {"records": [record], "next_cursor": None}


async def test_list_records_escapes_a_table_name_in_the_path(catalog, respx_mock):
    route = respx_mock.post(f"{API}/{BASE}/Open%20Tasks/listRecords").mock(
        return_value=httpx.Response(200, json={"records": [], "offset": "itrKKlLzwnlHz4z8M/rec560UJdUtocSouk"}))
    result = await run_action(catalog.action("airtable_oauth-list-records"),
                              {"baseId": BASE, "tableId": "Open Tasks", "limit": 5, "returnFieldsByFieldId": True}, auth=AUTH)
    assert result.error is None, result.error
    assert json.loads(route.calls.last.request.content) == {"returnFieldsByFieldId": True, "pageSize": 5}
    assert result.ret == {"records": [], "next_cursor": "itrKKlLzwnlHz4z8M/rec560UJdUtocSouk"}


async def test_list_records_needs_a_sort_field_for_a_direction(catalog, respx_mock):
    result = await run_action(catalog.action("airtable_oauth-list-records"),
                              {"baseId": BASE, "tableId": TABLE, "sortDirection": "desc"}, auth=AUTH)
    assert "needs a sort field" in result.error
    assert not respx_mock.calls


async def test_search_records_builds_a_case_insensitive_formula_over_the_given_fields(catalog, respx_mock):
    route = respx_mock.post(f"{RECORDS_URL}/listRecords").mock(
        return_value=httpx.Response(200, json={"records": [_record(Name="Acme \"Rockets\" launch")]}))
    result = await run_action(catalog.action("airtable_oauth-search-records"), {
        "baseId": BASE, "tableId": TABLE, "searchValue": 'Acme "Rockets"', "searchFields": ["Name"], "limit": 10,
    }, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{RECORDS_URL}/listRecords", body={
        "filterByFormula": 'FIND(LOWER("Acme \\"Rockets\\""), LOWER({Name} & ""))', "pageSize": 10,
    })
    assert len(result.ret["records"]) == 1 and result.ret["searchedFields"] == ["Name"]
    assert result.ret["next_cursor"] is None
    assert result.summary == "Found 1 record matching 'Acme \"Rockets\"'"


async def test_search_records_defaults_to_the_tables_text_fields(catalog, respx_mock):
    _mock_schema(respx_mock)
    route = respx_mock.post(f"{RECORDS_URL}/listRecords").mock(return_value=httpx.Response(200, json={"records": []}))
    result = await run_action(catalog.action("airtable_oauth-search-records"),
                              {"baseId": BASE, "tableId": TABLE, "searchValue": "invoice"}, auth=AUTH)
    assert result.error is None, result.error
    formula = json.loads(route.calls.last.request.content)["filterByFormula"]
    assert formula == ('OR(FIND(LOWER("invoice"), LOWER({Name} & "")), FIND(LOWER("invoice"), LOWER({Notes} & "")), '
                       'FIND(LOWER("invoice"), LOWER({Status} & "")))')
    assert result.ret["searchedFields"] == ["Name", "Notes", "Status"]
    assert result.summary == "Found 0 records matching 'invoice'"


async def test_get_record_reads_one_record(catalog, respx_mock):
    route = respx_mock.get(f"{RECORDS_URL}/rec560UJdUtocSouk").mock(
        return_value=httpx.Response(200, json=_record(Name="Launch plan", Status="Todo")))
    result = await run_action(catalog.action("airtable_oauth-get-record"),
                              {"baseId": BASE, "tableId": TABLE, "recordId": "rec560UJdUtocSouk", "returnFieldsByFieldId": True}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{RECORDS_URL}/rec560UJdUtocSouk", params={"returnFieldsByFieldId": "true"})
    assert result.ret == _record(Name="Launch plan", Status="Todo")
    assert result.summary == "Got record rec560UJdUtocSouk"


async def test_get_record_refuses_an_id_that_is_not_a_record_id(catalog, respx_mock):
    result = await run_action(catalog.action("airtable_oauth-get-record"),
                              {"baseId": BASE, "tableId": TABLE, "recordId": "Launch plan"}, auth=AUTH)
    assert "record IDs start with `rec`" in result.error
    assert not respx_mock.calls


async def test_create_record_posts_the_fields_with_typecast(catalog, respx_mock):
    route = respx_mock.post(RECORDS_URL).mock(return_value=httpx.Response(200, json={
        "records": [_record("recKj1MNgF0dzFrHC", Name="Launch plan", Status="Todo")]}))
    result = await run_action(catalog.action("airtable_oauth-create-record"), {
        "baseId": BASE, "tableId": TABLE, "fields": {"Name": "Launch plan", "Status": "Todo"}, "typecast": True,
    }, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", RECORDS_URL,
                   body={"records": [{"fields": {"Name": "Launch plan", "Status": "Todo"}}], "typecast": True})
    assert result.ret == _record("recKj1MNgF0dzFrHC", Name="Launch plan", Status="Todo")
    assert result.summary == f"Created record recKj1MNgF0dzFrHC in {TABLE}"


async def test_create_multiple_records_sends_one_batch(catalog, respx_mock):
    route = respx_mock.post(RECORDS_URL).mock(return_value=httpx.Response(200, json={
        "records": [_record("recKj1MNgF0dzFrHC", Name="Ada"), _record("recwPQIfs4wKPyc9D", Name="Grace")]}))
    result = await run_action(catalog.action("airtable_oauth-create-multiple-records"), {
        "baseId": BASE, "tableId": TABLE, "records": [{"Name": "Ada"}, {"Name": "Grace"}],
    }, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", RECORDS_URL,
                   body={"records": [{"fields": {"Name": "Ada"}}, {"fields": {"Name": "Grace"}}]})
    assert [r["id"] for r in result.ret["records"]] == ["recKj1MNgF0dzFrHC", "recwPQIfs4wKPyc9D"]
    assert result.summary == f"Created 2 records in {TABLE}"


async def test_create_multiple_records_refuses_more_than_ten(catalog, respx_mock):
    result = await run_action(catalog.action("airtable_oauth-create-multiple-records"), {
        "baseId": BASE, "tableId": TABLE, "records": [{"Name": str(n)} for n in range(11)],
    }, auth=AUTH)
    assert "at most 10 records per request; got 11" in result.error
    assert not respx_mock.calls


async def test_update_record_patches_only_the_given_fields(catalog, respx_mock):
    route = respx_mock.patch(f"{RECORDS_URL}/rec560UJdUtocSouk").mock(
        return_value=httpx.Response(200, json=_record(Name="Launch plan", Status="Done")))
    result = await run_action(catalog.action("airtable_oauth-update-record"), {
        "baseId": BASE, "tableId": TABLE, "recordId": "rec560UJdUtocSouk", "fields": {"Status": "Done", "Notes": None},
    }, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "PATCH", f"{RECORDS_URL}/rec560UJdUtocSouk",
                   body={"fields": {"Status": "Done", "Notes": None}})
    assert result.ret["fields"] == {"Name": "Launch plan", "Status": "Done"}
    assert result.summary == "Updated Status, Notes of record rec560UJdUtocSouk"


async def test_upsert_records_merges_on_the_given_fields(catalog, respx_mock):
    route = respx_mock.patch(RECORDS_URL).mock(return_value=httpx.Response(200, json={
        "records": [_record("recKj1MNgF0dzFrHC", Email="ada@example.com", Name="Ada"),
                    _record("recwPQIfs4wKPyc9D", Email="grace@example.com", Name="Grace")],
        "updatedRecords": ["recwPQIfs4wKPyc9D"],
        "createdRecords": ["recKj1MNgF0dzFrHC"],
    }))
    records = [{"Email": "ada@example.com", "Name": "Ada"}, {"Email": "grace@example.com", "Name": "Grace"}]
    result = await run_action(catalog.action("airtable_oauth-upsert-records"), {
        "baseId": BASE, "tableId": TABLE, "fieldsToMergeOn": ["Email"], "records": records, "typecast": True,
    }, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "PATCH", RECORDS_URL, body={
        "performUpsert": {"fieldsToMergeOn": ["Email"]}, "records": [{"fields": r} for r in records], "typecast": True,
    })
    assert result.ret["createdRecords"] == ["recKj1MNgF0dzFrHC"] and result.ret["updatedRecords"] == ["recwPQIfs4wKPyc9D"]
    assert result.summary == f"Upserted into {TABLE}: created 1, updated 1"


async def test_upsert_records_needs_the_match_fields_in_every_record(catalog, respx_mock):
    result = await run_action(catalog.action("airtable_oauth-upsert-records"), {
        "baseId": BASE, "tableId": TABLE, "fieldsToMergeOn": ["Email"], "records": [{"Name": "Ada"}],
    }, auth=AUTH)
    assert "record 1 has no value for the match field(s) Email" in result.error
    assert not respx_mock.calls


async def test_delete_records_sends_the_ids_as_records_params(catalog, respx_mock):
    route = respx_mock.delete(RECORDS_URL).mock(return_value=httpx.Response(200, json={"records": [
        {"deleted": True, "id": "rec560UJdUtocSouk"}, {"deleted": True, "id": "recwPQIfs4wKPyc9D"}]}))
    result = await run_action(catalog.action("airtable_oauth-delete-records"), {
        "baseId": BASE, "tableId": TABLE, "recordIds": ["rec560UJdUtocSouk", "recwPQIfs4wKPyc9D"],
    }, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "DELETE", RECORDS_URL,
                   params=[("records[]", "rec560UJdUtocSouk"), ("records[]", "recwPQIfs4wKPyc9D")])
    assert result.ret == {"deleted": ["rec560UJdUtocSouk", "recwPQIfs4wKPyc9D"], "count": 2}
    assert result.summary == f"Deleted 2 records from {TABLE}"


# Comments


async def test_create_comment_posts_the_text_as_a_reply(catalog, respx_mock):
    route = respx_mock.post(f"{RECORDS_URL}/rec560UJdUtocSouk/comments").mock(return_value=httpx.Response(200, json={
        "author": {"email": "foo@bar.com", "id": "usrL2PNC5o3H4lBEi", "name": "Foo Bar"},
        "createdTime": "2021-03-01T09:00:00.000Z", "id": "comB5z37Mg9zaEPw6", "lastUpdatedTime": None,
        "parentCommentId": "comkNDICXNqxSDhGL", "text": "Sent the contract",
    }))
    result = await run_action(catalog.action("airtable_oauth-create-comment"), {
        "baseId": BASE, "tableId": TABLE, "recordId": "rec560UJdUtocSouk", "text": " Sent the contract ",
        "parentCommentId": "comkNDICXNqxSDhGL",
    }, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{RECORDS_URL}/rec560UJdUtocSouk/comments",
                   body={"text": "Sent the contract", "parentCommentId": "comkNDICXNqxSDhGL"})
    assert result.ret["id"] == "comB5z37Mg9zaEPw6"
    assert result.summary == "Commented on record rec560UJdUtocSouk (comment comB5z37Mg9zaEPw6)"


async def test_list_comments_pages_and_keeps_the_useful_parts(catalog, respx_mock):
    url = f"{RECORDS_URL}/rec560UJdUtocSouk/comments"
    comment = {"author": {"email": "foo@bar.com", "id": "usrL2PNC5o3H4lBEi", "name": "Foo Bar"},
               "createdTime": "2021-03-01T09:00:00.000Z", "id": "comB5z37Mg9zaEPw6", "lastUpdatedTime": None,
               "text": "Hello, world!", "mentioned": {}}
    route = respx_mock.get(url).mock(side_effect=[
        httpx.Response(200, json={"comments": [comment], "offset": "comkNDICXNqxSDhGL"}),
        httpx.Response(200, json={"comments": [{**comment, "id": "comkNDICXNqxSDhGL", "parentCommentId": "comB5z37Mg9zaEPw6"}],
                                  "offset": "comkNDICXNqxSDhGM"}),
    ])
    result = await run_action(catalog.action("airtable_oauth-list-comments"),
                              {"baseId": BASE, "tableId": TABLE, "recordId": "rec560UJdUtocSouk", "limit": 2}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls[0].request, "GET", url, params={"pageSize": "2"})
    assert_request(route.calls[1].request, "GET", url, params={"pageSize": "1", "offset": "comkNDICXNqxSDhGL"})
    assert result.ret["comments"][0] == {
        "id": "comB5z37Mg9zaEPw6", "author": {"id": "usrL2PNC5o3H4lBEi", "name": "Foo Bar", "email": "foo@bar.com"},
        "text": "Hello, world!", "createdTime": "2021-03-01T09:00:00.000Z", "lastUpdatedTime": None,
    }
    assert result.ret["comments"][1]["parentCommentId"] == "comB5z37Mg9zaEPw6"
    assert result.ret["next_cursor"] == "comkNDICXNqxSDhGM"
    assert result.summary == "Found 2 comments on record rec560UJdUtocSouk (more exist)"


async def test_list_comments_resumes_from_the_cursor(catalog, respx_mock):
    url = f"{RECORDS_URL}/rec560UJdUtocSouk/comments"
    route = respx_mock.get(url).mock(return_value=httpx.Response(200, json={"comments": [], "offset": None}))
    result = await run_action(catalog.action("airtable_oauth-list-comments"),
                              {"baseId": BASE, "tableId": TABLE, "recordId": "rec560UJdUtocSouk", "cursor": "comkNDICXNqxSDhGM"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", url, params={"pageSize": "25", "offset": "comkNDICXNqxSDhGM"})
    assert result.ret == {"comments": [], "next_cursor": None}


# Attachments


async def test_upload_attachment_sends_the_file_base64_to_the_content_api(catalog, respx_mock, tmp_path):
    (tmp_path / "invoice.pdf").write_bytes(b"%PDF-1.4 tiny")
    url = f"https://content.airtable.com/v0/{BASE}/rec560UJdUtocSouk/Files/uploadAttachment"
    route = respx_mock.post(url).mock(return_value=httpx.Response(200, json={
        "createdTime": "2022-02-01T21:25:05.663Z",
        "fields": {"fldAttach00000001": [
            {"filename": "old.png", "id": "att00000000000001", "size": 5, "type": "image/png", "url": "https://v5.airtableusercontent.com/v3/u/1/old"},
            {"filename": "invoice.pdf", "id": "att00000000000002", "size": 13, "type": "application/pdf",
             "url": "https://v5.airtableusercontent.com/v3/u/29/29/1716940800000/ffhiecnieIwxisnIBDSAln/foDeknw"},
        ]},
        "id": "rec560UJdUtocSouk",
    }))
    result = await run_action(catalog.action("airtable_oauth-upload-attachment"), {
        "baseId": BASE, "recordId": "rec560UJdUtocSouk", "attachmentField": "Files", "filePath": "/tmp/invoice.pdf",
    }, auth=AUTH, tmp_dir=tmp_path)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", url, body={
        "contentType": "application/pdf", "file": base64.b64encode(b"%PDF-1.4 tiny").decode(), "filename": "invoice.pdf",
    })
    assert result.ret == {"recordId": "rec560UJdUtocSouk", "attachmentCount": 2, "attachment": {
        "id": "att00000000000002", "filename": "invoice.pdf", "size": 13, "type": "application/pdf",
        "url": "https://v5.airtableusercontent.com/v3/u/29/29/1716940800000/ffhiecnieIwxisnIBDSAln/foDeknw"}}
    assert result.summary == "Attached invoice.pdf (13 bytes) to record rec560UJdUtocSouk"


async def test_upload_attachment_refuses_missing_and_oversized_files(catalog, respx_mock, tmp_path):
    (tmp_path / "big.bin").write_bytes(b"x" * (5 * 1024 * 1024 + 1))
    values = {"baseId": BASE, "recordId": "rec560UJdUtocSouk", "attachmentField": "Files"}
    big = await run_action(catalog.action("airtable_oauth-upload-attachment"), {**values, "filePath": "/tmp/big.bin"},
                           auth=AUTH, tmp_dir=tmp_path)
    assert "at most 5 MB" in big.error
    missing = await run_action(catalog.action("airtable_oauth-upload-attachment"), {**values, "filePath": "/tmp/nope.pdf"},
                               auth=AUTH, tmp_dir=tmp_path)
    assert "/tmp/nope.pdf is not a file in /tmp" in missing.error
    assert not respx_mock.calls


async def test_download_attachment_saves_the_file_without_sending_the_token(catalog, respx_mock, tmp_path):
    file_url = "https://v5.airtableusercontent.com/v3/u/29/29/1716940800000/ffhiecnieIwxisnIBDSAln/foDeknw"
    record = respx_mock.get(f"{RECORDS_URL}/rec560UJdUtocSouk").mock(return_value=httpx.Response(200, json=_record(
        Name="Launch plan",
        Files=[{"id": "att00000000000001", "filename": "plan.png", "size": 5, "type": "image/png", "url": "https://v5.airtableusercontent.com/x"},
               {"id": "att00000000000002", "filename": "invoice.pdf", "size": 13, "type": "application/pdf", "url": file_url}],
    )))
    download = respx_mock.get(file_url).mock(return_value=httpx.Response(200, content=b"%PDF-1.4 tiny",
                                                                          headers={"content-type": "application/pdf"}))
    result = await run_action(catalog.action("airtable_oauth-download-attachment"), {
        "baseId": BASE, "tableId": TABLE, "recordId": "rec560UJdUtocSouk", "attachmentField": "Files",
        "attachmentId": "att00000000000002",
    }, auth=AUTH, tmp_dir=tmp_path)
    assert result.error is None, result.error
    assert_request(record.calls.last.request, "GET", f"{RECORDS_URL}/rec560UJdUtocSouk")
    assert "authorization" not in download.calls.last.request.headers
    assert (tmp_path / "invoice.pdf").read_bytes() == b"%PDF-1.4 tiny"
    assert result.ret == {"filePath": "/tmp/invoice.pdf", "filename": "invoice.pdf", "size": 13,
                          "type": "application/pdf", "attachmentId": "att00000000000002"}
    assert result.summary == "Downloaded invoice.pdf (13 bytes) to /tmp/invoice.pdf"


async def test_download_attachment_says_when_the_field_is_empty(catalog, respx_mock, tmp_path):
    respx_mock.get(f"{RECORDS_URL}/rec560UJdUtocSouk").mock(return_value=httpx.Response(200, json=_record(Name="x")))
    result = await run_action(catalog.action("airtable_oauth-download-attachment"), {
        "baseId": BASE, "tableId": TABLE, "recordId": "rec560UJdUtocSouk", "attachmentField": "Files",
    }, auth=AUTH, tmp_dir=tmp_path)
    assert "has no attachments in 'Files'" in result.error


# Errors, auth and rate limits


async def test_a_validation_error_names_airtables_error_type_and_what_to_do(catalog, respx_mock):
    respx_mock.post(RECORDS_URL).mock(return_value=httpx.Response(422, json={
        "error": {"type": "UNKNOWN_FIELD_NAME", "message": "Unknown field name: \"Stauts\""}}))
    result = await run_action(catalog.action("airtable_oauth-create-record"),
                              {"baseId": BASE, "tableId": TABLE, "fields": {"Stauts": "Done"}}, auth=AUTH)
    assert result.ret is None
    assert "Airtable API error 422" in result.error
    assert 'UNKNOWN_FIELD_NAME: Unknown field name: "Stauts"' in result.error
    assert "list the fields" in result.error


async def test_a_missing_record_is_reported_with_the_not_found_hint(catalog, respx_mock):
    respx_mock.get(f"{RECORDS_URL}/recXXXXXXXXXXXXXX").mock(return_value=httpx.Response(404, json={"error": "NOT_FOUND"}))
    result = await run_action(catalog.action("airtable_oauth-get-record"),
                              {"baseId": BASE, "tableId": TABLE, "recordId": "recXXXXXXXXXXXXXX"}, auth=AUTH)
    assert "Airtable API error 404" in result.error and "NOT_FOUND" in result.error
    assert "check the base ID" in result.error


async def test_a_401_refreshes_the_token_and_retries(catalog, respx_mock):
    route = respx_mock.get(f"{RECORDS_URL}/rec560UJdUtocSouk").mock(side_effect=[
        httpx.Response(401, json={"error": {"type": "AUTHENTICATION_REQUIRED", "message": "Authentication required"}}),
        httpx.Response(200, json=_record()),
    ])
    calls = []

    async def refresh():
        calls.append(1)
        return {"Authorization": "Bearer oaa_refreshed"}

    result = await run_action(catalog.action("airtable_oauth-get-record"),
                              {"baseId": BASE, "tableId": TABLE, "recordId": "rec560UJdUtocSouk"}, auth=AUTH, on_unauthorized=refresh)
    assert result.error is None, result.error
    assert calls == [1] and route.call_count == 2
    assert route.calls[0].request.headers["authorization"] == f"Bearer {TOKEN}"
    assert_request(route.calls[1].request, "GET", f"{RECORDS_URL}/rec560UJdUtocSouk", token="oaa_refreshed")


async def test_a_401_without_fresh_credentials_asks_to_reconnect(catalog, respx_mock):
    respx_mock.get(f"{RECORDS_URL}/rec560UJdUtocSouk").mock(return_value=httpx.Response(401, json={
        "error": {"type": "AUTHENTICATION_REQUIRED", "message": "Authentication required"}}))

    async def refresh():
        return None

    result = await run_action(catalog.action("airtable_oauth-get-record"),
                              {"baseId": BASE, "tableId": TABLE, "recordId": "rec560UJdUtocSouk"}, auth=AUTH, on_unauthorized=refresh)
    assert "AUTHENTICATION_REQUIRED" in result.error and "reconnect Airtable" in result.error


async def test_a_429_says_to_wait_the_thirty_seconds_airtable_asks_for(catalog, respx_mock):
    respx_mock.post(f"{RECORDS_URL}/listRecords").mock(return_value=httpx.Response(429, json={
        "errors": [{"error": "RATE_LIMIT_REACHED", "message": "Rate limit exceeded. Please try again later"}]}))
    result = await run_action(catalog.action("airtable_oauth-list-records"), {"baseId": BASE, "tableId": TABLE}, auth=AUTH)
    assert result.ret is None
    assert "Airtable API error 429" in result.error and "retry after 30 s" in result.error


async def test_a_429_with_retry_after_uses_it(catalog, respx_mock):
    respx_mock.get(f"{API}/meta/bases").mock(return_value=httpx.Response(
        429, json={"error": {"type": "RATE_LIMIT_REACHED", "message": "Rate limit exceeded"}}, headers={"Retry-After": "12"}))
    result = await run_action(catalog.action("airtable_oauth-list-bases"), {}, auth=AUTH)
    assert "retry after 12 s" in result.error and "RATE_LIMIT_REACHED" in result.error


# Remote options


async def test_base_options_page_with_the_offset(catalog, respx_mock):
    route = respx_mock.get(f"{API}/meta/bases").mock(side_effect=[
        httpx.Response(200, json={"bases": [{"id": BASE, "name": "Apartment Hunting", "permissionLevel": "create"}],
                                  "offset": "itr23sEjsdfEr3282/appSW9R5uCNmRmfl6"}),
        httpx.Response(200, json={"bases": [{"id": "appSW9R5uCNmRmfl6", "name": "Project Tracker", "permissionLevel": "edit"}]}),
    ])
    action = catalog.action("airtable_oauth-list-records")
    first = await fetch_options(action, "baseId", {}, auth=AUTH)
    assert first["errors"] == []
    assert first["options"] == [{"label": "Apartment Hunting", "value": BASE}]
    assert first["context"] == {"offset": "itr23sEjsdfEr3282/appSW9R5uCNmRmfl6"}
    second = await fetch_options(action, "baseId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Project Tracker", "value": "appSW9R5uCNmRmfl6"}]
    assert second["context"] is None
    assert_request(route.calls[1].request, "GET", f"{API}/meta/bases", params={"offset": "itr23sEjsdfEr3282/appSW9R5uCNmRmfl6"})
    third = await fetch_options(action, "baseId", {}, auth=AUTH, page=2, prev_context=None)
    assert third["options"] == [] and route.call_count == 2


async def test_table_view_and_field_options_read_the_base_schema(catalog, respx_mock):
    route = _mock_schema(respx_mock)
    action = catalog.action("airtable_oauth-list-records")
    tables = await fetch_options(action, "tableId", {"baseId": BASE}, auth=AUTH)
    assert tables["options"] == [{"label": "Tasks", "value": TABLE}, {"label": "Projects", "value": "tblK6MZHez0ZvBChZ"}]
    views = await fetch_options(action, "view", {"baseId": BASE, "tableId": TABLE}, auth=AUTH)
    assert views["options"] == [{"label": "Grid view", "value": "viwQpsuEDqHFqegkp"}, {"label": "Open tasks", "value": "viwi3KXvrKug2mIBS"}]
    fields = await fetch_options(action, "fields", {"baseId": BASE, "tableId": "Tasks"}, auth=AUTH)
    assert fields["stringOptions"] == ["Name", "Notes", "Status", "Project", "Files"]
    assert_request(route.calls.last.request, "GET", f"{API}/meta/bases/{BASE}/tables")


async def test_table_options_ask_for_the_base_first(catalog, respx_mock):
    response = await fetch_options(catalog.action("airtable_oauth-list-records"), "tableId", {}, auth=AUTH)
    assert response["options"] == [] and "choose baseId first" in response["errors"][0]
    assert not respx_mock.calls


# Account test: https://airtable.com/developers/web/api/get-user-id-scopes


async def _account_test(app, creds):
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(creds), base_url=app.base_url_for(creds),
                       allowed_domains=app.allowed_domains_for(creds))
        return await app.test(AccountContext(auth=creds, http=http))


async def test_account_identity_is_the_users_email_and_id(catalog, respx_mock):
    route = respx_mock.get(f"{API}/meta/whoami").mock(return_value=httpx.Response(200, json={
        "id": "usrL2PNC5o3H4lBEi", "email": "foo@bar.com", "scopes": ["data.records:read", "user.email:read"]}))
    identity = await _account_test(catalog.apps["airtable_oauth"], AUTH)
    assert identity == Identity(name="foo@bar.com", external_id="usrL2PNC5o3H4lBEi")
    assert_request(route.calls.last.request, "GET", f"{API}/meta/whoami")


async def test_account_test_raises_on_a_rejected_token(catalog, respx_mock):
    respx_mock.get(f"{API}/meta/whoami").mock(return_value=httpx.Response(401, json={
        "error": {"type": "AUTHENTICATION_REQUIRED", "message": "Authentication required"}}))
    with pytest.raises(UpstreamError, match="AUTHENTICATION_REQUIRED") as raised:
        await _account_test(catalog.apps["airtable_oauth"], AUTH)
    assert raised.value.status == 401


def test_oauth_settings_follow_airtables_reference(catalog):
    auth = catalog.apps["airtable_oauth"].auth
    assert auth.authorize_url == "https://airtable.com/oauth2/v1/authorize"
    assert auth.token_url == "https://airtable.com/oauth2/v1/token"
    assert auth.pkce is True and auth.token_auth_method == "client_secret_basic"
    assert {"data.records:read", "data.records:write", "schema.bases:read", "schema.bases:write",
            "data.recordComments:write"} <= set(auth.scopes)


# Schema changes: https://airtable.com/developers/web/api/model/table-model


async def test_get_base_schema_gives_every_fields_type_and_choices(catalog, respx_mock):
    route = _mock_schema(respx_mock)
    result = await run_action(catalog.action("airtable_oauth-get-base-schema"), {"baseId": BASE}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/meta/bases/{BASE}/tables")
    tasks = result.ret["tables"][0]
    assert tasks["primaryFieldId"] == "fld1VnoyuotSTyxW1"
    assert tasks["fields"][2] == {"id": "fldqCjrs1UhXgHUIc", "name": "Status", "type": "singleSelect", "choices": ["Todo", "Done"]}
    assert tasks["views"][1] == {"id": "viwi3KXvrKug2mIBS", "name": "Open tasks", "type": "grid"}
    assert result.summary == f"Read the schema of base {BASE}: 2 tables, 6 fields"


def _apartments():
    return {
        "description": "A to-do list of places to visit",
        "fields": [
            {"description": "Name of the apartment", "id": "fldoaIqdn5szURHpw", "name": "Name", "type": "singleLineText"},
            {"id": "fldumZe00w09RYTW6", "name": "Visited", "options": {"color": "redBright", "icon": "star"}, "type": "checkbox"},
        ],
        "id": "tbltp8DGLhqbUmjK1",
        "name": "Apartments",
        "primaryFieldId": "fldoaIqdn5szURHpw",
        "views": [{"id": "viwQpsuEDqHFqegkp", "name": "Grid view", "type": "grid"}],
    }


async def test_create_table_posts_its_fields(catalog, respx_mock):
    route = respx_mock.post(f"{API}/meta/bases/{BASE}/tables").mock(return_value=httpx.Response(200, json=_apartments()))
    fields = [{"name": "Name", "type": "singleLineText", "description": "Name of the apartment"},
              {"name": "Visited", "type": "checkbox", "options": {"color": "redBright", "icon": "star"}}]
    action = catalog.action("airtable_oauth-create-table")
    result = await run_action(action, {"baseId": BASE, "name": "Apartments", "description": "A to-do list of places to visit",
                                       "fields": fields}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/meta/bases/{BASE}/tables",
                   body={"name": "Apartments", "fields": fields, "description": "A to-do list of places to visit"})
    assert result.ret["id"] == "tbltp8DGLhqbUmjK1" and result.ret["fields"][1]["type"] == "checkbox"
    assert result.summary == f"Created table Apartments (tbltp8DGLhqbUmjK1) in base {BASE}"
    plain = await run_action(action, {"baseId": BASE, "name": "Apartments"}, auth=AUTH)
    assert plain.error is None
    assert json.loads(route.calls.last.request.content) == {"name": "Apartments", "fields": [{"name": "Name", "type": "singleLineText"}]}
    bad = await run_action(action, {"baseId": BASE, "name": "X", "fields": [{"name": "Notes"}]}, auth=AUTH)
    assert "field 1 needs a `name` and a `type`" in bad.error and route.call_count == 2


async def test_update_table_resolves_a_table_name_to_its_id(catalog, respx_mock):
    _mock_schema(respx_mock)
    route = respx_mock.patch(f"{API}/meta/bases/{BASE}/tables/{TABLE}").mock(
        return_value=httpx.Response(200, json={**_schema()["tables"][0], "name": "Chores"}))
    action = catalog.action("airtable_oauth-update-table")
    result = await run_action(action, {"baseId": BASE, "tableId": "Tasks", "name": "Chores"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "PATCH", f"{API}/meta/bases/{BASE}/tables/{TABLE}", body={"name": "Chores"})
    assert result.ret["name"] == "Chores"
    assert result.summary == "Updated table Chores (name)"
    nothing = await run_action(action, {"baseId": BASE, "tableId": TABLE}, auth=AUTH)
    assert "give a new name or description" in nothing.error


async def test_create_field_fills_the_options_a_type_needs(catalog, respx_mock):
    url = f"{API}/meta/bases/{BASE}/tables/{TABLE}/fields"
    route = respx_mock.post(url).mock(side_effect=[
        httpx.Response(200, json={"description": "Whether I have visited this apartment yet.", "id": "fldumZe00w09RYTW6",
                                  "name": "Visited", "options": {"color": "greenBright", "icon": "check"}, "type": "checkbox"}),
        httpx.Response(200, json={"id": "fldqCjrs1UhXgHUId", "name": "Stage", "type": "singleSelect",
                                  "options": {"choices": [{"id": "selyW0bcGxjWm6HkF", "name": "Open", "color": "blueLight2"},
                                                          {"id": "selOEdFcWnBd8NLSN", "name": "Paid", "color": "greenLight2"}]}}),
    ])
    action = catalog.action("airtable_oauth-create-field")
    result = await run_action(action, {"baseId": BASE, "tableId": TABLE, "name": "Visited", "type": "checkbox",
                                       "description": "Whether I have visited this apartment yet."}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls[0].request, "POST", url, body={
        "name": "Visited", "type": "checkbox", "description": "Whether I have visited this apartment yet.",
        "options": {"icon": "check", "color": "greenBright"}})
    assert result.ret == {"id": "fldumZe00w09RYTW6", "name": "Visited", "type": "checkbox",
                          "description": "Whether I have visited this apartment yet."}
    assert result.summary == f"Created checkbox field Visited (fldumZe00w09RYTW6) in table {TABLE}"
    select = await run_action(action, {"baseId": BASE, "tableId": TABLE, "name": "Stage", "type": "singleSelect",
                                       "choices": ["Open", "Paid"]}, auth=AUTH)
    assert select.error is None, select.error
    assert_request(route.calls[1].request, "POST", url, body={
        "name": "Stage", "type": "singleSelect", "options": {"choices": [{"name": "Open"}, {"name": "Paid"}]}})
    assert select.ret["choices"] == ["Open", "Paid"]
    for values, message in (
        ({"type": "singleSelect"}, "needs its choices"),
        ({"type": "multipleRecordLinks"}, "needs linkedTableId"),
        ({"type": "number", "choices": ["a"]}, "choices go with type"),
    ):
        refused = await run_action(action, {"baseId": BASE, "tableId": TABLE, "name": "X", **values}, auth=AUTH)
        assert message in refused.error
    assert route.call_count == 2


async def test_create_field_links_to_another_table(catalog, respx_mock):
    url = f"{API}/meta/bases/{BASE}/tables/{TABLE}/fields"
    route = respx_mock.post(url).mock(return_value=httpx.Response(200, json={
        "id": "fldumZe00w09RYTW7", "name": "Project", "type": "multipleRecordLinks",
        "options": {"isReversed": False, "linkedTableId": "tblK6MZHez0ZvBChZ", "prefersSingleRecordLink": False,
                    "inverseLinkFieldId": "fldWnCJlo2z6ttT8Z"}}))
    result = await run_action(catalog.action("airtable_oauth-create-field"), {
        "baseId": BASE, "tableId": TABLE, "name": "Project", "type": "multipleRecordLinks", "linkedTableId": "tblK6MZHez0ZvBChZ",
    }, auth=AUTH)
    assert result.error is None, result.error
    assert json.loads(route.calls.last.request.content) == {
        "name": "Project", "type": "multipleRecordLinks", "options": {"linkedTableId": "tblK6MZHez0ZvBChZ"}}
    assert result.ret["linkedTableId"] == "tblK6MZHez0ZvBChZ"


async def test_update_field_renames_it(catalog, respx_mock):
    url = f"{API}/meta/bases/{BASE}/tables/{TABLE}/fields/fldoaIqdn5szURHpw"
    route = respx_mock.patch(url).mock(return_value=httpx.Response(200, json={
        "description": "Notes about the task", "id": "fldoaIqdn5szURHpw", "name": "Details", "type": "multilineText"}))
    result = await run_action(catalog.action("airtable_oauth-update-field"), {
        "baseId": BASE, "tableId": TABLE, "columnId": "fldoaIqdn5szURHpw", "name": "Details", "description": "Notes about the task",
    }, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "PATCH", url, body={"name": "Details", "description": "Notes about the task"})
    assert result.ret["name"] == "Details"
    assert result.summary == "Updated field Details (fldoaIqdn5szURHpw): name, description"


async def test_field_id_options_label_each_field_with_its_type(catalog, respx_mock):
    _mock_schema(respx_mock)
    response = await fetch_options(catalog.action("airtable_oauth-update-field"), "columnId", {"baseId": BASE, "tableId": TABLE}, auth=AUTH)
    assert response["options"][:2] == [{"label": "Name (singleLineText)", "value": "fld1VnoyuotSTyxW1"},
                                       {"label": "Notes (multilineText)", "value": "fldoaIqdn5szURHpw"}]


# More records and comments


async def test_update_multiple_records_patches_each_by_id(catalog, respx_mock):
    route = respx_mock.patch(RECORDS_URL).mock(return_value=httpx.Response(200, json={"records": [
        _record("rec560UJdUtocSouk", Name="A", Status="Done"), _record("recwPQIfs4wKPyc9D", Name="B", Status="Done")]}))
    changes = [{"id": "rec560UJdUtocSouk", "fields": {"Status": "Done"}}, {"id": "recwPQIfs4wKPyc9D", "fields": {"Status": "Done"}}]
    action = catalog.action("airtable_oauth-update-multiple-records")
    result = await run_action(action, {"baseId": BASE, "tableId": TABLE, "records": changes, "typecast": True}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "PATCH", RECORDS_URL, body={"records": changes, "typecast": True})
    assert [r["fields"]["Status"] for r in result.ret["records"]] == ["Done", "Done"]
    assert result.summary == f"Updated 2 records in {TABLE}"
    no_id = await run_action(action, {"baseId": BASE, "tableId": TABLE, "records": [{"fields": {"Status": "Done"}}]}, auth=AUTH)
    assert "record 1 needs an `id`" in no_id.error and route.call_count == 1


async def test_update_comment_replaces_its_text(catalog, respx_mock):
    url = f"{RECORDS_URL}/rec560UJdUtocSouk/comments/comB5z37Mg9zaEPw6"
    route = respx_mock.patch(url).mock(return_value=httpx.Response(200, json={
        "author": {"email": "foo@bar.com", "id": "usrL2PNC5o3H4lBEi", "name": "Foo Bar"},
        "createdTime": "2021-03-01T09:00:00.000Z", "id": "comB5z37Mg9zaEPw6", "lastUpdatedTime": "2021-03-01T09:05:00.000Z",
        "text": "Hello, world!"}))
    action = catalog.action("airtable_oauth-update-comment")
    values = {"baseId": BASE, "tableId": TABLE, "recordId": "rec560UJdUtocSouk", "rowCommentId": "comB5z37Mg9zaEPw6"}
    result = await run_action(action, {**values, "text": "Hello, world!"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "PATCH", url, body={"text": "Hello, world!"})
    assert result.ret["lastUpdatedTime"] == "2021-03-01T09:05:00.000Z"
    assert result.summary == "Updated comment comB5z37Mg9zaEPw6 on record rec560UJdUtocSouk"
    empty = await run_action(action, {**values, "text": "  "}, auth=AUTH)
    assert "airtable_oauth-delete-comment" in empty.error


async def test_delete_comment(catalog, respx_mock):
    url = f"{RECORDS_URL}/rec560UJdUtocSouk/comments/comB5z37Mg9zaEPw6"
    route = respx_mock.delete(url).mock(return_value=httpx.Response(200, json={"deleted": True, "id": "comB5z37Mg9zaEPw6"}))
    action = catalog.action("airtable_oauth-delete-comment")
    result = await run_action(action, {"baseId": BASE, "tableId": TABLE, "recordId": "rec560UJdUtocSouk",
                                       "rowCommentId": "comB5z37Mg9zaEPw6"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "DELETE", url)
    assert result.ret == {"id": "comB5z37Mg9zaEPw6", "deleted": True}
    assert result.summary == "Deleted comment comB5z37Mg9zaEPw6 from record rec560UJdUtocSouk"
    assert action.annotations.destructive


async def test_record_options_are_labelled_by_the_primary_field_and_page(catalog, respx_mock):
    _mock_schema(respx_mock)
    route = respx_mock.post(f"{RECORDS_URL}/listRecords").mock(side_effect=[
        httpx.Response(200, json={"records": [{"id": "rec560UJdUtocSouk", "createdTime": "2022-09-12T21:03:48.000Z",
                                               "fields": {"fld1VnoyuotSTyxW1": "Launch plan"}}],
                                  "offset": "itrKKlLzwnlHz4z8M/rec560UJdUtocSouk"}),
        httpx.Response(200, json={"records": [{"id": "recwPQIfs4wKPyc9D", "createdTime": "2022-09-12T21:03:48.000Z", "fields": {}}]}),
    ])
    action = catalog.action("airtable_oauth-get-record")
    first = await fetch_options(action, "recordId", {"baseId": BASE, "tableId": "Tasks"}, auth=AUTH)
    assert first["options"] == [{"label": "Launch plan (rec560UJdUtocSouk)", "value": "rec560UJdUtocSouk"}]
    assert_request(route.calls[0].request, "POST", f"{RECORDS_URL}/listRecords",
                   body={"pageSize": 100, "returnFieldsByFieldId": True, "fields": ["fld1VnoyuotSTyxW1"]})
    second = await fetch_options(action, "recordId", {"baseId": BASE, "tableId": "Tasks"}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "(empty) (recwPQIfs4wKPyc9D)", "value": "recwPQIfs4wKPyc9D"}]
    assert json.loads(route.calls[1].request.content)["offset"] == "itrKKlLzwnlHz4z8M/rec560UJdUtocSouk"
    assert second["context"] is None


async def test_comment_options_list_the_records_comments(catalog, respx_mock):
    url = f"{RECORDS_URL}/rec560UJdUtocSouk/comments"
    route = respx_mock.get(url).mock(return_value=httpx.Response(200, json={"comments": [{
        "author": {"email": "foo@bar.com", "id": "usrL2PNC5o3H4lBEi", "name": "Foo Bar"}, "createdTime": "2021-03-01T09:00:00.000Z",
        "id": "comB5z37Mg9zaEPw6", "lastUpdatedTime": None, "text": "Hello, world!"}], "offset": None}))
    response = await fetch_options(catalog.action("airtable_oauth-update-comment"), "rowCommentId",
                                   {"baseId": BASE, "tableId": TABLE, "recordId": "rec560UJdUtocSouk"}, auth=AUTH)
    assert response["options"] == [{"label": "Foo Bar: Hello, world!", "value": "comB5z37Mg9zaEPw6"}]
    assert_request(route.calls.last.request, "GET", url, params={"pageSize": "100"})


def test_upload_attachment_offers_no_record_choices_without_a_table(catalog):
    assert catalog.action("airtable_oauth-upload-attachment").props["recordId"].options is None
    assert catalog.action("airtable_oauth-get-record").props["recordId"].has_remote_options
