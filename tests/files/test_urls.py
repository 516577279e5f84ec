"""The local store's links point where the request came in, unless a public URL is set."""

from __future__ import annotations

import secrets

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from mcp_gateway.files import BaseUrlMiddleware
from mcp_gateway.files.local import LocalFileStore
from mcp_gateway.files.signing import UrlSigner


def app_making_links(store: LocalFileStore) -> Starlette:
    async def link(_: Request) -> PlainTextResponse:
        return PlainTextResponse(await store.url("k/a.txt", expires_in=60, content_type="text/plain", filename="a.txt"))

    return Starlette(routes=[Route("/link", link)], middleware=[Middleware(BaseUrlMiddleware)])


def test_links_use_the_requests_host(tmp_path):
    store = LocalFileStore(tmp_path, UrlSigner([secrets.token_bytes(32)]))
    with TestClient(app_making_links(store), base_url="https://gateway.internal:8443") as client:
        assert client.get("/link").text.startswith("https://gateway.internal:8443/v1/files/k/a.txt?expires=")


def test_a_public_url_wins(tmp_path):
    store = LocalFileStore(tmp_path, UrlSigner([secrets.token_bytes(32)]), public_url="https://files.example.com")
    with TestClient(app_making_links(store), base_url="http://127.0.0.1:3010") as client:
        assert client.get("/link").text.startswith("https://files.example.com/v1/files/k/a.txt?")
