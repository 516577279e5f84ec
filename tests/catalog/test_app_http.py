"""An app's HTTP client sends the account's credentials only to the app's own hosts."""

from __future__ import annotations

import httpx

from mcp_gateway.catalog import AppHttp


def client(refreshes: list[str]) -> AppHttp:
    async def refresh():
        refreshes.append("refresh")
        return {"Authorization": "Bearer fresh"}

    return AppHttp(httpx.AsyncClient(), app_name="Acme", headers={"Authorization": "Bearer secret-token"},
                   base_url="https://api.acme.example/v2", allowed_domains=["uploads.acme.example", "*.cdn.acme.example"],
                   on_unauthorized=refresh)


async def test_credentials_go_to_the_base_host_and_allowed_domains_only(respx_mock):
    routes = {url: respx_mock.get(url).mock(return_value=httpx.Response(200)) for url in (
        "https://api.acme.example/v2/items", "https://uploads.acme.example/put", "https://eu.uploads.acme.example/put",
        "https://img.cdn.acme.example/a.png", "https://cdn.acme.example/a.png", "https://acme.example.evil.test/steal")}
    http = client([])
    await http.get("items")
    for url in list(routes)[1:]:
        await http.get(url, raise_for_status=False)
    sent = {url: route.calls.last.request.headers.get("authorization") for url, route in routes.items()}
    assert sent == {
        "https://api.acme.example/v2/items": "Bearer secret-token",
        "https://uploads.acme.example/put": "Bearer secret-token",
        "https://eu.uploads.acme.example/put": "Bearer secret-token",  # a subdomain of an allowed domain
        "https://img.cdn.acme.example/a.png": "Bearer secret-token",
        "https://cdn.acme.example/a.png": None,  # `*.` admits subdomains only
        "https://acme.example.evil.test/steal": None,
    }


async def test_a_401_from_a_foreign_host_refreshes_nothing(respx_mock):
    respx_mock.get("https://elsewhere.example/file").mock(return_value=httpx.Response(401))
    own = respx_mock.get("https://api.acme.example/v2/me").mock(side_effect=[httpx.Response(401), httpx.Response(200)])
    refreshes: list[str] = []
    http = client(refreshes)
    assert (await http.get("https://elsewhere.example/file", raise_for_status=False)).status_code == 401
    assert refreshes == []
    assert (await http.get("me")).status_code == 200
    assert refreshes == ["refresh"] and own.calls.last.request.headers["authorization"] == "Bearer fresh"
