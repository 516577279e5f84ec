"""HubSpot: each action at the HTTP boundary, with answers shaped like https://developers.hubspot.com/docs/api-reference."""

import json
import re

import httpx
import pytest

from mcp_gateway.catalog import AccountContext, AppHttp, Identity, UpstreamError
from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api.hubapi.com"
TOKEN = "CKDZpunPLhICAQEYs-gDIIGOBii1hQIyGQAf3xBKEgsYjYMJVvlHEz9tFHAwSq1TQAM40s0D"
AUTH = {"oauth_access_token": TOKEN}


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


def _object(object_id, associations=None, **properties):
    record = {
        "id": object_id,
        "properties": {"createdate": "2024-01-15T10:30:00.000Z", "hs_object_id": object_id,
                       "lastmodifieddate": "2024-01-16T08:00:00.000Z", **properties},
        "createdAt": "2024-01-15T10:30:00.000Z",
        "updatedAt": "2024-01-16T08:00:00.000Z",
        "archived": False,
    }
    if associations:
        record["associations"] = associations
    return record


def _association_answer(from_id, to_id, type_id, back_type_id):
    return {
        "status": "COMPLETE",
        "results": [
            {"from": {"id": from_id}, "to": {"id": to_id},
             "associationSpec": {"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": type_id}},
            {"from": {"id": to_id}, "to": {"id": from_id},
             "associationSpec": {"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": back_type_id}},
        ],
        "startedAt": "2024-01-16T08:00:00.120Z",
        "completedAt": "2024-01-16T08:00:00.180Z",
    }


def _owner(owner_id, first, last, email):
    return {"id": owner_id, "email": email, "type": "PERSON", "firstName": first, "lastName": last, "userId": 9586504,
            "userIdIncludingInactive": 9586504, "createdAt": "2019-12-25T13:01:35.228Z",
            "updatedAt": "2023-08-22T13:40:26.790Z", "archived": False,
            "teams": [{"id": "368389", "name": "Sales Team", "primary": True}]}


def _pipelines():
    def stage(stage_id, label, order, probability, closed="false"):
        return {"label": label, "displayOrder": order, "metadata": {"isClosed": closed, "probability": probability},
                "id": stage_id, "createdAt": "2019-12-25T13:01:35.228Z", "updatedAt": "2019-12-25T13:01:35.228Z",
                "archived": False, "writePermissions": "CRM_PERMISSIONS_ENFORCEMENT"}

    return {"results": [
        {"label": "Sales Pipeline", "displayOrder": 0, "id": "default", "archived": False,
         "createdAt": "2019-12-25T13:01:35.228Z", "updatedAt": "2019-12-25T13:01:35.228Z",
         "stages": [stage("closedwon", "Closed won", 5, "1.0", "true"), stage("appointmentscheduled", "Appointment scheduled", 0, "0.2"),
                    stage("qualifiedtobuy", "Qualified to buy", 1, "0.4")]},
        {"label": "Renewals", "displayOrder": 1, "id": "12345678", "archived": False,
         "createdAt": "2021-03-01T10:00:00.000Z", "updatedAt": "2021-03-01T10:00:00.000Z",
         "stages": [stage("87654321", "Up for renewal", 0, "0.5")]},
    ]}


# Contacts


async def test_create_contact_posts_properties_and_links_a_company(catalog, respx_mock):
    create = respx_mock.post(f"{API}/crm/v3/objects/contacts").mock(return_value=httpx.Response(201, json=_object(
        "512", email="ada@example.com", firstname="Ada", lastname="Lovelace", lifecyclestage="lead")))
    link = respx_mock.put(f"{API}/crm/v4/objects/contacts/512/associations/default/companies/9001").mock(
        return_value=httpx.Response(200, json=_association_answer("512", "9001", 279, 280)))
    result = await run_action(catalog.action("hubspot-create-contact"), {
        "email": "ada@example.com", "firstname": "Ada", "lastname": "Lovelace", "lifecyclestage": "lead",
        "owner": "41629779", "additionalProperties": {"city": "London", "hs_language": None, "interests": ["math", "looms"]},
        "companyIds": ["9001"],
    }, auth=AUTH)
    assert result.error is None, result.error
    assert_request(create.calls.last.request, "POST", f"{API}/crm/v3/objects/contacts", body={"properties": {
        "email": "ada@example.com", "firstname": "Ada", "lastname": "Lovelace", "lifecyclestage": "lead",
        "hubspot_owner_id": "41629779", "city": "London", "hs_language": "", "interests": "math;looms",
    }})
    assert_request(link.calls.last.request, "PUT", f"{API}/crm/v4/objects/contacts/512/associations/default/companies/9001")
    assert result.ret["id"] == "512"
    assert result.ret["properties"]["email"] == "ada@example.com"
    assert result.ret["linked"] == ["company 9001"]
    assert result.summary == "Created contact 512 (Ada Lovelace), linked to company 9001"


async def test_create_contact_needs_an_email_or_a_name(catalog, respx_mock):
    result = await run_action(catalog.action("hubspot-create-contact"), {"phone": "+1 617 555 0100"}, auth=AUTH)
    assert "needs an email address or a name" in result.error
    assert not respx_mock.calls


async def test_create_contact_reports_an_existing_contact(catalog, respx_mock):
    respx_mock.post(f"{API}/crm/v3/objects/contacts").mock(return_value=httpx.Response(409, json={
        "status": "error", "message": "Contact already exists. Existing ID: 512",
        "correlationId": "4e6ab2f6-8b4e-4a1e-9c4b-2b5f3d3c2a1e", "category": "CONFLICT"}))
    result = await run_action(catalog.action("hubspot-create-contact"), {"email": "ada@example.com"}, auth=AUTH)
    assert result.ret is None
    assert "HubSpot API error 409" in result.error
    assert "CONFLICT: Contact already exists. Existing ID: 512" in result.error
    assert "update it instead" in result.error


async def test_update_contact_patches_only_given_properties(catalog, respx_mock):
    route = respx_mock.patch(f"{API}/crm/v3/objects/contacts/512").mock(return_value=httpx.Response(200, json=_object(
        "512", email="ada@example.com", firstname="Ada", lastname="Lovelace", lifecyclestage="customer")))
    result = await run_action(catalog.action("hubspot-update-contact"),
                              {"contactId": "512", "lifecyclestage": "customer", "phone": "+44 20 7946 0000"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "PATCH", f"{API}/crm/v3/objects/contacts/512",
                   body={"properties": {"phone": "+44 20 7946 0000", "lifecyclestage": "customer"}})
    assert result.ret["properties"]["lifecyclestage"] == "customer" and result.ret["linked"] == []
    assert result.summary == "Updated phone, lifecyclestage of contact 512 (Ada Lovelace)"


async def test_update_contact_needs_something_to_change_and_a_numeric_id(catalog, respx_mock):
    nothing = await run_action(catalog.action("hubspot-update-contact"), {"contactId": "512"}, auth=AUTH)
    assert "nothing to change" in nothing.error
    bad = await run_action(catalog.action("hubspot-update-contact"), {"contactId": "ada@example.com", "phone": "1"}, auth=AUTH)
    assert "numeric record ID" in bad.error
    assert not respx_mock.calls


async def test_get_contact_by_email_asks_for_properties_and_associations(catalog, respx_mock):
    route = respx_mock.get(f"{API}/crm/v3/objects/contacts/ada@example.com").mock(return_value=httpx.Response(200, json=_object(
        "512", email="ada@example.com", firstname="Ada", lastname="Lovelace", phone=None,
        associations={"companies": {"results": [{"id": "9001", "type": "contact_to_company"},
                                                {"id": "9001", "type": "contact_to_company_unlabeled"}]},
                      "deals": {"results": [{"id": "1467822235", "type": "contact_to_deal"}]}})))
    result = await run_action(catalog.action("hubspot-get-contact"),
                              {"email": "ada@example.com", "properties": ["email", "firstname", "lastname", "phone"]}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/crm/v3/objects/contacts/ada@example.com", params={
        "properties": "email,firstname,lastname,phone", "associations": "companies,deals", "idProperty": "email"})
    assert result.ret["associations"] == {"companies": ["9001"], "deals": ["1467822235"]}
    assert "phone" not in result.ret["properties"]
    assert result.summary == "Got contact 512 (Ada Lovelace)"


async def test_get_contact_by_id_uses_the_default_properties(catalog, respx_mock):
    route = respx_mock.get(f"{API}/crm/v3/objects/contacts/512").mock(return_value=httpx.Response(200, json=_object("512", email="ada@example.com")))
    result = await run_action(catalog.action("hubspot-get-contact"), {"contactId": "512"}, auth=AUTH)
    assert result.error is None, result.error
    params = dict(route.calls.last.request.url.params)
    assert params["properties"].startswith("email,firstname,lastname,phone") and "idProperty" not in params
    both = await run_action(catalog.action("hubspot-get-contact"), {"contactId": "512", "email": "ada@example.com"}, auth=AUTH)
    assert "either contactId or email" in both.error


# Companies


async def test_create_company_links_contacts_and_deals(catalog, respx_mock):
    create = respx_mock.post(f"{API}/crm/v3/objects/companies").mock(return_value=httpx.Response(201, json=_object(
        "9001", name="Analytical Engines", domain="engines.example.com")))
    contact = respx_mock.put(f"{API}/crm/v4/objects/companies/9001/associations/default/contacts/512").mock(
        return_value=httpx.Response(200, json=_association_answer("9001", "512", 280, 279)))
    deal = respx_mock.put(f"{API}/crm/v4/objects/companies/9001/associations/default/deals/1467822235").mock(
        return_value=httpx.Response(200, json=_association_answer("9001", "1467822235", 342, 341)))
    result = await run_action(catalog.action("hubspot-create-company"), {
        "name": "Analytical Engines", "domain": "engines.example.com", "city": "London",
        "contactIds": ["512"], "dealIds": ["1467822235"],
    }, auth=AUTH)
    assert result.error is None, result.error
    assert_request(create.calls.last.request, "POST", f"{API}/crm/v3/objects/companies",
                   body={"properties": {"name": "Analytical Engines", "domain": "engines.example.com", "city": "London"}})
    assert contact.call_count == 1 and deal.call_count == 1
    assert_request(deal.calls.last.request, "PUT", f"{API}/crm/v4/objects/companies/9001/associations/default/deals/1467822235")
    assert result.summary == "Created company 9001 (Analytical Engines), linked to contact 512, deal 1467822235"


async def test_update_company_can_only_link_records(catalog, respx_mock):
    read = respx_mock.get(f"{API}/crm/v3/objects/companies/9001").mock(return_value=httpx.Response(200, json=_object("9001", name="Analytical Engines")))
    link = respx_mock.put(f"{API}/crm/v4/objects/companies/9001/associations/default/contacts/513").mock(
        return_value=httpx.Response(200, json=_association_answer("9001", "513", 280, 279)))
    result = await run_action(catalog.action("hubspot-update-company"), {"companyId": "9001", "contactIds": ["513"]}, auth=AUTH)
    assert result.error is None, result.error
    assert read.call_count == 1 and link.call_count == 1
    assert [c.request.method for c in respx_mock.calls] == ["GET", "PUT"]
    assert result.summary == "Updated no properties of company 9001 (Analytical Engines), linked to contact 513"


async def test_update_company_patches_properties(catalog, respx_mock):
    route = respx_mock.patch(f"{API}/crm/v3/objects/companies/9001").mock(return_value=httpx.Response(200, json=_object(
        "9001", name="Analytical Engines Ltd")))
    result = await run_action(catalog.action("hubspot-update-company"), {"companyId": "9001", "name": "Analytical Engines Ltd"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "PATCH", f"{API}/crm/v3/objects/companies/9001",
                   body={"properties": {"name": "Analytical Engines Ltd"}})
    assert result.summary == "Updated name of company 9001 (Analytical Engines Ltd)"


async def test_get_company_returns_linked_ids(catalog, respx_mock):
    route = respx_mock.get(f"{API}/crm/v3/objects/companies/9001").mock(return_value=httpx.Response(200, json=_object(
        "9001", name="Analytical Engines", domain="engines.example.com",
        associations={"contacts": {"results": [{"id": "513", "type": "company_to_contact"}, {"id": "512", "type": "company_to_contact"}]}})))
    result = await run_action(catalog.action("hubspot-get-company"), {"companyId": "9001", "properties": ["name", "domain"]}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/crm/v3/objects/companies/9001",
                   params={"properties": "name,domain", "associations": "contacts,deals"})
    assert result.ret["associations"] == {"contacts": ["512", "513"]}
    assert result.summary == "Got company 9001 (Analytical Engines)"


# Deals


async def test_create_deal_sets_stage_and_close_date_and_links_a_contact(catalog, respx_mock):
    create = respx_mock.post(f"{API}/crm/v3/objects/deals").mock(return_value=httpx.Response(201, json=_object(
        "1467822235", dealname="Acme - 50 seats", dealstage="qualifiedtobuy", pipeline="default", amount="12500")))
    link = respx_mock.put(f"{API}/crm/v4/objects/deals/1467822235/associations/default/contacts/512").mock(
        return_value=httpx.Response(200, json=_association_answer("1467822235", "512", 3, 4)))
    result = await run_action(catalog.action("hubspot-create-deal"), {
        "dealname": "Acme - 50 seats", "pipeline": "default", "dealStage": "qualifiedtobuy", "amount": "12500",
        "closedate": "2025-06-30", "contactIds": ["512"],
    }, auth=AUTH)
    assert result.error is None, result.error
    assert_request(create.calls.last.request, "POST", f"{API}/crm/v3/objects/deals", body={"properties": {
        "dealname": "Acme - 50 seats", "amount": "12500", "pipeline": "default", "dealstage": "qualifiedtobuy",
        "closedate": "2025-06-30T00:00:00.000Z"}})
    assert link.call_count == 1
    assert result.summary == "Created deal 1467822235 (Acme - 50 seats), linked to contact 512"


async def test_create_deal_requires_a_name_and_stage(catalog):
    action = catalog.action("hubspot-create-deal")
    assert action.props["dealname"].required and action.props["dealStage"].required
    assert not catalog.action("hubspot-update-deal").props["dealStage"].required


async def test_update_deal_moves_it_to_another_stage(catalog, respx_mock):
    route = respx_mock.patch(f"{API}/crm/v3/objects/deals/1467822235").mock(return_value=httpx.Response(200, json=_object(
        "1467822235", dealname="Acme - 50 seats", dealstage="closedwon")))
    result = await run_action(catalog.action("hubspot-update-deal"),
                              {"dealId": "1467822235", "dealStage": "closedwon", "closedate": "2025-05-01T15:30:00+02:00"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "PATCH", f"{API}/crm/v3/objects/deals/1467822235",
                   body={"properties": {"dealstage": "closedwon", "closedate": "2025-05-01T13:30:00.000Z"}})
    assert result.summary == "Updated dealstage, closedate of deal 1467822235 (Acme - 50 seats)"


async def test_update_deal_refuses_a_malformed_date(catalog, respx_mock):
    result = await run_action(catalog.action("hubspot-update-deal"), {"dealId": "1467822235", "closedate": "next friday"}, auth=AUTH)
    assert "must be a date like `2025-05-01`" in result.error
    assert not respx_mock.calls


async def test_get_deal_reads_the_deal(catalog, respx_mock):
    route = respx_mock.get(f"{API}/crm/v3/objects/deals/1467822235").mock(return_value=httpx.Response(200, json=_object(
        "1467822235", dealname="Acme - 50 seats", amount="12500", dealstage="qualifiedtobuy")))
    result = await run_action(catalog.action("hubspot-get-deal"), {"dealId": "1467822235"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/crm/v3/objects/deals/1467822235", params={
        "properties": "dealname,amount,dealstage,pipeline,closedate,hubspot_owner_id,createdate,hs_lastmodifieddate",
        "associations": "contacts,companies"})
    assert result.ret["properties"]["amount"] == "12500"
    assert result.summary == "Got deal 1467822235 (Acme - 50 seats)"


# Search


async def test_search_crm_sends_query_filters_sort_and_cursor(catalog, respx_mock):
    route = respx_mock.post(f"{API}/crm/v3/objects/contacts/search").mock(return_value=httpx.Response(200, json={
        "total": 3, "results": [_object("512", email="ada@example.com"), _object("513", email="ada.b@example.com")],
        "paging": {"next": {"after": "2", "link": "?after=2"}}}))
    result = await run_action(catalog.action("hubspot-search-crm"), {
        "objectType": "contacts", "query": "ada",
        "filters": [{"propertyName": "lifecyclestage", "operator": "in", "values": ["lead", "customer"]},
                    {"propertyName": "createdate", "operator": "BETWEEN", "value": "2024-01-01", "highValue": "2024-12-31"},
                    {"propertyName": "phone", "operator": "HAS_PROPERTY"}],
        "properties": ["email"], "sortBy": "createdate", "sortDirection": "ASCENDING", "limit": 2, "cursor": "0",
    }, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/crm/v3/objects/contacts/search", body={
        "limit": 2, "properties": ["email"], "query": "ada",
        "filterGroups": [{"filters": [
            {"propertyName": "lifecyclestage", "operator": "IN", "values": ["lead", "customer"]},
            {"propertyName": "createdate", "operator": "BETWEEN", "value": "2024-01-01", "highValue": "2024-12-31"},
            {"propertyName": "phone", "operator": "HAS_PROPERTY"}]}],
        "sorts": [{"propertyName": "createdate", "direction": "ASCENDING"}], "after": "0",
    })
    assert [r["id"] for r in result.ret["records"]] == ["512", "513"]
    assert result.ret["records"][0]["properties"] == {"email": "ada@example.com", "createdate": "2024-01-15T10:30:00.000Z",
                                                      "hs_object_id": "512", "lastmodifieddate": "2024-01-16T08:00:00.000Z"}
    assert result.ret["total"] == 3 and result.ret["next_cursor"] == "2"
    assert result.summary == "Found 3 contacts, returned 2"


async def test_search_crm_counts_companies_and_checks_filters(catalog, respx_mock):
    route = respx_mock.post(f"{API}/crm/v3/objects/companies/search").mock(return_value=httpx.Response(200, json={
        "total": 1, "results": [_object("9001", name="Analytical Engines")]}))
    result = await run_action(catalog.action("hubspot-search-crm"), {"objectType": "company", "query": "engines"}, auth=AUTH)
    assert result.error is None, result.error
    assert json.loads(route.calls.last.request.content)["properties"][:2] == ["name", "domain"]
    assert result.summary == "Found 1 company" and result.ret["next_cursor"] is None
    empty = await run_action(catalog.action("hubspot-search-crm"), {"objectType": "deals"}, auth=AUTH)
    assert "give search text (query) or at least one filter" in empty.error
    bad = await run_action(catalog.action("hubspot-search-crm"),
                           {"objectType": "deals", "filters": [{"propertyName": "amount", "operator": "ABOVE", "value": "1"}]}, auth=AUTH)
    assert "operator 'ABOVE'" in bad.error
    assert route.call_count == 1


# Notes and tasks


async def test_create_note_associates_it_inline(catalog, respx_mock):
    route = respx_mock.post(f"{API}/crm/v3/objects/notes").mock(return_value=httpx.Response(201, json={
        "id": "44444", "properties": {"hs_note_body": "Discussed renewal", "hs_timestamp": "2025-05-01T15:00:00.000Z",
                                      "hs_createdate": "2025-05-01T15:00:01.000Z"},
        "createdAt": "2025-05-01T15:00:01.000Z", "updatedAt": "2025-05-01T15:00:01.000Z", "archived": False}))
    result = await run_action(catalog.action("hubspot-create-note"), {
        "body": "Discussed renewal", "contactIds": ["512"], "companyIds": ["9001"], "dealIds": ["1467822235"],
        "owner": "41629779", "timestamp": "2025-05-01T15:00:00Z",
    }, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/crm/v3/objects/notes", body={
        "properties": {"hs_note_body": "Discussed renewal", "hs_timestamp": "2025-05-01T15:00:00.000Z", "hubspot_owner_id": "41629779"},
        "associations": [
            {"to": {"id": "512"}, "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 202}]},
            {"to": {"id": "9001"}, "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 190}]},
            {"to": {"id": "1467822235"}, "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 214}]},
        ],
    })
    assert result.ret["id"] == "44444"
    assert result.summary == "Logged note 44444 on contact 512, company 9001, deal 1467822235"


async def test_create_note_needs_a_record_and_defaults_its_time_to_now(catalog, respx_mock):
    lonely = await run_action(catalog.action("hubspot-create-note"), {"body": "x"}, auth=AUTH)
    assert "link the note to at least one" in lonely.error
    route = respx_mock.post(f"{API}/crm/v3/objects/notes").mock(return_value=httpx.Response(201, json={"id": "44445", "properties": {}}))
    result = await run_action(catalog.action("hubspot-create-note"), {"body": "x", "dealIds": ["1467822235"]}, auth=AUTH)
    assert result.error is None, result.error
    stamp = json.loads(route.calls.last.request.content)["properties"]["hs_timestamp"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z", stamp)


async def test_create_task_sets_due_date_status_and_type(catalog, respx_mock):
    route = respx_mock.post(f"{API}/crm/v3/objects/tasks").mock(return_value=httpx.Response(201, json={
        "id": "55555", "properties": {"hs_task_subject": "Call Ada", "hs_timestamp": "2025-05-02T00:00:00.000Z"},
        "createdAt": "2025-05-01T15:00:01.000Z", "updatedAt": "2025-05-01T15:00:01.000Z", "archived": False}))
    result = await run_action(catalog.action("hubspot-create-task"), {
        "subject": "Call Ada", "body": "About renewal", "dueDate": "2025-05-02", "priority": "HIGH", "taskType": "CALL",
        "owner": "41629779", "contactIds": ["512"], "dealIds": ["1467822235"],
    }, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/crm/v3/objects/tasks", body={
        "properties": {"hs_task_subject": "Call Ada", "hs_timestamp": "2025-05-02T00:00:00.000Z", "hs_task_status": "NOT_STARTED",
                       "hs_task_type": "CALL", "hs_task_body": "About renewal", "hs_task_priority": "HIGH",
                       "hubspot_owner_id": "41629779"},
        "associations": [
            {"to": {"id": "512"}, "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 204}]},
            {"to": {"id": "1467822235"}, "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 216}]},
        ],
    })
    assert result.ret["linkedTo"] == [{"type": "contacts", "id": "512"}, {"type": "deals", "id": "1467822235"}]
    assert result.summary == "Created task 55555 (Call Ada) due 2025-05-02"


# Associations, owners, pipelines


async def test_associate_records_puts_the_default_association(catalog, respx_mock):
    route = respx_mock.put(f"{API}/crm/v4/objects/deals/1467822235/associations/default/companies/9001").mock(
        return_value=httpx.Response(200, json=_association_answer("1467822235", "9001", 341, 342)))
    result = await run_action(catalog.action("hubspot-associate-records"), {
        "fromObjectType": "deals", "fromObjectId": "1467822235", "toObjectType": "company", "toObjectId": "9001"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "PUT", f"{API}/crm/v4/objects/deals/1467822235/associations/default/companies/9001")
    assert result.ret == {"status": "COMPLETE", "associations": [
        {"from": "1467822235", "to": "9001", "associationTypeId": 341, "category": "HUBSPOT_DEFINED"},
        {"from": "9001", "to": "1467822235", "associationTypeId": 342, "category": "HUBSPOT_DEFINED"}]}
    assert result.summary == "Associated deal 1467822235 with company 9001"


async def test_list_owners_pages_with_the_cursor_and_filters_by_email(catalog, respx_mock):
    route = respx_mock.get(f"{API}/crm/v3/owners").mock(side_effect=[
        httpx.Response(200, json={"results": [_owner("41629779", "Sam", "Seller", "sam@example.com")],
                                  "paging": {"next": {"after": "MTAw", "link": "?after=MTAw"}}}),
        httpx.Response(200, json={"results": [_owner("41629780", "Alex", None, "alex@example.com")]}),
    ])
    action = catalog.action("hubspot-list-owners")
    first = await run_action(action, {"limit": 1}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls[0].request, "GET", f"{API}/crm/v3/owners", params={"limit": "1", "archived": "false"})
    assert first.ret["owners"] == [{"id": "41629779", "email": "sam@example.com", "name": "Sam Seller", "userId": 9586504,
                                    "teams": ["Sales Team"]}]
    assert first.ret["next_cursor"] == "MTAw"
    second = await run_action(action, {"limit": 1, "cursor": first.ret["next_cursor"]}, auth=AUTH)
    assert_request(route.calls[1].request, "GET", f"{API}/crm/v3/owners", params={"limit": "1", "archived": "false", "after": "MTAw"})
    assert second.ret["owners"][0]["name"] == "Alex" and second.ret["next_cursor"] is None
    assert second.summary == "Found 1 owner"
    route.side_effect = None
    route.return_value = httpx.Response(200, json={"results": [_owner("41629779", "Sam", "Seller", "sam@example.com")]})
    await run_action(action, {"email": "sam@example.com"}, auth=AUTH)
    assert dict(route.calls.last.request.url.params) == {"limit": "25", "archived": "false", "email": "sam@example.com"}


async def test_list_pipelines_orders_stages(catalog, respx_mock):
    route = respx_mock.get(f"{API}/crm/v3/pipelines/deals").mock(return_value=httpx.Response(200, json=_pipelines()))
    result = await run_action(catalog.action("hubspot-list-pipelines"), {}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/crm/v3/pipelines/deals")
    assert result.ret["pipelines"][0] == {"id": "default", "label": "Sales Pipeline", "stages": [
        {"id": "appointmentscheduled", "label": "Appointment scheduled", "probability": "0.2", "isClosed": False},
        {"id": "qualifiedtobuy", "label": "Qualified to buy", "probability": "0.4", "isClosed": False},
        {"id": "closedwon", "label": "Closed won", "probability": "1.0", "isClosed": True}]}
    assert result.summary == "Found 2 deal pipelines"


# Errors, auth and rate limits


async def test_a_validation_error_lists_hubspots_details(catalog, respx_mock):
    respx_mock.post(f"{API}/crm/v3/objects/deals").mock(return_value=httpx.Response(400, json={
        "status": "error", "message": "Property values were not valid: [{\"isValid\":false,\"message\":\"...\"}]",
        "correlationId": "aeb5f871-7f07-4993-9211-075dc63e7cbf", "category": "VALIDATION_ERROR",
        "errors": [{"message": "Property \"dealstage\" has an invalid value \"won\"", "code": "INVALID_OPTION",
                    "context": {"propertyName": ["dealstage"]}}]}))
    result = await run_action(catalog.action("hubspot-create-deal"), {"dealname": "x", "dealStage": "won"}, auth=AUTH)
    assert "HubSpot API error 400" in result.error and "VALIDATION_ERROR" in result.error
    assert 'Property "dealstage" has an invalid value "won"' in result.error
    assert "internal option values" in result.error


async def test_a_missing_record_says_so(catalog, respx_mock):
    respx_mock.get(f"{API}/crm/v3/objects/deals/999").mock(return_value=httpx.Response(404, json={
        "status": "error", "message": "Object not found.  objectId are usually numeric.",
        "correlationId": "0f6e7c5e-3a35-4b3a-9d0c-0a1b2c3d4e5f", "context": {"id": ["999"]}, "category": "OBJECT_NOT_FOUND"}))
    result = await run_action(catalog.action("hubspot-get-deal"), {"dealId": "999"}, auth=AUTH)
    assert "OBJECT_NOT_FOUND: Object not found." in result.error and "search for it" in result.error


async def test_a_401_refreshes_the_token_and_retries(catalog, respx_mock):
    route = respx_mock.get(f"{API}/crm/v3/objects/deals/1467822235").mock(side_effect=[
        httpx.Response(401, json={"status": "error", "message": "Authentication credentials not found.",
                                  "correlationId": "a43683b0-5717-4ceb-80b4-104d02915d8c", "category": "INVALID_AUTHENTICATION"}),
        httpx.Response(200, json=_object("1467822235", dealname="Acme")),
    ])
    calls = []

    async def refresh():
        calls.append(1)
        return {"Authorization": "Bearer refreshed-token"}

    result = await run_action(catalog.action("hubspot-get-deal"), {"dealId": "1467822235"}, auth=AUTH, on_unauthorized=refresh)
    assert result.error is None, result.error
    assert calls == [1] and route.call_count == 2
    assert route.calls[0].request.headers["authorization"] == f"Bearer {TOKEN}"
    assert route.calls[1].request.headers["authorization"] == "Bearer refreshed-token"


async def test_a_401_without_fresh_credentials_asks_to_reconnect(catalog, respx_mock):
    respx_mock.get(f"{API}/crm/v3/objects/deals/1467822235").mock(return_value=httpx.Response(401, json={
        "status": "error", "message": "Authentication credentials not found.", "category": "INVALID_AUTHENTICATION"}))

    async def refresh():
        return None

    result = await run_action(catalog.action("hubspot-get-deal"), {"dealId": "1467822235"}, auth=AUTH, on_unauthorized=refresh)
    assert "INVALID_AUTHENTICATION" in result.error and "reconnect HubSpot" in result.error


async def test_a_429_says_when_to_retry_from_the_rate_limit_window(catalog, respx_mock):
    respx_mock.post(f"{API}/crm/v3/objects/contacts/search").mock(return_value=httpx.Response(429, json={
        "status": "error", "message": "You have reached your ten_secondly_rolling limit.", "errorType": "RATE_LIMIT",
        "correlationId": "c033cdaa-2c40-4a64-ae48-b4cec88dad24", "policyName": "TEN_SECONDLY_ROLLING",
        "groupName": "publicapi:oauth:12345:67890"},
        headers={"X-HubSpot-RateLimit-Interval-Milliseconds": "10000", "X-HubSpot-RateLimit-Max": "110",
                 "X-HubSpot-RateLimit-Remaining": "0"}))
    result = await run_action(catalog.action("hubspot-search-crm"), {"objectType": "contacts", "query": "ada"}, auth=AUTH)
    assert result.ret is None
    assert "HubSpot API error 429" in result.error and "retry after 10 s" in result.error
    assert "ten_secondly_rolling limit" in result.error


async def test_a_429_on_the_daily_limit_says_to_wait_for_midnight(catalog, respx_mock):
    respx_mock.get(f"{API}/crm/v3/objects/deals/1").mock(return_value=httpx.Response(429, json={
        "status": "error", "message": "You have reached your daily limit.", "errorType": "RATE_LIMIT",
        "correlationId": "c033cdaa-2c40-4a64-ae48-b4cec88dad24", "policyName": "DAILY",
        "requestId": "3d3e35b7-0dae-4b9f-a6e3-9c230cbcf8dd"}))
    result = await run_action(catalog.action("hubspot-get-deal"), {"dealId": "1"}, auth=AUTH)
    assert "daily API limit" in result.error and "midnight" in result.error


# Remote options


async def test_owner_options_page_with_the_after_cursor(catalog, respx_mock):
    route = respx_mock.get(f"{API}/crm/v3/owners").mock(side_effect=[
        httpx.Response(200, json={"results": [_owner("41629779", "Sam", "Seller", "sam@example.com")],
                                  "paging": {"next": {"after": "MTAw", "link": "?after=MTAw"}}}),
        httpx.Response(200, json={"results": [_owner("41629780", None, None, "alex@example.com")]}),
    ])
    action = catalog.action("hubspot-create-contact")
    first = await fetch_options(action, "owner", {}, auth=AUTH)
    assert first["errors"] == []
    assert first["options"] == [{"label": "Sam Seller (sam@example.com)", "value": "41629779"}]
    assert first["context"] == {"after": "MTAw"}
    second = await fetch_options(action, "owner", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "alex@example.com", "value": "41629780"}] and second["context"] is None
    assert_request(route.calls[1].request, "GET", f"{API}/crm/v3/owners", params={"limit": "100", "archived": "false", "after": "MTAw"})


async def test_pipeline_and_stage_options(catalog, respx_mock):
    respx_mock.get(f"{API}/crm/v3/pipelines/deals").mock(return_value=httpx.Response(200, json=_pipelines()))
    action = catalog.action("hubspot-create-deal")
    pipelines = await fetch_options(action, "pipeline", {}, auth=AUTH)
    assert pipelines["options"] == [{"label": "Sales Pipeline", "value": "default"}, {"label": "Renewals", "value": "12345678"}]
    stages = await fetch_options(action, "dealStage", {"pipeline": "default"}, auth=AUTH)
    assert [o["value"] for o in stages["options"]] == ["appointmentscheduled", "qualifiedtobuy", "closedwon"]
    every = await fetch_options(action, "dealStage", {}, auth=AUTH)
    assert every["options"][-1] == {"label": "Renewals: Up for renewal", "value": "87654321"}


# Account test: https://developers.hubspot.com/docs/api-reference/legacy/authentication/oauth-tokens/v1/get-oauth-token-metadata


async def _account_test(app, creds):
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(creds), base_url=app.base_url_for(creds),
                       allowed_domains=app.allowed_domains_for(creds))
        return await app.test(AccountContext(auth=creds, http=http))


async def test_account_identity_is_the_user_and_hub(catalog, respx_mock):
    route = respx_mock.get(f"{API}/oauth/v1/access-tokens/{TOKEN}").mock(return_value=httpx.Response(200, json={
        "token": TOKEN, "user": "sam@example.com", "hub_domain": "demo.hubspot.com", "scopes": ["oauth", "crm.objects.contacts.read"],
        "hub_id": 62515, "app_id": 456789, "expires_in": 1754, "user_id": 123456, "token_type": "access"}))
    identity = await _account_test(catalog.apps["hubspot"], AUTH)
    assert identity == Identity(name="sam@example.com (demo.hubspot.com)", external_id="62515")
    assert route.calls.last.request.method == "GET"


async def test_account_test_raises_on_an_unknown_token(catalog, respx_mock):
    respx_mock.get(f"{API}/oauth/v1/access-tokens/{TOKEN}").mock(return_value=httpx.Response(404, json={
        "status": "error", "message": "Token not found", "correlationId": "5b3c8b51-0f1f-4c9b-a3c5-1d1b3c2a1f00"}))
    with pytest.raises(UpstreamError, match="Token not found") as raised:
        await _account_test(catalog.apps["hubspot"], AUTH)
    assert raised.value.status == 404


def test_oauth_settings_follow_hubspots_reference(catalog):
    auth = catalog.apps["hubspot"].auth
    assert auth.authorize_url == "https://app.hubspot.com/oauth/authorize"
    assert auth.token_url == "https://api.hubapi.com/oauth/v1/token"
    assert {"oauth", "crm.objects.contacts.write", "crm.objects.deals.write", "crm.objects.owners.read", "tickets",
            "e-commerce", "crm.lists.write"} <= set(auth.scopes)
    # Scopes some subscriptions lack are optional, so that such accounts can still connect.
    assert set(auth.extra_authorize_params["optional_scope"].split(" ")) == {
        "crm.schemas.contacts.write", "crm.schemas.companies.write", "crm.schemas.deals.write", "forms", "marketing.email.read"}
