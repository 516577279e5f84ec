"""Resources in the component model (`@app.resource`, `@app.resource_template`), the `stash://`
URIs of File Stash files, and the answers that need no account or file store."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from mcp_gateway.catalog import App, Catalog, CatalogError, NoAuth
from mcp_gateway.files import parse_stash_uri, stash_uri
from mcp_gateway.mcp.params import McpParams
from mcp_gateway.mcp.protocol import JsonRpcError
from mcp_gateway.mcp.resources import CATALOG_TTL_MS, Resources
from mcp_gateway.runtime.service import Caller

app = App("notes", "Notes", "Notes as resources.", auth=NoAuth())


@app.resource("notes://today", name="today", mime_type="text/markdown")
async def today(ctx):
    return "# Today"


@app.resource_template("notes://{folder}/{+path}", name="note", description="A note in a folder.")
async def note(ctx, folder, path):
    return f"{folder}:{path}"


MCP = McpParams("proj_1", "development", "user-1", ("notes",), "tools-only")
CALLER = Caller("proj_1", "development", "user-1")


def test_a_template_matches_its_uris_and_decodes_their_variables():
    assert note.match("notes://work/2024/plan%20B.md") == {"folder": "work", "path": "2024/plan B.md"}
    assert note.match("notes://work") is None
    assert note.match("notes://work/plan.md?draft=1") is None
    assert note.to_mcp() == {"uriTemplate": "notes://{folder}/{+path}", "name": "note", "description": "A note in a folder."}


@pytest.mark.parametrize(("declare", "refusal"), [
    (lambda a: a.resource("no scheme", name="x"), "must be an absolute URI"),
    (lambda a: a.resource("stash://mine", name="x"), "the gateway's own"),
    (lambda a: a.resource("notes://x", name=" "), "needs a name"),
    (lambda a: a.resource_template("notes://fixed", name="x"), "at least one {variable}"),
    (lambda a: a.resource_template("notes://{a}{b}", name="x"), "must be apart"),
    (lambda a: a.resource_template("notes://{?query}", name="x"), "{name} for one path segment"),
    (lambda a: a.resource_template("notes://{id}/{id}", name="x"), "appears twice"),
    (lambda a: a.resource_template("notes://}{id}", name="x"), "unbalanced braces"),
])
def test_declarations_that_cannot_work_are_refused_when_the_app_loads(declare, refusal):
    with pytest.raises(CatalogError, match=refusal):
        declare(App("bad", "Bad", "Bad declarations.", auth=NoAuth()))


def test_a_read_function_must_take_the_templates_variables():
    bad = App("bad", "Bad", "Bad declarations.", auth=NoAuth())

    async def read(ctx, name):
        return name

    with pytest.raises(CatalogError, match=r"must take \(ctx, id\)"):
        bad.resource_template("notes://{id}", name="x")(read)
    with pytest.raises(CatalogError, match=r"must take \(ctx\)"):
        bad.resource("notes://x", name="x")(read)


def test_stash_uris_name_a_path_under_tmp_and_nothing_else():
    uri = stash_uri("ab12", "out/a report #1.txt")
    assert uri == "stash://ab12/out/a%20report%20%231.txt"
    assert parse_stash_uri(uri) == ("ab12", "out/a report #1.txt")
    for names_no_file in ("stash://ab12", "stash://ab12/", "stash:///a.txt", "stash://ab12/../a.txt",
                          "stash://ab12/a//b.txt", "stash://ab12/a.txt?v=2", "stash://ab12/a.txt#top", "file://ab12/a"):
        assert parse_stash_uri(names_no_file) is None, names_no_file


def resources_without_a_file_store() -> Resources:
    return Resources(Catalog([app]), SimpleNamespace(files=None))  # type: ignore[arg-type]


@pytest.mark.parametrize(("modern", "code"), [(False, -32002), (True, -32602)])
async def test_an_unknown_uri_is_not_found_with_the_eras_code(modern, code):
    for uri in ("notes://", "other://today", "stash://ab12/a.txt"):
        with pytest.raises(JsonRpcError) as raised:
            await resources_without_a_file_store().answer("resources/read", {"uri": uri}, MCP, CALLER, modern=modern)
        assert (raised.value.code, raised.value.data) == (code, {"uri": uri})
        assert raised.value.message.startswith("Resource not found: ")


async def test_lists_without_a_file_store_change_only_with_the_catalog():
    resources = resources_without_a_file_store()
    listed = await resources.answer("resources/list", {}, MCP, CALLER, modern=True)
    assert listed == {"resources": [{"uri": "notes://today", "name": "today", "mimeType": "text/markdown"}],
                      "ttlMs": CATALOG_TTL_MS, "cacheScope": "private"}
    templates = await resources.answer("resources/templates/list", {}, MCP, CALLER, modern=False)
    assert [t["uriTemplate"] for t in templates["resourceTemplates"]] == ["notes://{folder}/{+path}"]
    with pytest.raises(JsonRpcError, match="single page"):
        await resources.answer("resources/templates/list", {"cursor": "x"}, MCP, CALLER, modern=False)
