"""How tools-only mode offers File Stash: a `stash_id` argument on tools whose action has a
`stash`, a new stash by default where the stash is required, and links in the result."""

from __future__ import annotations

from typing import Any

from mcp_gateway.catalog import App, NoAuth, props
from mcp_gateway.files import StashOutput
from mcp_gateway.mcp.tools import ToolsOnly, action_tool, run_result
from mcp_gateway.runtime.engine import RunResult

app = App("filer", "Filer", "Makes files.", auth=NoAuth())


async def _run(ctx: Any) -> None:
    ctx.summary = "done"


for name, stash in (("export", "required"), ("convert", "optional"), ("count", None)):
    app.action(name, title=name, description=f"{name} things", props={"x": props.string("X", "x", optional=True)},
               stash=stash)(_run)


class FakeCatalog:
    def actions_of(self, slug: str) -> list[Any]:
        return list(app.actions.values())


class FakeRuntime:
    def __init__(self, files: Any) -> None:
        self.files = files
        self.calls: list[tuple[dict[str, Any], Any]] = []

    async def run(self, caller: Any, action: Any, arguments: Any, *, via: str, stash_id: Any = None) -> RunResult:
        self.calls.append((dict(arguments), stash_id))
        return RunResult(exports={"$summary": "done"})


def test_only_tools_with_a_stash_take_a_stash_id():
    schemas = {a.key: action_tool(a)["inputSchema"]["properties"] for a in app.actions.values()}
    assert "A new stash is made when this is left out" in schemas["filer-export"]["stash_id"]["description"]
    assert '"NEW"' in schemas["filer-convert"]["stash_id"]["description"]
    assert "stash_id" not in schemas["filer-count"]


async def test_a_required_stash_is_made_when_none_is_given():
    runtime = FakeRuntime(files=object())
    tools = ToolsOnly(FakeCatalog(), runtime)  # type: ignore[arg-type]
    await tools.call(("filer",), None, "filer-export", {"x": "1"})  # type: ignore[arg-type]
    await tools.call(("filer",), None, "filer-export", {"stash_id": "abc"})  # type: ignore[arg-type]
    await tools.call(("filer",), None, "filer-convert", {"x": "1"})  # type: ignore[arg-type]
    assert runtime.calls == [({"x": "1"}, "NEW"), ({}, "abc"), ({"x": "1"}, None)]


async def test_no_stash_is_asked_for_without_a_file_store():
    runtime = FakeRuntime(files=None)
    await ToolsOnly(FakeCatalog(), runtime).call(("filer",), None, "filer-export", {})  # type: ignore[arg-type]
    assert runtime.calls == [({}, None)]


def test_results_link_every_file_and_inline_small_text():
    result = RunResult(exports={"$summary": "Saved 2 files"}, ret={"ok": True}, stash_id="s" * 32, files=[
        StashOutput("/tmp/a.csv", "a.csv", "https://x/a", "text/csv", 4, "a,b\n"),
        StashOutput("/tmp/b.png", "b.png", "https://x/b", "image/png", 99),
    ])
    content = run_result(result)["content"]
    assert [c["type"] for c in content] == ["text", "resource_link", "resource", "resource_link"]
    assert content[1] == {"type": "resource_link", "uri": "https://x/a", "name": "a.csv", "mimeType": "text/csv",
                          "size": 4, "description": "/tmp/a.csv; the link works for 30 minutes"}
    assert content[2]["resource"] == {"uri": "https://x/a", "mimeType": "text/csv", "text": "a,b\n"}
    assert f'pass stash_id "{"s" * 32}"' in content[0]["text"]
