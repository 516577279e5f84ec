import json

import httpx

from mcp_gateway.catalog import AccountContext, AppHttp, Identity
from mcp_gateway.runtime.engine import fetch_options, run_action
from tests.support import LOCAL_UPSTREAMS

API = "https://api.netlify.com/api/v1"
AUTH = {"oauth_access_token": "nfp_netlify_token"}
SITE_ID = "3970e0fe-8564-4903-9a55-c5f8de49fb8b"
DEPLOY_ID = "5f5b2e8a9a1b2c0007d1e2f3"


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer nfp_netlify_token"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _link(path, page, last):
    links = [f'<{API}{path}?page={last}&per_page=2>; rel="last"']
    if page < last:
        links.insert(0, f'<{API}{path}?page={page + 1}&per_page=2>; rel="next"')
    return ", ".join(links)


def _deploy(deploy_id=DEPLOY_ID, state="ready"):
    return {
        "id": deploy_id, "site_id": SITE_ID, "user_id": "5c1a2b3c4d5e6f0001234567", "build_id": "5f5b2e8a9a1b2c0007d1e2f0",
        "state": state, "name": "my-blog", "url": "http://my-blog.netlify.app", "ssl_url": "https://my-blog.netlify.app",
        "admin_url": "https://app.netlify.com/sites/my-blog", "deploy_url": f"http://{deploy_id}--my-blog.netlify.app",
        "deploy_ssl_url": f"https://{deploy_id}--my-blog.netlify.app", "screenshot_url": None, "review_id": None,
        "draft": False, "required": [], "required_functions": [], "error_message": None, "branch": "main",
        "commit_ref": "1b2c3d4e5f", "commit_url": "https://github.com/acme/blog/commit/1b2c3d4e5f", "skipped": None,
        "created_at": "2026-12-06T10:00:00.000Z", "updated_at": "2026-12-06T10:02:00.000Z",
        "published_at": "2026-12-06T10:02:00.000Z", "title": "Fix typo", "context": "production", "locked": False,
        "review_url": None, "framework": "hugo",
    }


def _deploy_summary(deploy):
    return {"id": deploy["id"], "site_id": SITE_ID, "state": deploy["state"], "context": "production", "branch": "main",
            "commit_ref": "1b2c3d4e5f", "title": "Fix typo", "error_message": None, "created_at": "2026-12-06T10:00:00.000Z",
            "published_at": "2026-12-06T10:02:00.000Z", "deploy_url": deploy["deploy_ssl_url"],
            "admin_url": "https://app.netlify.com/sites/my-blog", "locked": False}


def _site(site_id=SITE_ID, name="my-blog"):
    return {
        "id": site_id, "state": "current", "plan": "nf_team_dev", "name": name, "custom_domain": "blog.example.com",
        "domain_aliases": [], "password": None, "notification_email": None, "url": "http://blog.example.com",
        "ssl_url": "https://blog.example.com", "admin_url": f"https://app.netlify.com/sites/{name}",
        "screenshot_url": None, "created_at": "2025-01-01T00:00:00.000Z", "updated_at": "2026-12-06T10:02:00.000Z",
        "user_id": "5c1a2b3c4d5e6f0001234567", "session_id": None, "ssl": True, "force_ssl": True, "managed_dns": False,
        "deploy_url": f"https://main--{name}.netlify.app", "published_deploy": _deploy(), "account_name": "Acme",
        "account_slug": "acme", "git_provider": "github", "deploy_hook": None, "capabilities": {},
        "processing_settings": {}, "build_settings": {"provider": "github", "repo_url": "https://github.com/acme/blog",
                                                     "repo_branch": "main", "cmd": "hugo", "dir": "public"},
        "id_domain": f"{site_id}.netlify.app", "default_hooks_data": {}, "build_image": "focal",
    }


def _site_summary(site):
    return {"id": site["id"], "name": site["name"], "url": "https://blog.example.com", "admin_url": site["admin_url"],
            "custom_domain": "blog.example.com", "state": "current", "account_slug": "acme",
            "repo_url": "https://github.com/acme/blog", "repo_branch": "main",
            "published_deploy": {"id": DEPLOY_ID, "state": "ready", "published_at": "2026-12-06T10:02:00.000Z",
                                 "commit_ref": "1b2c3d4e5f"},
            "updated_at": "2026-12-06T10:02:00.000Z"}


async def test_list_sites_pages_with_the_link_header(catalog, respx_mock):
    route = respx_mock.get(f"{API}/sites").mock(side_effect=[
        httpx.Response(200, json=[_site(), _site("a1", "docs")], headers={"Link": _link("/sites", 1, 2)}),
        httpx.Response(200, json=[_site("b2", "shop")], headers={"Link": _link("/sites", 2, 2)}),
    ])
    action = catalog.action("netlify-list-sites")
    result = await run_action(action, {"name": "blog", "limit": 2}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls[0].request, "GET", "/sites", params={"filter": "all", "name": "blog", "page": "1", "per_page": "2"})
    assert result.ret["sites"][0] == _site_summary(_site())
    assert result.ret["next_cursor"] == "2:2"
    assert result.summary == "Listed 2 sites"
    # The next call keeps the page size the first one chose.
    result = await run_action(action, {"name": "blog", "cursor": "2:2"}, auth=AUTH)
    assert_request(route.calls[1].request, "GET", "/sites", params={"filter": "all", "name": "blog", "page": "2", "per_page": "2"})
    assert [s["name"] for s in result.ret["sites"]] == ["shop"] and result.ret["next_cursor"] is None


async def test_get_site_trims_unless_the_full_response_is_asked_for(catalog, respx_mock):
    route = respx_mock.get(f"{API}/sites/{SITE_ID}").mock(return_value=httpx.Response(200, json=_site()))
    result = await run_action(catalog.action("netlify-get-site"), {"siteId": SITE_ID}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/sites/{SITE_ID}")
    assert result.ret == _site_summary(_site()) and result.summary == "Read site my-blog"
    whole = await run_action(catalog.action("netlify-get-site"), {"siteId": SITE_ID, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _site()


async def test_list_deploys_filters_production_and_state(catalog, respx_mock):
    route = respx_mock.get(f"{API}/sites/{SITE_ID}/deploys").mock(
        return_value=httpx.Response(200, json=[_deploy()], headers={"Link": _link(f"/sites/{SITE_ID}/deploys", 1, 1)}))
    result = await run_action(catalog.action("netlify-list-deploys"),
                              {"siteId": SITE_ID, "production": True, "state": "ready", "branch": "main", "limit": 10}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/sites/{SITE_ID}/deploys", params={
        "branch": "main", "state": "ready", "production": "true", "page": "1", "per_page": "10"})
    assert result.ret == {"deploys": [_deploy_summary(_deploy())], "next_cursor": None}


async def test_get_restore_and_cancel_a_deploy(catalog, respx_mock):
    got = respx_mock.get(f"{API}/deploys/{DEPLOY_ID}").mock(return_value=httpx.Response(200, json=_deploy(state="building")))
    result = await run_action(catalog.action("netlify-get-deploy"), {"deployId": DEPLOY_ID}, auth=AUTH)
    assert_request(got.calls.last.request, "GET", f"/deploys/{DEPLOY_ID}")
    assert result.ret["state"] == "building" and result.summary == f"Deploy {DEPLOY_ID} is building"

    restored = respx_mock.post(f"{API}/sites/{SITE_ID}/deploys/{DEPLOY_ID}/restore").mock(
        return_value=httpx.Response(201, json=_deploy()))
    result = await run_action(catalog.action("netlify-restore-deploy"), {"siteId": SITE_ID, "deployId": DEPLOY_ID}, auth=AUTH)
    assert_request(restored.calls.last.request, "POST", f"/sites/{SITE_ID}/deploys/{DEPLOY_ID}/restore")
    assert result.ret == _deploy_summary(_deploy()) and result.summary == f"Published deploy {DEPLOY_ID} of my-blog"

    cancelled = respx_mock.post(f"{API}/deploys/{DEPLOY_ID}/cancel").mock(
        return_value=httpx.Response(201, json=_deploy(state="error")))
    result = await run_action(catalog.action("netlify-cancel-deploy"), {"deployId": DEPLOY_ID}, auth=AUTH)
    assert_request(cancelled.calls.last.request, "POST", f"/deploys/{DEPLOY_ID}/cancel")
    assert result.summary == f"Cancelled deploy {DEPLOY_ID}; it is error"


async def test_trigger_build_with_and_without_clearing_the_cache(catalog, respx_mock):
    route = respx_mock.post(f"{API}/sites/{SITE_ID}/builds").mock(return_value=httpx.Response(200, json={
        "id": "5f5b2e8a9a1b2c0007d1e2f0", "deploy_id": DEPLOY_ID, "sha": None, "done": False, "error": None,
        "created_at": "2026-12-07T09:00:00.000Z"}))
    result = await run_action(catalog.action("netlify-trigger-build"), {"siteId": SITE_ID, "clearCache": True}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", f"/sites/{SITE_ID}/builds", body={"clear_cache": True})
    assert result.ret == {"id": "5f5b2e8a9a1b2c0007d1e2f0", "deploy_id": DEPLOY_ID, "sha": None, "done": False,
                          "error": None, "created_at": "2026-12-07T09:00:00.000Z"}
    assert result.summary == f"Started build 5f5b2e8a9a1b2c0007d1e2f0 (deploy {DEPLOY_ID})"
    await run_action(catalog.action("netlify-trigger-build"), {"siteId": SITE_ID}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", f"/sites/{SITE_ID}/builds")


async def test_forms_and_their_submissions(catalog, respx_mock):
    forms = respx_mock.get(f"{API}/sites/{SITE_ID}/forms").mock(return_value=httpx.Response(200, json=[{
        "id": "ac0865cc46440b1e64666f520e8d88d670c8a2f6", "site_id": SITE_ID, "name": "contact", "paths": ["/contact/"],
        "submission_count": 12, "fields": [{"name": "email", "type": "email"}, {"name": "message", "type": "textarea"}],
        "created_at": "2025-03-01T12:00:00.000Z"}]))
    result = await run_action(catalog.action("netlify-list-forms"), {"siteId": SITE_ID}, auth=AUTH)
    assert_request(forms.calls.last.request, "GET", f"/sites/{SITE_ID}/forms")
    assert result.ret == {"forms": [{"id": "ac0865cc46440b1e64666f520e8d88d670c8a2f6", "name": "contact", "site_id": SITE_ID,
                                     "submission_count": 12, "fields": ["email", "message"], "paths": ["/contact/"],
                                     "created_at": "2025-03-01T12:00:00.000Z"}]}

    path = "/forms/ac0865cc46440b1e64666f520e8d88d670c8a2f6/submissions"
    submissions = respx_mock.get(f"{API}{path}").mock(return_value=httpx.Response(200, json=[{
        "id": "5e6f7a8b9c0d1e0001a2b3c4", "number": 12, "email": "jane@example.com", "name": "Jane Doe",
        "first_name": "Jane", "last_name": "Doe", "company": None, "summary": "Hello there", "body": "Hello there",
        "data": {"email": "jane@example.com", "message": "Hello there"}, "created_at": "2026-12-06T08:00:00.000Z",
        "site_url": "https://blog.example.com"}], headers={"Link": _link(path, 1, 4)}))
    result = await run_action(catalog.action("netlify-list-form-submissions"),
                              {"formId": "ac0865cc46440b1e64666f520e8d88d670c8a2f6", "limit": 1}, auth=AUTH)
    assert_request(submissions.calls.last.request, "GET", path, params={"page": "1", "per_page": "1"})
    assert result.ret == {"submissions": [{"id": "5e6f7a8b9c0d1e0001a2b3c4", "number": 12, "email": "jane@example.com",
                                           "name": "Jane Doe", "summary": "Hello there",
                                           "data": {"email": "jane@example.com", "message": "Hello there"},
                                           "created_at": "2026-12-06T08:00:00.000Z"}], "next_cursor": "2:1"}


async def test_list_env_vars_reads_them_from_the_sites_team(catalog, respx_mock):
    site = respx_mock.get(f"{API}/sites/{SITE_ID}").mock(return_value=httpx.Response(200, json=_site()))
    env = respx_mock.get(f"{API}/accounts/acme/env").mock(return_value=httpx.Response(200, json=[{
        "key": "ALGOLIA_ID", "scopes": ["builds", "functions"], "updated_at": "2026-11-01T00:00:00.000Z",
        "updated_by": {"id": "5c1a2b3c4d5e6f0001234567", "full_name": "Jane Doe", "email": "jane@example.com"},
        "values": [{"id": "5f1e2d3c-0000-4000-8000-000000000001", "value": "XYZ123", "context": "production"}]}]))
    result = await run_action(catalog.action("netlify-list-env-vars"),
                              {"siteId": SITE_ID, "contextName": "production", "scope": "builds"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(site.calls.last.request, "GET", f"/sites/{SITE_ID}")
    assert_request(env.calls.last.request, "GET", "/accounts/acme/env",
                   params={"site_id": SITE_ID, "context_name": "production", "scope": "builds"})
    assert result.ret == {"env_vars": [{"key": "ALGOLIA_ID", "scopes": ["builds", "functions"],
                                        "values": [{"context": "production", "value": "XYZ123"}],
                                        "updated_at": "2026-11-01T00:00:00.000Z"}]}
    assert result.summary == "Listed 1 environment variable of my-blog"


async def test_site_deploy_and_form_options(catalog, respx_mock):
    sites = respx_mock.get(f"{API}/sites").mock(side_effect=[
        httpx.Response(200, json=[_site()], headers={"Link": _link("/sites", 1, 2)}),
        httpx.Response(200, json=[_site("a1", "docs")], headers={"Link": _link("/sites", 2, 2)}),
    ])
    action = catalog.action("netlify-restore-deploy")
    first = await fetch_options(action, "siteId", {}, auth=AUTH, query="blog")
    assert first["options"] == [{"label": "my-blog", "value": SITE_ID}] and first["context"] == {"page": 2}
    assert dict(sites.calls[0].request.url.params) == {"filter": "all", "page": "1", "per_page": "100", "name": "blog"}
    second = await fetch_options(action, "siteId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "docs", "value": "a1"}] and second["context"] is None

    respx_mock.get(f"{API}/sites/{SITE_ID}/deploys").mock(return_value=httpx.Response(200, json=[_deploy()]))
    page = await fetch_options(action, "deployId", {"siteId": SITE_ID}, auth=AUTH)
    assert page["options"] == [{"label": "2026-12-06T10:00:00.000Z production main (ready)", "value": DEPLOY_ID}]
    missing = await fetch_options(action, "deployId", {}, auth=AUTH)
    assert "choose the site (siteId) first" in missing["errors"][0]

    respx_mock.get(f"{API}/sites/{SITE_ID}/forms").mock(return_value=httpx.Response(200, json=[
        {"id": "ac0865cc46440b1e64666f520e8d88d670c8a2f6", "site_id": SITE_ID, "name": "contact"}]))
    page = await fetch_options(catalog.action("netlify-list-form-submissions"), "formId", {"siteId": SITE_ID}, auth=AUTH)
    assert page["options"] == [{"label": "contact", "value": "ac0865cc46440b1e64666f520e8d88d670c8a2f6"}]


async def test_vendor_errors_say_what_to_do(catalog, respx_mock):
    respx_mock.post(f"{API}/deploys/{DEPLOY_ID}/cancel").mock(side_effect=[
        httpx.Response(422, json={"code": 422, "message": "Deploy can't be cancelled in its current state"}),
        httpx.Response(429, json={"code": 429, "message": "Rate limit exceeded"},
                       headers={"Retry-After": "12", "X-RateLimit-Limit": "500", "X-RateLimit-Remaining": "0"}),
    ])
    action = catalog.action("netlify-cancel-deploy")
    late = await run_action(action, {"deployId": DEPLOY_ID}, auth=AUTH)
    assert "Deploy can't be cancelled in its current state" in late.error and "current state" in late.error
    limited = await run_action(action, {"deployId": DEPLOY_ID}, auth=AUTH)
    assert "rate limited by Netlify; retry after 12 s" in limited.error
    bad = await run_action(catalog.action("netlify-list-sites"), {"cursor": "next"}, auth=AUTH)
    assert "is not one this action returned" in bad.error


async def test_the_account_test_names_the_user(catalog, respx_mock):
    route = respx_mock.get(f"{API}/user").mock(return_value=httpx.Response(200, json={
        "id": "5c1a2b3c4d5e6f0001234567", "uid": None, "full_name": "Jane Doe", "avatar_url": None,
        "email": "jane@example.com", "affiliate_id": "", "site_count": 3, "created_at": "2019-01-01T00:00:00.000Z",
        "last_login": "2026-12-06T08:00:00.000Z", "login_providers": ["github"], "onboarding_progress": {}}))
    app = catalog.apps["netlify"]
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(AUTH), base_url=app.base_url_for(AUTH),
                       allowed_domains=app.allowed_domains_for(AUTH))
        identity = await app.test(AccountContext(auth=AUTH, http=http, egress=LOCAL_UPSTREAMS))
    assert_request(route.calls.last.request, "GET", "/user")
    assert identity == Identity(name="Jane Doe", external_id="5c1a2b3c4d5e6f0001234567")
