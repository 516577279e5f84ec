"""An action's `trim`: callers get the trimmed record unless they ask for the whole payload."""

import pytest

from mcp_gateway.catalog import App, CatalogError, Keys, KeyField, each, props, within
from mcp_gateway.runtime.engine import run_action

RECORD = {"id": "r1", "name": "Quarterly report", "etag": "abc", "links": {"self": "https://api.example.com/r1"}}


def _app() -> App:
    return App("trimmed_example", "Trimmed Example", "An app for the trim tests.",
               auth=Keys([KeyField("api_key", "API key")]), base_url="https://api.example.com")


def _short(record):
    return {"id": record["id"], "name": record["name"]}


async def test_trim_cuts_the_payload_and_full_response_returns_it_whole():
    app = _app()

    @app.action("get-record", title="Get Record", description="Read one record.", read_only=True, trim=_short)
    async def get_record(ctx):
        ctx.summary = "Read r1"
        return RECORD

    action = app.actions["trimmed_example-get-record"]
    assert action.props["fullResponse"].optional and action.props["fullResponse"].default is False
    trimmed = await run_action(action, {}, auth={"api_key": "k"})
    assert trimmed.error is None and trimmed.ret == {"id": "r1", "name": "Quarterly report"}
    whole = await run_action(action, {"fullResponse": True}, auth={"api_key": "k"})
    assert whole.ret == RECORD


async def test_each_and_within_summarise_every_record():
    app = _app()

    @app.action("list-records", title="List Records", description="List records.", read_only=True,
                trim=within("records", _short), props={"limit": props.limit("records"), "cursor": props.cursor()})
    async def list_records(ctx):
        ctx.summary = "Listed"
        return {"records": [RECORD, {**RECORD, "id": "r2"}], "next_cursor": "2"}

    page = await run_action(app.actions["trimmed_example-list-records"], {}, auth={"api_key": "k"})
    assert page.ret == {"records": [_short(RECORD), {"id": "r2", "name": "Quarterly report"}], "next_cursor": "2"}
    assert each(_short)([RECORD]) == [_short(RECORD)]


async def test_limit_is_bounded_and_defaults():
    app = _app()

    @app.action("count", title="Count", description="Echo the limit.", read_only=True, props={"limit": props.limit(default=10, maximum=50)})
    async def count(ctx):
        ctx.summary = "Counted"
        return ctx.props.limit

    action = app.actions["trimmed_example-count"]
    assert (await run_action(action, {}, auth={"api_key": "k"})).ret == 10
    with pytest.raises(Exception, match="limit"):
        await run_action(action, {"limit": 51}, auth={"api_key": "k"})


def test_an_action_with_trim_may_not_declare_full_response_itself():
    app = _app()
    with pytest.raises(CatalogError, match="fullResponse"):
        app.action("x", title="X", description="X.", trim=_short, props={"fullResponse": props.full_response()})(lambda ctx: None)
