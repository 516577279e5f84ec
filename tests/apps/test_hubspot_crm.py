"""HubSpot tickets, products, line items, any-type records, associations, owners, pipelines and properties at the
HTTP boundary, with answers shaped like https://developers.hubspot.com/docs/api-reference."""

import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action
from tests.apps.test_hubspot import API, AUTH, _association_answer, _object, _owner, assert_request


def _ticket_pipelines():
    def stage(stage_id, label, order, state):
        return {"label": label, "displayOrder": order, "metadata": {"ticketState": state, "isClosed": str(state == "CLOSED").lower()},
                "id": stage_id, "createdAt": "2019-12-25T13:01:35.228Z", "updatedAt": "2019-12-25T13:01:35.228Z",
                "archived": False}

    return {"results": [{"label": "Support Pipeline", "displayOrder": 0, "id": "0", "archived": False,
                         "createdAt": "2019-12-25T13:01:35.228Z", "updatedAt": "2019-12-25T13:01:35.228Z",
                         "stages": [stage("4", "Closed", 3, "CLOSED"), stage("1", "New", 0, "OPEN"),
                                    stage("2", "Waiting on contact", 1, "OPEN")]}]}


# Tickets


async def test_create_ticket_in_the_support_pipeline_and_link_a_contact(catalog, respx_mock):
    create = respx_mock.post(f"{API}/crm/v3/objects/tickets").mock(return_value=httpx.Response(201, json=_object(
        "880123", subject="Printer on fire", hs_pipeline="0", hs_pipeline_stage="1", hs_ticket_priority="HIGH")))
    link = respx_mock.put(f"{API}/crm/v4/objects/tickets/880123/associations/default/contacts/512").mock(
        return_value=httpx.Response(200, json=_association_answer("880123", "512", 16, 15)))
    result = await run_action(catalog.action("hubspot-create-ticket"), {
        "subject": "Printer on fire", "content": "Smoke everywhere", "stage": "1", "priority": "HIGH",
        "owner": "41629779", "contactIds": ["512"],
    }, auth=AUTH)
    assert result.error is None, result.error
    assert_request(create.calls.last.request, "POST", f"{API}/crm/v3/objects/tickets", body={"properties": {
        "subject": "Printer on fire", "content": "Smoke everywhere", "hs_pipeline": "0", "hs_pipeline_stage": "1",
        "hs_ticket_priority": "HIGH", "hubspot_owner_id": "41629779"}})
    assert_request(link.calls.last.request, "PUT", f"{API}/crm/v4/objects/tickets/880123/associations/default/contacts/512")
    assert result.ret["id"] == "880123" and result.ret["linked"] == ["contact 512"]
    assert result.summary == "Created ticket 880123 (Printer on fire), linked to contact 512"
    action = catalog.action("hubspot-create-ticket")
    assert action.props["stage"].required and not action.props["pipeline"].required


async def test_update_ticket_closes_it(catalog, respx_mock):
    route = respx_mock.patch(f"{API}/crm/v3/objects/tickets/880123").mock(return_value=httpx.Response(200, json=_object(
        "880123", subject="Printer on fire", hs_pipeline_stage="4")))
    result = await run_action(catalog.action("hubspot-update-ticket"), {"ticketId": "880123", "stage": "4"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "PATCH", f"{API}/crm/v3/objects/tickets/880123",
                   body={"properties": {"hs_pipeline_stage": "4"}})
    assert result.summary == "Updated hs_pipeline_stage of ticket 880123 (Printer on fire)"


async def test_get_ticket_with_its_links_and_the_full_response(catalog, respx_mock):
    answer = _object("880123", subject="Printer on fire", hs_pipeline_stage="2", content=None,
                     associations={"contacts": {"results": [{"id": "512", "type": "ticket_to_contact"}]}})
    route = respx_mock.get(f"{API}/crm/v3/objects/tickets/880123").mock(return_value=httpx.Response(200, json=answer))
    result = await run_action(catalog.action("hubspot-get-ticket"), {"ticketId": "880123"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/crm/v3/objects/tickets/880123", params={
        "properties": "subject,content,hs_pipeline,hs_pipeline_stage,hs_ticket_priority,hs_ticket_category,"
                      "hubspot_owner_id,createdate,hs_lastmodifieddate",
        "associations": "contacts,companies,deals"})
    assert result.ret["associations"] == {"contacts": ["512"]} and "content" not in result.ret["properties"]
    assert "archived" not in result.ret and result.summary == "Got ticket 880123 (Printer on fire)"
    whole = await run_action(catalog.action("hubspot-get-ticket"), {"ticketId": "880123", "fullResponse": True}, auth=AUTH)
    assert whole.ret == answer


async def test_ticket_pipeline_and_status_options(catalog, respx_mock):
    route = respx_mock.get(f"{API}/crm/v3/pipelines/tickets").mock(return_value=httpx.Response(200, json=_ticket_pipelines()))
    action = catalog.action("hubspot-create-ticket")
    pipelines = await fetch_options(action, "pipeline", {}, auth=AUTH)
    assert pipelines["options"] == [{"label": "Support Pipeline", "value": "0"}]
    stages = await fetch_options(action, "stage", {"pipeline": "0"}, auth=AUTH)
    assert stages["options"] == [{"label": "New", "value": "1"}, {"label": "Waiting on contact", "value": "2"},
                                 {"label": "Closed", "value": "4"}]
    assert_request(route.calls.last.request, "GET", f"{API}/crm/v3/pipelines/tickets")


async def test_list_pipelines_of_tickets(catalog, respx_mock):
    respx_mock.get(f"{API}/crm/v3/pipelines/tickets").mock(return_value=httpx.Response(200, json=_ticket_pipelines()))
    result = await run_action(catalog.action("hubspot-list-pipelines"), {"objectType": "tickets"}, auth=AUTH)
    assert result.error is None, result.error
    assert result.ret["pipelines"][0]["stages"][0] == {"id": "1", "label": "New", "isClosed": False, "ticketState": "OPEN"}
    assert result.summary == "Found 1 ticket pipeline"


# Products and line items


async def test_create_product(catalog, respx_mock):
    route = respx_mock.post(f"{API}/crm/v3/objects/products").mock(return_value=httpx.Response(201, json=_object(
        "1642736", name="Pro plan (annual)", price="499.00", hs_sku="PRO-ANNUAL")))
    result = await run_action(catalog.action("hubspot-create-product"), {
        "name": "Pro plan (annual)", "price": "499.00", "sku": "PRO-ANNUAL", "billingFrequency": "annually"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/crm/v3/objects/products", body={"properties": {
        "name": "Pro plan (annual)", "price": "499.00", "hs_sku": "PRO-ANNUAL", "recurringbillingfrequency": "annually"}})
    assert result.summary == "Created product 1642736 (Pro plan (annual))"


async def test_create_line_item_from_a_product_on_a_deal(catalog, respx_mock):
    create = respx_mock.post(f"{API}/crm/v3/objects/line_items").mock(return_value=httpx.Response(201, json=_object(
        "3010", name="Pro plan (annual)", hs_product_id="1642736", quantity="5", price="499.00", amount="2495.00")))
    link = respx_mock.put(f"{API}/crm/v4/objects/line_items/3010/associations/default/deals/1467822235").mock(
        return_value=httpx.Response(200, json=_association_answer("3010", "1467822235", 20, 19)))
    result = await run_action(catalog.action("hubspot-create-line-item"), {
        "productId": "1642736", "quantity": 5, "discountPercentage": "10", "dealIds": ["1467822235"]}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(create.calls.last.request, "POST", f"{API}/crm/v3/objects/line_items", body={"properties": {
        "hs_product_id": "1642736", "quantity": "5", "hs_discount_percentage": "10"}})
    assert link.call_count == 1
    assert result.summary == "Created line item 3010 (Pro plan (annual)), linked to deal 1467822235"
    custom = await run_action(catalog.action("hubspot-create-line-item"), {"price": "10"}, auth=AUTH)
    assert "give a productId" in custom.error


# Any object type


async def test_get_record_by_a_unique_property(catalog, respx_mock):
    route = respx_mock.get(f"{API}/crm/v3/objects/products/PRO-ANNUAL").mock(return_value=httpx.Response(200, json=_object(
        "1642736", name="Pro plan (annual)", hs_sku="PRO-ANNUAL")))
    result = await run_action(catalog.action("hubspot-get-record"), {
        "objectType": "product", "objectId": "PRO-ANNUAL", "idProperty": "hs_sku", "properties": ["name", "hs_sku"],
        "associations": ["deals"]}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/crm/v3/objects/products/PRO-ANNUAL",
                   params={"properties": "name,hs_sku", "associations": "deals", "idProperty": "hs_sku"})
    assert result.summary == "Got product 1642736 (Pro plan (annual))"


async def test_get_record_of_a_custom_object_and_bad_types(catalog, respx_mock):
    route = respx_mock.get(f"{API}/crm/v3/objects/2-3508482/77").mock(return_value=httpx.Response(200, json=_object("77", pet_name="Rex")))
    result = await run_action(catalog.action("hubspot-get-record"), {"objectType": "2-3508482", "objectId": "77"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/crm/v3/objects/2-3508482/77")
    assert result.summary == "Got 2-3508482 record 77"
    bad = await run_action(catalog.action("hubspot-get-record"), {"objectType": "widgets", "objectId": "1"}, auth=AUTH)
    assert "object type 'widgets' must be one of" in bad.error


async def test_update_record_sets_free_properties(catalog, respx_mock):
    route = respx_mock.patch(f"{API}/crm/v3/objects/line_items/3010").mock(return_value=httpx.Response(200, json=_object(
        "3010", name="Pro plan (annual)", quantity="7")))
    result = await run_action(catalog.action("hubspot-update-record"), {
        "objectType": "line_items", "objectId": "3010", "properties": {"quantity": 7, "hs_discount_percentage": None}}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "PATCH", f"{API}/crm/v3/objects/line_items/3010",
                   body={"properties": {"quantity": "7", "hs_discount_percentage": ""}})
    assert result.summary == "Updated quantity, hs_discount_percentage of line item 3010 (Pro plan (annual))"
    empty = await run_action(catalog.action("hubspot-update-record"), {"objectType": "deals", "objectId": "1", "properties": {}}, auth=AUTH)
    assert "at least one property" in empty.error


async def test_archive_record(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/crm/v3/objects/deals/1467822235").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("hubspot-archive-record"), {"objectType": "deal", "objectId": "1467822235"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "DELETE", f"{API}/crm/v3/objects/deals/1467822235")
    assert result.ret == {"objectType": "deals", "id": "1467822235", "archived": True}
    assert result.summary == "Archived deal 1467822235"
    action = catalog.action("hubspot-archive-record")
    assert action.annotations.destructive and action.annotations.idempotent


async def test_batch_read_records_reports_missing_ids(catalog, respx_mock):
    route = respx_mock.post(f"{API}/crm/v3/objects/contacts/batch/read").mock(return_value=httpx.Response(207, json={
        "status": "COMPLETE", "results": [_object("512", email="ada@example.com")], "numErrors": 1,
        "errors": [{"status": "error", "category": "OBJECT_NOT_FOUND",
                    "message": "Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.",
                    "context": {"ids": ["999"]}}],
        "startedAt": "2024-01-16T08:00:00.120Z", "completedAt": "2024-01-16T08:00:00.180Z"}))
    result = await run_action(catalog.action("hubspot-batch-read-records"), {
        "objectType": "contacts", "ids": ["512", "999", "512"], "properties": ["email"]}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/crm/v3/objects/contacts/batch/read",
                   body={"inputs": [{"id": "512"}, {"id": "999"}], "properties": ["email"]})
    assert [r["id"] for r in result.ret["records"]] == ["512"]
    assert result.ret["errors"] == [{"message": "Could not get some CONTACT objects, they may be deleted or not exist. "
                                                "Check that ids are valid.", "ids": ["999"]}]
    assert result.summary == "Read 1 contact; 1 not found"
    too_many = await run_action(catalog.action("hubspot-batch-read-records"),
                                {"objectType": "contacts", "ids": [str(n) for n in range(101)]}, auth=AUTH)
    assert "at most 100" in too_many.error


async def test_list_records_cursor_round_trip(catalog, respx_mock):
    route = respx_mock.get(f"{API}/crm/v3/objects/quotes").mock(side_effect=[
        httpx.Response(200, json={"results": [_object("71", hs_title="Acme renewal")],
                                  "paging": {"next": {"after": "72", "link": f"{API}/crm/v3/objects/quotes?after=72"}}}),
        httpx.Response(200, json={"results": [_object("72", hs_title="Acme upsell")]}),
    ])
    action = catalog.action("hubspot-list-records")
    first = await run_action(action, {"objectType": "quotes", "limit": 1, "properties": ["hs_title"],
                                      "associations": ["deal"]}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls[0].request, "GET", f"{API}/crm/v3/objects/quotes",
                   params={"limit": "1", "archived": "false", "properties": "hs_title", "associations": "deals"})
    assert first.ret["next_cursor"] == "72" and first.summary == "Listed 1 quote (more available)"
    second = await run_action(action, {"objectType": "quotes", "limit": 1, "properties": ["hs_title"],
                                       "cursor": first.ret["next_cursor"]}, auth=AUTH)
    assert_request(route.calls[1].request, "GET", f"{API}/crm/v3/objects/quotes",
                   params={"limit": "1", "archived": "false", "properties": "hs_title", "after": "72"})
    assert [r["properties"]["hs_title"] for r in second.ret["records"]] == ["Acme upsell"]
    assert second.ret["next_cursor"] is None


async def test_search_crm_finds_tickets_linked_to_a_contact(catalog, respx_mock):
    route = respx_mock.post(f"{API}/crm/v3/objects/tickets/search").mock(return_value=httpx.Response(200, json={
        "total": 1, "results": [_object("880123", subject="Printer on fire")]}))
    result = await run_action(catalog.action("hubspot-search-crm"), {
        "objectType": "tickets", "filters": [{"propertyName": "associations.contact", "operator": "EQ", "value": "512"}],
    }, auth=AUTH)
    assert result.error is None, result.error
    body = json.loads(route.calls.last.request.content)
    assert body["filterGroups"] == [{"filters": [{"propertyName": "associations.contact", "operator": "EQ", "value": "512"}]}]
    assert body["limit"] == 25 and body["properties"][0] == "subject"
    assert result.summary == "Found 1 ticket"


# Associations


async def test_associate_records_with_a_label(catalog, respx_mock):
    route = respx_mock.put(f"{API}/crm/v4/objects/contacts/512/associations/companies/9001").mock(
        return_value=httpx.Response(201, json={"fromObjectTypeId": "0-1", "fromObjectId": 512, "toObjectTypeId": "0-2",
                                               "toObjectId": 9001, "labels": ["Primary"]}))
    result = await run_action(catalog.action("hubspot-associate-records"), {
        "fromObjectType": "contacts", "fromObjectId": "512", "toObjectType": "companies", "toObjectId": "9001",
        "associationTypeId": 1}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "PUT", f"{API}/crm/v4/objects/contacts/512/associations/companies/9001",
                   body=[{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 1}])
    assert result.ret == {"from": 512, "to": 9001, "labels": ["Primary"]}
    assert result.summary == "Associated contact 512 with company 9001 (association type 1)"


def _labels():
    return {"results": [{"category": "HUBSPOT_DEFINED", "typeId": 279, "label": None},
                        {"category": "HUBSPOT_DEFINED", "typeId": 1, "label": "Primary"},
                        {"category": "USER_DEFINED", "typeId": 36, "label": "Billing contact"}]}


async def test_list_association_labels_and_their_options(catalog, respx_mock):
    route = respx_mock.get(f"{API}/crm/v4/associations/contacts/companies/labels").mock(return_value=httpx.Response(200, json=_labels()))
    result = await run_action(catalog.action("hubspot-list-association-labels"),
                              {"fromObjectType": "contacts", "toObjectType": "companies"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/crm/v4/associations/contacts/companies/labels")
    assert result.ret["labels"][2] == {"typeId": 36, "label": "Billing contact", "category": "USER_DEFINED"}
    assert result.summary == "Found 3 association types from contact to company"
    options = await fetch_options(catalog.action("hubspot-associate-records"), "associationTypeId",
                                  {"fromObjectType": "contacts", "toObjectType": "companies"}, auth=AUTH)
    assert options["options"][:2] == [{"label": "Unlabeled (HUBSPOT_DEFINED)", "value": 279},
                                      {"label": "Primary (HUBSPOT_DEFINED)", "value": 1}]


async def test_list_associations_cursor_round_trip(catalog, respx_mock):
    route = respx_mock.get(f"{API}/crm/v4/objects/deals/1467822235/associations/line_items").mock(side_effect=[
        httpx.Response(200, json={"results": [{"toObjectId": 3010, "associationTypes": [
            {"category": "HUBSPOT_DEFINED", "typeId": 19, "label": None}]}],
            "paging": {"next": {"after": "MzAxMQ%3D%3D", "link": "?after=MzAxMQ%3D%3D"}}}),
        httpx.Response(200, json={"results": [{"toObjectId": 3011, "associationTypes": [
            {"category": "USER_DEFINED", "typeId": 40, "label": "Add-on"}]}]}),
    ])
    action = catalog.action("hubspot-list-associations")
    first = await run_action(action, {"objectType": "deals", "objectId": "1467822235", "toObjectType": "line_items", "limit": 1}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls[0].request, "GET", f"{API}/crm/v4/objects/deals/1467822235/associations/line_items",
                   params={"limit": "1"})
    assert first.ret["associations"] == [{"toObjectId": "3010", "labels": [], "types": [{"typeId": 19, "category": "HUBSPOT_DEFINED"}]}]
    assert first.summary == "Found 1 line item linked to deal 1467822235 (more available)"
    second = await run_action(action, {"objectType": "deals", "objectId": "1467822235", "toObjectType": "line_items",
                                       "limit": 1, "cursor": first.ret["next_cursor"]}, auth=AUTH)
    assert dict(route.calls[1].request.url.params) == {"limit": "1", "after": "MzAxMQ%3D%3D"}
    assert second.ret["associations"][0]["labels"] == ["Add-on"] and second.ret["next_cursor"] is None


async def test_remove_association(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/crm/v4/objects/deals/1467822235/associations/contacts/512").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("hubspot-remove-association"), {
        "fromObjectType": "deals", "fromObjectId": "1467822235", "toObjectType": "contacts", "toObjectId": "512"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "DELETE", f"{API}/crm/v4/objects/deals/1467822235/associations/contacts/512")
    assert result.ret["removed"] is True
    assert result.summary == "Removed the association of deal 1467822235 with contact 512"


# Owners


async def test_get_owner_by_id_and_its_options(catalog, respx_mock):
    route = respx_mock.get(f"{API}/crm/v3/owners/41629779").mock(
        return_value=httpx.Response(200, json=_owner("41629779", "Sam", "Seller", "sam@example.com")))
    result = await run_action(catalog.action("hubspot-get-owner"), {"ownerId": "41629779"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/crm/v3/owners/41629779", params={"idProperty": "id", "archived": "false"})
    assert result.ret == {"id": "41629779", "email": "sam@example.com", "name": "Sam Seller", "userId": 9586504, "teams": ["Sales Team"]}
    assert result.summary == "Got owner 41629779 (Sam Seller)"
    respx_mock.get(f"{API}/crm/v3/owners").mock(return_value=httpx.Response(200, json={
        "results": [_owner("41629779", "Sam", "Seller", "sam@example.com")]}))
    options = await fetch_options(catalog.action("hubspot-get-owner"), "ownerId", {}, auth=AUTH)
    assert options["options"] == [{"label": "Sam Seller (sam@example.com)", "value": "41629779"}]


# Properties


def _property(name="lifecyclestage", label="Lifecycle Stage", hubspot_defined=True, **extra):
    prop = {
        "updatedAt": "2019-10-30T03:30:17.883Z", "createdAt": "2019-08-06T02:41:52.059Z", "name": name, "label": label,
        "type": "enumeration", "fieldType": "radio", "description": "The qualification of contacts to sales readiness.",
        "groupName": "contactinformation",
        "options": [{"label": "Lead", "value": "lead", "displayOrder": 1, "hidden": False},
                    {"label": "Legacy", "value": "legacy", "displayOrder": 2, "hidden": True}],
        "displayOrder": -1, "calculated": False, "externalOptions": False, "hasUniqueValue": False, "hidden": False,
        "hubspotDefined": hubspot_defined,
        "modificationMetadata": {"archivable": True, "readOnlyDefinition": True, "readOnlyValue": False}, "formField": True,
    }
    prop.update(extra)
    return prop


def _properties():
    return {"results": [
        _property(),
        _property("hs_lead_status", "Lead Status"),
        _property("plan_tier", "Plan tier", hubspot_defined=False, groupName="billing", type="string", fieldType="text", options=[]),
    ]}


async def test_list_properties_filters_and_pages_here(catalog, respx_mock):
    route = respx_mock.get(f"{API}/crm/v3/properties/contacts").mock(return_value=httpx.Response(200, json=_properties()))
    action = catalog.action("hubspot-list-properties")
    first = await run_action(action, {"objectType": "contacts", "search": "LEAD", "limit": 1}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls.last.request, "GET", f"{API}/crm/v3/properties/contacts", params={"archived": "false"})
    assert first.ret["properties"] == [{
        "name": "hs_lead_status", "label": "Lead Status", "type": "enumeration", "fieldType": "radio",
        "groupName": "contactinformation", "description": "The qualification of contacts to sales readiness.",
        "options": [{"label": "Lead", "value": "lead"}], "hubspotDefined": True}]
    assert first.ret["total"] == 1 and first.ret["next_cursor"] is None
    assert first.summary == "Found 1 contact property, returned 1"
    everything = await run_action(action, {"objectType": "contacts", "limit": 2}, auth=AUTH)
    assert everything.ret["next_cursor"] == "2"
    rest = await run_action(action, {"objectType": "contacts", "limit": 2, "cursor": "2"}, auth=AUTH)
    assert [p["name"] for p in rest.ret["properties"]] == ["plan_tier"] and rest.ret["next_cursor"] is None
    custom = await run_action(action, {"objectType": "contacts", "includeHubspotDefined": False}, auth=AUTH)
    assert [p["name"] for p in custom.ret["properties"]] == ["plan_tier"]


async def test_get_property_and_property_options(catalog, respx_mock):
    route = respx_mock.get(f"{API}/crm/v3/properties/deals/dealstage").mock(return_value=httpx.Response(200, json=_property(
        "dealstage", "Deal Stage", groupName="dealinformation", fieldType="select")))
    result = await run_action(catalog.action("hubspot-get-property"), {"objectType": "deals", "propertyName": "dealstage"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/crm/v3/properties/deals/dealstage")
    assert result.summary == "Got deal property dealstage (Deal Stage, enumeration)"
    respx_mock.get(f"{API}/crm/v3/properties/contacts").mock(return_value=httpx.Response(200, json=_properties()))
    options = await fetch_options(catalog.action("hubspot-get-property"), "propertyName", {"objectType": "contacts"}, auth=AUTH)
    assert options["options"][0] == {"label": "Lead Status (hs_lead_status)", "value": "hs_lead_status"}


async def test_create_property_with_options(catalog, respx_mock):
    route = respx_mock.post(f"{API}/crm/v3/properties/companies").mock(return_value=httpx.Response(201, json=_property(
        "plan", "Plan", hubspot_defined=False, groupName="companyinformation", fieldType="select",
        options=[{"label": "Gold", "value": "gold", "displayOrder": 0, "hidden": False}])))
    result = await run_action(catalog.action("hubspot-create-property"), {
        "objectType": "companies", "name": "plan", "label": "Plan", "type": "enumeration", "fieldType": "select",
        "groupName": "companyinformation", "options": [{"label": "Gold", "value": "gold"}, {"label": "Silver", "value": "silver"}], "formField": True,
    }, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/crm/v3/properties/companies", body={
        "name": "plan", "label": "Plan", "type": "enumeration", "fieldType": "select", "groupName": "companyinformation",
        "options": [{"label": "Gold", "value": "gold", "displayOrder": 0}, {"label": "Silver", "value": "silver", "displayOrder": 1}],
        "formField": True})
    assert result.ret["name"] == "plan" and result.summary == "Created company property plan (Plan)"
    bad = await run_action(catalog.action("hubspot-create-property"), {
        "objectType": "companies", "name": "Renewal Date", "label": "Renewal", "type": "date", "groupName": "x"}, auth=AUTH)
    assert "lowercase letters" in bad.error
    mismatch = await run_action(catalog.action("hubspot-create-property"), {
        "objectType": "companies", "name": "renewal", "label": "Renewal", "type": "date", "fieldType": "select",
        "groupName": "x"}, auth=AUTH)
    assert "a date property is shown as date" in mismatch.error
    assert route.call_count == 1


async def test_property_group_options(catalog, respx_mock):
    route = respx_mock.get(f"{API}/crm/v3/properties/deals/groups").mock(return_value=httpx.Response(200, json={"results": [
        {"name": "dealinformation", "label": "Deal information", "displayOrder": 0, "archived": False}]}))
    options = await fetch_options(catalog.action("hubspot-create-property"), "groupName", {"objectType": "deals"}, auth=AUTH)
    assert options["options"] == [{"label": "Deal information", "value": "dealinformation"}]
    assert_request(route.calls.last.request, "GET", f"{API}/crm/v3/properties/deals/groups")
