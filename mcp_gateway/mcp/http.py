"""One URL, every HTTP transport: streamable HTTP in both protocol eras, and legacy HTTP+SSE.

The transport is chosen per request, with no client configuration:
- POST with `?sessionId=` is a legacy SSE message; any other POST is streamable HTTP,
  2026-era when `MCP-Protocol-Version` names a modern version (or the method is
  `server/discover`), handshake-era otherwise.
- GET with `Mcp-Session-Id` opens a session's notification stream; GET without it
  opens a legacy SSE stream and announces where to POST messages.
- DELETE with `Mcp-Session-Id` ends a session.

The `/sse` URLs (served by `McpEndpoint.sse`) are legacy HTTP+SSE only: GET opens the stream
whatever its Accept header, and announces the `/messages` URL beside the path.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from contextvars import ContextVar
from typing import Any
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Receive, Scope, Send

from mcp_gateway.authz import Authenticator
from mcp_gateway.catalog import Catalog
from mcp_gateway.connect.developer_auth import AuthError, Principal
from mcp_gateway.http_json import JsonBodyError, dump_json, read_json
from mcp_gateway.lifecycle import Drain
from mcp_gateway.store.shared import SharedUnavailable

from .accounts import ClientContext
from .inflight import Inflight
from .subscriptions import SUBSCRIPTION_ID_META_KEY, HONOURED, ListChanges, honoured
from .params import McpParams, ParamError, raw_params, resolve
from .protocol import (
    ERROR_HTTP_STATUS,
    INTERNAL_ERROR,
    INVALID_PARAMS,
    INVALID_REQUEST,
    PARSE_ERROR,
    JsonRpcError,
    Protocol,
    check_message,
    error_response,
    negotiate,
    read_envelope,
)
from .security import HostGuard
from .sessions import Session, SessionStore, StreamHub
from .spec import BATCH_PROTOCOL_VERSIONS, HANDSHAKE_PROTOCOL_VERSIONS, MODERN_PROTOCOL_VERSIONS, UNSUPPORTED_PROTOCOL_VERSION

logger = logging.getLogger(__name__)

SESSION_HEADER = "mcp-session-id"
PING_SECONDS = 15.0
_JSON = [(b"content-type", b"application/json")]
_SSE = [
    (b"content-type", b"text/event-stream"),
    (b"cache-control", b"no-cache, no-transform"),
    (b"connection", b"keep-alive"),
    (b"x-accel-buffering", b"no"),
]


class HttpError(Exception):
    def __init__(self, status: int, message: str, *, code: int = INVALID_REQUEST, request_id: Any = None,
                 headers: list[tuple[bytes, bytes]] | None = None, data: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.request_id = request_id
        self.headers = headers or []
        self.data = data


async def _send(send: Send, status: int, body: bytes = b"", headers: list[tuple[bytes, bytes]] | None = None) -> None:
    await send({"type": "http.response.start", "status": status, "headers": (headers or []) + [(b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


async def _read_json(headers: Mapping[str, str], receive: Receive) -> Any:
    """A POST's body, parsed (`BodyLimit` has bounded its size)."""
    if headers.get("content-type", "").lower().startswith("multipart/form-data"):
        raise HttpError(415, "MCP messages are JSON: send them with Content-Type: application/json")
    chunks = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise HttpError(400, "client disconnected before sending the body")
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            break
    try:
        return read_json(b"".join(chunks))
    except JsonBodyError as exc:
        raise HttpError(400, f"Parse error: {exc}", code=PARSE_ERROR) from None


def _check_messages(messages: list[Any], *, batch: bool) -> None:
    for index, message in enumerate(messages):
        try:
            check_message(message)
        except JsonRpcError as exc:
            # Params are checked after the id, so an INVALID_PARAMS message has an id to answer.
            request_id = message.get("id") if exc.code == INVALID_PARAMS else None
            where = f"message {index} of the batch: " if batch else ""
            raise HttpError(400, where + exc.message, code=exc.code, request_id=request_id) from None


# The gateway URL and path the current request reached, for the token audience and the
# resource metadata a 401 points to.
_reached: ContextVar[tuple[str, str]] = ContextVar("mcp_reached", default=("http://localhost", "/"))
# A project API key the request's URL carries (`/k/{key}/mcp`), which stands for its Authorization.
_url_key: ContextVar[str | None] = ContextVar("mcp_url_key", default=None)


class McpEndpoint:
    """The ASGI app behind every MCP URL form."""

    def __init__(
        self,
        *,
        protocol: Protocol,
        auth: Authenticator,
        sessions: SessionStore,
        hub: StreamHub,
        inflight: Inflight,
        list_changes: ListChanges,
        catalog: Catalog,
        guard: HostGuard,
        default_tool_mode: str,
        drain: Drain,
        public_url: str | None = None,
    ) -> None:
        self._protocol = protocol
        self._inflight = inflight
        self._list_changes = list_changes
        self._auth = auth
        self._sessions = sessions
        self._hub = hub
        self._catalog = catalog
        self._guard = guard
        self._default_tool_mode = default_tool_mode
        self._public_url = public_url
        self._drain = drain
        self._tasks: set[asyncio.Task[None]] = set()
        # The app behind the `/sse` URL forms, which 2024-11-05 HTTP+SSE clients GET with `Accept: */*` or none.
        self.sse: ASGIApp = _SseUrl(self)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._serve(scope, receive, send, sse_url=False)

    async def _serve(self, scope: Scope, receive: Receive, send: Send, *, sse_url: bool) -> None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        path_params = scope.get("path_params") or {}
        method = scope["method"]
        base_url = self._public_url or f"{scope.get('scheme', 'http')}://{headers.get('host', 'localhost')}"
        _reached.set((base_url, scope.get("path", "/")))
        _url_key.set(path_params.get("key"))
        try:
            problem = self._guard.check(headers)
            if problem is not None:
                raise HttpError(403 if "Origin" in problem else 421, problem)
            if sse_url:
                if method != "GET":
                    raise HttpError(405, f"{method} is not supported here: GET opens the legacy SSE stream, and messages are "
                                         "POSTed to the endpoint its first event announces", headers=[(b"allow", b"GET")])
                await self._legacy_stream(scope, headers, query, path_params, receive, send, sse_url=True)
            elif method == "POST":
                if "sessionId" in query:
                    await self._legacy_message(headers, query, receive, send, base_url)
                else:
                    await self._post(headers, query, path_params, receive, send, base_url)
            elif method == "GET":
                if SESSION_HEADER in headers:
                    await self._notification_stream(headers, receive, send)
                elif "text/event-stream" in headers.get("accept", ""):
                    await self._legacy_stream(scope, headers, query, path_params, receive, send, sse_url=False)
                else:
                    raise HttpError(406, "GET opens an event stream: send `Accept: text/event-stream` (or POST JSON-RPC messages)")
            elif method == "DELETE":
                await self._delete(headers, send)
            else:
                raise HttpError(405, f"{method} is not supported here; use POST, GET or DELETE", headers=[(b"allow", b"GET, POST, DELETE")])
        except SharedUnavailable as exc:
            logger.error("MCP %s failed: %s", method, exc)
            body = dump_json({"jsonrpc": "2.0", "id": None, "error": {
                "code": INTERNAL_ERROR, "message": "the gateway cannot reach its shared state (Redis); retry shortly"}})
            await _send(send, 503, body, _JSON + [(b"retry-after", b"5")])
        except HttpError as exc:
            error: dict[str, Any] = {"code": exc.code, "message": str(exc)}
            if exc.data is not None:
                error["data"] = exc.data
            body = dump_json({"jsonrpc": "2.0", "id": exc.request_id, "error": error})
            await _send(send, exc.status, body, _JSON + exc.headers)

    # Auth and parameters

    async def _principal(self, headers: Mapping[str, str], request_id: Any = None) -> Principal:
        base_url, path = _reached.get()
        url_key = _url_key.get()
        try:
            if url_key is not None:
                return await self._auth.url_key(url_key)
            return await self._auth.principal(headers.get("authorization"), issuer=base_url)
        except AuthError as exc:
            challenge = 'Bearer realm="mcp-gateway"'
            if self._auth.server.signin is not None and url_key is None:
                # RFC 9728 §5.1: where a client that runs MCP authorization learns how to get a token.
                suffix = path.rstrip("/").removesuffix("/sse").removesuffix("/messages")
                challenge += f', resource_metadata="{base_url}/.well-known/oauth-protected-resource{suffix}"'
            if exc.status == 401 and headers.get("authorization"):
                challenge += ', error="invalid_token"'  # RFC 6750 §3.1: a credential was sent, and is no good
            raise HttpError(exc.status, str(exc), request_id=request_id, headers=[(b"www-authenticate", challenge.encode())]) from None

    def _params(self, principal: Principal, raw: Mapping[str, str], base: McpParams | None, request_id: Any = None) -> McpParams:
        if base is None and principal.environment is not None:
            # What a key binds need not be sent as well: a static config may hold the key alone.
            raw = {**principal.bindings, **{name: value for name, value in raw.items() if value}}
            if "apps" not in raw:  # no app named anywhere: the agent finds them (a client added by URL alone)
                raw.setdefault("tool_mode", "full-config")
                raw.setdefault("app_discovery", "true")
        try:
            params = resolve(raw, base=base, default_tool_mode=self._default_tool_mode, known_apps=self._catalog.apps)
        except ParamError as exc:
            raise HttpError(400, str(exc), code=INVALID_PARAMS, request_id=request_id) from None
        if params.project_id != principal.project_id:
            raise HttpError(403, f"this access token belongs to project {principal.project_id}, not {params.project_id}", request_id=request_id)
        refusal = principal.refusal(environment=params.environment, external_user_id=params.external_user_id, apps=params.apps)
        if refusal is not None:
            base_url, path = _reached.get()
            # RFC 6750 §3.1: the credential is good but does not reach this; the client may ask for more.
            challenge = f'Bearer error="insufficient_scope", scope="mcp", error_description="{refusal.replace(chr(34), chr(39))}"'
            if self._auth.server.signin is not None:
                challenge += f', resource_metadata="{base_url}/.well-known/oauth-protected-resource{path.rstrip("/")}"'
            raise HttpError(403, refusal, request_id=request_id, headers=[(b"www-authenticate", challenge.encode())])
        return params

    async def _session(self, session_id: str, principal: Principal, request_id: Any = None) -> Session:
        session = await self._sessions.get(session_id)
        # Another project's session is answered as an unknown one: session ids are not to be probed.
        if session is None or session.params.project_id != principal.project_id or principal.refusal(
            environment=session.params.environment, external_user_id=session.params.external_user_id, apps=session.params.apps
        ):
            raise HttpError(404, "session not found or expired: start a new session with initialize", request_id=request_id)
        return session

    # Streamable HTTP

    async def _post(self, headers: dict[str, str], query: dict[str, str], path: Mapping[str, str], receive: Receive, send: Send, base_url: str) -> None:
        accept = headers.get("accept", "")
        if accept and "application/json" not in accept and "*/*" not in accept:
            raise HttpError(406, "POST responses are JSON: send `Accept: application/json, text/event-stream`")
        message = await _read_json(headers, receive)
        version = headers.get("mcp-protocol-version")
        is_modern = version in MODERN_PROTOCOL_VERSIONS or (
            version is None and isinstance(message, dict) and message.get("method") == "server/discover"
        )
        if version is not None and not is_modern and version not in HANDSHAKE_PROTOCOL_VERSIONS:
            raise HttpError(
                400,
                f"unsupported MCP-Protocol-Version {version!r}; supported: {', '.join(HANDSHAKE_PROTOCOL_VERSIONS + MODERN_PROTOCOL_VERSIONS)}",
                code=UNSUPPORTED_PROTOCOL_VERSION,
                request_id=message.get("id") if isinstance(message, dict) else None,
                # What server/discover offers; a session-era client reads the message.
                data={"supported": list(MODERN_PROTOCOL_VERSIONS), "requested": version},
            )
        if is_modern:
            await self._modern(message, headers, query, path, receive, send, base_url)
        else:
            await self._handshake_era(message, headers, query, path, send, base_url)

    async def _modern(self, message: Any, headers: dict[str, str], query: dict[str, str], path: Mapping[str, str],
                      receive: Receive, send: Send, base_url: str) -> None:
        if isinstance(message, list):
            raise HttpError(400, f"JSON-RPC batches are not part of MCP {', '.join(MODERN_PROTOCOL_VERSIONS)}: send one message per POST")
        if not isinstance(message, dict) or "method" not in message:
            raise HttpError(400, "the body must be one JSON-RPC 2.0 request or notification object")
        _check_messages([message], batch=False)
        if "id" not in message:
            await _send(send, 202)  # no client notifications exist at this revision; accept and drop
            return
        request_id = message["id"]
        principal = await self._principal(headers, request_id)
        method, params = message["method"], message.get("params")
        stream = _EventStream(send, headers)
        try:
            envelope = read_envelope(method, params, headers)
            mcp = self._params(principal, raw_params(headers, query, path), None, request_id)
            capabilities = envelope.client_capabilities if isinstance(envelope.client_capabilities, Mapping) else None
            if method == "subscriptions/listen":
                await self._listen(request_id, params or {}, mcp, stream, receive)
                return
            outbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
            client = ClientContext(envelope.protocol_version, capabilities, base_url,
                                   emit=outbox.put_nowait if stream.possible else None)
            work = asyncio.ensure_future(self._protocol.dispatch(method, params, mcp, modern=True, client=client))
            disconnected = asyncio.ensure_future(_wait_disconnect(receive))
            try:
                answer = await _pump(outbox, work, stream.write, disconnected)
            except _ClientGone:
                return  # the request is cancelled, and nobody is there for an answer
            finally:
                disconnected.cancel()
            response: dict[str, Any] = {"jsonrpc": "2.0", "id": request_id, "result": answer.result}
            if stream.started or (answer.notifications and stream.possible):
                for notification in answer.notifications:
                    await stream.write(notification)
                await stream.write(response)
                await stream.end()
                return
            status = 200
        except JsonRpcError as exc:
            response = error_response(request_id, exc)
            status = ERROR_HTTP_STATUS.get(exc.code, 200)
        except HttpError:
            raise
        except Exception:
            logger.exception("%s failed", method)
            response = error_response(request_id, JsonRpcError(INTERNAL_ERROR, "internal error; the gateway logged the details"))
            status = 200
        if stream.started:  # an error after progress went out ends the same stream
            await stream.write(response)
            await stream.end()
            return
        await _send(send, status, dump_json(response), _JSON)

    async def _listen(self, request_id: Any, params: Mapping[str, Any], mcp: McpParams, stream: _EventStream,
                      receive: Receive) -> None:
        """A `subscriptions/listen` stream: the acknowledgement, then the changes asked for, until
        the client goes; a stopping process ends it with the request's response."""
        if not stream.possible:
            raise HttpError(406, "subscriptions/listen answers with an event stream: send "
                                 "`Accept: application/json, text/event-stream`", request_id=request_id)
        wanted = honoured(params.get("notifications"))
        methods = {HONOURED[name] for name in wanted}
        meta = {SUBSCRIPTION_ID_META_KEY: request_id}
        conversation_id = mcp.conversation_id
        # Subscribed before the acknowledgement, so that no change after it is missed.
        async with self._list_changes.listen(mcp, conversation_id) as queue:
            await stream.write({"jsonrpc": "2.0", "method": "notifications/subscriptions/acknowledged",
                                "params": {"_meta": meta, "notifications": wanted}})
            disconnected = asyncio.ensure_future(_wait_disconnect(receive))
            draining = asyncio.ensure_future(self._drain.draining.wait())
            try:
                while True:
                    getter = asyncio.ensure_future(queue.get())
                    done, _ = await asyncio.wait({getter, disconnected, draining}, timeout=PING_SECONDS,
                                                 return_when=asyncio.FIRST_COMPLETED)
                    if getter not in done:
                        getter.cancel()
                    if disconnected in done:
                        return
                    if draining in done:
                        break
                    if getter in done and getter.result() in methods:
                        await stream.write({"jsonrpc": "2.0", "method": getter.result(), "params": {"_meta": meta}})
                    elif not done:
                        await stream.comment(b"ping")
                # Torn down by the server: it says so, then answers the listen request (a graceful end).
                await stream.write({"jsonrpc": "2.0", "method": "notifications/cancelled",
                                    "params": {"requestId": request_id, "reason": "the gateway process is stopping"}})
                await stream.write({"jsonrpc": "2.0", "id": request_id, "result": {"resultType": "complete", "_meta": meta}})
                await stream.end()
            finally:
                disconnected.cancel()
                draining.cancel()

    async def _handshake_era(self, message: Any, headers: dict[str, str], query: dict[str, str], path: Mapping[str, str], send: Send, base_url: str) -> None:
        batch = isinstance(message, list)
        messages = message if batch else [message]
        if not messages:
            raise HttpError(400, "the body must be a JSON-RPC 2.0 message (or a batch of them), not an empty array")
        _check_messages(messages, batch=batch)
        first_id = messages[0].get("id")
        principal = await self._principal(headers, first_id)
        init = next((m for m in messages if m.get("method") == "initialize"), None)
        extra_headers: list[tuple[bytes, bytes]] = []
        if init is not None:
            if len(messages) > 1:
                raise HttpError(400, "initialize must be sent on its own", request_id=init.get("id"))
            mcp = self._params(principal, raw_params(headers, query, path), None, init.get("id"))
            init_params = init.get("params") or {}
            session = await self._sessions.create(
                mcp,
                client_id=principal.client_id,
                protocol_version=negotiate(init_params.get("protocolVersion")),
                transport="streamable-http",
                client_info=init_params.get("clientInfo"),
                capabilities=init_params.get("capabilities"),
            )
            extra_headers.append((SESSION_HEADER.encode(), session.id.encode()))
            response = {"jsonrpc": "2.0", "id": init.get("id"), "result": self._protocol.initialize_result(init_params)}
            await _send(send, 200, dump_json(response), _JSON + extra_headers)
            return
        session_id = headers.get(SESSION_HEADER)
        if not session_id:
            raise HttpError(400, "missing Mcp-Session-Id header: send initialize first, then the session id it returns", request_id=first_id)
        session = await self._session(session_id, principal, first_id)
        if batch and session.protocol_version not in BATCH_PROTOCOL_VERSIONS:
            raise HttpError(400, f"JSON-RPC batches are not part of MCP {session.protocol_version}, this session's "
                                 "protocol version: send one message per POST")
        mcp = self._params(principal, raw_params(headers, query, path), session.params, first_id)
        extra_headers.append((SESSION_HEADER.encode(), session.id.encode()))
        await self._route_client_messages(session.id, messages)
        requests = [m for m in messages if "id" in m and isinstance(m.get("method"), str)]
        if not batch and requests:
            await self._handshake_request(requests[0], session, mcp, headers, send, base_url, extra_headers)
            return
        client = ClientContext(session.protocol_version, session.capabilities, base_url, session.id)
        notifications: list[dict[str, Any]] = []
        responses = [r for r in [await self._answer(m, mcp, client, notifications) for m in messages] if r is not None]
        if not responses:
            await _send(send, 202, b"", extra_headers)
            return
        if notifications:
            if "text/event-stream" not in headers.get("accept", "") and await self._hub.has(session.id):
                for notification in notifications:  # a JSON-only client hears them on its GET stream
                    await self._hub.send(session.id, notification)
            else:
                await self._reply(send, headers, [*notifications, *responses], extra_headers)
                return
        await _send(send, 200, dump_json(responses if batch else responses[0]), _JSON + extra_headers)

    async def _handshake_request(self, message: dict[str, Any], session: Session, mcp: McpParams, headers: Mapping[str, str],
                                 send: Send, base_url: str, extra_headers: list[tuple[bytes, bytes]]) -> None:
        """Answer one request of a session. What the call sends the client meanwhile (progress,
        log messages, its own requests) goes on an event stream answering the POST when the
        client takes one, else on the session's GET stream if one is open anywhere."""
        stream = _EventStream(send, headers, extra_headers)
        if stream.possible:
            write, reachable = stream.write, True
        else:
            try:
                reachable = await self._hub.has(session.id)
            except SharedUnavailable:  # the call needs no stream: it goes on without notifications
                reachable = False

            async def write(item: dict[str, Any]) -> None:
                await self._hub.send(session.id, item)
        outbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        client = ClientContext(session.protocol_version, session.capabilities, base_url, session.id,
                               emit=outbox.put_nowait if reachable else None, can_request=reachable)
        notifications: list[dict[str, Any]] = []
        work = asyncio.ensure_future(self._answer(message, mcp, client, notifications))
        self._inflight.track(session.id, message["id"], work)
        try:
            response = await _pump(outbox, work, write)
        except asyncio.CancelledError:
            if work.cancelled() and not _current_task_cancelling():
                # The client cancelled the call: no response is due (it ignores one anyway).
                if stream.started:
                    await stream.end()
                else:
                    await _send(send, 202, b"", extra_headers)
                return
            raise
        if stream.started or (notifications and stream.possible):
            for notification in notifications:
                await stream.write(notification)
            if response is not None:
                await stream.write(response)
            await stream.end()
            return
        if reachable:
            for notification in notifications:  # a JSON-only client hears them on its GET stream
                await self._hub.send(session.id, notification)
        await _send(send, 200, dump_json(response), _JSON + extra_headers)

    async def _route_client_messages(self, session_id: str, messages: list[dict[str, Any]]) -> None:
        """Replies to the gateway's requests, and cancellations, go to the process they are for."""
        for message in messages:
            if "method" not in message and "id" in message:
                await self._inflight.reply(session_id, message)
            elif message.get("method") == "notifications/cancelled":
                await self._inflight.cancel(session_id, message.get("params"))

    async def _reply(self, send: Send, headers: Mapping[str, str], messages: list[dict[str, Any]], extra_headers: list[tuple[bytes, bytes]]) -> None:
        """Answer a POST with notifications before its response: as an event stream when the
        client takes one, else just the response (clients re-list tools each turn anyway)."""
        if "text/event-stream" not in headers.get("accept", ""):
            await _send(send, 200, dump_json(messages[-1]), _JSON + extra_headers)
            return
        body = b"".join(b"event: message\ndata: " + dump_json(m) + b"\n\n" for m in messages)
        await _send(send, 200, body, [(b"content-type", b"text/event-stream"), (b"cache-control", b"no-store")] + extra_headers)

    async def _answer(
        self, message: dict[str, Any], mcp: McpParams, client: ClientContext, notifications: list[dict[str, Any]]
    ) -> dict[str, Any] | None:
        """Dispatch one handshake-era message; None for notifications and stray responses."""
        method = message.get("method")
        if "id" not in message or not isinstance(method, str):
            return None
        try:
            answer = await self._protocol.dispatch(method, message.get("params"), mcp, modern=False, client=client)
        except JsonRpcError as exc:
            return error_response(message["id"], exc)
        except Exception:
            logger.exception("%s failed", method)
            return error_response(message["id"], JsonRpcError(INTERNAL_ERROR, "internal error; the gateway logged the details"))
        notifications.extend(answer.notifications)
        return {"jsonrpc": "2.0", "id": message["id"], "result": answer.result}

    async def _delete(self, headers: dict[str, str], send: Send) -> None:
        session_id = headers.get(SESSION_HEADER)
        if not session_id:
            raise HttpError(400, "DELETE ends a session: send its Mcp-Session-Id header")
        principal = await self._principal(headers)
        await self._session(session_id, principal)
        await self._sessions.delete(session_id)
        await self._hub.end(session_id)
        await _send(send, 200)

    # Streams

    async def _notification_stream(self, headers: dict[str, str], receive: Receive, send: Send) -> None:
        principal = await self._principal(headers)
        session = await self._session(headers[SESSION_HEADER], principal)
        await self._stream(session.id, receive, send, first=None, extra_headers=[(SESSION_HEADER.encode(), session.id.encode())])

    async def _legacy_stream(
        self, scope: Scope, headers: dict[str, str], query: dict[str, str], path: Mapping[str, str], receive: Receive, send: Send, *, sse_url: bool
    ) -> None:
        principal = await self._principal(headers)
        mcp = self._params(principal, raw_params(headers, query, path), None)
        session = await self._sessions.create(
            mcp, client_id=principal.client_id, protocol_version="2024-11-05", transport="sse"
        )
        root = scope.get("root_path", "") + scope["path"].rstrip("/")
        if sse_url:
            root = root.removesuffix("/sse")  # `/sse` posts to `/messages`, `/{user}/{app}/sse` to `/{user}/{app}/messages`
        endpoint = f"{root}/messages?sessionId={session.id}"
        try:
            await self._stream(session.id, receive, send, first=f"event: endpoint\ndata: {endpoint}\n\n".encode())
        finally:
            await self._sessions.delete(session.id)

    async def _stream(self, session_id: str, receive: Receive, send: Send, *, first: bytes | None, extra_headers: list[tuple[bytes, bytes]] | None = None) -> None:
        async with self._hub.open(session_id) as queue:
            disconnected = asyncio.ensure_future(_wait_disconnect(receive))
            # A stopping process ends its streams; clients reconnect to one that is staying.
            draining = asyncio.ensure_future(self._drain.draining.wait())
            try:
                await send({"type": "http.response.start", "status": 200, "headers": _SSE + (extra_headers or [])})
                await send({"type": "http.response.body", "body": first or b": stream open\n\n", "more_body": True})
                while True:
                    getter = asyncio.ensure_future(queue.get())
                    done, _ = await asyncio.wait({getter, disconnected, draining}, timeout=PING_SECONDS, return_when=asyncio.FIRST_COMPLETED)
                    if disconnected in done:
                        getter.cancel()
                        return
                    if draining in done and getter not in done:
                        getter.cancel()
                        break
                    if getter not in done:
                        getter.cancel()
                        await send({"type": "http.response.body", "body": b": ping\n\n", "more_body": True})
                        continue
                    item = getter.result()
                    if item is None:
                        break
                    await send({"type": "http.response.body", "body": b"event: message\ndata: " + dump_json(item) + b"\n\n", "more_body": True})
                await send({"type": "http.response.body", "body": b"", "more_body": False})
            finally:
                disconnected.cancel()
                draining.cancel()

    async def _legacy_message(self, headers: dict[str, str], query: dict[str, str], receive: Receive, send: Send, base_url: str) -> None:
        message = await _read_json(headers, receive)
        principal = await self._principal(headers)
        session = await self._session(query["sessionId"], principal)
        if not await self._hub.has(session.id):
            raise HttpError(404, "no open event stream for this session: reconnect with GET")
        if not isinstance(message, dict):
            raise HttpError(400, "the body must be one JSON-RPC 2.0 message object (this transport takes no batches)")
        _check_messages([message], batch=False)
        await self._route_client_messages(session.id, [message])
        await _send(send, 202, b"Accepted", [(b"content-type", b"text/plain")])
        # The answer is worked out after the 202; a drain waits for it like for a request.
        self._drain.enter()
        task = asyncio.create_task(self._legacy_reply(session, message, base_url))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        task.add_done_callback(lambda _: self._drain.leave())

    async def _legacy_reply(self, session: Session, message: dict[str, Any], base_url: str) -> None:
        if message.get("method") == "initialize" and "id" in message:
            reply: dict[str, Any] | None = {"jsonrpc": "2.0", "id": message["id"], "result": self._protocol.initialize_result(message.get("params"))}
        else:
            notifications: list[dict[str, Any]] = []
            outbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
            # Legacy sessions keep no client capabilities: their calls get notifications, not requests.
            client = ClientContext(session.protocol_version, None, base_url, session.id, emit=outbox.put_nowait)

            async def forward(item: dict[str, Any]) -> None:
                await self._hub.send(session.id, item)
            work = asyncio.ensure_future(self._answer(message, session.params, client, notifications))
            if "id" in message:
                self._inflight.track(session.id, message["id"], work)
            try:
                reply = await _pump(outbox, work, forward)
            except asyncio.CancelledError:
                if work.cancelled() and not _current_task_cancelling():
                    return
                raise
            for notification in notifications:
                await self._hub.send(session.id, notification)
        if reply is not None:
            await self._hub.send(session.id, reply)


class _EventStream:
    """The answer to one POST as an event stream, started on its first message; `possible`
    when the client accepts one."""

    def __init__(self, send: Send, headers: Mapping[str, str], extra_headers: list[tuple[bytes, bytes]] | None = None) -> None:
        self._send = send
        self._extra_headers = extra_headers or []
        self.possible = "text/event-stream" in headers.get("accept", "")
        self.started = False

    async def write(self, message: dict[str, Any]) -> None:
        if not self.started:
            self.started = True
            await self._send({"type": "http.response.start", "status": 200, "headers": [
                (b"content-type", b"text/event-stream"), (b"cache-control", b"no-store"), *self._extra_headers]})
        await self._send({"type": "http.response.body", "body": b"event: message\ndata: " + dump_json(message) + b"\n\n",
                          "more_body": True})

    async def comment(self, text: bytes) -> None:
        """A line clients ignore, which keeps proxies from closing an idle stream."""
        await self._send({"type": "http.response.body", "body": b": " + text + b"\n\n", "more_body": True})

    async def end(self) -> None:
        await self._send({"type": "http.response.body", "body": b"", "more_body": False})


class _ClientGone(Exception):
    """The client closed the request's connection, which cancels the request in 2026-07-28."""


async def _pump(outbox: asyncio.Queue[dict[str, Any]], work: asyncio.Future[Any], write: Any,
                disconnected: asyncio.Future[None] | None = None) -> Any:
    """Write what `work` queues on `outbox` as it comes, then return its result (or raise). With
    `disconnected`, the client going away cancels the work (`_ClientGone`)."""
    watched: set[asyncio.Future[Any]] = {work} | ({disconnected} if disconnected is not None else set())
    try:
        while not work.done():
            getter = asyncio.ensure_future(outbox.get())
            await asyncio.wait({getter, *watched}, return_when=asyncio.FIRST_COMPLETED)
            if getter.done():
                await write(getter.result())
            else:
                getter.cancel()
            if disconnected is not None and disconnected.done() and not work.done():
                raise _ClientGone
        while not outbox.empty():
            await write(outbox.get_nowait())
    except BaseException:
        work.cancel()
        raise
    return work.result()


def _current_task_cancelling() -> bool:
    """Whether this request itself is being cancelled (the server stopping), not just its work."""
    task = asyncio.current_task()
    return task is not None and task.cancelling() > 0


class _SseUrl:
    # An object rather than a bound method: Starlette would take a method for a request-response endpoint.
    def __init__(self, endpoint: McpEndpoint) -> None:
        self._endpoint = endpoint

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._endpoint._serve(scope, receive, send, sse_url=True)


async def _wait_disconnect(receive: Receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass
