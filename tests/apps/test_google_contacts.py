import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://people.googleapis.com/v1"
AUTH = {"oauth_access_token": "ya29.people-token"}
PERSON = "people/c4823712375012734"
FIELDS = "names,emailAddresses,phoneNumbers,organizations,addresses,birthdays,biographies,urls,memberships"


def _person(resource=PERSON, given="Ana", family="Silva", email="ana@example.com", **extra):
    return {
        "resourceName": resource, "etag": "%EgUBAi43PRoEAQIFByIMR0xCc0FMcDdLMWs9",
        "names": [{"metadata": {"primary": True, "source": {"type": "CONTACT", "id": resource.split("/")[1]}},
                   "displayName": f"{given} {family}", "familyName": family, "givenName": given,
                   "displayNameLastFirst": f"{family}, {given}", "unstructuredName": f"{given} {family}"}],
        "emailAddresses": [{"metadata": {"primary": True}, "value": email, "type": "work", "formattedType": "Work"}],
        "phoneNumbers": [{"value": "+351 912 345 678", "canonicalForm": "+351912345678", "type": "mobile"}],
        "organizations": [{"name": "Acme", "title": "CTO", "current": True}],
        "birthdays": [{"date": {"year": 1990, "month": 4, "day": 7}}],
        "biographies": [{"value": "Met at Web Summit", "contentType": "TEXT_PLAIN"}],
        "memberships": [{"contactGroupMembership": {"contactGroupId": "myContacts", "contactGroupResourceName": "contactGroups/myContacts"}}],
        **extra,
    }


def _summary(resource=PERSON, given="Ana", family="Silva", email="ana@example.com"):
    return {
        "resource_name": resource, "etag": "%EgUBAi43PRoEAQIFByIMR0xCc0FMcDdLMWs9", "name": f"{given} {family}",
        "given_name": given, "family_name": family, "emails": [{"value": email, "type": "work"}],
        "phones": [{"value": "+351 912 345 678", "type": "mobile"}], "organization": "Acme", "job_title": "CTO",
        "addresses": [], "birthday": "1990-04-07", "notes": "Met at Web Summit", "urls": [],
        "groups": ["contactGroups/myContacts"],
    }


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer ya29.people-token"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


async def test_list_contacts_follows_page_tokens_up_to_the_limit(catalog, respx_mock):
    route = respx_mock.get(f"{API}/people/me/connections").mock(side_effect=[
        httpx.Response(200, json={"connections": [_person(), _person("people/c2", "Rui", "Costa", "rui@example.com")],
                                  "nextPageToken": "GgYKAghkEAI", "totalPeople": 5, "totalItems": 5}),
        httpx.Response(200, json={"connections": [_person("people/c3", "Eva", "Lima", "eva@example.com")],
                                  "nextPageToken": "GgYKAghkEAM", "totalPeople": 5, "totalItems": 5}),
    ])
    result = await run_action(catalog.action("google_contacts-list-contacts"), {"limit": 3}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls[0].request, "GET", "/people/me/connections",
                   params={"personFields": FIELDS, "sortOrder": "LAST_MODIFIED_DESCENDING", "pageSize": "3"})
    assert_request(route.calls[1].request, "GET", "/people/me/connections", params={
        "personFields": FIELDS, "sortOrder": "LAST_MODIFIED_DESCENDING", "pageSize": "1", "pageToken": "GgYKAghkEAI"})
    assert result.ret == {"contacts": [_summary(), _summary("people/c2", "Rui", "Costa", "rui@example.com"),
                                       _summary("people/c3", "Eva", "Lima", "eva@example.com")],
                          "next_cursor": "GgYKAghkEAM"}
    assert result.summary == "Listed 3 contacts"


async def test_search_contacts_warms_the_cache_then_searches(catalog, respx_mock):
    route = respx_mock.get(f"{API}/people:searchContacts").mock(side_effect=[
        httpx.Response(200, json={}),
        httpx.Response(200, json={"results": [{"person": _person()}]}),
    ])
    result = await run_action(catalog.action("google_contacts-search-contacts"), {"query": "ana", "limit": 5}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls[0].request, "GET", "/people:searchContacts", params={"query": "", "readMask": "names"})
    assert_request(route.calls[1].request, "GET", "/people:searchContacts",
                   params={"query": "ana", "readMask": FIELDS, "pageSize": "5"})
    assert result.ret == [_summary()] and result.summary == "Found 1 contact for 'ana'"


async def test_get_contact_from_a_contacts_url_and_full_response(catalog, respx_mock):
    route = respx_mock.get(f"{API}/{PERSON}").mock(return_value=httpx.Response(200, json=_person()))
    action = catalog.action("google_contacts-get-contact")
    result = await run_action(action, {"resourceName": "https://contacts.google.com/person/c4823712375012734"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/{PERSON}", params={"personFields": FIELDS})
    assert result.ret == _summary() and result.summary == "Read the contact 'Ana Silva'"
    whole = await run_action(action, {"resourceName": PERSON, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _person()


async def test_create_contact_sends_the_person_fields(catalog, respx_mock):
    route = respx_mock.post(f"{API}/people:createContact").mock(return_value=httpx.Response(200, json=_person()))
    result = await run_action(catalog.action("google_contacts-create-contact"), {
        "givenName": "Ana", "familyName": "Silva", "emails": ["ana@example.com"], "phones": ["+351 912 345 678"],
        "organization": "Acme", "jobTitle": "CTO", "notes": "Met at Web Summit"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/people:createContact", params={"personFields": FIELDS}, body={
        "names": [{"givenName": "Ana", "familyName": "Silva"}], "emailAddresses": [{"value": "ana@example.com"}],
        "phoneNumbers": [{"value": "+351 912 345 678"}], "organizations": [{"name": "Acme", "title": "CTO"}],
        "biographies": [{"value": "Met at Web Summit", "contentType": "TEXT_PLAIN"}]})
    assert result.ret["resource_name"] == PERSON and result.summary == "Created the contact 'Ana Silva'"


async def test_create_contact_needs_a_name_email_or_phone(catalog, respx_mock):
    result = await run_action(catalog.action("google_contacts-create-contact"), {"jobTitle": "CTO"}, auth=AUTH)
    assert result.error == "give at least a name, an email or a phone number for the new contact"
    assert not respx_mock.calls


async def test_update_contact_reads_the_etag_and_keeps_the_other_name_part(catalog, respx_mock):
    sources = [{"type": "CONTACT", "id": "4823712375012734", "etag": "#HtCsTg7pTVQ="}]
    current = respx_mock.get(f"{API}/{PERSON}").mock(return_value=httpx.Response(200, json=_person(metadata={"sources": sources})))
    route = respx_mock.patch(f"{API}/{PERSON}:updateContact").mock(
        return_value=httpx.Response(200, json=_person(family="Santos", email="ana@acme.com")))
    result = await run_action(catalog.action("google_contacts-update-contact"), {
        "resourceName": PERSON, "familyName": "Santos", "emails": ["ana@acme.com", "ana@example.com"]}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(current.calls.last.request, "GET", f"/{PERSON}", params={"personFields": "names,emailAddresses,metadata"})
    assert_request(route.calls.last.request, "PATCH", f"/{PERSON}:updateContact",
                   params={"updatePersonFields": "names,emailAddresses", "personFields": FIELDS},
                   body={"etag": "%EgUBAi43PRoEAQIFByIMR0xCc0FMcDdLMWs9", "metadata": {"sources": sources},
                         "names": [{"givenName": "Ana", "familyName": "Santos"}],
                         "emailAddresses": [{"value": "ana@acme.com"}, {"value": "ana@example.com"}]})
    assert result.ret["family_name"] == "Santos"
    assert result.summary == "Updated the names, emailAddresses of 'Ana Santos'"


async def test_update_contact_needs_something_to_change(catalog, respx_mock):
    result = await run_action(catalog.action("google_contacts-update-contact"), {"resourceName": PERSON}, auth=AUTH)
    assert result.error.startswith("nothing to change")
    assert not respx_mock.calls


async def test_delete_contact_takes_a_bare_id(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/{PERSON}:deleteContact").mock(return_value=httpx.Response(200, json={}))
    result = await run_action(catalog.action("google_contacts-delete-contact"), {"resourceName": "c4823712375012734"}, auth=AUTH)
    assert_request(route.calls.last.request, "DELETE", f"/{PERSON}:deleteContact")
    assert result.ret == {"resource_name": PERSON, "deleted": True}


async def test_list_contact_groups_and_add_contacts_to_one(catalog, respx_mock):
    groups = respx_mock.get(f"{API}/contactGroups").mock(return_value=httpx.Response(200, json={"contactGroups": [
        {"resourceName": "contactGroups/myContacts", "etag": "e1", "groupType": "SYSTEM_CONTACT_GROUP", "name": "myContacts",
         "formattedName": "My Contacts", "memberCount": 120},
        {"resourceName": "contactGroups/3e2f1a9b0c8d7e6f", "etag": "e2", "groupType": "USER_CONTACT_GROUP", "name": "Clients",
         "formattedName": "Clients", "memberCount": 12}], "totalItems": 2}))
    result = await run_action(catalog.action("google_contacts-list-contact-groups"), {}, auth=AUTH)
    assert_request(groups.calls.last.request, "GET", "/contactGroups",
                   params={"groupFields": "name,groupType,memberCount", "pageSize": "25"})
    assert result.ret == {"contact_groups": [
        {"resource_name": "contactGroups/myContacts", "name": "My Contacts", "group_type": "SYSTEM_CONTACT_GROUP", "member_count": 120},
        {"resource_name": "contactGroups/3e2f1a9b0c8d7e6f", "name": "Clients", "group_type": "USER_CONTACT_GROUP", "member_count": 12},
    ], "next_cursor": None}

    added = respx_mock.post(f"{API}/contactGroups/3e2f1a9b0c8d7e6f/members:modify").mock(
        return_value=httpx.Response(200, json={"notFoundResourceNames": ["people/c999"]}))
    result = await run_action(catalog.action("google_contacts-add-contacts-to-group"), {
        "contactGroup": "contactGroups/3e2f1a9b0c8d7e6f", "resourceNames": [PERSON, "c999", PERSON]}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(added.calls.last.request, "POST", "/contactGroups/3e2f1a9b0c8d7e6f/members:modify",
                   body={"resourceNamesToAdd": [PERSON, "people/c999"]})
    assert result.ret == {"contact_group": "contactGroups/3e2f1a9b0c8d7e6f", "added": [PERSON], "not_found": ["people/c999"]}
    assert result.summary == "Added 1 contact to contactGroups/3e2f1a9b0c8d7e6f"


async def test_contact_and_group_options_page(catalog, respx_mock):
    people = respx_mock.get(f"{API}/people/me/connections").mock(side_effect=[
        httpx.Response(200, json={"connections": [_person()], "nextPageToken": "n2"}),
        httpx.Response(200, json={"connections": [{"resourceName": "people/c5", "etag": "e"}]}),
    ])
    action = catalog.action("google_contacts-update-contact")
    first = await fetch_options(action, "resourceName", {}, auth=AUTH)
    assert first["options"] == [{"label": "Ana Silva <ana@example.com>", "value": PERSON}] and first["context"] == {"pageToken": "n2"}
    second = await fetch_options(action, "resourceName", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "people/c5", "value": "people/c5"}] and second["context"] is None
    assert dict(people.calls[1].request.url.params) == {
        "personFields": "names,emailAddresses", "sortOrder": "FIRST_NAME_ASCENDING", "pageSize": "100", "pageToken": "n2"}

    respx_mock.get(f"{API}/contactGroups").mock(return_value=httpx.Response(200, json={"contactGroups": [
        {"resourceName": "contactGroups/starred", "groupType": "SYSTEM_CONTACT_GROUP", "name": "starred", "formattedName": "Starred"}]}))
    groups = await fetch_options(catalog.action("google_contacts-add-contacts-to-group"), "contactGroup", {}, auth=AUTH)
    assert groups["options"] == [{"label": "Starred", "value": "contactGroups/starred"}]


async def test_a_stale_etag_and_a_rate_limit_say_what_to_do(catalog, respx_mock):
    respx_mock.get(f"{API}/{PERSON}").mock(return_value=httpx.Response(200, json=_person()))
    respx_mock.patch(f"{API}/{PERSON}:updateContact").mock(side_effect=[
        httpx.Response(400, json={"error": {"code": 400, "status": "FAILED_PRECONDITION",
                                             "message": "Request person.etag is different than the current person.etag.",
                                             "errors": [{"message": "Request person.etag is different than the current person.etag.",
                                                         "domain": "global", "reason": "failedPrecondition"}]}}),
        httpx.Response(429, headers={"Retry-After": "60"}, json={"error": {
            "code": 429, "status": "RESOURCE_EXHAUSTED", "message": "Quota exceeded for quota metric 'Critical write requests'"}}),
    ])
    action = catalog.action("google_contacts-update-contact")
    stale = await run_action(action, {"resourceName": PERSON, "notes": "Moved to Porto"}, auth=AUTH)
    assert "the contact changed since it was read; run the update again" in stale.error
    limited = await run_action(action, {"resourceName": PERSON, "notes": "Moved to Porto"}, auth=AUTH)
    assert "rate limited by Google Contacts; retry after 60 s" in limited.error
