"""Rate limits on a real gateway: tiny default limits exceeded, and custom limits created with
POST /v1/connect/rate_limits and sent as the x-pd-rate-limit header."""

from __future__ import annotations

import httpx
import pytest
from pipedream import Pipedream
from pipedream.errors.too_many_requests_error import TooManyRequestsError

from mcp_gateway.config import RateLimit
from tests.support import GatewayServer, gateway_settings


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    limits = {"token": RateLimit(3, 60), "proxy": RateLimit(2, 300)}
    gateway = GatewayServer(gateway_settings(tmp_path_factory.mktemp("gateway"), rate_limits=limits)).start()
    yield gateway
    gateway.stop()


@pytest.fixture
def fresh(server):
    """A project of its own for each test, so counts do not carry over."""
    project = server.create_project()
    project["token"] = server.token(project)
    return project


def sdk(server, project, **headers) -> Pipedream:
    # No retries: the SDK would otherwise wait out Retry-After and try again.
    return Pipedream(client_id=project["client_id"], client_secret=project["client_secret"], project_id=project["project_id"],
                     project_environment="development", base_url=server.url, max_retries=0, headers=headers or None)


def create_limit(server, project, body) -> httpx.Response:
    return httpx.post(f"{server.url}/v1/connect/rate_limits", json=body, headers={"Authorization": f"Bearer {project['token']}"})


def post_token(server, project, **headers) -> httpx.Response:
    return httpx.post(f"{server.url}/v1/connect/{project['project_id']}/tokens", json={"external_user_id": "u"},
                      headers={"Authorization": f"Bearer {project['token']}", "x-pd-environment": "development", **headers})


def test_the_default_limit_answers_429_with_retry_after(server, fresh):
    client = sdk(server, fresh)
    for _ in range(3):
        client.tokens.create(external_user_id="u")
    with pytest.raises(TooManyRequestsError) as refused:
        client.tokens.create(external_user_id="u")
    retry_after = int(refused.value.headers["retry-after"])
    assert 55 <= retry_after <= 60
    assert refused.value.body == {"error": f"rate limit exceeded; retry after {retry_after} s"}
    # Per project: another project still has its own allowance.
    other = server.create_project("other")
    sdk(server, other).tokens.create(external_user_id="u")


def test_the_proxy_has_its_own_bucket(server, fresh, respx_mock):
    respx_mock.route(host="127.0.0.1").pass_through()
    respx_mock.get("https://api.github.com/user").mock(return_value=httpx.Response(200, json={"login": "octocat"}))
    account = server.add_account(fresh["project_id"], "u", "github", {"oauth_access_token": "gho_x"})
    client = sdk(server, fresh)
    for _ in range(2):
        assert client.proxy.get("/user", external_user_id="u", account_id=account) == {"login": "octocat"}
    with pytest.raises(TooManyRequestsError) as refused:
        client.proxy.get("/user", external_user_id="u", account_id=account)
    assert 295 <= int(refused.value.headers["retry-after"]) <= 300
    assert len([c for c in respx_mock.calls if c.request.url.host == "api.github.com"]) == 2
    client.tokens.create(external_user_id="u")  # the token bucket is untouched


def test_a_custom_limit_is_applied_on_top_of_the_default(server, fresh):
    created = create_limit(server, fresh, {"window_size_seconds": 30, "requests_per_window": 1})
    assert created.status_code == 200 and set(created.json()) == {"token"}
    token = created.json()["token"]
    limited = sdk(server, fresh, **{"x-pd-rate-limit": token})
    limited.tokens.create(external_user_id="u")
    with pytest.raises(TooManyRequestsError) as refused:
        limited.tokens.create(external_user_id="u")
    assert 25 <= int(refused.value.headers["retry-after"]) <= 30
    # Without the header only the project's default limit applies: 3 a minute, of which 1 is used.
    unlimited = sdk(server, fresh)
    unlimited.tokens.create(external_user_id="u")
    unlimited.tokens.create(external_user_id="u")
    # A roomier custom limit does not lift the default one.
    roomy = create_limit(server, fresh, {"window_size_seconds": 60, "requests_per_window": 1000}).json()["token"]
    assert post_token(server, fresh, **{"x-pd-rate-limit": roomy}).status_code == 429


def test_each_custom_token_is_counted_on_its_own(server, fresh):
    first, second = (create_limit(server, fresh, {"window_size_seconds": 60, "requests_per_window": 1}).json()["token"]
                     for _ in range(2))
    assert post_token(server, fresh, **{"x-pd-rate-limit": first}).status_code == 200
    assert post_token(server, fresh, **{"x-pd-rate-limit": first}).status_code == 429
    assert post_token(server, fresh, **{"x-pd-rate-limit": second}).status_code == 200


def test_a_forged_token_is_refused_with_400(server, fresh):
    token = create_limit(server, fresh, {"window_size_seconds": 10, "requests_per_window": 1000}).json()["token"]
    body, _, mac = token.partition(".")
    for forged in ("CiKpqRdTmNwLfhzSvYxBjAkMnVbXuQrWeZyHgPtJsDcEvFpLnE", body + "x." + mac, body + "." + mac[::-1]):
        answer = post_token(server, fresh, **{"x-pd-rate-limit": forged})
        assert answer.status_code == 400
        assert "the x-pd-rate-limit header is not a valid rate limit token" in answer.json()["error"]


def test_a_token_of_another_project_is_refused_with_403(server, fresh):
    other = server.create_project("other")
    other["token"] = server.token(other)
    theirs = create_limit(server, other, {"window_size_seconds": 10, "requests_per_window": 5}).json()["token"]
    answer = post_token(server, fresh, **{"x-pd-rate-limit": theirs})
    assert answer.status_code == 403
    assert f"belongs to project {other['project_id']}, not {fresh['project_id']}" in answer.json()["error"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"requests_per_window": 10}, "body field window_size_seconds: is required"),
        ({"window_size_seconds": 10}, "body field requests_per_window: is required"),
        ({"window_size_seconds": 0, "requests_per_window": 10}, "body field window_size_seconds: Input should be greater than or equal to 1"),
        ({"window_size_seconds": 86_401, "requests_per_window": 10}, "window_size_seconds: Input should be less than or equal to 86400"),
        ({"window_size_seconds": 10, "requests_per_window": -1}, "body field requests_per_window: Input should be greater"),
        ({"window_size_seconds": "10", "requests_per_window": 10}, "body field window_size_seconds: Input should be a valid integer"),
        ({"window_size_seconds": 10, "requests_per_window": 2.5}, "body field requests_per_window: Input should be a valid integer"),
    ],
)
def test_bad_rate_limit_requests_name_the_field(server, fresh, body, message):
    answer = create_limit(server, fresh, body)
    assert answer.status_code == 400 and message in answer.json()["error"]


def test_creating_a_rate_limit_needs_a_developer_token(server):
    answer = httpx.post(f"{server.url}/v1/connect/rate_limits", json={"window_size_seconds": 10, "requests_per_window": 5})
    assert answer.status_code == 401 and "missing access token" in answer.json()["error"]
