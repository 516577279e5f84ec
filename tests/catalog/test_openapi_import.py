"""OpenAPI import: `mcp-gateway apps import-openapi` turns public OpenAPI documents into apps whose
operations are actions; the requests they send are the ones the document describes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from mcp_gateway.catalog import load_catalog
from mcp_gateway.catalog.openapi import OpenApiError, build_app
from mcp_gateway.runtime.engine import reload_props, run_action

SPECS = Path(__file__).parent / "openapi_specs"
ROOT = Path(__file__).resolve().parents[2]


def import_openapi(spec, slug, tools, *extra) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mcp_gateway", "apps", "import-openapi", str(spec), "--slug", slug, "--dir", str(tools), *extra],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    tools = tmp_path_factory.mktemp("tools")
    for name in ("petstore", "uspto"):
        done = import_openapi(SPECS / f"{name}.yaml", name, tools)
        assert done.returncode == 0, done.stderr
    return load_catalog(custom_dir=tools), tools


def test_the_command_says_what_it_imported_and_the_catalog_serves_it(tmp_path):
    done = import_openapi(SPECS / "petstore.yaml", "petstore", tmp_path)
    assert done.returncode == 0, done.stderr
    assert "imported Swagger Petstore as petstore" in done.stdout and "3 actions" in done.stdout
    assert "~/petstore-list-pets  List all pets" in done.stdout
    assert json.loads((tmp_path / "petstore" / "openapi.json").read_text())["info"]["title"] == "Swagger Petstore"
    catalog = load_catalog(custom_dir=tmp_path)
    app = catalog.app("petstore")
    assert (app.auth_type, app.base_url) == ("none", "http://petstore.swagger.io/v1")
    listing = catalog.action("~/petstore-list-pets")
    assert listing.annotations.read_only and not listing.annotations.destructive
    assert listing.props["limit"].type == "integer" and listing.props["limit"].optional
    assert "How many items to return" in listing.props["limit"].description
    show = catalog.action("~/petstore-show-pet-by-id")
    assert show.props["petId"].type == "string" and show.props["petId"].required


async def test_petstore_actions_send_the_documented_requests(imported, respx_mock):
    catalog, _ = imported
    listed = respx_mock.get("http://petstore.swagger.io/v1/pets").mock(
        return_value=httpx.Response(200, json=[{"id": 1, "name": "Rex", "tag": "dog"}]))
    result = await run_action(catalog.action("~/petstore-list-pets"), {"limit": 5})
    assert result.error is None, result.error
    assert listed.calls.last.request.url.params["limit"] == "5"
    assert result.ret == [{"id": 1, "name": "Rex", "tag": "dog"}] and result.summary == "List all pets: 200"
    shown = respx_mock.get("http://petstore.swagger.io/v1/pets/a%2Fb").mock(return_value=httpx.Response(200, json=[]))
    await run_action(catalog.action("~/petstore-show-pet-by-id"), {"petId": "a/b"})
    assert shown.called  # path values are escaped, never allowed to change the path


async def test_uspto_search_posts_a_form_with_the_documented_defaults(imported, respx_mock):
    catalog, _ = imported
    app = catalog.app("uspto")
    assert app.base_url == "https://developer.uspto.gov/ds-api"  # the server variable's default filled in
    search = catalog.action("~/uspto-perform-search")
    # The path's required values have defaults, which are sent when none is given; the body's
    # optional fields' defaults are the API's own, so they are described, never sent.
    assert [n for n, p in search.props.items() if p.required] == []
    assert (search.props["version"].default, search.props["dataset"].default) == ("v1", "oa_citations")
    assert search.props["criteria"].optional and 'Default: "*:*"' in search.props["criteria"].description
    assert "Lucene Query Syntax" in search.props["criteria"].description
    route = respx_mock.post("https://developer.uspto.gov/ds-api/oa_citations/v1/records").mock(
        return_value=httpx.Response(200, json=[{"patentApplicationNumber": "12345678"}]))
    result = await run_action(search, {"criteria": "inventor:Ada"})
    assert result.error is None, result.error
    sent = route.calls.last.request
    assert sent.headers["content-type"] == "application/x-www-form-urlencoded"
    assert dict(httpx.QueryParams(sent.content.decode())) == {"criteria": "inventor:Ada"}
    failing = respx_mock.get("https://developer.uspto.gov/ds-api/nope/v9/fields").mock(
        return_value=httpx.Response(404, json="dataset not found"))
    missing = await run_action(catalog.action("~/uspto-list-searchable-fields"), {"dataset": "nope", "version": "v9"})
    assert failing.called and "404" in missing.error and "check that the IDs passed are correct" in missing.error


async def test_overrides_rename_describe_hide_and_group(tmp_path, respx_mock):
    overrides = tmp_path / "overrides.json"
    overrides.write_text(json.dumps({
        "name": "Pets",
        "operations": {"createPets": {"hide": True},
                       "listPets": {"group": "pets"}, "showPetById": {"group": "pets"}},
        "groups": {"pets": {"title": "Work With Pets", "description": "List pets or show one."}},
    }))
    done = import_openapi(SPECS / "petstore.yaml", "pets", tmp_path / "tools", "--overrides", str(overrides))
    assert done.returncode == 0, done.stderr
    catalog = load_catalog(custom_dir=tmp_path / "tools")
    assert catalog.app("pets").name == "Pets"
    assert list(catalog.app("pets").actions) == ["~/pets-pets"]
    grouped = catalog.action("~/pets-pets")
    assert grouped.name == "Work With Pets" and grouped.description == "List pets or show one."
    assert grouped.annotations.read_only
    assert [o.value for o in grouped.props["operation"].static_options] == ["listPets", "showPetById"]
    props = await reload_props(grouped, {"operation": "showPetById"})
    assert list(props) == ["operation", "petId"]
    route = respx_mock.get("http://petstore.swagger.io/v1/pets/7").mock(return_value=httpx.Response(200, json=[]))
    result = await run_action(grouped, {"operation": "showPetById", "petId": "7"}, extra_props=props)
    assert result.error is None and route.called

    renamed = tmp_path / "renamed.json"
    renamed.write_text(json.dumps({"operations": {"listPets": {"name": "find-pets", "title": "Find Pets",
                                                               "description": "Find pets, 100 at most."}}}))
    done = import_openapi(SPECS / "petstore.yaml", "petstore", tmp_path / "other", "--overrides", str(renamed))
    action = load_catalog(custom_dir=tmp_path / "other").action("~/petstore-find-pets")
    assert (action.name, action.description) == ("Find Pets", "Find pets, 100 at most.")


def _spec(security_schemes, security=None, **extra):
    return {"openapi": "3.0.3", "info": {"title": "Acme", "version": "1"}, "servers": [{"url": "https://api.acme.example/v1"}],
            "paths": {"/widgets": {"get": {"operationId": "listWidgets", "responses": {"200": {"description": "ok"}}}}},
            "components": {"securitySchemes": security_schemes}, **({"security": security} if security else {}), **extra}


async def test_security_schemes_become_the_apps_auth(respx_mock):
    oauth = build_app("acme", _spec({"oauth": {"type": "oauth2", "flows": {"authorizationCode": {
        "authorizationUrl": "https://acme.example/oauth/authorize", "tokenUrl": "https://acme.example/oauth/token",
        "scopes": {"widgets:read": "Read widgets", "widgets:write": "Write widgets"}}}}}))
    assert oauth.auth_type == "oauth"
    assert (oauth.auth.authorize_url, oauth.auth.token_url, list(oauth.auth.scopes), oauth.auth.pkce) == (
        "https://acme.example/oauth/authorize", "https://acme.example/oauth/token", ["widgets:read", "widgets:write"], True)

    header_key = build_app("acme", _spec({"key": {"type": "apiKey", "in": "header", "name": "X-Acme-Key"}}))
    assert header_key.headers_for({"api_key": "k-123"}) == {"X-Acme-Key": "k-123"}
    bearer = build_app("acme", _spec({"token": {"type": "http", "scheme": "bearer"}}))
    assert bearer.headers_for({"token": "t-1"}) == {"Authorization": "Bearer t-1"}
    basic = build_app("acme", _spec({"basic": {"type": "http", "scheme": "basic"}}))
    assert basic.headers_for({"username": "ada", "password": "pw"}) == {"Authorization": "Basic YWRhOnB3"}

    query_key = build_app("acme", _spec({"key": {"type": "apiKey", "in": "query", "name": "api_key"}}))
    route = respx_mock.get("https://api.acme.example/v1/widgets").mock(return_value=httpx.Response(200, json=[]))
    await run_action(query_key.actions["acme-list-widgets"], {}, auth={"api_key": "k-9"})
    assert route.calls.last.request.url.params["api_key"] == "k-9"

    # The document's own `security` order wins, and an unusable scheme is passed over.
    chosen = build_app("acme", _spec({"implicit": {"type": "oauth2", "flows": {"implicit": {
        "authorizationUrl": "https://acme.example/a", "scopes": {}}}}, "key": {"type": "apiKey", "in": "header", "name": "K"}},
        security=[{"implicit": []}, {"key": []}]))
    assert chosen.auth_type == "keys"


@pytest.mark.parametrize(("spec", "overrides", "message"), [
    ({"swagger": "2.0", "info": {"title": "Old"}}, {}, "Swagger 2.0: convert it to 3.x first"),
    ({"openapi": "3.0.0", "info": {"title": "X"}, "servers": [{"url": "/v3"}], "paths": {}}, {},
     'give one as "base_url" in the overrides'),
    (_spec({}), {"operations": {"nosuchOp": {"title": "x"}}}, "the document does not have: nosuchOp"),
    (_spec({"implicit": {"type": "oauth2", "flows": {"implicit": {"authorizationUrl": "https://a", "scopes": {}}}}}), {},
     "only the OAuth authorization code flow"),
    (_spec({}), {"auth": "missing"}, "not among the document's security schemes"),
    ({**_spec({}), "paths": {"/x": {"get": {"parameters": [{"$ref": "https://elsewhere.example/p.json"}]}}}}, {},
     "only references inside the document can be followed"),
])
def test_documents_it_cannot_import_are_refused_with_the_reason(spec, overrides, message):
    with pytest.raises(OpenApiError) as caught:
        build_app("acme", spec, overrides)
    assert message in str(caught.value)


async def test_other_bodies_are_sent_as_given(tmp_path, respx_mock):
    spec = {**_spec({}), "paths": {
        "/imports": {"post": {"operationId": "importCsv", "requestBody": {"required": True, "content": {"text/csv": {}}}}},
        "/blobs": {"put": {"operationId": "putBlob", "requestBody": {"content": {"application/octet-stream": {
            "schema": {"type": "string", "format": "binary"}}}}}},
    }}
    app = build_app("acme", spec)
    csv = respx_mock.post("https://api.acme.example/v1/imports").mock(return_value=httpx.Response(202))
    result = await run_action(app.actions["acme-import-csv"], {"body": "a,b\n1,2\n"})
    assert result.ret == {"status": 202}
    assert csv.calls.last.request.content == b"a,b\n1,2\n" and csv.calls.last.request.headers["content-type"] == "text/csv"
    (tmp_path / "blob.bin").write_bytes(b"\x00\x01binary")
    blob = respx_mock.put("https://api.acme.example/v1/blobs").mock(return_value=httpx.Response(204))
    await run_action(app.actions["acme-put-blob"], {"file": "/tmp/blob.bin"}, tmp_dir=tmp_path)
    sent = blob.calls.last.request
    assert sent.content == b"\x00\x01binary" and sent.headers["content-type"] == "application/octet-stream"
    assert app.actions["acme-put-blob"].annotations.idempotent


def test_a_bad_document_leaves_nothing_behind(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("swagger: '2.0'\ninfo: {title: Old}\n")
    done = import_openapi(bad, "old", tmp_path / "tools")
    assert done.returncode == 2 and "cannot import" in done.stderr and "convert it to 3.x" in done.stderr
    assert not (tmp_path / "tools" / "old").exists()
