"""The vendor-description check itself: it catches what respx tests cannot."""

import json

import httpx
import pytest

from mcp_gateway.catalog import load_catalog
from tests.apps.vendor_contract import DESCRIPTIONS, UNDESCRIBED, check, described_app


@pytest.fixture(autouse=True)
def _descriptions(vendor_descriptions):
    """Every test here reads the descriptions."""


def _problems(method, url, *, json_body=None, form=None, exempt=None):
    if json_body is not None:
        request = httpx.Request(method, url, json=json_body)
    elif form is not None:
        request = httpx.Request(method, url, data=form)
    else:
        request = httpx.Request(method, url)
    return check(request, exempt).problems


def test_a_real_request_passes_and_names_its_operation():
    request = httpx.Request("POST", "https://api.github.com/repos/octocat/hello/issues", json={"title": "Bug", "labels": ["bug"]})
    verdict = check(request)
    assert verdict.app == "github" and verdict.operation == "POST /repos/{owner}/{repo}/issues" and verdict.problems == []


def test_an_invented_endpoint_fails():
    problems = _problems("GET", "https://api.github.com/repos/octocat/hello/issue-summaries")
    assert problems == ["GET /repos/octocat/hello/issue-summaries: github.com/api.github.com.json has no such operation"]


def test_a_method_the_path_does_not_take_fails_and_says_which_it_takes():
    [problem] = _problems("DELETE", "https://api.github.com/repos/octocat/hello/issues/1")
    assert "has no such operation (it has the path for GET, PATCH only)" in problem


def test_invented_query_parameters_and_body_fields_fail():
    assert _problems("GET", "https://api.github.com/repos/octocat/hello/issues?per_page=5&sorting=new") == [
        "GET /repos/{owner}/{repo}/issues: no query parameter named sorting"]
    assert _problems("POST", "https://api.github.com/repos/octocat/hello/issues", json_body={"title": "x", "priority": 1}) == [
        "POST /repos/{owner}/{repo}/issues: no body field named priority"]


def test_a_missing_required_field_fails():
    assert _problems("POST", "https://api.github.com/repos/octocat/hello/issues", json_body={"body": "no title"}) == [
        "POST /repos/{owner}/{repo}/issues: the body lacks the required title"]


def test_a_file_path_with_slashes_is_one_parameter():
    assert _problems("GET", "https://api.github.com/repos/octocat/hello/contents/docs/guide/intro.md") == []


def test_form_bodies_are_read_by_their_top_level_names():
    assert _problems("POST", "https://api.stripe.com/v1/customers", form={"email": "a@example.com", "metadata[plan]": "pro"}) == []
    assert _problems("POST", "https://api.stripe.com/v1/customers", form={"emails": "a@example.com"}) == [
        "POST /v1/customers: no body field named emails"]


def test_slack_arguments_count_wherever_they_travel_and_the_token_is_a_header():
    assert _problems("POST", "https://slack.com/api/conversations.history", json_body={"channel": "C1", "limit": 5}) == []
    [problem] = _problems("POST", "https://slack.com/api/chat.postMessage", json_body={"text": "hi"})
    assert "required channel not sent" in problem


def test_graph_aliases_and_unnamespaced_actions_match_the_description():
    assert _problems("GET", "https://graph.microsoft.com/v1.0/me/drive/items/01ABC/workbook/worksheets") == []
    assert _problems("POST", "https://graph.microsoft.com/v1.0/me/sendMail",
                     json_body={"message": {"subject": "Hi"}, "saveToSentItems": True}) == []


def test_an_exemption_covers_only_what_it_names():
    exempt = {("GET", "/repos/{owner}/{repo}/issues", "sorting"): "reason"}
    assert _problems("GET", "https://api.github.com/repos/o/r/issues?sorting=new", exempt=exempt) == []
    assert _problems("GET", "https://api.github.com/repos/o/r/issues?ordering=new", exempt=exempt) != []


def test_undescribed_apis_are_not_checked():
    verdict = check(httpx.Request("POST", "https://api.airtable.com/v0/app1/Table", content=json.dumps({"x": 1})))
    assert verdict.app is None and verdict.problems == []


def test_every_hand_written_app_is_described_or_says_why_not():
    apps = set(load_catalog(packs=False).apps)
    assert set(DESCRIPTIONS) | set(UNDESCRIBED) == apps
    assert not set(DESCRIPTIONS) & set(UNDESCRIBED)


# Apps whose API host is the account's own, found after sign-in: where such a request goes.
ACCOUNT_HOSTS = {
    "jira": "https://api.atlassian.com/ex/jira/cloud-1/rest/api/3",
    "docusign": "https://na3.docusign.net/restapi/v2.1/accounts/acct-1",
    "mailchimp": "https://us19.api.mailchimp.com/3.0",
}


def test_each_described_app_sends_its_requests_where_its_description_is_checked():
    catalog = load_catalog(packs=False)
    for slug in DESCRIPTIONS:
        base = catalog.app(slug).base_url
        probe = ACCOUNT_HOSTS.get(slug) or base.replace("{{custom_fields.token}}", "123:abc").replace(
            "{{custom_fields.accountSid}}", "AC123")
        found = described_app(probe + "/probe")
        assert found is not None and found[0] in DESCRIPTIONS, (slug, base)
        assert DESCRIPTIONS[found[0]].files == DESCRIPTIONS[slug].files, slug
