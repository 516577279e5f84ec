"""How the MCP tool modes offer File Stash: a `stash_id` argument on tools whose action has a
`stash`, a new stash by default where the stash is required, and links in the result."""

from __future__ import annotations

from typing import Any

from mcp_gateway.catalog import App, NoAuth, props
from mcp_gateway.files import StashOutput
from mcp_gateway.mcp.tools import action_tool, run_result, split_stash_id
from mcp_gateway.runtime.engine import RunResult

app = App("filer", "Filer", "Makes files.", auth=NoAuth())


async def _run(ctx: Any) -> None:
    ctx.summary = "done"


for name, stash in (("export", "required"), ("convert", "optional"), ("count", None)):
    app.action(name, title=name, description=f"{name} things", props={"x": props.string("X", "x", optional=True)},
               stash=stash)(_run)


def test_only_tools_with_a_stash_take_a_stash_id():
    schemas = {a.key: action_tool(a)["inputSchema"]["properties"] for a in app.actions.values()}
    assert "A new stash is made when this is left out" in schemas["filer-export"]["stash_id"]["description"]
    assert '"NEW"' in schemas["filer-convert"]["stash_id"]["description"]
    assert "stash_id" not in schemas["filer-count"]


def test_a_required_stash_is_made_when_none_is_given():
    export, convert, count = (app.actions[f"filer-{n}"] for n in ("export", "convert", "count"))
    assert split_stash_id(export, {"x": "1"}, files=True) == ({"x": "1"}, "NEW")
    assert split_stash_id(export, {"stash_id": "abc"}, files=True) == ({}, "abc")
    assert split_stash_id(convert, {"x": "1"}, files=True) == ({"x": "1"}, None)
    # An action without a stash keeps `stash_id` as an argument, for the validator to refuse.
    assert split_stash_id(count, {"stash_id": "abc"}, files=True) == ({"stash_id": "abc"}, None)


def test_no_stash_is_asked_for_without_a_file_store():
    assert split_stash_id(app.actions["filer-export"], {}, files=False) == ({}, None)


def test_results_link_every_file_and_inline_small_text():
    stash_id = "s" * 32
    result = RunResult(exports={"$summary": "Saved 2 files"}, ret={"ok": True}, stash_id=stash_id, files=[
        StashOutput("/tmp/a.csv", "a.csv", "https://x/a", "text/csv", 4, "a,b\n", stash_id=stash_id),
        StashOutput("/tmp/out/b c.png", "b c.png", "https://x/b", "image/png", 99, stash_id=stash_id),
    ])
    content = run_result(result)["content"]
    assert [c["type"] for c in content] == ["text", "resource_link", "resource", "resource_link"]
    # The link is a resource the gateway serves; the download link rides along for other clients.
    assert content[1] == {"type": "resource_link", "uri": f"stash://{stash_id}/a.csv", "name": "a.csv",
                          "mimeType": "text/csv", "size": 4,
                          "description": "/tmp/a.csv; download it from https://x/a (the link works for 30 minutes)",
                          "_meta": {"mcp-gateway/downloadUrl": "https://x/a"}}
    assert content[2]["resource"] == {"uri": f"stash://{stash_id}/a.csv", "mimeType": "text/csv", "text": "a,b\n"}
    assert content[3]["uri"] == f"stash://{stash_id}/out/b%20c.png"
    assert f'pass stash_id "{"s" * 32}"' in content[0]["text"]
