"""Miro: boards and what is on them, through the REST API v2."""

import html
import re
from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API = "https://api.miro.com/v2"


async def _account_test(ctx):
    """Whose token it is (`GET /v1/oauth-token`, the token's user and team)."""
    token = await api(ctx, "GET", "https://api.miro.com/v1/oauth-token")
    user = token.get("user") or {}
    team = (token.get("team") or {}).get("name")
    name = f"{user.get('name')} ({team})" if user.get("name") and team else user.get("name")
    return Identity(name=name, external_id=user.get("id"))


app = App(
    "miro",
    "Miro",
    "Work on the connected user's Miro boards: find, read and create boards, list what is on a board, add sticky "
    "notes, cards and shapes, and see who the board's members are.",
    auth=OAuth(
        authorize_url="https://miro.com/oauth/authorize",
        token_url="https://api.miro.com/v1/oauth/token",
        scopes=["boards:read", "boards:write"],
    ),
    categories=["Productivity"],
    featured_weight=55,
    base_url=API,
    allowed_domains=["api.miro.com"],
    test=_account_test,
)


def miro_error(method, response):
    """Miro answers `{"status": n, "code": "...", "message": "...", "context": {"fields": [...]}}`."""
    status = response.status_code
    where = f"{method} {response.request.url.copy_with(query=None)}"
    try:
        data = response.json()
    except ValueError:
        data = {}
    data = data if isinstance(data, dict) else {}
    message = data.get("message") or response.text[:300] or response.reason_phrase
    fields = [f"{f.get('field')}: {f.get('message')}" for f in (data.get("context") or {}).get("fields") or [] if isinstance(f, dict)]
    if fields:
        message = f"{message} ({'; '.join(fields)})"
    retry_after = retry_after_seconds(response)
    if status == 429:
        hint = f"rate limited by Miro; {'retry after %g s' % retry_after if retry_after is not None else 'retry in a minute'}"
    elif status == 401:
        hint = "Miro rejected the connection's token; the user should reconnect Miro"
    elif status == 403:
        hint = "the user's role on this board does not allow it, or the connection lacks boards:write; reconnect Miro to grant it"
    elif status == 404:
        hint = "no board or item has that ID for this user; find boards with miro-list-boards and items with miro-list-items"
    elif status >= 500:
        hint = "Miro had a server error; retrying later may work"
    else:
        hint = "fix the values named in the message"
    return UpstreamError(f"Miro API error {status} on {where}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise miro_error(method, response)
    return response.json() if response.content else {}


_BOARD_URL = re.compile(r"miro\.com/app/board/([^/?#]+)")


def board_path(board_id, *rest):
    """`/boards/{id}/...`; a pasted board URL gives its ID."""
    text = str(board_id or "").strip()
    found = _BOARD_URL.search(text)
    if found:
        text = found.group(1)
    if not text or "/" in text:
        raise ActionError(f"{board_id!r} is not a Miro board ID; it is the part after /app/board/ in the board's URL, "
                          "e.g. `uXjVOD6LSME=`")
    return "/".join([f"/boards/{quote(text, safe='=')}", *rest])


def offset(cursor):
    if not cursor:
        return 0
    try:
        return max(0, int(cursor))
    except ValueError:
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged") from None


_TAGS = re.compile(r"<[^>]+>")


def plain(text):
    """Miro keeps item text as simple HTML (`<p>Hi</p>`); agents read it as text."""
    if not text:
        return text
    return " ".join(html.unescape(_TAGS.sub(" ", text)).split())


def board_summary(board):
    return {
        "id": board.get("id"),
        "name": board.get("name"),
        "description": board.get("description"),
        "view_link": board.get("viewLink"),
        "team": (board.get("team") or {}).get("name"),
        "owner": (board.get("owner") or {}).get("name"),
        "created_at": board.get("createdAt"),
        "modified_at": board.get("modifiedAt"),
    }


def item_summary(item):
    data = item.get("data") or {}
    position = item.get("position") or {}
    geometry = item.get("geometry") or {}
    return {
        "id": item.get("id"),
        "type": item.get("type"),
        "text": plain(data.get("content") or data.get("title")),
        "description": plain(data.get("description")),
        "shape": data.get("shape"),
        "x": position.get("x"),
        "y": position.get("y"),
        "width": geometry.get("width"),
        "height": geometry.get("height"),
        "parent_id": (item.get("parent") or {}).get("id"),
        "modified_at": item.get("modifiedAt"),
    }


def placement(ctx, body):
    """The position, size and parent frame props, in Miro's `position`, `geometry` and `parent` objects."""
    position = {axis: ctx.props[axis] for axis in ("x", "y") if ctx.props.get(axis) is not None}
    if position:
        body["position"] = position
    if ctx.props.get("width") is not None:
        body["geometry"] = {"width": ctx.props.width}
    if ctx.props.get("parentId"):
        body["parent"] = {"id": ctx.props.parentId}
    return body


async def _board_options(ctx):
    at = ctx.prev_context.get("offset") or 0
    page = await api(ctx, "GET", "/boards", params={"limit": 50, "offset": at, "sort": "last_modified"})
    boards = page.get("data") or []
    following = at + len(boards)
    more = boards and following < (page.get("total") or 0)
    return OptionsPage(options=[Option(label=b.get("name") or b["id"], value=b["id"]) for b in boards],
                       context={"offset": following} if more else None)


app.define(
    "boardId",
    props.string(
        "Board",
        "The board's ID, from miro-list-boards (its `id`) or the board's URL: `uXjVOD6LSME=` in "
        "`https://miro.com/app/board/uXjVOD6LSME=/`.",
        options=_board_options,
    ),
)

PLACEMENT = {
    "x": props.integer("X", "Where on the board, in board units from the board's center (0 is the center).", optional=True),
    "y": props.integer("Y", "Where on the board, from the center; positive is down.", optional=True),
    "width": props.integer("Width", "The item's width in board units; Miro keeps its proportions.", optional=True, min=1),
    "parentId": props.string("Frame", "The ID of a frame on the board to put the item in (a `frame` item from miro-list-items); "
                             "x and y are then from the frame's top-left corner.", optional=True),
}
