"""The catalog page: the apps with search, each app's actions and their props, and for a chosen
app and user the configuration to paste into Claude Desktop, Cursor or an OpenAI Responses call.

Plain server-rendered HTML (no script), public like the hosted product's app directory: it shows
what the gateway can do, never accounts or secrets.
"""

from __future__ import annotations

import functools
import html
import json
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

import mcp_gateway
from mcp_gateway.catalog import Action, Catalog, tool_name

CATALOG_PATH = "/catalog"
_TOKEN_PLACEHOLDER = "<access token from POST /v1/oauth/token>"

_STYLE = """
body{font-family:system-ui,sans-serif;background:#f5f5f7;color:#1d1d1f;margin:0}
header{background:#1d1d1f;color:#fff;padding:16px 32px} header a{color:#fff;text-decoration:none;font-weight:700}
main{max-width:960px;margin:24px auto;padding:0 16px}
form.search{display:flex;gap:8px;margin-bottom:20px} input{flex:1;padding:8px;border:1px solid #ccc;border-radius:6px;font-size:1rem}
button{padding:8px 16px;border:0;border-radius:6px;background:#1d1d1f;color:#fff;font-size:1rem}
ul.apps{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));gap:12px}
ul.apps li,section{background:#fff;border-radius:10px;padding:16px;box-shadow:0 1px 6px #0001}
ul.apps a{font-weight:600;color:#0a58ca;text-decoration:none} .muted{color:#666;font-size:.9rem}
section{margin-bottom:16px} h1{font-size:1.5rem} h2{font-size:1.15rem;margin-top:0} h3{font-size:1rem;margin:0}
table{border-collapse:collapse;width:100%;font-size:.9rem} td,th{border-top:1px solid #eee;padding:6px;text-align:left;vertical-align:top}
code,pre{font-family:ui-monospace,monospace;font-size:.85rem} pre{background:#f0f0f3;padding:12px;border-radius:6px;overflow-x:auto}
.tag{display:inline-block;background:#eef;border-radius:4px;padding:1px 6px;font-size:.8rem;margin-right:4px}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    doc = (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        '<meta name=viewport content="width=device-width,initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_STYLE}</style></head><body>"
        f'<header><a href="{CATALOG_PATH}">mcp-gateway apps</a></header><main>{body}</main></body></html>'
    )
    return HTMLResponse(doc, status_code=status, headers={
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; form-action 'self'",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
    })


def _app_link(slug: str) -> str:
    return _e(f"{CATALOG_PATH}?app={quote(slug)}")


@functools.cache
def uvx_source() -> str:
    """What `uvx --from` installs the gateway from: this checkout when it runs from one, else the package."""
    checkout = Path(mcp_gateway.__file__).resolve().parents[1]
    return str(checkout) if (checkout / "pyproject.toml").is_file() else "mcp-gateway"


def client_configs(base_url: str, slug: str, user: str, project_id: str, environment: str) -> dict[str, str]:
    """Ready-to-paste configuration for one app and user, by client."""
    headers = {"Authorization": f"Bearer {_TOKEN_PLACEHOLDER}", "x-pd-project-id": project_id,
               "x-pd-environment": environment, "x-pd-external-user-id": user, "x-pd-app-slug": slug}
    claude = {"mcpServers": {slug: {"command": "uvx", "args": [
        "--from", uvx_source(), "mcp-gateway", "stdio", "--app", slug, "--external-user-id", user]}}}
    cursor = {"mcpServers": {slug: {"url": f"{base_url}/", "headers": headers}}}
    openai = {"type": "mcp", "server_label": slug, "server_url": f"{base_url}/", "headers": headers,
              "require_approval": "never"}
    return {name: json.dumps(config, indent=2) for name, config in
            (("claude", claude), ("cursor", cursor), ("openai", openai))}


class CatalogPages:
    def __init__(self, catalog: Catalog, base_url: Callable[[Request], str]) -> None:
        self._catalog = catalog
        self._base_url = base_url

    def routes(self) -> list[Route]:
        # One path with `?app=`: a second path segment would take `/{external_user_id}/{app}` from MCP.
        return [Route(CATALOG_PATH, self.page, methods=["GET"])]

    async def page(self, request: Request) -> Response:
        if "app" in request.query_params:
            return self.app_page(request)
        return self.index(request)

    def index(self, request: Request) -> Response:
        query = request.query_params.get("q", "")[:200]
        apps = self._catalog.search_apps(query or None)
        items = "".join(
            f'<li data-app="{_e(a.slug)}"><a href="{_app_link(a.slug)}">{_e(a.name)}</a> '
            f'<span class=muted>{len(a.actions)} actions · {_e(a.auth_type)}</span><p class=muted>{_e(a.description)}</p></li>'
            for a in apps
        )
        found = (f"<p class=muted id=count>{len(apps)} apps match “{_e(query)}”</p>" if query
                 else f"<p class=muted id=count>{len(apps)} apps, {len(self._catalog.actions)} actions</p>")
        body = (
            f'<h1>Apps</h1><form class=search method=get action="{CATALOG_PATH}">'
            f'<input type=search name=q value="{_e(query)}" placeholder="Search apps: send an email, create an issue..." '
            'aria-label="Search apps"><button type=submit>Search</button></form>'
            f"{found}<ul class=apps id=apps>{items or '<li>No app matches. Try other words.</li>'}</ul>"
        )
        return _page("Apps · mcp-gateway", body)

    def app_page(self, request: Request) -> Response:
        slug = request.query_params["app"][:100]
        app = self._catalog.apps.get(slug)
        if app is None:
            return _page("Unknown app", f"<h1>No app {_e(slug)}</h1><p><a href=\"{CATALOG_PATH}\">All apps</a></p>", 404)
        params = request.query_params
        user = params.get("user", "").strip()[:250] or "user-123"
        project_id = params.get("project_id", "").strip()[:40] or "proj_..."
        environment = params.get("environment") if params.get("environment") in ("development", "production") else "development"
        configs = client_configs(self._base_url(request).rstrip("/"), app.slug, user, project_id, environment)
        chooser = (
            f'<form class=search method=get action="{CATALOG_PATH}">'
            f'<input type=hidden name=app value="{_e(app.slug)}">'
            f'<input name=user value="{_e(user)}" aria-label="External user ID">'
            f'<input name=project_id value="{_e(project_id)}" aria-label="Project ID">'
            f'<button type=submit>Show configuration</button></form>'
        )
        configuration = (
            f"<section id=configure><h2>Use {_e(app.name)} for {_e(user)}</h2>{chooser}"
            '<h3>Claude Desktop (stdio through uvx)</h3><p class=muted>In <code>claude_desktop_config.json</code>. '
            f"Store the account first: <code>mcp-gateway accounts add --app {_e(app.slug)} --external-user-id {_e(user)}</code>.</p>"
            f"<pre id=config-claude>{_e(configs['claude'])}</pre>"
            "<h3>Cursor (URL and headers)</h3><p class=muted>In <code>.cursor/mcp.json</code>; the token comes from "
            "<code>POST /v1/oauth/token</code> with the project's client credentials.</p>"
            f"<pre id=config-cursor>{_e(configs['cursor'])}</pre>"
            "<h3>OpenAI Responses API (<code>mcp</code> tool)</h3>"
            f"<pre id=config-openai>{_e(configs['openai'])}</pre></section>"
        )
        actions = "".join(self._action(a) for a in app.actions.values())
        body = (
            f'<p><a href="{CATALOG_PATH}">All apps</a></p><h1 id=app-name>{_e(app.name)}</h1>'
            f"<p>{_e(app.description)}</p><p class=muted>Slug <code>{_e(app.slug)}</code> · auth {_e(app.auth_type)} · "
            f"{len(app.actions)} actions</p>{configuration}<h2>Actions</h2>{actions}"
        )
        return _page(f"{app.name} · mcp-gateway", body)

    @staticmethod
    def _action(action: Action) -> str:
        tags = []
        if action.annotations.read_only:
            tags.append("read-only")
        if action.annotations.destructive:
            tags.append("destructive")
        if action.stash:
            tags.append(f"File Stash {action.stash}")
        rows = "".join(
            f"<tr><td><code>{_e(name)}</code></td><td>{_e(prop.type)}{'' if prop.required else ' (optional)'}</td>"
            f"<td>{_e(prop.label or '')}: {_e(prop.description or '')}</td></tr>"
            for name, prop in action.props.items() if prop.is_input
        )
        table = (f"<table><tr><th>Prop</th><th>Type</th><th>What it is</th></tr>{rows}</table>" if rows
                 else "<p class=muted>No inputs.</p>")
        return (
            f'<section class=action data-key="{_e(action.key)}"><h3>{_e(action.name)} '
            f"<code class=muted>{_e(tool_name(action))}</code></h3>"
            f"<p>{''.join(f'<span class=tag>{_e(t)}</span>' for t in tags)}{_e(action.description)}</p>{table}</section>"
        )

