"""Salesforce: each action at the HTTP boundary, with answers shaped like the REST API Developer Guide
(https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/) and the UserInfo endpoint."""

import json
import sys

import httpx
import pytest

from mcp_gateway.catalog import AccountContext, AppHttp, Identity, UpstreamError
from mcp_gateway.runtime.engine import fetch_options, run_action

INSTANCE = "https://acme.my.salesforce.com"
API = f"{INSTANCE}/services/data/v62.0"
USERINFO = "https://login.salesforce.com/services/oauth2/userinfo"
TOKEN = "00D5g000004Fw2d!AQ0AQHhY8z1tG2B3zSx7vXo.kq3cZKk2W1pEo6CqQj7Rb8Wv9n"
AUTH = {"oauth_access_token": TOKEN}
ACCOUNT_ID = "0015g00000ABCDeAAH"


@pytest.fixture(autouse=True)
def forget_instances(catalog):
    """Each test starts without remembered org instances."""
    module = sys.modules[catalog.apps["salesforce_rest_api"].test.__module__]
    module._INSTANCES.clear()
    yield
    module._INSTANCES.clear()


def _userinfo(rest_host=INSTANCE):
    return {
        "sub": "https://login.salesforce.com/id/00D5g000004Fw2dEAC/0055g00000EXaMPLEA",
        "user_id": "0055g00000EXaMPLEA",
        "organization_id": "00D5g000004Fw2dEAC",
        "preferred_username": "ada@acme.example.com",
        "nickname": "ada",
        "name": "Ada Lovelace",
        "email": "ada@example.com",
        "email_verified": True,
        "given_name": "Ada",
        "family_name": "Lovelace",
        "zoneinfo": "Europe/London",
        "urls": {
            "enterprise": f"{rest_host}/services/Soap/c/{{version}}/00D5g000004Fw2d",
            "partner": f"{rest_host}/services/Soap/u/{{version}}/00D5g000004Fw2d",
            "rest": f"{rest_host}/services/data/v{{version}}/",
            "sobjects": f"{rest_host}/services/data/v{{version}}/sobjects/",
            "search": f"{rest_host}/services/data/v{{version}}/search/",
            "query": f"{rest_host}/services/data/v{{version}}/query/",
            "custom_domain": rest_host,
        },
        "active": True,
        "user_type": "STANDARD",
        "language": "en_US",
        "locale": "en_GB",
        "utcOffset": 0,
        "updated_at": "2024-03-01T10:00:00Z",
        "is_app_installed": True,
    }


def _mock_userinfo(respx_mock, rest_host=INSTANCE):
    return respx_mock.get(USERINFO).mock(return_value=httpx.Response(200, json=_userinfo(rest_host)))


def assert_request(request, method, url, *, params=None, body=None, token=TOKEN):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == url
    assert dict(request.url.params.multi_items()) == (params or {})
    assert request.headers["authorization"] == f"Bearer {token}"
    if body is None:
        assert not request.content
    else:
        assert request.headers["content-type"] == "application/json"
        assert json.loads(request.content) == body


def _account(record_id=ACCOUNT_ID, name="Acme", **fields):
    return {"attributes": {"type": "Account", "url": f"/services/data/v62.0/sobjects/Account/{record_id}"},
            "Id": record_id, "Name": name, **fields}


def _created(record_id):
    return httpx.Response(201, json={"id": record_id, "errors": [], "success": True})


def _sobject(name, label, *, custom=False, createable=True, prefix="001"):
    return {"activateable": False, "createable": createable, "custom": custom, "customSetting": False, "deletable": True,
            "deprecatedAndHidden": False, "feedEnabled": True, "hasSubtypes": False, "isSubtype": False,
            "keyPrefix": prefix, "label": label, "labelPlural": label + "s", "layoutable": True, "mergeable": False,
            "mruEnabled": True, "name": name, "queryable": True, "replicateable": True, "retrieveable": True,
            "searchable": True, "triggerable": True, "undeletable": True, "updateable": True,
            "urls": {"sobject": f"/services/data/v62.0/sobjects/{name}",
                     "describe": f"/services/data/v62.0/sobjects/{name}/describe",
                     "rowTemplate": f"/services/data/v62.0/sobjects/{name}/{{ID}}"}}


def _describe_global(extra=0):
    sobjects = [_sobject("Account", "Account"), _sobject("Contact", "Contact", prefix="003"),
                _sobject("Lead", "Lead", prefix="00Q"), _sobject("Opportunity", "Opportunity", prefix="006"),
                _sobject("Invoice__c", "Invoice", custom=True, prefix="a01")]
    sobjects += [_sobject(f"Custom_{n:03d}__c", f"Custom {n:03d}", custom=True, prefix="a02") for n in range(extra)]
    return {"encoding": "UTF-8", "maxBatchSize": 200, "sobjects": sobjects}


# Finding the org


async def test_the_org_instance_comes_from_userinfo_once_per_token(catalog, respx_mock):
    who = _mock_userinfo(respx_mock)
    query = respx_mock.get(f"{API}/query").mock(return_value=httpx.Response(200, json={"totalSize": 0, "done": True, "records": []}))
    for _ in range(2):
        result = await run_action(catalog.action("salesforce_rest_api-soql-query"), {"query": "SELECT Id FROM Account"}, auth=AUTH)
        assert result.error is None, result.error
    assert who.call_count == 1 and query.call_count == 2
    assert who.calls.last.request.headers["authorization"] == f"Bearer {TOKEN}"


async def test_an_instance_url_on_the_account_is_used_without_asking(catalog, respx_mock):
    who = _mock_userinfo(respx_mock)
    route = respx_mock.get("https://globex.my.salesforce.com/services/data/v62.0/query").mock(
        return_value=httpx.Response(200, json={"totalSize": 0, "done": True, "records": []}))
    result = await run_action(catalog.action("salesforce_rest_api-soql-query"), {"query": "SELECT Id FROM Account"},
                              auth={**AUTH, "instance_url": "https://globex.my.salesforce.com"})
    assert result.error is None, result.error
    assert route.call_count == 1 and who.call_count == 0


async def test_an_instance_outside_salesforce_com_is_refused(catalog, respx_mock):
    _mock_userinfo(respx_mock, rest_host="https://acme.example.net")
    result = await run_action(catalog.action("salesforce_rest_api-soql-query"), {"query": "SELECT Id FROM Account"}, auth=AUTH)
    assert "not an https://…salesforce.com address" in result.error
    assert [str(c.request.url) for c in respx_mock.calls] == [USERINFO]


# Query and search


async def test_soql_query_follows_next_records_url_and_strips_attributes(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    first = respx_mock.get(f"{API}/query").mock(return_value=httpx.Response(200, json={
        "totalSize": 3, "done": False, "nextRecordsUrl": "/services/data/v62.0/query/01gD0000002HU6KIAW-2000",
        "records": [_account(Owner={"attributes": {"type": "User", "url": "/services/data/v62.0/sobjects/User/0055g00000EXaMPLEA"},
                                    "Name": "Ada Lovelace"}),
                    _account("0015g00000ABCDfAAH", "Globex")]}))
    second = respx_mock.get(f"{API}/query/01gD0000002HU6KIAW-2000").mock(return_value=httpx.Response(200, json={
        "totalSize": 3, "done": True, "records": [_account("0015g00000ABCDgAAH", "Initech")]}))
    soql = "SELECT Id, Name, Owner.Name FROM Account WHERE Name LIKE 'A%' ORDER BY Name"
    result = await run_action(catalog.action("salesforce_rest_api-soql-query"), {"query": soql}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(first.calls.last.request, "GET", f"{API}/query", params={"q": soql})
    assert_request(second.calls.last.request, "GET", f"{API}/query/01gD0000002HU6KIAW-2000")
    assert result.ret["records"][0] == {"type": "Account", "Id": ACCOUNT_ID, "Name": "Acme",
                                        "Owner": {"type": "User", "Name": "Ada Lovelace"}}
    assert [r["Name"] for r in result.ret["records"]] == ["Acme", "Globex", "Initech"]
    assert result.ret["totalSize"] == 3 and result.ret["next_cursor"] is None
    assert result.summary == "Query matched 3 records"


async def test_soql_query_stops_at_the_limit_and_the_cursor_resumes_mid_page(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    first = respx_mock.get(f"{API}/query").mock(return_value=httpx.Response(200, json={
        "totalSize": 5, "done": False, "nextRecordsUrl": "/services/data/v62.0/query/01gD0000002HU6KIAW-3",
        "records": [_account(), _account("0015g00000ABCDfAAH", "Globex"), _account("0015g00000ABCDgAAH", "Initech")]}))
    more = respx_mock.get(f"{API}/query/01gD0000002HU6KIAW-3").mock(return_value=httpx.Response(200, json={
        "totalSize": 5, "done": True,
        "records": [_account("0015g00000ABCDhAAH", "Umbrella"), _account("0015g00000ABCDiAAH", "Hooli")]}))
    action = catalog.action("salesforce_rest_api-soql-query")
    soql = "SELECT Id, Name FROM Account"
    page1 = await run_action(action, {"query": soql, "limit": 2}, auth=AUTH)
    assert [r["Name"] for r in page1.ret["records"]] == ["Acme", "Globex"]
    assert page1.summary == "Query matched 5 records, returned 2"
    assert not more.called
    # The rest of the first page comes from the query again; then Salesforce's next page.
    page2 = await run_action(action, {"query": soql, "limit": 2, "cursor": page1.ret["next_cursor"]}, auth=AUTH)
    assert [r["Name"] for r in page2.ret["records"]] == ["Initech", "Umbrella"]
    assert first.call_count == 2
    assert_request(more.calls.last.request, "GET", f"{API}/query/01gD0000002HU6KIAW-3")
    page3 = await run_action(action, {"query": soql, "limit": 2, "cursor": page2.ret["next_cursor"]}, auth=AUTH)
    assert [r["Name"] for r in page3.ret["records"]] == ["Hooli"]
    assert page3.ret["next_cursor"] is None
    assert first.call_count == 2 and more.call_count == 2
    forged = await run_action(action, {"query": soql, "cursor": "bm90IGEgY3Vyc29y"}, auth=AUTH)
    assert "next_cursor" in forged.error


async def test_soql_query_full_response_keeps_salesforce_attributes(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    respx_mock.get(f"{API}/query").mock(return_value=httpx.Response(200, json={
        "totalSize": 1, "done": True, "records": [_account()]}))
    result = await run_action(catalog.action("salesforce_rest_api-soql-query"),
                              {"query": "SELECT Id, Name FROM Account", "fullResponse": True}, auth=AUTH)
    assert result.ret["records"][0]["attributes"]["type"] == "Account"


async def test_soql_query_must_be_a_select(catalog, respx_mock):
    result = await run_action(catalog.action("salesforce_rest_api-soql-query"), {"query": "DELETE FROM Account"}, auth=AUTH)
    assert "SOQL SELECT statement" in result.error
    assert not respx_mock.calls


async def test_sosl_search_sends_the_statement(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    route = respx_mock.get(f"{API}/search").mock(return_value=httpx.Response(200, json={"searchRecords": [
        _account(),
        {"attributes": {"type": "Contact", "url": "/services/data/v62.0/sobjects/Contact/0035g00000XyZ12AAB"},
         "Id": "0035g00000XyZ12AAB", "Name": "Ada Lovelace", "Email": "ada@example.com"},
    ]}))
    sosl = "FIND {Acme*} IN ALL FIELDS RETURNING Account(Id, Name), Contact(Id, Name, Email)"
    result = await run_action(catalog.action("salesforce_rest_api-sosl-search"), {"search": sosl}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/search", params={"q": sosl})
    assert result.ret["searchRecords"][1] == {"type": "Contact", "Id": "0035g00000XyZ12AAB", "Name": "Ada Lovelace", "Email": "ada@example.com"}
    assert result.summary == "Search found 2 records"
    bad = await run_action(catalog.action("salesforce_rest_api-sosl-search"), {"search": "Acme"}, auth=AUTH)
    assert "starting with FIND" in bad.error


# Metadata


async def test_list_sobject_types_filters_by_name(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    route = respx_mock.get(f"{API}/sobjects").mock(return_value=httpx.Response(200, json=_describe_global()))
    result = await run_action(catalog.action("salesforce_rest_api-list-sobject-types"), {"search": "invoice"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/sobjects")
    assert result.ret == {"next_cursor": None, "sobjects": [{
        "name": "Invoice__c", "label": "Invoice", "custom": True, "keyPrefix": "a01", "queryable": True, "createable": True,
        "updateable": True, "deletable": True, "searchable": True}]}
    assert result.summary == "Found 1 sObject type"
    custom = await run_action(catalog.action("salesforce_rest_api-list-sobject-types"), {"customOnly": True}, auth=AUTH)
    assert [o["name"] for o in custom.ret["sobjects"]] == ["Invoice__c"]
    action = catalog.action("salesforce_rest_api-list-sobject-types")
    every = [o["name"] for o in _describe_global()["sobjects"]]
    first = await run_action(action, {"limit": 2}, auth=AUTH)
    assert [o["name"] for o in first.ret["sobjects"]] == every[:2] and first.ret["next_cursor"] == "2"
    rest = await run_action(action, {"limit": 2, "cursor": first.ret["next_cursor"]}, auth=AUTH)
    assert [o["name"] for o in rest.ret["sobjects"]] == every[2:4]


async def test_describe_sobject_lists_fields_with_what_a_new_record_needs(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    route = respx_mock.get(f"{API}/sobjects/Lead/describe").mock(return_value=httpx.Response(200, json={
        "name": "Lead", "label": "Lead", "custom": False, "createable": True, "updateable": True,
        "fields": [
            {"name": "Id", "label": "Lead ID", "type": "id", "nillable": False, "createable": False, "updateable": False,
             "defaultedOnCreate": True, "length": 18, "picklistValues": [], "referenceTo": []},
            {"name": "LastName", "label": "Last Name", "type": "string", "nillable": False, "createable": True,
             "updateable": True, "defaultedOnCreate": False, "length": 80, "picklistValues": [], "referenceTo": []},
            {"name": "Status", "label": "Status", "type": "picklist", "nillable": False, "createable": True, "updateable": True,
             "defaultedOnCreate": True, "length": 255, "referenceTo": [],
             "picklistValues": [{"active": True, "defaultValue": True, "label": "Open - Not Contacted", "value": "Open - Not Contacted"},
                                {"active": False, "defaultValue": False, "label": "Old", "value": "Old"}]},
            {"name": "OwnerId", "label": "Owner ID", "type": "reference", "nillable": False, "createable": True,
             "updateable": True, "defaultedOnCreate": True, "length": 18, "picklistValues": [], "referenceTo": ["Group", "User"]},
        ],
    }))
    result = await run_action(catalog.action("salesforce_rest_api-describe-sobject"), {"sobjectType": "Lead"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/sobjects/Lead/describe")
    fields = {f["name"]: f for f in result.ret["fields"]}
    assert fields["LastName"] == {"name": "LastName", "label": "Last Name", "type": "string", "requiredOnCreate": True,
                                  "createable": True, "updateable": True, "length": 80}
    assert fields["Status"]["picklistValues"] == ["Open - Not Contacted"] and fields["Status"]["requiredOnCreate"] is False
    assert fields["OwnerId"]["referenceTo"] == ["Group", "User"]
    assert result.summary == "Lead has 4 fields"


# Records


async def test_get_record_asks_for_the_named_fields(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    route = respx_mock.get(f"{API}/sobjects/Account/{ACCOUNT_ID}").mock(
        return_value=httpx.Response(200, json=_account(Industry="Energy", Phone="+1 415 555 0100")))
    result = await run_action(catalog.action("salesforce_rest_api-get-record"),
                              {"sobjectType": "Account", "recordId": ACCOUNT_ID, "fields": ["Name", "Industry", "Phone"]}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/sobjects/Account/{ACCOUNT_ID}", params={"fields": "Name,Industry,Phone"})
    assert result.ret == {"type": "Account", "Id": ACCOUNT_ID, "Name": "Acme", "Industry": "Energy", "Phone": "+1 415 555 0100"}
    assert result.summary == f"Got Account {ACCOUNT_ID} (Acme)"


async def test_get_record_checks_type_and_id_before_asking(catalog, respx_mock):
    bad_id = await run_action(catalog.action("salesforce_rest_api-get-record"), {"sobjectType": "Account", "recordId": "Acme"}, auth=AUTH)
    assert "15- or 18-character Salesforce ID" in bad_id.error
    bad_type = await run_action(catalog.action("salesforce_rest_api-get-record"),
                                {"sobjectType": "Account; DROP", "recordId": ACCOUNT_ID}, auth=AUTH)
    assert "must be an API name" in bad_type.error
    assert not respx_mock.calls


async def test_create_record_posts_the_fields(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    route = respx_mock.post(f"{API}/sobjects/Invoice__c").mock(return_value=_created("a015g00000Q1w2eAAB"))
    result = await run_action(catalog.action("salesforce_rest_api-create-record"), {
        "sobjectType": "Invoice__c", "fields": {"Name": "INV-001", "Amount__c": 1200.5, "Account__c": ACCOUNT_ID}}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/sobjects/Invoice__c",
                   body={"Name": "INV-001", "Amount__c": 1200.5, "Account__c": ACCOUNT_ID})
    assert result.ret == {"id": "a015g00000Q1w2eAAB", "sobjectType": "Invoice__c", "url": f"{INSTANCE}/a015g00000Q1w2eAAB"}
    assert result.summary == "Created Invoice__c a015g00000Q1w2eAAB"


async def test_update_record_patches_and_reports_the_fields(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    route = respx_mock.patch(f"{API}/sobjects/Opportunity/0065g00000LmNoPAAV").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("salesforce_rest_api-update-record"), {
        "sobjectType": "Opportunity", "recordId": "0065g00000LmNoPAAV", "fields": {"StageName": "Closed Won", "Amount": 25000}}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "PATCH", f"{API}/sobjects/Opportunity/0065g00000LmNoPAAV",
                   body={"StageName": "Closed Won", "Amount": 25000})
    assert result.ret == {"id": "0065g00000LmNoPAAV", "sobjectType": "Opportunity", "updatedFields": ["StageName", "Amount"]}
    assert result.summary == "Updated StageName, Amount of Opportunity 0065g00000LmNoPAAV"


async def test_delete_record_sends_a_delete(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    route = respx_mock.delete(f"{API}/sobjects/Lead/00Q5g00000AbCdEEAV").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("salesforce_rest_api-delete-record"),
                              {"sobjectType": "Lead", "recordId": "00Q5g00000AbCdEEAV"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "DELETE", f"{API}/sobjects/Lead/00Q5g00000AbCdEEAV")
    assert result.ret == {"id": "00Q5g00000AbCdEEAV", "sobjectType": "Lead", "deleted": True}
    assert result.summary == "Deleted Lead 00Q5g00000AbCdEEAV"


async def test_create_lead_maps_props_to_lead_fields(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    route = respx_mock.post(f"{API}/sobjects/Lead").mock(return_value=_created("00Q5g00000AbCdEEAV"))
    result = await run_action(catalog.action("salesforce_rest_api-create-lead"), {
        "firstName": "Ada", "lastName": "Lovelace", "company": "Analytical Engines", "email": "ada@example.com",
        "status": "Open - Not Contacted", "leadSource": "Web", "additionalFields": {"Rating": "Hot"},
    }, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/sobjects/Lead", body={
        "LastName": "Lovelace", "Company": "Analytical Engines", "FirstName": "Ada", "Email": "ada@example.com",
        "Status": "Open - Not Contacted", "LeadSource": "Web", "Rating": "Hot"})
    assert result.ret == {"id": "00Q5g00000AbCdEEAV", "sobjectType": "Lead", "url": f"{INSTANCE}/00Q5g00000AbCdEEAV"}
    assert result.summary == "Created lead 00Q5g00000AbCdEEAV (Ada Lovelace, Analytical Engines)"


async def test_create_contact_links_the_account(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    route = respx_mock.post(f"{API}/sobjects/Contact").mock(return_value=_created("0035g00000XyZ12AAB"))
    result = await run_action(catalog.action("salesforce_rest_api-create-contact"), {
        "lastName": "Lovelace", "firstName": "Ada", "title": "CTO", "accountId": ACCOUNT_ID}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/sobjects/Contact",
                   body={"LastName": "Lovelace", "FirstName": "Ada", "Title": "CTO", "AccountId": ACCOUNT_ID})
    assert result.summary == "Created contact 0035g00000XyZ12AAB (Ada Lovelace)"


async def test_create_opportunity_checks_the_date_and_amount(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    route = respx_mock.post(f"{API}/sobjects/Opportunity").mock(return_value=_created("0065g00000LmNoPAAV"))
    result = await run_action(catalog.action("salesforce_rest_api-create-opportunity"), {
        "name": "Acme - 50 seats", "stageName": "Prospecting", "closeDate": "2025-06-30", "amount": "25,000",
        "accountId": ACCOUNT_ID}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/sobjects/Opportunity", body={
        "Name": "Acme - 50 seats", "StageName": "Prospecting", "CloseDate": "2025-06-30", "Amount": 25000.0, "AccountId": ACCOUNT_ID})
    assert result.summary == "Created opportunity 0065g00000LmNoPAAV (Acme - 50 seats, Prospecting, closing 2025-06-30)"
    bad = await run_action(catalog.action("salesforce_rest_api-create-opportunity"),
                           {"name": "x", "stageName": "Prospecting", "closeDate": "June 30"}, auth=AUTH)
    assert "must be a date as YYYY-MM-DD" in bad.error
    assert route.call_count == 1


async def test_add_note_creates_a_note_on_the_record(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    route = respx_mock.post(f"{API}/sobjects/Note").mock(return_value=_created("0025g00000NoTe1AAB"))
    result = await run_action(catalog.action("salesforce_rest_api-add-note"), {
        "parentId": ACCOUNT_ID, "title": "Call with Ada", "body": "Renewal in June", "isPrivate": False}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/sobjects/Note",
                   body={"ParentId": ACCOUNT_ID, "Title": "Call with Ada", "Body": "Renewal in June", "IsPrivate": False})
    assert result.ret == {"id": "0025g00000NoTe1AAB", "sobjectType": "Note", "url": f"{INSTANCE}/0025g00000NoTe1AAB"}
    assert result.summary == f"Added note 0025g00000NoTe1AAB (Call with Ada) to record {ACCOUNT_ID}"


async def test_create_task_sets_who_what_and_due_date(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    route = respx_mock.post(f"{API}/sobjects/Task").mock(return_value=_created("00T5g00000TaSk1EAA"))
    result = await run_action(catalog.action("salesforce_rest_api-create-task"), {
        "subject": "Call Ada about renewal", "whoId": "0035g00000XyZ12AAB", "whatId": "0065g00000LmNoPAAV",
        "activityDate": "2025-05-02", "priority": "High"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/sobjects/Task", body={
        "Subject": "Call Ada about renewal", "Status": "Not Started", "WhoId": "0035g00000XyZ12AAB",
        "WhatId": "0065g00000LmNoPAAV", "ActivityDate": "2025-05-02", "Priority": "High"})
    assert result.summary == "Created task 00T5g00000TaSk1EAA (Call Ada about renewal) due 2025-05-02"


CONTACT_ID = "0035g00000XyZ12AAB"
LEAD_ID = "00Q5g00000LeAd1AAB"
CAMPAIGN_ID = "7015g00000CaMp1AAB"


async def test_upsert_record_creates_or_updates_by_external_id(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    url = f"{API}/sobjects/Account/Customer_Number__c/CUST%2F00042"
    route = respx_mock.patch(url).mock(side_effect=[
        httpx.Response(201, json={"id": ACCOUNT_ID, "errors": [], "success": True, "created": True}),
        httpx.Response(200, json={"id": ACCOUNT_ID, "errors": [], "success": True, "created": False}),
    ])
    action = catalog.action("salesforce_rest_api-upsert-record")
    values = {"sobjectType": "Account", "externalIdField": "Customer_Number__c", "externalId": "CUST/00042",
              "fields": {"Name": "Acme", "Phone": "+1 415 555 0100"}}
    made = await run_action(action, values, auth=AUTH)
    assert made.error is None, made.error
    assert_request(route.calls.last.request, "PATCH", url, body={"Name": "Acme", "Phone": "+1 415 555 0100"})
    assert made.ret == {"id": ACCOUNT_ID, "created": True, "sobjectType": "Account", "url": f"{INSTANCE}/{ACCOUNT_ID}"}
    assert made.summary == f"Created Account with Customer_Number__c = CUST/00042 ({ACCOUNT_ID})"
    again = await run_action(action, values, auth=AUTH)
    assert again.ret["created"] is False
    assert again.summary.startswith("Updated Account")
    clash = await run_action(action, {**values, "fields": {"Customer_Number__c": "x"}}, auth=AUTH)
    assert "leave Customer_Number__c out of fields" in clash.error
    assert route.call_count == 2


async def test_get_record_by_external_id(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    url = f"{API}/sobjects/Account/Customer_Number__c/CUST-00042"
    route = respx_mock.get(url).mock(return_value=httpx.Response(200, json=_account(Customer_Number__c="CUST-00042")))
    result = await run_action(catalog.action("salesforce_rest_api-get-record-by-external-id"), {
        "sobjectType": "Account", "externalIdField": "Customer_Number__c", "externalId": "CUST-00042",
        "fields": ["Name", "Customer_Number__c"]}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", url, params={"fields": "Name,Customer_Number__c"})
    assert result.ret == {"type": "Account", "Id": ACCOUNT_ID, "Name": "Acme", "Customer_Number__c": "CUST-00042"}
    assert result.summary == f"Got Account {ACCOUNT_ID} by Customer_Number__c = CUST-00042"


async def test_composite_request_chains_subrequests(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    route = respx_mock.post(f"{API}/composite").mock(return_value=httpx.Response(200, json={"compositeResponse": [
        {"body": {"id": ACCOUNT_ID, "success": True, "errors": []}, "httpHeaders": {"Location": f"/services/data/v62.0/sobjects/Account/{ACCOUNT_ID}"},
         "httpStatusCode": 201, "referenceId": "newAccount"},
        {"body": [{"errorCode": "REQUIRED_FIELD_MISSING", "message": "Required fields are missing: [LastName]", "fields": ["LastName"]}],
         "httpHeaders": {}, "httpStatusCode": 400, "referenceId": "newContact"},
    ]}))
    result = await run_action(catalog.action("salesforce_rest_api-composite-request"), {"compositeRequest": [
        {"method": "post", "url": "sobjects/Account", "referenceId": "newAccount", "body": {"Name": "Acme"}},
        {"method": "POST", "url": "/services/data/v62.0/sobjects/Contact", "referenceId": "newContact",
         "body": {"AccountId": "@{newAccount.id}"}},
    ]}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/composite", body={"allOrNone": False, "compositeRequest": [
        {"method": "POST", "url": "/services/data/v62.0/sobjects/Account", "referenceId": "newAccount", "body": {"Name": "Acme"}},
        {"method": "POST", "url": "/services/data/v62.0/sobjects/Contact", "referenceId": "newContact",
         "body": {"AccountId": "@{newAccount.id}"}},
    ]})
    assert result.ret["results"][0] == {"referenceId": "newAccount", "httpStatusCode": 201,
                                        "body": {"id": ACCOUNT_ID, "success": True, "errors": []}}
    assert result.summary == "Ran 2 subrequests; failed: newContact"
    bad = await run_action(catalog.action("salesforce_rest_api-composite-request"),
                           {"compositeRequest": [{"method": "FETCH", "url": "x", "referenceId": "a"}]}, auth=AUTH)
    assert "needs a method" in bad.error


async def test_list_recent_items(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    route = respx_mock.get(f"{API}/recent").mock(return_value=httpx.Response(200, json=[
        _account(), {"attributes": {"type": "Opportunity", "url": "/services/data/v62.0/sobjects/Opportunity/0065g00000OpPo1AAB"},
                     "Id": "0065g00000OpPo1AAB", "Name": "Acme – 50 seats"}]))
    result = await run_action(catalog.action("salesforce_rest_api-list-recent-items"), {"limit": 10}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/recent", params={"limit": "10"})
    assert result.ret[1] == {"type": "Opportunity", "Id": "0065g00000OpPo1AAB", "Name": "Acme – 50 seats"}
    assert result.summary == "Found 2 recent records"


async def test_get_limits(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    route = respx_mock.get(f"{API}/limits").mock(return_value=httpx.Response(200, json={
        "DailyApiRequests": {"Max": 15000, "Remaining": 14998, "Ant Migration Tool": {"Max": 0, "Remaining": 0}},
        "DataStorageMB": {"Max": 5, "Remaining": 5},
        "SingleEmail": {"Max": 15, "Remaining": 15},
    }))
    result = await run_action(catalog.action("salesforce_rest_api-get-limits"), {}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/limits")
    assert result.ret == {"DailyApiRequests": {"max": 15000, "remaining": 14998}, "DataStorageMB": {"max": 5, "remaining": 5},
                          "SingleEmail": {"max": 15, "remaining": 15}}
    assert result.summary == "14998 of 15000 daily API requests remain"


async def test_search_records_builds_a_parameterized_search(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    route = respx_mock.get(f"{API}/parameterizedSearch/").mock(return_value=httpx.Response(200, json={"searchRecords": [
        _account(),
        {"attributes": {"type": "Contact", "url": f"/services/data/v62.0/sobjects/Contact/{CONTACT_ID}"},
         "Id": CONTACT_ID, "Name": "Ada Lovelace", "Email": "ada@acme.example.com"}]}))
    result = await run_action(catalog.action("salesforce_rest_api-search-records"), {
        "searchText": "acme", "sobjectTypes": ["Account", "Contact"], "searchIn": "NAME", "limit": 10}, auth=AUTH)
    assert result.error is None, result.error
    request = route.calls.last.request
    assert_request(request, "GET", f"{API}/parameterizedSearch/", params={
        "q": "acme", "overallLimit": "10", "in": "NAME", "sobject": "Contact",
        "Account.fields": "Id,Name,Industry,Phone,Website", "Contact.fields": "Id,Name,Email,Phone,Title,AccountId"})
    assert request.url.params.get_list("sobject") == ["Account", "Contact"]
    assert [r["type"] for r in result.ret["searchRecords"]] == ["Account", "Contact"]
    assert result.summary == "Search for 'acme' found 2 records"
    short = await run_action(catalog.action("salesforce_rest_api-search-records"), {"searchText": "a*"}, auth=AUTH)
    assert "at least two characters" in short.error


async def test_create_account_case_and_event(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    account = respx_mock.post(f"{API}/sobjects/Account").mock(return_value=_created(ACCOUNT_ID))
    case = respx_mock.post(f"{API}/sobjects/Case").mock(return_value=_created("5005g00000CaSe1AAB"))
    event = respx_mock.post(f"{API}/sobjects/Event").mock(return_value=_created("00U5g00000EvEn1AAB"))
    made = await run_action(catalog.action("salesforce_rest_api-create-account"), {
        "name": "Acme", "industry": "Technology", "billingCity": "San Francisco",
        "additionalFields": {"NumberOfEmployees": 250}}, auth=AUTH)
    assert made.error is None, made.error
    assert_request(account.calls.last.request, "POST", f"{API}/sobjects/Account",
                   body={"Name": "Acme", "Industry": "Technology", "BillingCity": "San Francisco", "NumberOfEmployees": 250})
    assert made.ret == {"id": ACCOUNT_ID, "sobjectType": "Account", "url": f"{INSTANCE}/{ACCOUNT_ID}"}
    assert made.summary == f"Created account {ACCOUNT_ID} (Acme)"
    opened = await run_action(catalog.action("salesforce_rest_api-create-case"), {
        "subject": "Cannot log in", "priority": "High", "origin": "Email", "contactId": CONTACT_ID, "accountId": ACCOUNT_ID},
        auth=AUTH)
    assert opened.error is None, opened.error
    assert_request(case.calls.last.request, "POST", f"{API}/sobjects/Case", body={
        "Subject": "Cannot log in", "Priority": "High", "Origin": "Email", "ContactId": CONTACT_ID, "AccountId": ACCOUNT_ID})
    assert opened.summary == "Created case 5005g00000CaSe1AAB (Cannot log in)"
    booked = await run_action(catalog.action("salesforce_rest_api-create-event"), {
        "subject": "Demo with Acme", "startDateTime": "2025-05-02T14:00:00Z", "endDateTime": "2025-05-02T15:00:00Z",
        "whoId": CONTACT_ID, "whatId": ACCOUNT_ID, "location": "Zoom"}, auth=AUTH)
    assert booked.error is None, booked.error
    assert_request(event.calls.last.request, "POST", f"{API}/sobjects/Event", body={
        "Subject": "Demo with Acme", "StartDateTime": "2025-05-02T14:00:00Z", "EndDateTime": "2025-05-02T15:00:00Z",
        "WhoId": CONTACT_ID, "WhatId": ACCOUNT_ID, "Location": "Zoom"})
    assert booked.summary == "Created event 00U5g00000EvEn1AAB (Demo with Acme) at 2025-05-02T14:00:00Z"
    vague = await run_action(catalog.action("salesforce_rest_api-create-event"), {
        "subject": "x", "startDateTime": "next tuesday", "endDateTime": "2025-05-02T15:00:00Z"}, auth=AUTH)
    assert "must be a date and time" in vague.error
    assert event.call_count == 1


async def test_add_contact_and_lead_to_a_campaign(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    route = respx_mock.post(f"{API}/sobjects/CampaignMember").mock(return_value=_created("00v5g00000MeMb1AAB"))
    contact = await run_action(catalog.action("salesforce_rest_api-add-contact-to-campaign"),
                               {"campaignId": CAMPAIGN_ID, "contactId": CONTACT_ID, "status": "Responded"}, auth=AUTH)
    assert contact.error is None, contact.error
    assert_request(route.calls.last.request, "POST", f"{API}/sobjects/CampaignMember",
                   body={"CampaignId": CAMPAIGN_ID, "ContactId": CONTACT_ID, "Status": "Responded"})
    assert contact.summary == f"Added contact {CONTACT_ID} to campaign {CAMPAIGN_ID} (member 00v5g00000MeMb1AAB)"
    lead = await run_action(catalog.action("salesforce_rest_api-add-lead-to-campaign"),
                            {"campaignId": CAMPAIGN_ID, "leadId": LEAD_ID}, auth=AUTH)
    assert lead.error is None, lead.error
    assert_request(route.calls.last.request, "POST", f"{API}/sobjects/CampaignMember",
                   body={"CampaignId": CAMPAIGN_ID, "LeadId": LEAD_ID})


async def test_a_contact_already_in_the_campaign_is_reported(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    respx_mock.post(f"{API}/sobjects/CampaignMember").mock(return_value=httpx.Response(400, json=[
        {"message": "Already a campaign member.", "errorCode": "DUPLICATE_VALUE", "fields": []}]))
    result = await run_action(catalog.action("salesforce_rest_api-add-contact-to-campaign"),
                              {"campaignId": CAMPAIGN_ID, "contactId": CONTACT_ID}, auth=AUTH)
    assert "DUPLICATE_VALUE: Already a campaign member." in result.error


async def test_update_opportunity_changes_only_what_is_given(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    route = respx_mock.patch(f"{API}/sobjects/Opportunity/0065g00000OpPo1AAB").mock(return_value=httpx.Response(204))
    action = catalog.action("salesforce_rest_api-update-opportunity")
    result = await run_action(action, {"opportunityId": "0065g00000OpPo1AAB", "stageName": "Closed Won", "amount": "25,000",
                                       "closeDate": "2025-06-30", "probability": 100}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "PATCH", f"{API}/sobjects/Opportunity/0065g00000OpPo1AAB",
                   body={"StageName": "Closed Won", "Amount": 25000.0, "CloseDate": "2025-06-30", "Probability": 100})
    assert result.ret == {"id": "0065g00000OpPo1AAB", "sobjectType": "Opportunity",
                          "updatedFields": ["StageName", "Amount", "CloseDate", "Probability"]}
    assert result.summary == "Updated StageName, Amount, CloseDate, Probability of opportunity 0065g00000OpPo1AAB"
    nothing = await run_action(action, {"opportunityId": "0065g00000OpPo1AAB"}, auth=AUTH)
    assert "nothing to change" in nothing.error
    assert route.call_count == 1


# Errors, auth and limits


async def test_an_invalid_field_error_is_read_from_salesforces_error_list(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    respx_mock.post(f"{API}/sobjects/Account").mock(return_value=httpx.Response(400, json=[{
        "message": "No such column 'Revenue' on sobject of type Account", "errorCode": "INVALID_FIELD", "fields": []}]))
    result = await run_action(catalog.action("salesforce_rest_api-create-record"),
                              {"sobjectType": "Account", "fields": {"Name": "Acme", "Revenue": 5}}, auth=AUTH)
    assert result.ret is None
    assert "Salesforce API error 400" in result.error
    assert "INVALID_FIELD: No such column 'Revenue' on sobject of type Account" in result.error
    assert "describe-sobject lists the fields" in result.error


async def test_a_required_field_error_names_the_field(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    respx_mock.post(f"{API}/sobjects/Lead").mock(return_value=httpx.Response(400, json=[{
        "message": "Required fields are missing: [Company]", "errorCode": "REQUIRED_FIELD_MISSING", "fields": ["Company"]}]))
    result = await run_action(catalog.action("salesforce_rest_api-create-record"),
                              {"sobjectType": "Lead", "fields": {"LastName": "Lovelace"}}, auth=AUTH)
    assert "REQUIRED_FIELD_MISSING: Required fields are missing: [Company] (fields: Company)" in result.error


async def test_a_missing_record_says_so(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    respx_mock.get(f"{API}/sobjects/Account/0015g00000ZZZZZAAZ").mock(return_value=httpx.Response(404, json=[{
        "errorCode": "NOT_FOUND", "message": "The requested resource does not exist"}]))
    result = await run_action(catalog.action("salesforce_rest_api-get-record"),
                              {"sobjectType": "Account", "recordId": "0015g00000ZZZZZAAZ"}, auth=AUTH)
    assert "Salesforce API error 404" in result.error and "NOT_FOUND: The requested resource does not exist" in result.error


async def test_a_401_refreshes_the_token_and_retries(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    route = respx_mock.get(f"{API}/sobjects/Account/{ACCOUNT_ID}").mock(side_effect=[
        httpx.Response(401, json=[{"message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID"}]),
        httpx.Response(200, json=_account()),
    ])
    calls = []

    async def refresh():
        calls.append(1)
        return {"Authorization": "Bearer 00D5g000004Fw2d!refreshed"}

    result = await run_action(catalog.action("salesforce_rest_api-get-record"),
                              {"sobjectType": "Account", "recordId": ACCOUNT_ID}, auth=AUTH, on_unauthorized=refresh)
    assert result.error is None, result.error
    assert calls == [1] and route.call_count == 2
    assert route.calls[0].request.headers["authorization"] == f"Bearer {TOKEN}"
    assert_request(route.calls[1].request, "GET", f"{API}/sobjects/Account/{ACCOUNT_ID}", token="00D5g000004Fw2d!refreshed")


async def test_a_401_without_fresh_credentials_asks_to_reconnect(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    respx_mock.get(f"{API}/sobjects/Account/{ACCOUNT_ID}").mock(return_value=httpx.Response(401, json=[
        {"message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID"}]))

    async def refresh():
        return None

    result = await run_action(catalog.action("salesforce_rest_api-get-record"),
                              {"sobjectType": "Account", "recordId": ACCOUNT_ID}, auth=AUTH, on_unauthorized=refresh)
    assert "INVALID_SESSION_ID" in result.error and "reconnect Salesforce" in result.error


async def test_the_daily_request_limit_is_reported_as_a_rate_limit(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    respx_mock.get(f"{API}/query").mock(return_value=httpx.Response(403, json=[
        {"message": "TotalRequests Limit exceeded.", "errorCode": "REQUEST_LIMIT_EXCEEDED"}]))
    result = await run_action(catalog.action("salesforce_rest_api-soql-query"), {"query": "SELECT Id FROM Account"}, auth=AUTH)
    assert "REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded." in result.error
    assert "rolling 24-hour API request allowance" in result.error and "retry later" in result.error


async def test_a_429_says_when_to_retry(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    respx_mock.get(f"{API}/search").mock(return_value=httpx.Response(429, json=[
        {"message": "Too many requests", "errorCode": "REQUEST_LIMIT_EXCEEDED"}], headers={"Retry-After": "20"}))
    result = await run_action(catalog.action("salesforce_rest_api-sosl-search"), {"search": "FIND {Acme}"}, auth=AUTH)
    assert result.ret is None
    assert "Salesforce API error 429" in result.error and "retry after 20 s" in result.error


async def test_a_rejected_userinfo_call_is_reported(catalog, respx_mock):
    respx_mock.get(USERINFO).mock(return_value=httpx.Response(403, text="Bad_OAuth_Token"))
    result = await run_action(catalog.action("salesforce_rest_api-soql-query"), {"query": "SELECT Id FROM Account"}, auth=AUTH)
    assert "Salesforce API error 403 on GET https://login.salesforce.com/services/oauth2/userinfo: Bad_OAuth_Token" in result.error


# Remote options


async def test_sobject_type_options_come_in_pages(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    route = respx_mock.get(f"{API}/sobjects").mock(return_value=httpx.Response(200, json=_describe_global(extra=200)))
    action = catalog.action("salesforce_rest_api-create-record")
    first = await fetch_options(action, "sobjectType", {}, auth=AUTH)
    assert first["errors"] == []
    assert len(first["options"]) == 200
    assert first["options"][0] == {"label": "Account (Account)", "value": "Account"}
    assert first["context"] == {"offset": 200}
    second = await fetch_options(action, "sobjectType", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert [o["value"] for o in second["options"]] == ["Custom_195__c", "Custom_196__c", "Custom_197__c", "Custom_198__c", "Custom_199__c"]
    assert second["context"] is None
    assert_request(route.calls.last.request, "GET", f"{API}/sobjects")


async def test_stage_and_lead_status_options_query_the_org(catalog, respx_mock):
    _mock_userinfo(respx_mock)

    def answer(request):
        soql = request.url.params["q"]
        kind = "OpportunityStage" if "OpportunityStage" in soql else "LeadStatus"
        records = [{"attributes": {"type": kind, "url": f"/services/data/v62.0/sobjects/{kind}/01J5g00000AAAAAEA1"},
                    "ApiName": "Prospecting" if kind == "OpportunityStage" else "Open - Not Contacted",
                    "MasterLabel": "Prospecting" if kind == "OpportunityStage" else "Open - Not Contacted"}]
        return httpx.Response(200, json={"totalSize": 1, "done": True, "records": records})

    route = respx_mock.get(f"{API}/query").mock(side_effect=answer)
    stages = await fetch_options(catalog.action("salesforce_rest_api-create-opportunity"), "stageName", {}, auth=AUTH)
    assert stages["stringOptions"] == ["Prospecting"]
    assert route.calls.last.request.url.params["q"] == (
        "SELECT ApiName, MasterLabel FROM OpportunityStage WHERE IsActive = true ORDER BY SortOrder")
    statuses = await fetch_options(catalog.action("salesforce_rest_api-create-lead"), "status", {}, auth=AUTH)
    assert statuses["stringOptions"] == ["Open - Not Contacted"]


async def test_record_options_list_recent_items_of_the_type(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    route = respx_mock.get(f"{API}/sobjects/Account").mock(return_value=httpx.Response(200, json={
        "objectDescribe": _sobject("Account", "Account"),
        "recentItems": [_account(), _account("0015g00000ABCDfAAH", "Globex")]}))
    action = catalog.action("salesforce_rest_api-get-record")
    options = await fetch_options(action, "recordId", {"sobjectType": "Account"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{API}/sobjects/Account")
    assert options["options"] == [{"label": f"Acme ({ACCOUNT_ID})", "value": ACCOUNT_ID},
                                  {"label": "Globex (0015g00000ABCDfAAH)", "value": "0015g00000ABCDfAAH"}]
    missing = await fetch_options(action, "recordId", {}, auth=AUTH)
    assert "choose the sObject type first" in missing["errors"][0]


async def test_account_options_search_by_name(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    route = respx_mock.get(f"{API}/query").mock(return_value=httpx.Response(200, json={
        "totalSize": 1, "done": True, "records": [_account()]}))
    options = await fetch_options(catalog.action("salesforce_rest_api-create-case"), "accountId", {}, auth=AUTH, query="Ac'me")
    assert_request(route.calls.last.request, "GET", f"{API}/query", params={
        "q": "SELECT Id, Name FROM Account WHERE Name LIKE '%Ac\\'me%' ORDER BY LastModifiedDate DESC LIMIT 50"})
    assert options["options"] == [{"label": f"Acme ({ACCOUNT_ID})", "value": ACCOUNT_ID}]


async def test_case_status_options_query_the_org(catalog, respx_mock):
    _mock_userinfo(respx_mock)
    route = respx_mock.get(f"{API}/query").mock(return_value=httpx.Response(200, json={"totalSize": 2, "done": True, "records": [
        {"attributes": {"type": "CaseStatus"}, "MasterLabel": "New"},
        {"attributes": {"type": "CaseStatus"}, "MasterLabel": "Escalated"}]}))
    options = await fetch_options(catalog.action("salesforce_rest_api-create-case"), "status", {}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{API}/query",
                   params={"q": "SELECT MasterLabel FROM CaseStatus ORDER BY SortOrder"})
    assert options["options"] == [{"label": "New", "value": "New"}, {"label": "Escalated", "value": "Escalated"}]


# Account test: https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_using_userinfo_endpoint.htm


async def _account_test(app, creds):
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(creds), base_url=app.base_url_for(creds),
                       allowed_domains=app.allowed_domains_for(creds))
        return await app.test(AccountContext(auth=creds, http=http))


async def test_account_identity_is_the_username_and_user_id(catalog, respx_mock):
    who = _mock_userinfo(respx_mock)
    identity = await _account_test(catalog.apps["salesforce_rest_api"], AUTH)
    assert identity == Identity(name="ada@acme.example.com", external_id="0055g00000EXaMPLEA")
    assert who.calls.last.request.headers["authorization"] == f"Bearer {TOKEN}"
    # The test already learned where the org lives: the first action asks UserInfo no more.
    respx_mock.get(f"{API}/query").mock(return_value=httpx.Response(200, json={"totalSize": 0, "done": True, "records": []}))
    result = await run_action(catalog.action("salesforce_rest_api-soql-query"), {"query": "SELECT Id FROM Account"}, auth=AUTH)
    assert result.error is None and who.call_count == 1


async def test_account_test_raises_on_a_rejected_token(catalog, respx_mock):
    respx_mock.get(USERINFO).mock(return_value=httpx.Response(401, json={"error": "invalid_token", "error_description": "Invalid token"}))
    with pytest.raises(UpstreamError, match="invalid_token: Invalid token") as raised:
        await _account_test(catalog.apps["salesforce_rest_api"], AUTH)
    assert raised.value.status == 401


def test_oauth_settings_follow_salesforces_reference(catalog):
    app = catalog.apps["salesforce_rest_api"]
    assert app.auth.authorize_url == "https://login.salesforce.com/services/oauth2/authorize"
    assert app.auth.token_url == "https://login.salesforce.com/services/oauth2/token"
    assert app.auth.pkce is True and {"api", "refresh_token"} <= set(app.auth.scopes)
    assert app.allowed_domains == ["salesforce.com"]
