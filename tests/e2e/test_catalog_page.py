"""The catalog page in headless Chromium: search, an app's actions and props, and ready-to-paste
configuration for a chosen app and user; screenshots checked for the rendered layout."""

from __future__ import annotations

import io
import json
import os
import shutil

import httpx
import pytest
from PIL import Image

from mcp_gateway.web.catalog import uvx_source
from tests.support import GatewayServer, gateway_settings

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if shutil.which("chromium") is None and os.environ.get("MCP_GATEWAY_TESTS_REQUIRE_BROWSER"):
    raise RuntimeError("the catalog page tests need Chromium: apt-get install chromium")
pytestmark = pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Chromium (apt-get install chromium)")

HEADER = (0x1D, 0x1D, 0x1F)  # the page header's background
PAGE = (0xF5, 0xF5, 0xF7)  # the page's background


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    gateway = GatewayServer(gateway_settings(tmp_path_factory.mktemp("gateway"))).start()
    yield gateway
    gateway.stop()


@pytest.fixture
async def page():
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield await browser.new_page(viewport={"width": 1100, "height": 800})
        await browser.close()


def colors(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("RGB")


def share(image: Image.Image, color: tuple[int, int, int], box: tuple[int, int, int, int]) -> float:
    data = image.crop(box).tobytes()
    pixels = list(zip(data[0::3], data[1::3], data[2::3], strict=True))
    return sum(1 for px in pixels if max(abs(a - b) for a, b in zip(px, color)) <= 3) / len(pixels)


async def test_the_catalog_lists_and_searches_apps(server, page):
    await page.goto(f"{server.url}/catalog")
    slugs = await page.locator("#apps li[data-app]").evaluate_all("items => items.map(i => i.dataset.app)")
    assert {"slack", "github", "google_sheets", "http"} <= set(slugs)  # hand-written apps lead the list
    total = len(server.gateway.catalog.apps)
    assert (await page.locator("#count").inner_text()).startswith(f"{total} apps")
    # Past the first hundred, the page says to search rather than render two thousand cards.
    assert len(slugs) == 100 and (await page.locator("#more").inner_text()).startswith(f"{total - 100} more")
    shot = colors(await page.screenshot())
    assert shot.size == (1100, 800)
    assert share(shot, HEADER, (0, 0, 1100, 40)) > 0.9  # the header band rendered dark
    assert share(shot, PAGE, (0, 100, 1100, 800)) > 0.2  # the page background around the cards
    card = colors(await page.locator("#apps li[data-app=slack]").screenshot())
    assert share(card, (255, 255, 255), (0, 0, card.width, card.height)) > 0.6  # a white card with text on it
    assert share(card, (255, 255, 255), (0, 0, card.width, card.height)) < 0.99

    await page.fill("input[name=q]", "post a message to a chat channel")
    await page.click("button[type=submit]")
    found = await page.locator("#apps li").evaluate_all("items => items.map(i => i.dataset.app)")
    chat = {slug for slug, app in server.gateway.catalog.apps.items() if "Communication" in app.categories}
    assert found[0] in chat and "slack" in found[:5]
    assert "match “post a message to a chat channel”" in await page.locator("#count").inner_text()


async def test_an_app_page_shows_actions_props_and_client_configuration(server, page):
    await page.goto(f"{server.url}/catalog")
    await page.click("#apps li[data-app=github] a")
    assert await page.locator("#app-name").inner_text() == "GitHub"
    create = page.locator("section.action[data-key=github-create-issue]")
    assert "repoFullname" in await create.inner_text() and "The issue title" in await create.inner_text()
    assert "read-only" in await page.locator("section.action[data-key=github-get-repository]").inner_text()

    await page.fill("input[name=user]", "ada@example.com")
    await page.fill("input[name=project_id]", "proj_abc123")
    await page.click("#configure button[type=submit]")
    claude = json.loads(await page.locator("#config-claude").inner_text())
    assert claude == {"mcpServers": {"github": {"command": "uvx", "args": [
        "--from", uvx_source(), "mcp-gateway", "stdio", "--app", "github", "--project-id", "proj_abc123",
        "--environment", "development", "--external-user-id", "ada@example.com"],
        "env": {"MCP_GATEWAY_DATA_DIR": str(server.settings.data_dir)}}}}
    cursor = json.loads(await page.locator("#config-cursor").inner_text())["mcpServers"]["github"]
    assert (cursor["type"], cursor["url"]) == ("http", f"{server.url}/")
    assert {k: v for k, v in cursor["headers"].items() if k != "Authorization"} == {
        "x-pd-project-id": "proj_abc123", "x-pd-environment": "development",
        "x-pd-external-user-id": "ada@example.com", "x-pd-app-slug": "github"}
    openai = json.loads(await page.locator("#config-openai").inner_text())
    assert (openai["type"], openai["server_label"], openai["server_url"], openai["require_approval"]) == (
        "mcp", "github", f"{server.url}/", "never")
    shot = colors(await page.locator("#configure").screenshot())
    assert share(shot, (0xF0, 0xF0, 0xF3), (0, 0, shot.width, shot.height)) > 0.2  # the code blocks' background


def test_the_page_escapes_what_it_is_given_and_names_unknown_apps(server):
    hostile = '"><script>alert(1)</script>'
    listed = httpx.get(f"{server.url}/catalog", params={"q": hostile})
    assert listed.status_code == 200 and "<script>" not in listed.text and "&lt;script&gt;" in listed.text
    assert "script-src" not in listed.headers["content-security-policy"]  # no script may run at all
    shown = httpx.get(f"{server.url}/catalog", params={"app": "slack", "user": hostile})
    assert "<script>" not in shown.text
    missing = httpx.get(f"{server.url}/catalog", params={"app": "nope"})
    assert missing.status_code == 404 and "No app nope" in missing.text
