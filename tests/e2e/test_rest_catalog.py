"""Apps and app categories through the official `pipedream` SDK, as a developer's backend lists them."""

from __future__ import annotations

import re

import httpx
import pytest
from pipedream import AsyncPipedream, Pipedream
from pipedream.core.api_error import ApiError

def category_id(name):
    return "appcat_" + re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def categories(catalog):
    """Category id -> name, of every category some app is in."""
    return {category_id(c): c for app in catalog.apps.values() for c in app.categories}


def in_category(catalog, *names):
    return {slug for slug, app in catalog.apps.items() if set(app.categories) & set(names)}


def client_options(server, project):
    return {
        "client_id": project["client_id"],
        "client_secret": project["client_secret"],
        "project_id": project["project_id"],
        "project_environment": "development",
        "base_url": server.url,
    }


@pytest.fixture
def sdk(server, project):
    return Pipedream(**client_options(server, project))


@pytest.fixture
def async_sdk(server, project):
    return AsyncPipedream(**client_options(server, project))


def error_of(call):
    with pytest.raises(ApiError) as caught:
        call()
    return caught.value.status_code, caught.value.body["error"]


def test_the_pager_walks_every_app_a_page_at_a_time(sdk, server):
    total = len(server.gateway.catalog.apps)
    pager = sdk.apps.list(limit=2)
    pages = list(pager.iter_pages())
    assert [len(page.items) for page in pages] == [2] * (total // 2) + ([1] if total % 2 else [])
    assert pages[0].response.page_info.total_count == total and pages[0].response.page_info.count == 2
    assert pages[-1].response.page_info.end_cursor is None
    slugs = [app.name_slug for page in pages for app in page.items]
    # Without a query or sort key, the most featured apps come first.
    weights = {app.name_slug: app.featured_weight for page in pages for app in page.items}
    assert [weights[s] for s in slugs] == sorted(weights.values(), reverse=True)
    assert len(slugs) == total and set(slugs) == set(server.gateway.catalog.apps)


def test_apps_have_the_hosted_shape(sdk):
    sheets = sdk.apps.list(q="google sheets").items[0]
    assert sheets.id == "app_google_sheets" and sheets.name_slug == "google_sheets" and sheets.name == "Google Sheets"
    assert sheets.auth_type == "oauth" and sheets.categories == ["Productivity"]
    assert sheets.scope_profiles[0].name == "read_write"
    assert "https://www.googleapis.com/auth/spreadsheets" in sheets.scope_profiles[0].scopes
    postgres = sdk.apps.retrieve("postgresql").data
    assert postgres.auth_type == "keys" and '"name": "host"' in postgres.custom_fields_json


def test_sorting_and_cursors(sdk):
    by_name = [a.name for a in sdk.apps.list(sort_key="name", limit=100)]
    assert by_name == sorted(by_name, key=str.lower)
    by_slug_desc = [a.name_slug for a in sdk.apps.list(sort_key="name_slug", sort_direction="desc")]
    assert by_slug_desc == sorted(by_slug_desc, reverse=True)
    lightest_first = [a.featured_weight for a in sdk.apps.list(sort_key="featured_weight", sort_direction="asc")]
    assert lightest_first == sorted(lightest_first)

    ordered = sorted(by_slug_desc)
    first = sdk.apps.list(sort_key="name_slug", limit=3)
    info = first.response.page_info
    assert [a.name_slug for a in first.items] == ordered[:3]
    after = sdk.apps.list(sort_key="name_slug", limit=3, after=info.end_cursor)
    assert [a.name_slug for a in after.items] == ordered[3:6]
    assert (after.response.page_info.end_cursor is None) == (len(ordered) <= 6)
    before = sdk.apps.list(sort_key="name_slug", limit=2, before=after.response.page_info.start_cursor)
    assert [a.name_slug for a in before.items] == ordered[1:3]


def test_filters(sdk, server):
    catalog = server.gateway.catalog
    total = len(catalog.apps)
    assert [a.name_slug for a in sdk.apps.list(q="slack")][0] == "slack"
    # A query finds apps by category and description too, best match first.
    developer = [a.name_slug for a in sdk.apps.list(q="developer")]
    assert {"github", "http", "postgresql"} <= set(developer)
    productivity = sdk.apps.list(category_ids=["appcat_productivity"])
    assert {a.name_slug for a in productivity} == in_category(catalog, "Productivity")
    either = sdk.apps.list(category_ids=["appcat_databases", "appcat_communication"])
    assert {a.name_slug for a in either} == in_category(catalog, "Databases", "Communication")
    assert {"postgresql", "slack"} <= in_category(catalog, "Databases", "Communication")
    assert len(list(sdk.apps.list(has_actions=True, has_components=True))) == total
    assert list(sdk.apps.list(has_actions=False)) == []
    assert list(sdk.apps.list(has_triggers=True)) == []
    assert len(list(sdk.apps.list(has_triggers=False))) == total
    assert list(sdk.apps.list(q="no such app anywhere")) == []


def test_an_app_by_slug_or_id_and_a_missing_one(sdk):
    assert sdk.apps.retrieve("github").data.name == "GitHub"
    assert sdk.apps.retrieve("app_github").data.name_slug == "github"
    status, message = error_of(lambda: sdk.apps.retrieve("githb"))
    assert status == 404 and "unknown app 'githb'" in message and "did you mean github" in message


def test_categories(sdk, server):
    catalog = server.gateway.catalog
    listed = sdk.app_categories.list()
    assert {c.id: c.name for c in listed} == categories(catalog)
    tools = sdk.app_categories.retrieve("appcat_developer_tools")
    members = [a for a in catalog.apps.values() if "Developer Tools" in a.categories]
    written = sorted((a.name for a in members if a.source is None), key=str.lower)
    assert tools.name == "Developer Tools"
    # The hand-written apps are named first (twelve names at most), then the count of the rest.
    named = written[:12]
    assert tools.description.startswith(f"{len(members)} apps: {', '.join(named)}")
    assert tools.description.endswith(f", and {len(members) - 12} more")
    status, message = error_of(lambda: sdk.app_categories.retrieve("appcat_nope"))
    assert status == 404 and "unknown app category 'appcat_nope'" in message and "appcat_productivity" in message


async def test_async_client(async_sdk, server):
    pager = await async_sdk.apps.list(limit=4)
    slugs = [app.name_slug async for app in pager]
    assert len(slugs) == len(server.gateway.catalog.apps) and len(set(slugs)) == len(slugs)
    assert (await async_sdk.apps.retrieve("app_slack")).data.name == "Slack"
    listed = await async_sdk.app_categories.list()
    assert {c.id for c in listed} == set(categories(server.gateway.catalog))
    assert (await async_sdk.app_categories.retrieve("appcat_databases")).name == "Databases"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"after": "bm90LWFuLWFwcA"}, "after 'bm90LWFuLWFwcA' is not a cursor of this listing"),
        ({"before": "%%%"}, "before '%%%' is not a cursor of this listing"),
        ({"limit": "0"}, "query parameter limit: Input should be greater than or equal to 1"),
        ({"limit": "101"}, "query parameter limit: Input should be less than or equal to 100"),
        ({"sort_key": "popularity"}, "query parameter sort_key"),
        ({"sort_direction": "up"}, "query parameter sort_direction"),
        ({"category_ids": "appcat_nope"}, "unknown category_ids 'appcat_nope'"),
        ({"has_actions": "maybe"}, "query parameter has_actions"),
    ],
)
def test_bad_queries_say_what_to_fix(server, project, params, message):
    response = httpx.get(f"{server.url}/v1/connect/apps", params=params, headers={"Authorization": f"Bearer {project['token']}"})
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_a_developer_token_is_required(server):
    for path in ("/v1/connect/apps", "/v1/connect/apps/github", "/v1/connect/app_categories", "/v1/connect/app_categories/appcat_databases"):
        response = httpx.get(server.url + path)
        assert response.status_code == 401 and "missing access token" in response.json()["error"]
