import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://forms.googleapis.com/v1"
DRIVE = "https://www.googleapis.com/drive/v3"
AUTH = {"oauth_access_token": "ya29.forms-token"}
FORM = "1FAIpQLSdXyZ0123456789abcdefGHIJ"


def _form(**extra):
    return {
        "formId": FORM, "revisionId": "00000042",
        "info": {"title": "Event feedback", "description": "Tell us how it went", "documentTitle": "Feedback form"},
        "settings": {"quizSettings": {"isQuiz": False}},
        "responderUri": "https://docs.google.com/forms/d/e/1FAIpQLSf-responder/viewform",
        "items": [
            {"itemId": "3a1b2c", "title": "How did you hear about us?", "questionItem": {"question": {
                "questionId": "1f2e3d4c", "required": True, "choiceQuestion": {
                    "type": "RADIO", "options": [{"value": "Email"}, {"value": "A friend"}, {"isOther": True}]}}}},
            {"itemId": "4b5c6d", "title": "Anything else?", "questionItem": {"question": {
                "questionId": "5a6b7c8d", "textQuestion": {"paragraph": True}}}},
            {"itemId": "7d8e9f", "title": "Thanks!", "textItem": {}},
        ],
        **extra,
    }


ITEMS = [
    {"item_id": "3a1b2c", "title": "How did you hear about us?", "description": None, "kind": "QUESTION",
     "question_id": "1f2e3d4c", "type": "MULTIPLE_CHOICE", "required": True, "options": ["Email", "A friend", "(other)"]},
    {"item_id": "4b5c6d", "title": "Anything else?", "description": None, "kind": "QUESTION",
     "question_id": "5a6b7c8d", "type": "PARAGRAPH", "required": False},
    {"item_id": "7d8e9f", "title": "Thanks!", "description": None, "kind": "TEXT"},
]


def _response(response_id="ACYDBNj-r1", submitted="2026-05-02T10:15:00.123Z"):
    return {
        "formId": FORM, "responseId": response_id, "createTime": "2026-05-02T10:14:00.000Z",
        "lastSubmittedTime": submitted, "respondentEmail": "ana@example.com",
        "answers": {
            "1f2e3d4c": {"questionId": "1f2e3d4c", "textAnswers": {"answers": [{"value": "A friend"}]}},
            "5a6b7c8d": {"questionId": "5a6b7c8d", "textAnswers": {"answers": [{"value": "Great talks"}]}},
        },
    }


def _response_summary(response):
    return {"response_id": response["responseId"], "submitted": response["lastSubmittedTime"],
            "created": response["createTime"], "respondent_email": "ana@example.com", "total_score": None,
            "answers": {"1f2e3d4c": ["A friend"], "5a6b7c8d": ["Great talks"]}}


def assert_request(request, method, url, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == url
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer ya29.forms-token"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


async def test_get_form_lists_its_questions_unless_full_response(catalog, respx_mock):
    route = respx_mock.get(f"{API}/forms/{FORM}").mock(return_value=httpx.Response(200, json=_form()))
    action = catalog.action("google_forms-get-form")
    result = await run_action(action, {"formId": f"https://docs.google.com/forms/d/{FORM}/edit"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/forms/{FORM}")
    assert result.ret == {
        "form_id": FORM, "title": "Event feedback", "description": "Tell us how it went", "document_title": "Feedback form",
        "responder_uri": "https://docs.google.com/forms/d/e/1FAIpQLSf-responder/viewform",
        "edit_url": f"https://docs.google.com/forms/d/{FORM}/edit", "revision_id": "00000042", "is_quiz": False,
        "linked_sheet_id": None, "items": ITEMS,
    }
    assert result.summary == "Read the form 'Event feedback' (3 items)"
    whole = await run_action(action, {"formId": FORM, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _form()


async def test_get_form_refuses_the_responder_link(catalog, respx_mock):
    result = await run_action(catalog.action("google_forms-get-form"),
                              {"formId": "https://docs.google.com/forms/d/e/1FAIpQLSf-responder/viewform"}, auth=AUTH)
    assert result.error.startswith("that is the form's responder link")
    assert not respx_mock.calls


async def test_create_form_then_sets_its_description(catalog, respx_mock):
    created = respx_mock.post(f"{API}/forms").mock(return_value=httpx.Response(200, json={
        "formId": FORM, "revisionId": "00000001", "info": {"title": "Event feedback", "documentTitle": "Feedback form"},
        "responderUri": "https://docs.google.com/forms/d/e/1FAIpQLSf-responder/viewform"}))
    updated = respx_mock.post(f"{API}/forms/{FORM}:batchUpdate").mock(return_value=httpx.Response(200, json={
        "form": _form(items=[]), "replies": [{}], "writeControl": {"requiredRevisionId": "00000002"}}))
    result = await run_action(catalog.action("google_forms-create-form"), {
        "title": "Event feedback", "documentTitle": "Feedback form", "description": "Tell us how it went"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(created.calls.last.request, "POST", f"{API}/forms",
                   body={"info": {"title": "Event feedback", "documentTitle": "Feedback form"}})
    assert_request(updated.calls.last.request, "POST", f"{API}/forms/{FORM}:batchUpdate", body={
        "requests": [{"updateFormInfo": {"info": {"description": "Tell us how it went"}, "updateMask": "description"}}],
        "includeFormInResponse": True})
    assert result.ret["form_id"] == FORM and result.ret["description"] == "Tell us how it went"
    assert result.summary == "Created the form 'Event feedback'"


async def test_add_question_at_the_end_counts_the_items_first(catalog, respx_mock):
    current = respx_mock.get(f"{API}/forms/{FORM}").mock(return_value=httpx.Response(200, json={
        "items": [{"itemId": "3a1b2c"}, {"itemId": "4b5c6d"}]}))
    route = respx_mock.post(f"{API}/forms/{FORM}:batchUpdate").mock(return_value=httpx.Response(200, json={
        "replies": [{"createItem": {"itemId": "0c1d2e", "questionId": ["6e7f8a9b"]}}],
        "writeControl": {"requiredRevisionId": "00000043"}}))
    result = await run_action(catalog.action("google_forms-add-question"), {
        "formId": FORM, "title": "Which sessions?", "type": "CHECKBOXES", "options": ["Keynote", "Workshops"],
        "required": True, "description": "Pick all that apply"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(current.calls.last.request, "GET", f"{API}/forms/{FORM}", params={"fields": "items(itemId)"})
    assert_request(route.calls.last.request, "POST", f"{API}/forms/{FORM}:batchUpdate", body={"requests": [{"createItem": {
        "item": {"title": "Which sessions?", "description": "Pick all that apply", "questionItem": {"question": {
            "choiceQuestion": {"type": "CHECKBOX", "options": [{"value": "Keynote"}, {"value": "Workshops"}]}, "required": True}}},
        "location": {"index": 2}}}]})
    assert result.ret == {"item_id": "0c1d2e", "question_id": "6e7f8a9b", "index": 2, "revision_id": "00000043"}
    assert result.summary == "Added the question 'Which sessions?' at position 2"


async def test_add_a_scale_question_at_a_position(catalog, respx_mock):
    route = respx_mock.post(f"{API}/forms/{FORM}:batchUpdate").mock(return_value=httpx.Response(200, json={
        "replies": [{"createItem": {"itemId": "1a", "questionId": ["2b"]}}]}))
    result = await run_action(catalog.action("google_forms-add-question"), {
        "formId": FORM, "title": "Rate the venue", "type": "SCALE", "scaleHigh": 10, "index": 0}, auth=AUTH)
    assert result.error is None, result.error
    assert json.loads(route.calls.last.request.content) == {"requests": [{"createItem": {
        "item": {"title": "Rate the venue", "questionItem": {"question": {"scaleQuestion": {"low": 1, "high": 10}}}},
        "location": {"index": 0}}}]}


async def test_add_question_needs_choices_for_a_choice_question(catalog, respx_mock):
    result = await run_action(catalog.action("google_forms-add-question"),
                              {"formId": FORM, "title": "Pick one", "type": "DROPDOWN", "index": 0}, auth=AUTH)
    assert result.error.startswith("a DROPDOWN question needs its choices in options")
    assert not respx_mock.calls


async def test_update_form_info_sends_a_mask_of_what_changes(catalog, respx_mock):
    route = respx_mock.post(f"{API}/forms/{FORM}:batchUpdate").mock(return_value=httpx.Response(200, json={
        "form": _form(info={"title": "Conference feedback", "description": "Tell us how it went"}), "replies": [{}]}))
    result = await run_action(catalog.action("google_forms-update-form-info"),
                              {"formId": FORM, "title": "Conference feedback"}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", f"{API}/forms/{FORM}:batchUpdate", body={
        "requests": [{"updateFormInfo": {"info": {"title": "Conference feedback"}, "updateMask": "title"}}],
        "includeFormInResponse": True})
    assert result.ret["title"] == "Conference feedback" and result.summary == "Updated the form's title"

    empty = await run_action(catalog.action("google_forms-update-form-info"), {"formId": FORM}, auth=AUTH)
    assert empty.error == "nothing to change: give a title or a description"


async def test_list_responses_pages_with_the_filter_up_to_the_limit(catalog, respx_mock):
    route = respx_mock.get(f"{API}/forms/{FORM}/responses").mock(side_effect=[
        httpx.Response(200, json={"responses": [_response("r1"), _response("r2")], "nextPageToken": "t2"}),
        httpx.Response(200, json={"responses": [_response("r3")], "nextPageToken": "t3"}),
    ])
    result = await run_action(catalog.action("google_forms-list-responses"),
                              {"formId": FORM, "submittedAfter": "2026-05-01T09:00:00Z", "limit": 3}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls[0].request, "GET", f"{API}/forms/{FORM}/responses",
                   params={"filter": "timestamp >= 2026-05-01T09:00:00Z", "pageSize": "3"})
    assert_request(route.calls[1].request, "GET", f"{API}/forms/{FORM}/responses",
                   params={"filter": "timestamp >= 2026-05-01T09:00:00Z", "pageSize": "1", "pageToken": "t2"})
    assert result.ret == {"responses": [_response_summary(_response(r)) for r in ("r1", "r2", "r3")], "next_cursor": "t3"}
    assert result.summary == "Listed 3 responses"


async def test_list_responses_from_a_cursor_and_refuses_a_local_time(catalog, respx_mock):
    route = respx_mock.get(f"{API}/forms/{FORM}/responses").mock(return_value=httpx.Response(200, json={}))
    result = await run_action(catalog.action("google_forms-list-responses"), {"formId": FORM, "cursor": "t3"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{API}/forms/{FORM}/responses", params={"pageSize": "25", "pageToken": "t3"})
    assert result.ret == {"responses": [], "next_cursor": None}
    local = await run_action(catalog.action("google_forms-list-responses"),
                             {"formId": FORM, "submittedAfter": "2026-05-01T09:00:00+02:00"}, auth=AUTH)
    assert "must be in UTC" in local.error and len(route.calls) == 1


async def test_get_response_trims_to_its_answers(catalog, respx_mock):
    route = respx_mock.get(f"{API}/forms/{FORM}/responses/ACYDBNj-r1").mock(return_value=httpx.Response(200, json=_response()))
    result = await run_action(catalog.action("google_forms-get-response"), {"formId": FORM, "responseId": "ACYDBNj-r1"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{API}/forms/{FORM}/responses/ACYDBNj-r1")
    assert result.ret == _response_summary(_response())
    assert result.summary == "Read the response ACYDBNj-r1 sent 2026-05-02T10:15:00.123Z"


async def test_form_and_response_options(catalog, respx_mock):
    files = respx_mock.get(f"{DRIVE}/files").mock(return_value=httpx.Response(200, json={
        "nextPageToken": "n2", "files": [{"id": FORM, "name": "Event feedback"}]}))
    action = catalog.action("google_forms-get-response")
    forms = await fetch_options(action, "formId", {}, auth=AUTH)
    assert forms["options"] == [{"label": "Event feedback", "value": FORM}] and forms["context"] == {"pageToken": "n2"}
    assert files.calls.last.request.url.params["q"] == "mimeType='application/vnd.google-apps.form' and trashed=false"

    responses = respx_mock.get(f"{API}/forms/{FORM}/responses").mock(return_value=httpx.Response(200, json={
        "responses": [_response()]}))
    page = await fetch_options(action, "responseId", {"formId": FORM}, auth=AUTH)
    assert page["options"] == [{"label": "2026-05-02T10:15:00.123Z ana@example.com", "value": "ACYDBNj-r1"}]
    assert page["context"] is None
    assert dict(responses.calls.last.request.url.params) == {"pageSize": "100"}

    first = await fetch_options(action, "responseId", {}, auth=AUTH)
    assert "choose the form (formId) first" in first["errors"][0]


async def test_a_missing_scope_and_a_rate_limit_say_what_to_do(catalog, respx_mock):
    respx_mock.get(f"{API}/forms/{FORM}/responses/ACYDBNj-r1").mock(side_effect=[
        httpx.Response(403, json={"error": {"code": 403, "message": "Request had insufficient authentication scopes.",
                                             "status": "PERMISSION_DENIED", "details": [{
                                                 "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                                                 "reason": "ACCESS_TOKEN_SCOPE_INSUFFICIENT", "domain": "googleapis.com"}]}}),
        httpx.Response(429, headers={"Retry-After": "45"}, json={"error": {"code": 429, "message": "Quota exceeded",
                                                                           "status": "RESOURCE_EXHAUSTED"}}),
    ])
    action = catalog.action("google_forms-get-response")
    scope = await run_action(action, {"formId": FORM, "responseId": "ACYDBNj-r1"}, auth=AUTH)
    assert "reconnect Google Forms and approve it" in scope.error
    limited = await run_action(action, {"formId": FORM, "responseId": "ACYDBNj-r1"}, auth=AUTH)
    assert "rate limited by Google Forms; retry after 45 s" in limited.error
