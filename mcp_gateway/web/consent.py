"""The consent page of the gateway's authorization server: after signing in, the end user sees
which client asks, for which apps, with which of their accounts, may connect an account for an
app right here (the Connect Link flow, no developer in the loop), and allows or declines.

Only the browser that signed in may answer: it holds a cookie set at the sign-in callback,
scoped to this path and SameSite=Lax, so another site cannot post a decision in its place.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from mcp_gateway.authz.endpoints import BROWSER_COOKIE, error_page
from mcp_gateway.authz.server import CONSENT_PATH, AuthorizationServer, AuthzError, PendingConsent
from mcp_gateway.catalog import Catalog
from mcp_gateway.connect.accounts import Accounts
from mcp_gateway.connect.tokens import ConnectTokens

_STYLE = """
body{font-family:system-ui,sans-serif;background:#f5f5f7;color:#1d1d1f;margin:0}
main{max-width:480px;margin:48px auto;background:#fff;border-radius:12px;padding:32px;box-shadow:0 2px 12px #0001}
h1{font-size:1.3rem;margin:0 0 12px} p,li{line-height:1.5} .muted{color:#666;font-size:.9rem}
ul{padding-left:20px} a.connect{font-size:.9rem} form{display:inline}
button{margin:20px 8px 0 0;padding:10px 18px;border:0;border-radius:6px;background:#1d1d1f;color:#fff;font-size:1rem;cursor:pointer}
button.secondary{background:#e5e5ea;color:#1d1d1f}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


class ConsentPage:
    def __init__(self, server: AuthorizationServer, catalog: Catalog, accounts: Accounts, tokens: ConnectTokens,
                 base_url: Callable[[Request], str]) -> None:
        self._server = server
        self._catalog = catalog
        self._accounts = accounts
        self._tokens = tokens
        self._base_url = base_url

    def routes(self) -> list[Route]:
        return [Route(CONSENT_PATH, self.show, methods=["GET"]), Route(CONSENT_PATH, self.answer, methods=["POST"])]

    async def show(self, request: Request) -> Response:
        request_id = request.query_params.get("request") or ""
        try:
            pending = await self._server.pending(request_id, request.cookies.get(BROWSER_COOKIE))
        except AuthzError as exc:
            return error_page(exc.description, exc.status)
        return await self._page(pending, self._base_url(request))

    async def answer(self, request: Request) -> Response:
        form = await request.form()
        request_id, decision = str(form.get("request") or ""), str(form.get("decision") or "")
        if decision not in ("allow", "deny"):
            return error_page("choose Allow or Decline", 400)
        try:
            target = await self._server.decide(request_id, request.cookies.get(BROWSER_COOKIE),
                                               approve=decision == "allow", issuer=self._base_url(request))
        except AuthzError as exc:
            return error_page(exc.description, exc.status)
        response = RedirectResponse(target, status_code=303)
        response.delete_cookie(BROWSER_COOKIE, path=CONSENT_PATH)
        return response

    async def _page(self, pending: PendingConsent, base: str) -> HTMLResponse:
        back = f"{base}{CONSENT_PATH}?{urlencode({'request': pending.request_id})}"
        if pending.apps is None:
            apps_html = ("<p>It may use <b>any app on this gateway</b> that it finds for a task, with the accounts you "
                         "connect; it asks you to connect one when it needs it.</p>")
        else:
            items = []
            for slug in pending.apps:
                app = self._catalog.apps.get(slug)
                name = app.name if app is not None else slug
                if app is not None and app.auth_type == "none":
                    items.append(f"<li><b>{_e(name)}</b>: needs no account</li>")
                    continue
                accounts = (await self._accounts.find(pending.project_id, pending.environment,
                                                      external_id=pending.external_user_id, app_slug=slug)).items
                if accounts:
                    shown = ", ".join(_e(a.name or a.external_account_id or a.id) for a in accounts)
                    items.append(f"<li><b>{_e(name)}</b>: with your account {shown}</li>")
                else:
                    link = await self._tokens.create(pending.project_id, pending.environment, pending.external_user_id,
                                                     base_url=base, app_slug=slug, success_redirect_uri=back,
                                                     error_redirect_uri=back)
                    items.append(f"<li><b>{_e(name)}</b>: no account connected yet. "
                                 f"<a class=connect href='{_e(link.connect_link_url)}'>Connect {_e(name)}</a></li>")
            apps_html = f"<p>It will use these apps:</p><ul>{''.join(items)}</ul>"
        client = pending.client
        home = f" (<a href='{_e(client.uri)}' rel=noreferrer>{_e(client.uri)}</a>)" if client.uri else ""
        body = (
            f"<h1>Allow {_e(client.name)}?</h1>"
            f"<p><b>{_e(client.name)}</b>{home} asks to use tools on this gateway as "
            f"<b>{_e(pending.external_user_id)}</b>.</p>{apps_html}"
            f"<p class=muted>You will be sent back to {_e(pending.redirect_host)}. It never sees your accounts' own "
            "passwords or tokens; you can revoke its access at any time.</p>"
            f"<form method=post action='{CONSENT_PATH}'><input type=hidden name=request value='{_e(pending.request_id)}'>"
            "<button name=decision value=allow>Allow</button>"
            "<button class=secondary name=decision value=deny>Decline</button></form>"
        )
        doc = ("<!doctype html><html lang=en><head><meta charset=utf-8>"
               '<meta name=viewport content="width=device-width,initial-scale=1">'
               f"<title>Allow {_e(client.name)}?</title><style>{_STYLE}</style></head><body><main>{body}</main></body></html>")
        return HTMLResponse(doc, headers={
            "Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' https: http:; "
                                       "frame-ancestors 'none'",
        })
