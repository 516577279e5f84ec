import json

import httpx
import pytest

from mcp_gateway.runtime.engine import fetch_options, run_action
from mcp_gateway.runtime.errors import ConfigurationError

API = "https://api.notion.com/v1"
AUTH = {"oauth_access_token": "ya29.test"}
PAGE_ID = "59833787-2cf9-4fdf-8782-e53db20768a5"
PARENT_ID = "b55c9c91-384d-452b-81db-d1ef79372b75"
DB_ID = "d9824bdc-8445-4327-be8b-5b47500af6ce"
USER = {"object": "user", "id": "ee5f0f84-409a-440f-983a-a5315961c6e4"}


# Response bodies shaped like the Notion API reference (version 2022-06-28).


def rich(text):
    return [
        {
            "type": "text",
            "text": {"content": text, "link": None},
            "annotations": {
                "bold": False,
                "italic": False,
                "strikethrough": False,
                "underline": False,
                "code": False,
                "color": "default",
            },
            "plain_text": text,
            "href": None,
        }
    ]


def page(page_id, title, *, parent=None, properties=None):
    return {
        "object": "page",
        "id": page_id,
        "created_time": "2024-05-01T10:00:00.000Z",
        "last_edited_time": "2024-05-02T08:30:00.000Z",
        "created_by": USER,
        "last_edited_by": USER,
        "cover": None,
        "icon": None,
        "parent": parent or {"type": "page_id", "page_id": PARENT_ID},
        "archived": False,
        "in_trash": False,
        "properties": properties or {"title": {"id": "title", "type": "title", "title": rich(title)}},
        "url": f"https://www.notion.so/{title.replace(' ', '-')}-{page_id.replace('-', '')}",
        "public_url": None,
    }


def database():
    return {
        "object": "database",
        "id": DB_ID,
        "created_time": "2024-04-01T09:00:00.000Z",
        "last_edited_time": "2024-05-02T08:30:00.000Z",
        "created_by": USER,
        "last_edited_by": USER,
        "title": rich("Tasks"),
        "description": [],
        "icon": None,
        "cover": None,
        "properties": {
            "Name": {"id": "title", "name": "Name", "type": "title", "title": {}},
            "Status": {
                "id": "%3AUPp",
                "name": "Status",
                "type": "status",
                "status": {
                    "options": [
                        {"id": "s1", "name": "To do", "color": "red"},
                        {"id": "s2", "name": "Done", "color": "green"},
                    ],
                    "groups": [],
                },
            },
            "Tags": {
                "id": "flsb",
                "name": "Tags",
                "type": "multi_select",
                "multi_select": {"options": [{"id": "t1", "name": "home", "color": "blue"}]},
            },
            "Due": {"id": "AJP%7D", "name": "Due", "type": "date", "date": {}},
            "Done": {"id": "BBla", "name": "Done", "type": "checkbox", "checkbox": {}},
            "Estimate": {"id": "Hm%3Bs", "name": "Estimate", "type": "number", "number": {"format": "number"}},
            "Owner": {"id": "qZ%5B%7B", "name": "Owner", "type": "people", "people": {}},
            "Notes": {"id": "Ntz%3F", "name": "Notes", "type": "rich_text", "rich_text": {}},
            "Created": {"id": "c%3E%3C", "name": "Created", "type": "created_time", "created_time": {}},
        },
        "parent": {"type": "page_id", "page_id": PARENT_ID},
        "url": f"https://www.notion.so/{DB_ID.replace('-', '')}",
        "public_url": None,
        "archived": False,
        "in_trash": False,
        "is_inline": False,
    }


def db_item(title, **extra):
    properties = {
        "Name": {"id": "title", "type": "title", "title": rich(title)},
        "Status": {"id": "%3AUPp", "type": "status", "status": {"id": "s1", "name": "To do", "color": "red"}},
        "Estimate": {"id": "Hm%3Bs", "type": "number", "number": 3},
        **extra,
    }
    return page(PAGE_ID, title, parent={"type": "database_id", "database_id": DB_ID}, properties=properties)


def block(block_id, kind, text):
    return {
        "object": "block",
        "id": block_id,
        "parent": {"type": "page_id", "page_id": PAGE_ID},
        "created_time": "2024-05-02T09:00:00.000Z",
        "last_edited_time": "2024-05-02T09:00:00.000Z",
        "created_by": USER,
        "last_edited_by": USER,
        "has_children": False,
        "archived": False,
        "in_trash": False,
        "type": kind,
        kind: {"rich_text": rich(text), "color": "default"},
    }


def listing(results, *, next_cursor=None, kind="page_or_database"):
    return {
        "object": "list",
        "results": results,
        "next_cursor": next_cursor,
        "has_more": next_cursor is not None,
        "type": kind,
        kind: {},
        "request_id": "9a1c7f1e-0a39-4a2b-9d6f-3c1b2b3c4d5e",
    }


def text(content):
    return [{"type": "text", "text": {"content": content}}]


def assert_notion_request(request, method, url):
    assert request.method == method
    assert str(request.url) == url
    assert request.headers["authorization"] == "Bearer ya29.test"
    assert request.headers["notion-version"] == "2022-06-28"


def body(request):
    return json.loads(request.content)


# The app


def test_app_declares_notion_oauth_and_headers(catalog):
    app = catalog.app("notion")
    assert app.auth.authorize_url == "https://api.notion.com/v1/oauth/authorize"
    assert app.auth.token_url == "https://api.notion.com/v1/oauth/token"
    assert app.auth.token_auth_method == "client_secret_basic"
    assert dict(app.auth.extra_authorize_params) == {"owner": "user"}
    assert app.base_url == "https://api.notion.com/v1"
    assert app.allowed_domains == ["api.notion.com"]
    assert app.headers_for(AUTH) == {"Authorization": "Bearer ya29.test", "Notion-Version": "2022-06-28"}


def test_annotations_mark_reads_and_overwrites(catalog):
    read_only = {a.key for a in catalog.actions_of("notion") if a.annotations.read_only}
    destructive = {a.key for a in catalog.actions_of("notion") if a.annotations.destructive}
    assert read_only == {
        "notion-search", "notion-retrieve-page", "notion-query-database", "notion-retrieve-database",
        "notion-retrieve-block", "notion-list-block-children", "notion-retrieve-page-property-item",
        "notion-list-users", "notion-retrieve-user", "notion-get-current-user", "notion-list-comments",
    }
    assert destructive == {"notion-update-page", "notion-update-block", "notion-delete-block", "notion-update-database"}


# Remote options


async def test_database_options_search_databases_and_page_with_the_cursor(catalog, respx_mock):
    route = respx_mock.post(f"{API}/search").mock(
        side_effect=[
            httpx.Response(200, json=listing([database()], next_cursor="e6c6f8ff-c70e-4970-91ba-98f03e0d7fc6")),
            httpx.Response(200, json=listing([{**database(), "id": "0c0e0e0e-1111-2222-3333-444455556666", "title": []}])),
        ]
    )
    action = catalog.action("notion-query-database")
    first = await fetch_options(action, "databaseId", {}, auth=AUTH, query="Tas")
    assert first["errors"] == []
    assert first["options"] == [{"label": "Tasks", "value": DB_ID}]
    assert first["context"] == {"cursor": "e6c6f8ff-c70e-4970-91ba-98f03e0d7fc6"}
    assert_notion_request(route.calls[0].request, "POST", f"{API}/search")
    assert body(route.calls[0].request) == {
        "filter": {"property": "object", "value": "database"},
        "page_size": 100,
        "query": "Tas",
    }

    second = await fetch_options(action, "databaseId", {}, auth=AUTH, query="Tas", page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Untitled", "value": "0c0e0e0e-1111-2222-3333-444455556666"}]
    assert second["context"] is None
    assert body(route.calls[1].request)["start_cursor"] == "e6c6f8ff-c70e-4970-91ba-98f03e0d7fc6"

    # Past the last page nothing is requested.
    third = await fetch_options(action, "databaseId", {}, auth=AUTH, page=2, prev_context=None)
    assert third["options"] == []
    assert route.call_count == 2


async def test_page_options_search_pages_by_title(catalog, respx_mock):
    route = respx_mock.post(f"{API}/search").mock(
        return_value=httpx.Response(200, json=listing([page(PAGE_ID, "Meeting notes")]))
    )
    result = await fetch_options(catalog.action("notion-retrieve-page"), "pageId", {}, auth=AUTH)
    assert result["options"] == [{"label": "Meeting notes", "value": PAGE_ID}]
    assert body(route.calls.last.request) == {"filter": {"property": "object", "value": "page"}, "page_size": 100}


# Actions


async def test_search_sends_query_filter_sort_and_returns_compact_results(catalog, respx_mock):
    route = respx_mock.post(f"{API}/search").mock(
        return_value=httpx.Response(200, json=listing([page(PAGE_ID, "Meeting notes"), database()], next_cursor="fe2cc560-036c-44cd-90e8-294d5a74cebc"))
    )
    result = await run_action(
        catalog.action("notion-search"),
        {"query": "meeting", "objectType": "page", "sortDirection": "descending", "limit": 2, "cursor": "abc"},
        auth=AUTH,
    )
    assert result.error is None
    request = route.calls.last.request
    assert_notion_request(request, "POST", f"{API}/search")
    assert body(request) == {
        "page_size": 2,
        "query": "meeting",
        "filter": {"property": "object", "value": "page"},
        "sort": {"direction": "descending", "timestamp": "last_edited_time"},
        "start_cursor": "abc",
    }
    assert result.ret["next_cursor"] == "fe2cc560-036c-44cd-90e8-294d5a74cebc"
    assert [(r["object"], r["id"], r["title"]) for r in result.ret["results"]] == [
        ("page", PAGE_ID, "Meeting notes"),
        ("database", DB_ID, "Tasks"),
    ]
    assert result.ret["results"][0]["url"].startswith("https://www.notion.so/Meeting-notes-")
    assert result.summary == "Found 2 results (more available)"


async def test_search_without_arguments_sends_only_the_page_size(catalog, respx_mock):
    route = respx_mock.post(f"{API}/search").mock(return_value=httpx.Response(200, json=listing([])))
    result = await run_action(catalog.action("notion-search"), {}, auth=AUTH)
    assert body(route.calls.last.request) == {"page_size": 25}
    assert result.ret == {"results": [], "next_cursor": None}
    assert result.summary == "Found 0 results"


async def test_retrieve_page_returns_the_page(catalog, respx_mock):
    data = page(PAGE_ID, "Meeting notes")
    route = respx_mock.get(f"{API}/pages/{PAGE_ID}").mock(return_value=httpx.Response(200, json=data))
    result = await run_action(catalog.action("notion-retrieve-page"), {"pageId": PAGE_ID}, auth=AUTH)
    assert result.error is None
    assert_notion_request(route.calls.last.request, "GET", f"{API}/pages/{PAGE_ID}")
    assert result.ret == {
        "id": PAGE_ID, "object": "page", "title": "Meeting notes", "url": data["url"],
        "parent": {"type": "page_id", "page_id": PARENT_ID}, "archived": False, "in_trash": False,
        "created_time": "2024-05-01T10:00:00.000Z", "last_edited_time": "2024-05-02T08:30:00.000Z",
        "properties": {"title": "Meeting notes"},
    }
    full = await run_action(catalog.action("notion-retrieve-page"), {"pageId": PAGE_ID, "fullResponse": True}, auth=AUTH)
    assert full.ret == data
    assert result.summary == 'Retrieved page "Meeting notes"'


async def test_create_page_turns_text_into_blocks(catalog, respx_mock):
    created = page(PAGE_ID, "Q3 planning")
    route = respx_mock.post(f"{API}/pages").mock(return_value=httpx.Response(200, json=created))
    content = "# Goals\nShip the gateway\nwith two apps\n\n- faster\n* safer\n1. plan\n2) build\n> quoted\n\n### Notes\nlast line"
    result = await run_action(
        catalog.action("notion-create-page"),
        {"parentId": PARENT_ID, "title": "Q3 planning", "content": content},
        auth=AUTH,
    )
    assert result.error is None
    request = route.calls.last.request
    assert_notion_request(request, "POST", f"{API}/pages")

    def blk(kind, words):
        return {"object": "block", "type": kind, kind: {"rich_text": text(words)}}

    assert body(request) == {
        "parent": {"page_id": PARENT_ID},
        "properties": {"title": {"title": text("Q3 planning")}},
        "children": [
            blk("heading_1", "Goals"),
            blk("paragraph", "Ship the gateway\nwith two apps"),
            blk("bulleted_list_item", "faster"),
            blk("bulleted_list_item", "safer"),
            blk("numbered_list_item", "plan"),
            blk("numbered_list_item", "build"),
            blk("quote", "quoted"),
            blk("heading_3", "Notes"),
            blk("paragraph", "last line"),
        ],
    }
    assert result.ret["id"] == PAGE_ID and result.ret["properties"] == {"title": "Q3 planning"}
    assert result.summary == 'Created page "Q3 planning" with 9 blocks'


async def test_create_page_splits_long_text_and_appends_blocks_past_one_hundred(catalog, respx_mock):
    create = respx_mock.post(f"{API}/pages").mock(return_value=httpx.Response(200, json=page(PAGE_ID, "Log")))
    append = respx_mock.patch(f"{API}/blocks/{PAGE_ID}/children").mock(
        return_value=httpx.Response(200, json=listing([block(f"b{i}", "paragraph", "x") for i in range(5)], kind="block"))
    )
    paragraphs = [f"entry {i}" for i in range(104)] + ["y" * 2500]
    result = await run_action(
        catalog.action("notion-create-page"),
        {"parentId": PARENT_ID, "title": "Log", "content": "\n\n".join(paragraphs)},
        auth=AUTH,
    )
    assert result.error is None
    sent = body(create.calls.last.request)["children"]
    assert len(sent) == 100
    assert sent[99]["paragraph"]["rich_text"] == text("entry 99")
    rest = body(append.calls.last.request)["children"]
    assert_notion_request(append.calls.last.request, "PATCH", f"{API}/blocks/{PAGE_ID}/children")
    assert [b["paragraph"]["rich_text"][0]["text"]["content"] for b in rest[:4]] == [
        "entry 100",
        "entry 101",
        "entry 102",
        "entry 103",
    ]
    # Notion caps a text object at 2000 characters: the long paragraph is split.
    assert [len(t["text"]["content"]) for t in rest[-1]["paragraph"]["rich_text"]] == [2000, 500]
    assert result.summary == 'Created page "Log" with 105 blocks'


async def test_create_page_from_database_converts_plain_values_with_the_schema(catalog, respx_mock):
    schema = respx_mock.get(f"{API}/databases/{DB_ID}").mock(return_value=httpx.Response(200, json=database()))
    created = db_item("Buy milk")
    create = respx_mock.post(f"{API}/pages").mock(return_value=httpx.Response(200, json=created))
    properties = {
        "Name": "Buy milk",
        "Status": "To do",
        "Tags": "home, errands",
        "Due": "2024-05-10",
        "Done": "false",
        "Estimate": "2.5",
        "Owner": ["ee5f0f84-409a-440f-983a-a5315961c6e4"],
        "Notes": [{"text": {"content": "bold"}, "annotations": {"bold": True}}],
    }
    result = await run_action(
        catalog.action("notion-create-page-from-database"),
        {"databaseId": DB_ID, "properties": properties, "content": "Whole milk."},
        auth=AUTH,
    )
    assert result.error is None
    assert_notion_request(schema.calls.last.request, "GET", f"{API}/databases/{DB_ID}")
    request = create.calls.last.request
    assert_notion_request(request, "POST", f"{API}/pages")
    assert body(request) == {
        "parent": {"database_id": DB_ID},
        "properties": {
            "Name": {"title": text("Buy milk")},
            "Status": {"status": {"name": "To do"}},
            "Tags": {"multi_select": [{"name": "home"}, {"name": "errands"}]},
            "Due": {"date": {"start": "2024-05-10"}},
            "Done": {"checkbox": False},
            "Estimate": {"number": 2.5},
            "Owner": {"people": [{"id": "ee5f0f84-409a-440f-983a-a5315961c6e4"}]},
            "Notes": {"rich_text": [{"text": {"content": "bold"}, "annotations": {"bold": True}}]},
        },
        "children": [{"object": "block", "type": "paragraph", "paragraph": {"rich_text": text("Whole milk.")}}],
    }
    assert result.ret["properties"] == {"Name": "Buy milk", "Status": "To do", "Estimate": 3}
    assert result.summary == 'Created database item "Buy milk"'


async def test_create_page_from_database_sends_notion_values_as_is_without_reading_the_schema(catalog, respx_mock):
    create = respx_mock.post(f"{API}/pages").mock(return_value=httpx.Response(200, json=db_item("Raw")))
    properties = {"Name": {"title": [{"text": {"content": "Raw"}}]}, "Estimate": {"number": 3}}
    result = await run_action(
        catalog.action("notion-create-page-from-database"),
        {"databaseId": DB_ID, "properties": properties},
        auth=AUTH,
    )
    assert result.error is None
    assert create.call_count == 1
    assert body(create.calls.last.request) == {"parent": {"database_id": DB_ID}, "properties": properties}


async def test_create_page_from_database_names_the_properties_on_a_wrong_name(catalog, respx_mock):
    respx_mock.get(f"{API}/databases/{DB_ID}").mock(return_value=httpx.Response(200, json=database()))
    result = await run_action(
        catalog.action("notion-create-page-from-database"),
        {"databaseId": DB_ID, "properties": {"Title": "Buy milk"}},
        auth=AUTH,
    )
    assert "no property named 'Title'" in result.error
    assert "Name (title)" in result.error and "Status (status)" in result.error
    assert [call.request.method for call in respx_mock.calls] == ["GET"]


async def test_create_page_from_database_refuses_computed_properties(catalog, respx_mock):
    respx_mock.get(f"{API}/databases/{DB_ID}").mock(return_value=httpx.Response(200, json=database()))
    result = await run_action(
        catalog.action("notion-create-page-from-database"),
        {"databaseId": DB_ID, "properties": {"Created": "2024-01-01"}},
        auth=AUTH,
    )
    assert "'Created' is a created_time property" in result.error
    assert len(respx_mock.calls) == 1


async def test_update_page_reads_types_then_patches_properties_and_archived(catalog, respx_mock):
    current = db_item("Buy milk")
    read = respx_mock.get(f"{API}/pages/{PAGE_ID}").mock(return_value=httpx.Response(200, json=current))
    updated = {**db_item("Buy milk"), "archived": True}
    patch = respx_mock.patch(f"{API}/pages/{PAGE_ID}").mock(return_value=httpx.Response(200, json=updated))
    result = await run_action(
        catalog.action("notion-update-page"),
        {"pageId": PAGE_ID, "properties": {"Status": "Done", "Estimate": 5}, "archived": True},
        auth=AUTH,
    )
    assert result.error is None
    assert_notion_request(read.calls.last.request, "GET", f"{API}/pages/{PAGE_ID}")
    request = patch.calls.last.request
    assert_notion_request(request, "PATCH", f"{API}/pages/{PAGE_ID}")
    assert body(request) == {
        "properties": {"Status": {"status": {"name": "Done"}}, "Estimate": {"number": 5}},
        "archived": True,
    }
    assert result.ret["archived"] is True and result.ret["title"] == "Buy milk"
    assert result.summary == 'Page "Buy milk": updated 2 properties and archived it'


async def test_update_page_archive_only_sends_archived(catalog, respx_mock):
    patch = respx_mock.patch(f"{API}/pages/{PAGE_ID}").mock(return_value=httpx.Response(200, json=page(PAGE_ID, "Old")))
    result = await run_action(catalog.action("notion-update-page"), {"pageId": PAGE_ID, "archived": False}, auth=AUTH)
    assert result.error is None
    assert body(patch.calls.last.request) == {"archived": False}
    assert len(respx_mock.calls) == 1
    assert result.summary == 'Page "Old": restored it'


async def test_update_page_with_nothing_to_change_makes_no_request(catalog, respx_mock):
    result = await run_action(catalog.action("notion-update-page"), {"pageId": PAGE_ID}, auth=AUTH)
    assert "nothing to change" in result.error
    assert not respx_mock.calls


async def test_append_block_patches_children(catalog, respx_mock):
    blocks = [block("c02fc1d3-db8b-45c5-a222-27595b15aea7", "paragraph", "First"), block("acc7eb06-05cd-4603-a384-5e1e4f1f4e72", "bulleted_list_item", "item")]
    route = respx_mock.patch(f"{API}/blocks/{PAGE_ID}/children").mock(
        return_value=httpx.Response(200, json=listing(blocks, kind="block"))
    )
    result = await run_action(
        catalog.action("notion-append-block"), {"pageId": PAGE_ID, "content": "First\n\n- item"}, auth=AUTH
    )
    assert result.error is None
    request = route.calls.last.request
    assert_notion_request(request, "PATCH", f"{API}/blocks/{PAGE_ID}/children")
    assert body(request) == {
        "children": [
            {"object": "block", "type": "paragraph", "paragraph": {"rich_text": text("First")}},
            {"object": "block", "type": "bulleted_list_item", "bulleted_list_item": {"rich_text": text("item")}},
        ]
    }
    assert result.ret == {"blocks": [
        {"id": "c02fc1d3-db8b-45c5-a222-27595b15aea7", "type": "paragraph", "text": "First", "has_children": False,
         "parent": {"type": "page_id", "page_id": PAGE_ID}, "archived": False, "last_edited_time": "2024-05-02T09:00:00.000Z"},
        {"id": "acc7eb06-05cd-4603-a384-5e1e4f1f4e72", "type": "bulleted_list_item", "text": "item", "has_children": False,
         "parent": {"type": "page_id", "page_id": PAGE_ID}, "archived": False, "last_edited_time": "2024-05-02T09:00:00.000Z"},
    ]}
    assert result.summary == "Appended 2 blocks"


async def test_append_block_refuses_blank_content(catalog, respx_mock):
    result = await run_action(catalog.action("notion-append-block"), {"pageId": PAGE_ID, "content": " \n\n "}, auth=AUTH)
    assert "content is empty" in result.error
    assert not respx_mock.calls


async def test_query_database_sends_filter_and_sorts(catalog, respx_mock):
    items = [db_item("Buy milk")]
    route = respx_mock.post(f"{API}/databases/{DB_ID}/query").mock(
        return_value=httpx.Response(200, json=listing(items, next_cursor="0a1b2c3d-0000-4000-8000-000000000000"))
    )
    flt = {"and": [{"property": "Done", "checkbox": {"equals": False}}, {"property": "Due", "date": {"before": "2024-06-01"}}]}
    sorts = [{"property": "Due", "direction": "ascending"}]
    result = await run_action(
        catalog.action("notion-query-database"),
        {"databaseId": DB_ID, "filter": flt, "sorts": sorts, "limit": 1},
        auth=AUTH,
    )
    assert result.error is None
    request = route.calls.last.request
    assert_notion_request(request, "POST", f"{API}/databases/{DB_ID}/query")
    assert body(request) == {"filter": flt, "sorts": sorts, "page_size": 1}
    assert result.ret["next_cursor"] == "0a1b2c3d-0000-4000-8000-000000000000"
    assert [p["properties"]["Name"] for p in result.ret["pages"]] == ["Buy milk"]
    assert result.summary == "Retrieved 1 database item (more available)"


async def test_query_database_rejects_sorts_that_are_not_objects(catalog, respx_mock):
    with pytest.raises(ConfigurationError) as info:
        await run_action(catalog.action("notion-query-database"), {"databaseId": DB_ID, "sorts": ["Due"]}, auth=AUTH)
    assert any(p.startswith("sorts.0:") for p in info.value.problems)
    assert not respx_mock.calls


async def test_retrieve_database_returns_schema(catalog, respx_mock):
    data = database()
    route = respx_mock.get(f"{API}/databases/{DB_ID}").mock(return_value=httpx.Response(200, json=data))
    result = await run_action(catalog.action("notion-retrieve-database"), {"databaseId": DB_ID}, auth=AUTH)
    assert result.error is None
    assert_notion_request(route.calls.last.request, "GET", f"{API}/databases/{DB_ID}")
    assert result.ret["title"] == "Tasks"
    assert result.ret["properties"]["Status"] == {"id": "%3AUPp", "type": "status", "options": ["To do", "Done"]}
    assert result.ret["properties"]["Due"] == {"id": "AJP%7D", "type": "date"}
    assert result.summary == 'Retrieved database "Tasks" with 9 properties'


# Errors


async def test_unauthorized_refreshes_and_retries_with_the_new_token(catalog, respx_mock):
    route = respx_mock.get(f"{API}/pages/{PAGE_ID}").mock(
        side_effect=[
            httpx.Response(401, json={"object": "error", "status": 401, "code": "unauthorized", "message": "API token is invalid."}),
            httpx.Response(200, json=page(PAGE_ID, "Meeting notes")),
        ]
    )
    refreshed = []

    async def refresh():
        refreshed.append(True)
        return {"Authorization": "Bearer ya29.fresh"}

    result = await run_action(
        catalog.action("notion-retrieve-page"), {"pageId": PAGE_ID}, auth=AUTH, on_unauthorized=refresh
    )
    assert result.error is None
    assert refreshed == [True]
    assert route.calls[0].request.headers["authorization"] == "Bearer ya29.test"
    assert route.calls[1].request.headers["authorization"] == "Bearer ya29.fresh"
    assert route.calls[1].request.headers["notion-version"] == "2022-06-28"
    assert result.ret["id"] == PAGE_ID


async def test_rate_limit_reports_when_to_retry(catalog, respx_mock):
    respx_mock.post(f"{API}/search").mock(
        return_value=httpx.Response(
            429,
            headers={"Retry-After": "7"},
            json={"object": "error", "status": 429, "code": "rate_limited", "message": "You have been rate limited. Please try again in a few minutes."},
        )
    )
    result = await run_action(catalog.action("notion-search"), {"query": "x"}, auth=AUTH)
    assert result.ret is None
    assert "429" in result.error
    assert "retry after 7 s" in result.error
    assert "You have been rate limited" in result.error


# Blocks


BLOCK_ID = "c02fc1d3-db8b-45c5-a222-27595b15aea7"


def to_do(block_id=BLOCK_ID, text="Call the vet", checked=False):
    item = block(block_id, "to_do", text)
    item["to_do"]["checked"] = checked
    return item


async def test_list_block_children_follows_cursors_until_the_limit(catalog, respx_mock):
    second_id = "acc7eb06-05cd-4603-a384-5e1e4f1f4e72"
    route = respx_mock.get(url__startswith=f"{API}/blocks/{PAGE_ID}/children").mock(
        side_effect=[
            httpx.Response(200, json=listing([block(BLOCK_ID, "heading_1", "Plan")], next_cursor=second_id, kind="block")),
            httpx.Response(200, json=listing([to_do(second_id)], next_cursor="7e3c1ed1-0000-4000-8000-000000000000",
                                             kind="block")),
        ]
    )
    result = await run_action(catalog.action("notion-list-block-children"), {"blockId": PAGE_ID, "limit": 2}, auth=AUTH)
    assert result.error is None, result.error
    assert_notion_request(route.calls[0].request, "GET", f"{API}/blocks/{PAGE_ID}/children?page_size=2")
    assert_notion_request(
        route.calls[1].request, "GET", f"{API}/blocks/{PAGE_ID}/children?page_size=1&start_cursor={second_id}"
    )
    assert [(b["type"], b["text"]) for b in result.ret["blocks"]] == [("heading_1", "Plan"), ("to_do", "Call the vet")]
    assert result.ret["blocks"][1]["checked"] is False
    assert result.ret["next_cursor"] == "7e3c1ed1-0000-4000-8000-000000000000"
    assert result.summary == "Listed 2 blocks (more available)"

    route.side_effect = [httpx.Response(200, json=listing([], kind="block"))]
    last = await run_action(
        catalog.action("notion-list-block-children"), {"blockId": PAGE_ID, "cursor": result.ret["next_cursor"]}, auth=AUTH
    )
    assert str(route.calls.last.request.url).endswith("start_cursor=7e3c1ed1-0000-4000-8000-000000000000")
    assert last.ret == {"blocks": [], "next_cursor": None}


async def test_retrieve_block(catalog, respx_mock):
    route = respx_mock.get(f"{API}/blocks/{BLOCK_ID}").mock(return_value=httpx.Response(200, json=to_do(checked=True)))
    result = await run_action(catalog.action("notion-retrieve-block"), {"blockId": BLOCK_ID}, auth=AUTH)
    assert result.error is None, result.error
    assert_notion_request(route.calls.last.request, "GET", f"{API}/blocks/{BLOCK_ID}")
    assert result.ret["text"] == "Call the vet" and result.ret["checked"] is True
    assert result.summary == "Retrieved to_do block"


async def test_update_block_keeps_its_type(catalog, respx_mock):
    read = respx_mock.get(f"{API}/blocks/{BLOCK_ID}").mock(return_value=httpx.Response(200, json=to_do()))
    patch = respx_mock.patch(f"{API}/blocks/{BLOCK_ID}").mock(
        return_value=httpx.Response(200, json=to_do(text="Call the vet at 9", checked=True))
    )
    result = await run_action(
        catalog.action("notion-update-block"), {"blockId": BLOCK_ID, "text": "Call the vet at 9", "checked": True}, auth=AUTH
    )
    assert result.error is None, result.error
    assert_notion_request(read.calls.last.request, "GET", f"{API}/blocks/{BLOCK_ID}")
    assert_notion_request(patch.calls.last.request, "PATCH", f"{API}/blocks/{BLOCK_ID}")
    assert body(patch.calls.last.request) == {"to_do": {"rich_text": text("Call the vet at 9"), "checked": True}}
    assert result.ret["text"] == "Call the vet at 9" and result.summary == "Updated to_do block"


async def test_update_block_refuses_checking_a_paragraph(catalog, respx_mock):
    respx_mock.get(f"{API}/blocks/{BLOCK_ID}").mock(return_value=httpx.Response(200, json=block(BLOCK_ID, "paragraph", "x")))
    result = await run_action(catalog.action("notion-update-block"), {"blockId": BLOCK_ID, "checked": True}, auth=AUTH)
    assert "only to-do blocks" in result.error
    assert len(respx_mock.calls) == 1


async def test_delete_block(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/blocks/{BLOCK_ID}").mock(
        return_value=httpx.Response(200, json={**block(BLOCK_ID, "paragraph", "Old"), "archived": True, "in_trash": True})
    )
    result = await run_action(catalog.action("notion-delete-block"), {"blockId": BLOCK_ID}, auth=AUTH)
    assert result.error is None, result.error
    assert_notion_request(route.calls.last.request, "DELETE", f"{API}/blocks/{BLOCK_ID}")
    assert result.ret["archived"] is True and result.summary == "Deleted paragraph block"


# Page properties


async def test_retrieve_page_property_item_reads_a_paginated_relation(catalog, respx_mock):
    related = ["0c0e0e0e-1111-2222-3333-444455556666", "1d1f1f1f-1111-2222-3333-444455556666"]
    route = respx_mock.get(url__startswith=f"{API}/pages/{PAGE_ID}/properties/").mock(
        return_value=httpx.Response(200, json={
            "object": "list",
            "results": [{"object": "property_item", "id": "vYdV", "type": "relation", "relation": {"id": r}} for r in related],
            "next_cursor": "some-next-cursor",
            "has_more": True,
            "type": "property_item",
            "property_item": {"id": "vYdV", "next_url": None, "type": "relation", "relation": {}},
        })
    )
    result = await run_action(
        catalog.action("notion-retrieve-page-property-item"),
        {"pageId": PAGE_ID, "propertyId": "vYdV", "limit": 2, "cursor": "prev"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_notion_request(
        route.calls.last.request, "GET", f"{API}/pages/{PAGE_ID}/properties/vYdV?page_size=2&start_cursor=prev"
    )
    assert result.ret == {"id": "vYdV", "type": "relation", "value": related, "next_cursor": "some-next-cursor"}
    assert result.summary == "Retrieved 2 items of the property"


async def test_retrieve_page_property_item_of_a_single_value_and_its_options(catalog, respx_mock):
    respx_mock.get(f"{API}/pages/{PAGE_ID}/properties/Hm%3Bs", params={"page_size": "25"}).mock(
        return_value=httpx.Response(200, json={"object": "property_item", "id": "Hm%3Bs", "type": "number", "number": 3})
    )
    result = await run_action(
        catalog.action("notion-retrieve-page-property-item"), {"pageId": PAGE_ID, "propertyId": "Hm%3Bs"}, auth=AUTH
    )
    assert result.error is None, result.error
    assert result.ret == {"id": "Hm%3Bs", "type": "number", "value": 3}

    respx_mock.get(f"{API}/pages/{PAGE_ID}").mock(return_value=httpx.Response(200, json=db_item("Buy milk")))
    action = catalog.action("notion-retrieve-page-property-item")
    options = await fetch_options(action, "propertyId", {"pageId": PAGE_ID}, auth=AUTH)
    assert options["options"] == [
        {"label": "Name (title)", "value": "title"},
        {"label": "Status (status)", "value": "%3AUPp"},
        {"label": "Estimate (number)", "value": "Hm%3Bs"},
    ]
    missing = await fetch_options(action, "propertyId", {}, auth=AUTH)
    assert "choose the page" in missing["errors"][0]


# Databases


async def test_create_database_turns_type_names_into_schemas(catalog, respx_mock):
    route = respx_mock.post(f"{API}/databases").mock(return_value=httpx.Response(200, json=database()))
    result = await run_action(
        catalog.action("notion-create-database"),
        {"parentId": PARENT_ID, "title": "Tasks",
         "properties": {"Due": "date", "Tags": {"multi_select": {"options": [{"name": "home"}]}}}, "isInline": True},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_notion_request(route.calls.last.request, "POST", f"{API}/databases")
    assert body(route.calls.last.request) == {
        "parent": {"type": "page_id", "page_id": PARENT_ID},
        "title": text("Tasks"),
        "properties": {"Name": {"title": {}}, "Due": {"date": {}}, "Tags": {"multi_select": {"options": [{"name": "home"}]}}},
        "is_inline": True,
    }
    assert result.ret["id"] == DB_ID and result.summary == 'Created database "Tasks" with 3 properties'

    bad = await run_action(
        catalog.action("notion-create-database"), {"parentId": PARENT_ID, "title": "T", "properties": {"X": "colour"}},
        auth=AUTH,
    )
    assert "give a type name" in bad.error and route.call_count == 1


async def test_update_database_renames_adds_and_removes_properties(catalog, respx_mock):
    route = respx_mock.patch(f"{API}/databases/{DB_ID}").mock(return_value=httpx.Response(200, json=database()))
    result = await run_action(
        catalog.action("notion-update-database"),
        {"databaseId": DB_ID, "title": "Tasks", "description": "What to do",
         "properties": {"Notes": None, "Owner": {"name": "Assignee"}, "Link": "url"}},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_notion_request(route.calls.last.request, "PATCH", f"{API}/databases/{DB_ID}")
    assert body(route.calls.last.request) == {
        "title": text("Tasks"),
        "description": text("What to do"),
        "properties": {"Owner": {"name": "Assignee"}, "Link": {"url": {}}, "Notes": None},
    }
    assert result.summary == 'Updated database "Tasks" (description, properties, title)'
    empty = await run_action(catalog.action("notion-update-database"), {"databaseId": DB_ID}, auth=AUTH)
    assert "nothing to change" in empty.error


# Users


PERSON = {"object": "user", "id": USER["id"], "type": "person", "name": "Avocado Lovelace",
          "avatar_url": "https://secure.notion-static.com/e6a352a8.jpg", "person": {"email": "avo@example.org"}}
BOT = {"object": "user", "id": "9a3b5ae0-c6e6-482d-b0e1-ed315ee6dc57", "type": "bot", "name": "Doug Engelbot",
       "avatar_url": None, "bot": {"owner": {"type": "workspace", "workspace": True}, "workspace_name": "Acme"}}


async def test_list_users_pages_and_trims(catalog, respx_mock):
    route = respx_mock.get(url__startswith=f"{API}/users").mock(
        return_value=httpx.Response(200, json=listing([PERSON, BOT], next_cursor="fe2cc560-036c-44cd-90e8-294d5a74cebc",
                                                      kind="user"))
    )
    result = await run_action(catalog.action("notion-list-users"), {"limit": 2}, auth=AUTH)
    assert result.error is None, result.error
    assert_notion_request(route.calls.last.request, "GET", f"{API}/users?page_size=2")
    assert result.ret == {"users": [
        {"id": USER["id"], "type": "person", "name": "Avocado Lovelace",
         "avatar_url": "https://secure.notion-static.com/e6a352a8.jpg", "email": "avo@example.org"},
        {"id": BOT["id"], "type": "bot", "name": "Doug Engelbot", "avatar_url": None, "workspace_name": "Acme",
         "owner_type": "workspace"},
    ], "next_cursor": "fe2cc560-036c-44cd-90e8-294d5a74cebc"}
    assert result.summary == "Listed 2 users (more available)"


async def test_retrieve_user_with_its_options(catalog, respx_mock):
    listed = respx_mock.get(f"{API}/users", params={"page_size": "100"}).mock(
        return_value=httpx.Response(200, json=listing([PERSON], kind="user"))
    )
    options = await fetch_options(catalog.action("notion-retrieve-user"), "userId", {}, auth=AUTH)
    assert options["options"] == [{"label": "Avocado Lovelace", "value": USER["id"]}]
    assert_notion_request(listed.calls.last.request, "GET", f"{API}/users?page_size=100")

    route = respx_mock.get(f"{API}/users/{USER['id']}").mock(return_value=httpx.Response(200, json=PERSON))
    result = await run_action(catalog.action("notion-retrieve-user"), {"userId": USER["id"]}, auth=AUTH)
    assert result.error is None, result.error
    assert_notion_request(route.calls.last.request, "GET", f"{API}/users/{USER['id']}")
    assert result.ret["email"] == "avo@example.org" and result.summary == "Retrieved person Avocado Lovelace"


async def test_get_current_user_is_the_bot(catalog, respx_mock):
    route = respx_mock.get(f"{API}/users/me").mock(return_value=httpx.Response(200, json=BOT))
    result = await run_action(catalog.action("notion-get-current-user"), {}, auth=AUTH)
    assert result.error is None, result.error
    assert_notion_request(route.calls.last.request, "GET", f"{API}/users/me")
    assert result.ret["workspace_name"] == "Acme"
    assert result.summary == "The connection acts as Doug Engelbot in Acme"


# Comments


def comment(text_content, discussion="f1407351-36f5-4c49-a13c-49f8ba11776d"):
    return {"object": "comment", "id": "94cc56ab-9f02-409d-9f99-1037e9fe502f", "discussion_id": discussion,
            "parent": {"type": "page_id", "page_id": PAGE_ID}, "created_time": "2024-05-03T13:00:00.000Z",
            "last_edited_time": "2024-05-03T13:00:00.000Z", "created_by": {"object": "user", "id": BOT["id"]},
            "rich_text": rich(text_content)}


async def test_list_comments_of_a_page(catalog, respx_mock):
    route = respx_mock.get(url__startswith=f"{API}/comments").mock(
        return_value=httpx.Response(200, json=listing([comment("Looks good")], kind="comment"))
    )
    result = await run_action(catalog.action("notion-list-comments"), {"blockId": PAGE_ID}, auth=AUTH)
    assert result.error is None, result.error
    assert_notion_request(route.calls.last.request, "GET", f"{API}/comments?block_id={PAGE_ID}&page_size=25")
    assert result.ret == {"comments": [{
        "id": "94cc56ab-9f02-409d-9f99-1037e9fe502f", "discussion_id": "f1407351-36f5-4c49-a13c-49f8ba11776d",
        "parent": {"type": "page_id", "page_id": PAGE_ID}, "text": "Looks good", "created_by": BOT["id"],
        "created_time": "2024-05-03T13:00:00.000Z",
    }], "next_cursor": None}
    assert result.summary == "Listed 1 comment"


async def test_create_comment_on_a_page_or_in_a_discussion(catalog, respx_mock):
    route = respx_mock.post(f"{API}/comments").mock(return_value=httpx.Response(200, json=comment("Hello")))
    result = await run_action(catalog.action("notion-create-comment"), {"pageId": PAGE_ID, "text": "Hello"}, auth=AUTH)
    assert result.error is None, result.error
    assert_notion_request(route.calls.last.request, "POST", f"{API}/comments")
    assert body(route.calls.last.request) == {"rich_text": text("Hello"), "parent": {"page_id": PAGE_ID}}
    assert result.ret["text"] == "Hello" and result.summary == "Commented on the page"

    reply = await run_action(
        catalog.action("notion-create-comment"),
        {"discussionId": "f1407351-36f5-4c49-a13c-49f8ba11776d", "text": "Thanks"}, auth=AUTH,
    )
    assert body(route.calls.last.request) == {"rich_text": text("Thanks"),
                                              "discussion_id": "f1407351-36f5-4c49-a13c-49f8ba11776d"}
    assert reply.summary == "Replied in the discussion"
    neither = await run_action(catalog.action("notion-create-comment"), {"text": "x"}, auth=AUTH)
    assert "not both or neither" in neither.error and route.call_count == 2
