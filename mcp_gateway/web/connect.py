"""The Connect Link page: an end user opens it, signs in to the app (OAuth) or types in
keys, and lands on the developer's success or error URL, or on a result page here."""

from __future__ import annotations

import html
from collections.abc import Callable
from urllib.parse import urlencode

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from mcp_gateway.catalog import App, Catalog, Keys
from mcp_gateway.connect.flow import CALLBACK_PATH, Branding, ConnectFlow, Outcome
from mcp_gateway.connect.oauth_apps import OAuthAppError, OAuthClientMissing
from mcp_gateway.connect.tokens import CONNECT_PAGE, ConnectSession, ConnectTokenError
from mcp_gateway.http_json import JsonBodyError, check_text

START_OAUTH_PATH = "/_static/connect/oauth"
SAVE_KEYS_PATH = "/_static/connect/keys"

_STYLE = """
body{font-family:system-ui,sans-serif;background:#f5f5f7;color:#1d1d1f;margin:0}
main{max-width:420px;margin:48px auto;background:#fff;border-radius:12px;padding:32px;box-shadow:0 2px 12px #0001}
h1{font-size:1.3rem;margin:0 0 12px} p{line-height:1.5} .muted{color:#666;font-size:.9rem}
img.logo{max-height:48px;margin-bottom:16px} label{display:block;margin:16px 0 4px;font-weight:600}
input{width:100%;box-sizing:border-box;padding:8px;border:1px solid #ccc;border-radius:6px;font-size:1rem}
button{margin-top:20px;width:100%;padding:10px;border:0;border-radius:6px;background:#1d1d1f;color:#fff;font-size:1rem;cursor:pointer}
.error{color:#b00020} ul{padding-left:20px}
"""


def _page(title: str, body: str, *, status: int = 200, frame_origins: tuple[str, ...] = ()) -> HTMLResponse:
    doc = (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        '<meta name=viewport content="width=device-width,initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body><main>{body}</main></body></html>"
    )
    ancestors = " ".join(("'self'", *frame_origins))
    return HTMLResponse(
        doc,
        status_code=status,
        headers={
            # The URL carries the connect token: never leak it to other sites.
            "Referrer-Policy": "no-referrer",
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": f"default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; "
            f"form-action 'self' https: http:; frame-ancestors {ancestors}",
        },
    )


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _header(branding: Branding) -> str:
    logo = f'<img class=logo src="{_e(branding.logo_url)}" alt="">' if branding.logo_url else ""
    who = f"{_e(branding.app_name)} uses mcp-gateway" if branding.app_name else "We use mcp-gateway"
    return f'{logo}<p class=muted>{who} to connect your account</p>'


def _contact(branding: Branding) -> str:
    if not branding.support_email:
        return ""
    email = _e(branding.support_email)
    return f'<p class=muted id=contact>Questions? Write to <a href="mailto:{email}">{email}</a>.</p>'


def _support(branding: Branding) -> str:
    if branding.support_email:
        email = _e(branding.support_email)
        return f' or contact support <a href="mailto:{email}">{email}</a>'
    return " or contact support"


def _failure_page(message: str, branding: Branding | None = None, status: int = 400) -> HTMLResponse:
    support = _support(branding) if branding else " or contact support"
    header = _header(branding) if branding else ""
    return _page(
        "Connection failed",
        f"{header}<h1>Connection failed</h1><p class=error id=error>{_e(message)}</p>"
        f"<p class=muted>Please retry{support}.</p>",
        status=status,
    )


class ConnectPages:
    def __init__(self, flow: ConnectFlow, catalog: Catalog, base_url: Callable[[Request], str]) -> None:
        self._flow = flow
        self._catalog = catalog
        self._base_url = base_url

    def routes(self) -> list[Route]:
        return [
            Route(CONNECT_PAGE, self.page, methods=["GET"]),
            Route(START_OAUTH_PATH, self.start_oauth, methods=["POST"]),
            Route(SAVE_KEYS_PATH, self.save_keys, methods=["POST"]),
            Route(CALLBACK_PATH, self.callback, methods=["GET"]),
        ]

    async def page(self, request: Request) -> Response:
        q = request.query_params
        try:
            session, app = await self._flow.open(q.get("token"), q.get("app"))
        except ConnectTokenError as exc:
            return _failure_page(str(exc), status=exc.status)
        branding = await self._flow.branding(session.project_id)
        token = q["token"]
        if app is None:
            return self._chooser(session, branding, token)
        if isinstance(app.auth, Keys):
            return self._keys_form(session, branding, app, token)
        try:  # before the user signs in at the provider only to fail on the way back
            await self._flow.check_connectable(session.project_id, app.slug, base_url=self._base_url(request),
                                               oauth_app_id=q.get("oauthAppId") or session.oauth_app_id)
        except OAuthClientMissing as exc:
            return self._not_set_up(session, branding, app, exc)
        except OAuthAppError as exc:
            return _failure_page(str(exc), branding, status=503)
        return self._oauth_start(session, branding, app, token, q.get("oauthAppId"))

    def _chooser(self, session: ConnectSession, branding: Branding, token: str) -> Response:
        apps = sorted((a for a in self._catalog.apps.values() if a.auth_type != "none"), key=lambda a: a.name.lower())
        items = "".join(
            f'<li><a href="{CONNECT_PAGE}?{_e(urlencode({"token": token, "connectLink": "true", "app": a.slug}))}">{_e(a.name)}</a></li>'
            for a in apps
        )
        return _page("Connect an account", f"{_header(branding)}<h1>Choose an app to connect</h1><ul>{items}</ul>", frame_origins=session.allowed_origins)

    def _oauth_start(self, session: ConnectSession, branding: Branding, app: App, token: str, oauth_app_id: str | None) -> Response:
        hidden = _hidden(token=token, app=app.slug, oauthAppId=oauth_app_id or "")
        body = (
            f"{_header(branding)}<h1>Connect your {_e(app.name)} account</h1>"
            f"<p>You will sign in to {_e(app.name)} and choose what to allow.</p>"
            f'<form method=post action="{START_OAUTH_PATH}">{hidden}<button id=connect type=submit>Connect {_e(app.name)}</button></form>'
            f"{_contact(branding)}"
        )
        return _page(f"Connect {app.name}", body, frame_origins=session.allowed_origins)

    def _not_set_up(self, session: ConnectSession, branding: Branding, app: App, exc: OAuthClientMissing) -> Response:
        """An app nobody can connect yet: the user learns it is not their doing. In development, where
        developers open their own links, the page also says what the operator runs."""
        fix = (f"<p class=muted id=fix>For the developer (development environment only): {_e(exc)}</p>"
               if session.environment == "development" else "")
        body = (
            f"{_header(branding)}<h1 id=not-set-up>{_e(app.name)} cannot be connected yet</h1>"
            f"<p>{_e(branding.app_name or 'This service')} has not finished setting up {_e(app.name)}, so your account "
            f"cannot be connected now. Please try again later{_support(branding)}.</p>{fix}"
        )
        return _page(f"{app.name} cannot be connected yet", body, status=503, frame_origins=session.allowed_origins)

    def _keys_form(self, session: ConnectSession, branding: Branding, app: App, token: str, problem: str | None = None) -> Response:
        assert isinstance(app.auth, Keys)
        fields = ""
        for field in [*app.auth.fields, *app.custom_fields]:
            kind = "password" if field.secret else "text"
            hint = f"<div class=muted>{_e(field.description)}</div>" if field.description else ""
            required = "" if field.optional else " required"
            default = f' value="{_e(field.default)}"' if field.default and not field.secret else ""
            fields += (
                f'<label for="f_{_e(field.name)}">{_e(field.label)}</label>{hint}'
                f'<input id="f_{_e(field.name)}" name="{_e(field.name)}" type={kind} autocomplete=off{default}{required}>'
            )
        error = f"<p class=error id=error>{_e(problem)}</p>" if problem else ""
        body = (
            f"{_header(branding)}<h1>Connect your {_e(app.name)} account</h1>{error}"
            f'<form method=post action="{SAVE_KEYS_PATH}">{_hidden(token=token, app=app.slug)}{fields}'
            f"<button id=connect type=submit>Save</button></form>{_contact(branding)}"
        )
        return _page(f"Connect {app.name}", body, status=400 if problem else 200, frame_origins=session.allowed_origins)

    async def start_oauth(self, request: Request) -> Response:
        try:
            form = await _form(request)
            session, app = await self._flow.open(_str(form.get("token")), _str(form.get("app")))
            if app is None:
                raise ConnectTokenError("Choose an app to connect.")
            url = await self._flow.start_oauth(session, app, _str(form.get("oauthAppId")) or None, self._base_url(request))
        except ConnectTokenError as exc:
            return _failure_page(str(exc), status=exc.status)
        except OAuthClientMissing as exc:  # the client was removed since the page was shown
            return self._not_set_up(session, await self._flow.branding(session.project_id), app, exc)
        except OAuthAppError as exc:
            return _failure_page(str(exc), await self._flow.branding(session.project_id), status=503)
        return RedirectResponse(url, status_code=303)

    async def save_keys(self, request: Request) -> Response:
        try:
            form = await _form(request)
            token = _str(form.get("token"))
            session, app = await self._flow.open(token, _str(form.get("app")))
        except ConnectTokenError as exc:
            return _failure_page(str(exc), status=exc.status)
        if app is None or not isinstance(app.auth, Keys):
            return _failure_page("This app is not connected with keys.")
        values = {k: v for k, v in form.items() if isinstance(v, str)}
        try:
            outcome = await self._flow.save_keys(session, app, values)
        except ValueError as exc:
            return self._keys_form(session, await self._flow.branding(session.project_id), app, token, str(exc))
        except ConnectTokenError as exc:
            return _failure_page(str(exc), status=exc.status)
        return await self._finish(outcome)

    async def callback(self, request: Request) -> Response:
        try:
            outcome = await self._flow.finish_oauth(dict(request.query_params))
        except ConnectTokenError as exc:
            return _failure_page(str(exc), status=exc.status)
        return await self._finish(outcome)

    async def _finish(self, outcome: Outcome) -> Response:
        if outcome.redirect_uri:
            return RedirectResponse(outcome.redirect_uri, status_code=303)
        branding = await self._flow.branding(outcome.session.project_id)
        if outcome.error is not None:
            return _failure_page(outcome.error, branding)
        return _page(
            "Connected",
            f"{_header(branding)}<h1 id=success>Your {_e(outcome.app.name)} account is connected</h1>"
            "<p>You can close this window and go back to where you started.</p>",
        )


async def _form(request: Request) -> FormData:
    """The posted form, refused (400) when its text holds what no store keeps: NUL, or a lone
    surrogate (a multipart form is decoded in the charset the client names, UTF-7 included)."""
    form = await request.form()
    try:
        for name, value in form.multi_items():
            check_text(name, "A form field's name")
            if isinstance(value, str):
                check_text(value, f"The form field {name}")
    except JsonBodyError as exc:
        raise ConnectTokenError(str(exc), status=400) from None
    return form


def _hidden(**values: str) -> str:
    return "".join(f'<input type=hidden name="{_e(k)}" value="{_e(v)}">' for k, v in values.items())


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""
