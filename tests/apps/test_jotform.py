from urllib.parse import parse_qsl

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api.jotform.com"
AUTH = {"api_key": "jf-api-key-1", "region": "api"}
FORM = "241234567890123"
SUBMISSION = "5912345678901234567"


def assert_request(request, method, url, *, params=None, form=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == url
    assert dict(request.url.params) == (params or {})
    assert request.headers["apikey"] == "jf-api-key-1"
    if form is None:
        assert request.content == b""
    else:
        assert request.headers["content-type"] == "application/x-www-form-urlencoded"
        assert dict(parse_qsl(request.content.decode())) == form


def _answer(content, *, offset=0, limit=25, count=None):
    body = {"responseCode": 200, "message": "success", "content": content, "duration": "21.54ms", "limit-left": 9987}
    if count is not None:
        body["resultSet"] = {"offset": offset, "limit": limit, "count": count}
    return body


def _form(form_id=FORM, title="Contact Us"):
    return {"id": form_id, "username": "ada", "title": title, "height": "539", "status": "ENABLED",
            "created_at": "2026-11-01 10:00:00", "updated_at": "2026-12-01 09:00:00", "last_submission": "2026-12-06 12:00:00",
            "new": "2", "count": "14", "type": "LEGACY", "favorite": "0", "archived": "0", "url": f"https://form.jotform.com/{form_id}"}


def _submission(submission_id=SUBMISSION):
    return {"id": submission_id, "form_id": FORM, "ip": "203.0.113.7", "created_at": "2026-12-06 12:00:00", "status": "ACTIVE",
            "new": "1", "flag": "0", "notes": "", "updated_at": None, "answers": {
                "1": {"name": "heading", "order": "1", "text": "Contact Us", "type": "control_head"},
                "3": {"name": "email", "order": "3", "text": "Email", "type": "control_email", "answer": "ada@example.com"},
                "4": {"name": "name", "order": "2", "text": "Name", "type": "control_fullname",
                      "answer": {"first": "Ada", "last": "Lovelace"}, "prettyFormat": "Ada Lovelace"}}}


async def test_get_user_and_full_response(catalog, respx_mock):
    user = {"username": "ada", "name": "Ada Lovelace", "email": "ada@example.com", "website": "", "time_zone": "Europe/London",
            "account_type": "https://api.jotform.com/system/plan/FREE", "status": "ACTIVE",
            "created_at": "2020-01-01 00:00:00", "updated_at": "2026-01-01 00:00:00", "usage": "https://api.jotform.com/user/usage"}
    route = respx_mock.get(f"{API}/user").mock(return_value=httpx.Response(200, json=_answer(user)))
    result = await run_action(catalog.action("jotform-get-user"), {}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/user")
    assert result.ret == {"username": "ada", "name": "Ada Lovelace", "email": "ada@example.com",
                          "account_type": "https://api.jotform.com/system/plan/FREE", "status": "ACTIVE",
                          "time_zone": "Europe/London", "website": "", "created_at": "2020-01-01 00:00:00"}
    whole = await run_action(catalog.action("jotform-get-user"), {"fullResponse": True}, auth=AUTH)
    assert whole.ret == user


async def test_the_eu_host_is_used_for_eu_accounts(catalog, respx_mock):
    route = respx_mock.get("https://eu-api.jotform.com/user").mock(return_value=httpx.Response(200, json=_answer({"username": "ada"})))
    await run_action(catalog.action("jotform-get-user"), {}, auth={**AUTH, "region": "eu-api"})
    assert route.called
    result = await run_action(catalog.action("jotform-get-user"), {}, auth={**AUTH, "region": "evil.example"})
    assert "is not a Jotform API host" in result.error


async def test_list_forms_pages_by_offset(catalog, respx_mock):
    route = respx_mock.get(f"{API}/user/forms").mock(side_effect=[
        httpx.Response(200, json=_answer([_form(), _form("241234567890124", "Feedback")], limit=2, count=2)),
        httpx.Response(200, json=_answer([_form("241234567890125", "Survey")], offset=2, limit=2, count=1)),
    ])
    action = catalog.action("jotform-list-forms")
    first = await run_action(action, {"filter": {"status": "ENABLED"}, "orderby": "created_at", "limit": 2}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls[0].request, "GET", f"{API}/user/forms", params={
        "filter": '{"status": "ENABLED"}', "orderby": "created_at", "offset": "0", "limit": "2"})
    assert first.ret["forms"][0] == {"id": FORM, "title": "Contact Us", "status": "ENABLED", "url": f"https://form.jotform.com/{FORM}",
                                     "submissions": "14", "new_submissions": "2", "last_submission": "2026-12-06 12:00:00",
                                     "created_at": "2026-11-01 10:00:00", "updated_at": "2026-12-01 09:00:00"}
    assert first.ret["next_cursor"] == "2"
    second = await run_action(action, {"limit": 2, "cursor": "2"}, auth=AUTH)
    assert dict(route.calls[1].request.url.params) == {"offset": "2", "limit": "2"}
    assert second.ret["next_cursor"] is None and second.summary == "Listed 1 form"


async def test_form_and_submission_options(catalog, respx_mock):
    forms = respx_mock.get(f"{API}/user/forms").mock(return_value=httpx.Response(200, json=_answer([_form()], limit=100, count=1)))
    action = catalog.action("jotform-get-submission")
    found = await fetch_options(action, "formId", {}, auth=AUTH)
    assert found["options"] == [{"label": "Contact Us", "value": FORM}] and found["context"] is None
    assert dict(forms.calls.last.request.url.params) == {"offset": "0", "limit": "100"}

    submissions = respx_mock.get(f"{API}/form/{FORM}/submissions").mock(
        return_value=httpx.Response(200, json=_answer([_submission()], limit=100, count=1)))
    found = await fetch_options(action, "submissionId", {"formId": FORM}, auth=AUTH)
    assert found["options"] == [{"label": f"2026-12-06 12:00:00 ({SUBMISSION})", "value": SUBMISSION}]
    assert_request(submissions.calls.last.request, "GET", f"{API}/form/{FORM}/submissions",
                   params={"offset": "0", "limit": "100", "orderby": "created_at"})


async def test_list_form_questions_in_form_order(catalog, respx_mock):
    route = respx_mock.get(f"{API}/form/{FORM}/questions").mock(return_value=httpx.Response(200, json=_answer({
        "3": {"hint": "", "labelAlign": "Auto", "name": "email", "order": "3", "qid": "3", "required": "Yes",
              "text": "Email", "type": "control_email"},
        "4": {"name": "name", "order": "2", "qid": "4", "required": "No", "text": "Name", "type": "control_fullname",
              "sublabels": {"first": "First Name", "last": "Last Name"}},
    })))
    result = await run_action(catalog.action("jotform-list-form-questions"), {"formId": FORM}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{API}/form/{FORM}/questions")
    assert result.ret == {"questions": [
        {"qid": "4", "name": "name", "text": "Name", "type": "control_fullname", "order": "2", "required": "No",
         "sublabels": {"first": "First Name", "last": "Last Name"}},
        {"qid": "3", "name": "email", "text": "Email", "type": "control_email", "order": "3", "required": "Yes"}]}


async def test_list_form_submissions_with_a_filter(catalog, respx_mock):
    route = respx_mock.get(f"{API}/form/{FORM}/submissions").mock(return_value=httpx.Response(200, json=_answer([_submission()], count=1)))
    result = await run_action(catalog.action("jotform-list-form-submissions"),
                              {"formId": FORM, "filter": {"created_at:gt": "2026-12-01 00:00:00"}}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{API}/form/{FORM}/submissions", params={
        "filter": '{"created_at:gt": "2026-12-01 00:00:00"}', "offset": "0", "limit": "25"})
    assert result.ret["next_cursor"] is None
    assert result.ret["submissions"][0]["answers"] == [
        {"qid": "3", "name": "email", "text": "Email", "answer": "ada@example.com"},
        {"qid": "4", "name": "name", "text": "Name", "answer": "Ada Lovelace"}]


async def test_get_submission(catalog, respx_mock):
    route = respx_mock.get(f"{API}/submission/{SUBMISSION}").mock(return_value=httpx.Response(200, json=_answer(_submission())))
    result = await run_action(catalog.action("jotform-get-submission"), {"submissionId": SUBMISSION}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{API}/submission/{SUBMISSION}")
    assert result.ret["id"] == SUBMISSION and result.ret["status"] == "ACTIVE" and len(result.ret["answers"]) == 2


async def test_create_submission_encodes_answers_and_sub_fields(catalog, respx_mock):
    route = respx_mock.post(f"{API}/form/{FORM}/submissions").mock(return_value=httpx.Response(200, json=_answer(
        {"submissionID": SUBMISSION, "URL": f"https://api.jotform.com/submission/{SUBMISSION}"})))
    result = await run_action(catalog.action("jotform-create-submission"), {
        "formId": FORM, "answers": {"3": "ada@example.com", "4": {"first": "Ada", "last": "Lovelace"}}}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/form/{FORM}/submissions", form={
        "submission[3]": "ada@example.com", "submission[4][first]": "Ada", "submission[4][last]": "Lovelace"})
    assert result.ret == {"submission_id": SUBMISSION, "url": f"https://api.jotform.com/submission/{SUBMISSION}"}


async def test_create_submission_needs_question_ids(catalog, respx_mock):
    result = await run_action(catalog.action("jotform-create-submission"),
                              {"formId": FORM, "answers": {"email": "ada@example.com"}}, auth=AUTH)
    assert "is not a question ID" in result.error
    assert not respx_mock.calls


async def test_delete_submission(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/submission/{SUBMISSION}").mock(return_value=httpx.Response(200, json=_answer(
        f"Submission #{SUBMISSION} deleted successfully.")))
    result = await run_action(catalog.action("jotform-delete-submission"), {"submissionId": SUBMISSION}, auth=AUTH)
    assert_request(route.calls.last.request, "DELETE", f"{API}/submission/{SUBMISSION}")
    assert result.ret == {"id": SUBMISSION, "deleted": True}
    assert result.summary == f"Submission #{SUBMISSION} deleted successfully."


async def test_list_form_reports(catalog, respx_mock):
    route = respx_mock.get(f"{API}/form/{FORM}/reports").mock(return_value=httpx.Response(200, json=_answer([
        {"id": "51234567890123", "form_id": FORM, "title": "Excel Report", "created_at": "2026-11-02 10:00:00",
         "updated_at": None, "fields": "ip,dt,3,4", "list_type": "excel", "status": "ENABLED",
         "url": "https://www.jotform.com/excel/51234567890123", "isProtected": False}])))
    result = await run_action(catalog.action("jotform-list-form-reports"), {"formId": FORM}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{API}/form/{FORM}/reports")
    assert result.ret == [{"id": "51234567890123", "title": "Excel Report", "list_type": "excel", "status": "ENABLED",
                           "url": "https://www.jotform.com/excel/51234567890123", "created_at": "2026-11-02 10:00:00",
                           "updated_at": None}]


async def test_a_read_only_key_and_the_daily_limit(catalog, respx_mock):
    respx_mock.delete(f"{API}/submission/{SUBMISSION}").mock(return_value=httpx.Response(401, json={
        "responseCode": 401, "message": "You're not authorized to use (/submission-id-delete) ", "content": "",
        "duration": "9.81ms", "info": "https://api.jotform.com/docs#submission-id-delete"}))
    error = (await run_action(catalog.action("jotform-delete-submission"), {"submissionId": SUBMISSION}, auth=AUTH)).error
    assert "not authorized" in error and "Full Access" in error
    respx_mock.get(f"{API}/user").mock(return_value=httpx.Response(429, json={
        "responseCode": 429, "message": "You have reached your daily limit.", "content": "", "duration": "3ms"}))
    error = (await run_action(catalog.action("jotform-get-user"), {}, auth=AUTH)).error
    assert "daily Jotform API call limit is used up" in error
