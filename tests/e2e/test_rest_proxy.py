"""The Connect API proxy through the official `pipedream` SDK, against a real gateway, with the
upstream APIs mocked by respx (answers shaped like the vendors' API references)."""

from __future__ import annotations

import asyncio
import base64
import json
import textwrap

import httpx
import pytest
from pipedream import AsyncPipedream, Pipedream
from pipedream.core.api_error import ApiError

from tests.apps.test_oauth_token_exchange import token_endpoint  # noqa: F401  (fixture)
from tests.support import GatewayServer, gateway_settings

UPSTREAM_TIMEOUT = 1.0

# An app with a dynamic domain: each account names its own instance, like self-hosted GitLab.
SELF_HOSTED_APP = """
from mcp_gateway.catalog import App, KeyField, Keys

app = App(
    "proxy_selfhosted", "Self-hosted Git", "A code host each customer runs on their own domain.",
    auth=Keys(fields=[KeyField("api_token", "Personal access token")]),
    custom_fields=[KeyField("instance", "Instance host", "e.g. git.example.com", secret=False)],
    base_url="https://{{custom_fields.instance}}/api/v4",
    auth_headers=lambda auth: {"PRIVATE-TOKEN": auth["api_token"]},
)
"""

# https://docs.github.com/en/rest/users/users#get-the-authenticated-user
GITHUB_USER = {
    "login": "octocat", "id": 583231, "node_id": "MDQ6VXNlcjU4MzIzMQ==", "type": "User",
    "name": "The Octocat", "company": "@github", "public_repos": 8, "html_url": "https://github.com/octocat",
}
# https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api#404-not-found
GITHUB_NOT_FOUND = {"message": "Not Found", "documentation_url": "https://docs.github.com/rest", "status": "404"}
# https://api.slack.com/methods/chat.postMessage
SLACK_POSTED = {
    "ok": True, "channel": "C123ABC456", "ts": "1503435956.000247",
    "message": {"text": "Here's a message for you", "username": "ecto1", "type": "message", "ts": "1503435956.000247"},
}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The gateway with the dynamic-domain app and a short upstream limit."""
    custom = tmp_path_factory.mktemp("custom")
    (custom / "proxy_selfhosted").mkdir()
    (custom / "proxy_selfhosted" / "app.py").write_text(textwrap.dedent(SELF_HOSTED_APP))
    settings = gateway_settings(tmp_path_factory.mktemp("gateway"), custom_tools_dir=custom, proxy_timeout=UPSTREAM_TIMEOUT)
    gateway = GatewayServer(settings).start()
    yield gateway
    gateway.stop()


@pytest.fixture
def sdk(server, project):
    return Pipedream(
        client_id=project["client_id"],
        client_secret=project["client_secret"],
        project_id=project["project_id"],
        project_environment="development",
        base_url=server.url,
    )


@pytest.fixture
def upstream(respx_mock):
    """respx at the upstream boundary; the SDK's requests to the gateway go through for real."""
    respx_mock.route(host="127.0.0.1").pass_through()
    return respx_mock


def b64(url: str) -> str:
    return base64.urlsafe_b64encode(url.encode()).decode().rstrip("=")


def raw_proxy(server, project, method, url, *, user, account, headers=None, **kwargs) -> httpx.Response:
    """The REST form of the proxy, as curl would send it (unpadded base64)."""
    return httpx.request(
        method,
        f"{server.url}/v1/connect/{project['project_id']}/proxy/{b64(url)}",
        params={"external_user_id": user, "account_id": account},
        headers={"Authorization": f"Bearer {project['token']}", "x-pd-environment": "development", **(headers or {})},
        **kwargs,
    )


def refused(call) -> ApiError:
    with pytest.raises(ApiError) as caught:
        call()
    return caught.value



async def test_the_async_client_proxies_too(server, project, upstream):
    account = server.add_account(project["project_id"], "async-fan", "github", {"oauth_access_token": "gho_async_token_value"})
    route = upstream.post("https://api.github.com/repos/octo/hello/issues").mock(
        return_value=httpx.Response(201, json={"number": 7, "title": "Found a bug"}))
    client = AsyncPipedream(client_id=project["client_id"], client_secret=project["client_secret"],
                            project_id=project["project_id"], project_environment="development", base_url=server.url)
    data = await client.proxy.post("/repos/octo/hello/issues", external_user_id="async-fan", account_id=account,
                                   body={"title": "Found a bug"})
    assert data == {"number": 7, "title": "Found a bug"}
    sent = route.calls.last.request
    assert sent.headers["authorization"] == "Bearer gho_async_token_value"
    assert json.loads(sent.content) == {"title": "Found a bug"}

def test_relative_path_goes_to_the_apps_api_with_the_users_token(server, project, sdk, upstream):
    account = server.add_account(project["project_id"], "octo-fan", "github", {"oauth_access_token": "gho_16C7e42F292c6912E7710c8"})
    route = upstream.get("https://api.github.com/user").mock(return_value=httpx.Response(200, json=GITHUB_USER))
    data = sdk.proxy.get("/user", external_user_id="octo-fan", account_id=account,
                         headers={"X-Request-Trace": "trace-1"}, params={"per_page": 5})
    assert data == GITHUB_USER
    sent = route.calls.last.request
    assert str(sent.url) == "https://api.github.com/user?per_page=5"
    assert sent.headers["authorization"] == "Bearer gho_16C7e42F292c6912E7710c8"
    assert sent.headers["x-github-api-version"] == "2022-11-28"  # the app's own headers come along
    assert sent.headers["x-request-trace"] == "trace-1"
    assert not [name for name in sent.headers if name.startswith("x-pd-")]  # neither Pipedream headers nor prefixes


@pytest.mark.parametrize("url", ["https://slack.com/api/chat.postMessage", "/api/chat.postMessage", "chat.postMessage"])
def test_post_forwards_the_json_body_to_full_or_relative_urls(server, project, sdk, upstream, url):
    account = server.add_account(project["project_id"], "slacker", "slack", {"oauth_access_token": "xoxp-1234-5678"})
    route = upstream.post("https://slack.com/api/chat.postMessage").mock(return_value=httpx.Response(200, json=SLACK_POSTED))
    data = sdk.proxy.post(url, external_user_id="slacker", account_id=account,
                          body={"channel": "C123ABC456", "text": "Here's a message for you"})
    assert data == SLACK_POSTED
    sent = route.calls.last.request
    assert json.loads(sent.content) == {"channel": "C123ABC456", "text": "Here's a message for you"}
    assert sent.headers["content-type"] == "application/json"
    assert sent.headers["authorization"] == "Bearer xoxp-1234-5678"


def test_put_patch_and_delete_are_forwarded(server, project, sdk, upstream):
    account = server.add_account(project["project_id"], "octo-fan", "github", {"oauth_access_token": "gho_methods"})
    issue = "https://api.github.com/repos/octocat/Hello-World/issues/1347"
    patched = upstream.patch(issue).mock(return_value=httpx.Response(200, json={"number": 1347, "state": "closed"}))
    assert sdk.proxy.patch(issue, external_user_id="octo-fan", account_id=account, body={"state": "closed"}) == {
        "number": 1347, "state": "closed"}
    assert json.loads(patched.calls.last.request.content) == {"state": "closed"}
    lock = upstream.put(f"{issue}/lock").mock(return_value=httpx.Response(204))
    assert sdk.proxy.put(f"{issue}/lock", external_user_id="octo-fan", account_id=account, body={"lock_reason": "resolved"}) is None
    assert json.loads(lock.calls.last.request.content) == {"lock_reason": "resolved"}
    unlock = upstream.delete(f"{issue}/lock").mock(return_value=httpx.Response(204))
    assert sdk.proxy.delete(f"{issue}/lock", external_user_id="octo-fan", account_id=account) is None
    assert unlock.calls.last.request.headers["authorization"] == "Bearer gho_methods"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://evil.example/user", "'evil.example' is not a domain the GitHub app's credentials may be sent to"),
        ("https://api.github.com.evil.example/user", "use a relative path or a URL on api.github.com"),
        ("https://uploads.github.com/repos/o/r/releases/1/assets", "'uploads.github.com' is not a domain"),
        ("http://api.github.com/user", "must be an https:// URL"),  # credentials never go out in clear text
        ("//evil.example/user", "must be an https:// URL"),
    ],
)
def test_full_urls_outside_the_allowed_domains_are_refused(server, project, sdk, upstream, url, message):
    account = server.add_account(project["project_id"], "octo-fan", "github", {"oauth_access_token": "gho_secret"})
    error = refused(lambda: sdk.proxy.get(url, external_user_id="octo-fan", account_id=account))
    assert error.status_code == 400 and message in error.body["error"]
    assert not [call for call in upstream.calls if call.request.url.host != "127.0.0.1"]


def test_an_app_without_an_http_api_cannot_be_proxied(server, project, sdk, upstream):
    account = server.add_account(project["project_id"], "dba", "postgresql",
                                 {"host": "db.internal", "port": "5432", "user": "u", "password": "p", "database": "d"})
    error = refused(lambda: sdk.proxy.get("/", external_user_id="dba", account_id=account))
    assert error.status_code == 400 and error.body == {"error": "the PostgreSQL app has no HTTP API the proxy can send requests to"}


def test_a_dynamic_domain_comes_from_each_users_account(server, project, sdk, upstream):
    acme = server.add_account(project["project_id"], "acme-dev", "proxy_selfhosted",
                              {"api_token": "glpat-acme", "instance": "git.acme.test"})
    beta = server.add_account(project["project_id"], "beta-dev", "proxy_selfhosted",
                              {"api_token": "glpat-beta", "instance": "code.beta.test"})
    acme_route = upstream.get("https://git.acme.test/api/v4/projects").mock(return_value=httpx.Response(200, json=[{"id": 1}]))
    beta_route = upstream.get("https://code.beta.test/api/v4/projects").mock(return_value=httpx.Response(200, json=[{"id": 2}]))
    assert sdk.proxy.get("/api/v4/projects", external_user_id="acme-dev", account_id=acme) == [{"id": 1}]
    assert sdk.proxy.get("projects", external_user_id="beta-dev", account_id=beta) == [{"id": 2}]
    assert sdk.proxy.get("https://git.acme.test/api/v4/projects", external_user_id="acme-dev", account_id=acme) == [{"id": 1}]
    assert acme_route.calls.last.request.headers["private-token"] == "glpat-acme"
    assert beta_route.calls.last.request.headers["private-token"] == "glpat-beta"
    # One user's account is not sent to another user's instance.
    error = refused(lambda: sdk.proxy.get("https://code.beta.test/api/v4/projects", external_user_id="acme-dev", account_id=acme))
    assert error.status_code == 400 and "code.beta.test" in error.body["error"] and "git.acme.test" in error.body["error"]


def test_an_account_missing_its_domain_is_reported(server, project, sdk, upstream):
    account = server.add_account(project["project_id"], "half-set", "proxy_selfhosted", {"api_token": "glpat-x"})
    error = refused(lambda: sdk.proxy.get("/api/v4/projects", external_user_id="half-set", account_id=account))
    assert error.status_code == 409
    assert "no value for custom field 'instance'" in error.body["error"]


def test_restricted_headers_are_refused_by_name(server, project, sdk, upstream):
    account = server.add_account(project["project_id"], "octo-fan", "github", {"oauth_access_token": "gho_x"})
    error = refused(lambda: sdk.proxy.get("/user", external_user_id="octo-fan", account_id=account,
                                          headers={"Cookie": "session=1", "Sec-Fetch-Mode": "cors", "Accept": "text/plain"}))
    assert error.status_code == 400
    assert "x-pd-proxy-cookie, x-pd-proxy-sec-fetch-mode" in error.body["error"]
    assert "accept," not in error.body["error"]
    for header in ("Host", "Content-Length", "Proxy-Authorization", "Via"):
        error = refused(lambda: sdk.proxy.get("/user", external_user_id="octo-fan", account_id=account, headers={header: "x"}))
        assert error.status_code == 400 and f"x-pd-proxy-{header.lower()}" in error.body["error"]


def test_another_users_or_projects_account_is_not_found(server, project, sdk, upstream):
    account = server.add_account(project["project_id"], "owner", "github", {"oauth_access_token": "gho_owner"})
    error = refused(lambda: sdk.proxy.get("/user", external_user_id="someone-else", account_id=account))
    assert error.status_code == 404
    assert f"account {account} is not an account of user 'someone-else'" in error.body["error"]
    production = server.add_account(project["project_id"], "owner", "github", {"oauth_access_token": "gho_prod"}, environment="production")
    assert refused(lambda: sdk.proxy.get("/user", external_user_id="owner", account_id=production)).status_code == 404
    other = server.create_project("other")
    theirs = server.add_account(other["project_id"], "owner", "github", {"oauth_access_token": "gho_theirs"})
    assert refused(lambda: sdk.proxy.get("/user", external_user_id="owner", account_id=theirs)).status_code == 404
    assert refused(lambda: sdk.proxy.get("/user", external_user_id="owner", account_id="apn_nosuch")).status_code == 404


def test_an_upstream_404_comes_back_as_it_was(server, project, upstream):
    account = server.add_account(project["project_id"], "octo-fan", "github", {"oauth_access_token": "gho_x"})
    upstream.get("https://api.github.com/repos/octocat/missing").mock(return_value=httpx.Response(
        404, json=GITHUB_NOT_FOUND,
        headers={"X-GitHub-Request-Id": "CF4A:2B4F:1", "X-RateLimit-Remaining": "4999", "Keep-Alive": "timeout=5"},
    ))
    answer = raw_proxy(server, project, "GET", "https://api.github.com/repos/octocat/missing", user="octo-fan", account=account)
    assert answer.status_code == 404
    assert answer.json() == GITHUB_NOT_FOUND
    assert answer.headers["x-github-request-id"] == "CF4A:2B4F:1" and answer.headers["x-ratelimit-remaining"] == "4999"
    assert "keep-alive" not in answer.headers  # hop-by-hop


def test_the_sdk_sees_the_upstream_error_body(server, project, sdk, upstream):
    account = server.add_account(project["project_id"], "octo-fan", "github", {"oauth_access_token": "gho_x"})
    upstream.get("https://api.github.com/repos/octocat/missing").mock(return_value=httpx.Response(404, json=GITHUB_NOT_FOUND))
    error = refused(lambda: sdk.proxy.get("/repos/octocat/missing", external_user_id="octo-fan", account_id=account))
    assert error.status_code == 404 and error.body == GITHUB_NOT_FOUND


def test_binary_bodies_and_redirects_pass_through_untouched(server, project, upstream):
    account = server.add_account(project["project_id"], "octo-fan", "github", {"oauth_access_token": "gho_x"})
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    upload = upstream.post("https://api.github.com/markdown/raw").mock(
        return_value=httpx.Response(200, content=png, headers={"Content-Type": "image/png"}))
    answer = raw_proxy(server, project, "POST", "/markdown/raw", user="octo-fan", account=account,
                       content=b"# Hello \xff", headers={"Content-Type": "text/x-markdown"})
    assert answer.content == png and answer.headers["content-type"] == "image/png"
    assert upload.calls.last.request.content == b"# Hello \xff"
    assert upload.calls.last.request.headers["content-type"] == "text/x-markdown"
    upstream.get("https://api.github.com/repos/octocat/Hello-World/zipball").mock(return_value=httpx.Response(
        302, headers={"Location": "https://codeload.github.com/octocat/Hello-World/legacy.zip/refs/heads/master"}))
    moved = raw_proxy(server, project, "GET", "/repos/octocat/Hello-World/zipball", user="octo-fan", account=account)
    assert moved.status_code == 302  # not followed: the credentials stay with api.github.com
    assert moved.headers["location"].startswith("https://codeload.github.com/")


def test_a_slow_upstream_is_answered_with_504(server, project, sdk, upstream):
    account = server.add_account(project["project_id"], "octo-fan", "github", {"oauth_access_token": "gho_x"})

    async def never_answers(request):
        await asyncio.sleep(30)

    upstream.get("https://api.github.com/user").mock(side_effect=never_answers)
    error = refused(lambda: sdk.proxy.get("/user", external_user_id="octo-fan", account_id=account))
    assert error.status_code == 504
    assert error.body == {"error": f"api.github.com did not answer within {UPSTREAM_TIMEOUT:g} s"}


def test_an_unreachable_upstream_is_answered_with_502(server, project, sdk, upstream):
    account = server.add_account(project["project_id"], "octo-fan", "github", {"oauth_access_token": "gho_x"})
    upstream.get("https://api.github.com/user").mock(side_effect=httpx.ConnectError("[Errno 111] Connection refused"))
    error = refused(lambda: sdk.proxy.get("/user", external_user_id="octo-fan", account_id=account))
    assert error.status_code == 502
    assert "could not reach api.github.com: ConnectError" in error.body["error"]


def test_a_revoked_token_is_refreshed_once_and_the_request_retried(server, project, sdk, token_endpoint):  # noqa: F811
    token_endpoint.route(host="127.0.0.1").pass_through()
    server.call(server.gateway.oauth_apps.add("github", "Iv1.proxyclient", "proxy-client-secret"))
    account = server.add_account(project["project_id"], "octo-fan", "github",
                                 {"oauth_access_token": "gho_revoked", "oauth_refresh_token": "ghr_1"})
    refresh = token_endpoint.post("https://github.com/login/oauth/access_token").mock(return_value=httpx.Response(200, json={
        "access_token": "gho_renewed", "refresh_token": "ghr_2", "expires_in": 28800, "token_type": "bearer", "scope": "repo"}))

    def user(request):
        if request.headers["authorization"] == "Bearer gho_renewed":
            return httpx.Response(200, json=GITHUB_USER)
        return httpx.Response(401, json={"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"})

    route = token_endpoint.get("https://api.github.com/user").mock(side_effect=user)
    assert sdk.proxy.get("/user", external_user_id="octo-fan", account_id=account) == GITHUB_USER
    assert refresh.call_count == 1 and route.call_count == 2


@pytest.mark.parametrize(
    ("path", "params", "message"),
    [
        ("not~base64", {"external_user_id": "u", "account_id": "apn_x"}, "URL-safe base64"),
        (b64("/user"), {"external_user_id": "u"}, "query parameter account_id: is required"),
        (b64("/user"), {"account_id": "apn_x"}, "query parameter external_user_id: is required"),
    ],
)
def test_bad_proxy_requests_say_what_to_fix(server, project, path, params, message):
    answer = httpx.get(f"{server.url}/v1/connect/{project['project_id']}/proxy/{path}", params=params,
                       headers={"Authorization": f"Bearer {project['token']}", "x-pd-environment": "development"})
    assert answer.status_code == 400 and message in answer.json()["error"]
