"""monday.com (GraphQL API v2): boards, their groups and columns, items, updates and users."""

import json
import re

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API = "https://api.monday.com/v2"
# monday versions its GraphQL schema by quarter; a pinned version keeps the queries below stable.
API_VERSION = "2025-07"

SCOPES = ["me:read", "boards:read", "boards:write", "updates:read", "updates:write", "users:read"]

# Pages of boards and users are read 100 at a time; the cursor is a position in that order.
PAGE = 100


def _headers(auth):
    token = auth.get("oauth_access_token")
    return {"Authorization": f"Bearer {token}", "API-Version": API_VERSION} if token else {}


async def _account_test(ctx):
    """The user behind the token (`me`)."""
    me = (await graphql(ctx, "query { me { id name email } }")).get("me") or {}
    return Identity(name=me.get("name") or me.get("email"), external_id=None if me.get("id") is None else str(me["id"]))


app = App(
    "monday",
    "monday.com",
    "Work with monday.com boards: read boards with their groups and columns, list, read, create, update, move and "
    "delete items, post updates (comments) on items, and look up users.",
    auth=OAuth(
        authorize_url="https://auth.monday.com/oauth2/authorize",
        token_url="https://auth.monday.com/oauth2/token",
        scopes=SCOPES,
    ),
    categories=["Productivity"],
    featured_weight=65,
    base_url=API,
    allowed_domains=["api.monday.com"],
    auth_headers=_headers,
    test=_account_test,
)


# Errors: GraphQL errors come as `{"errors": [{"message", "extensions": {"code", ...}}]}`, often with HTTP 200.

_CODE_HINTS = {
    "InvalidBoardIdException": "no board has that ID for this account; find boards with monday-list-boards",
    "InvalidItemIdException": "no item has that ID; find items with monday-list-items",
    "InvalidGroupIdException": "the board has no group with that ID; see the board's groups with monday-get-board",
    "InvalidColumnIdException": "the board has no column with that ID; see the board's columns with monday-get-board",
    "ColumnValueException": "a column value is not in the shape its column type takes (e.g. status `{\"label\": "
                            "\"Done\"}`, date `{\"date\": \"2026-12-24\"}`); see the message",
    "ItemNameTooLongException": "the item name is too long; shorten it",
    "ItemsLimitationException": "the board is full (monday allows 10,000 items a board); use another board",
    "ResourceNotFoundException": "nothing has that ID for this account; look IDs up with the list actions",
    "UserUnauthorizedException": "the user lacks permission for this board or item in monday.com",
    "USER_UNAUTHORIZED": "the user lacks permission for this board or item in monday.com",
    "CreateBoardException": "monday.com refused the change; see the message",
}
_LIMITS = {"ComplexityException", "COMPLEXITY_BUDGET_EXHAUSTED", "RATE_LIMIT_EXCEEDED", "IP_RATE_LIMIT_EXCEEDED",
           "maxConcurrencyExceeded", "DAILY_LIMIT_EXCEEDED"}


def _retry_in(errors, response):
    for error in errors:
        seconds = (error.get("extensions") or {}).get("retry_in_seconds")
        if isinstance(seconds, (int, float)):
            return float(seconds)
        # The older error shape says it in words: "... reset in 23 seconds".
        said = re.search(r"reset in (\d+) seconds?", str(error.get("error_message") or error.get("message") or ""))
        if said:
            return float(said.group(1))
    return retry_after_seconds(response)


def monday_error(response, errors):
    status = response.status_code
    first = errors[0] if errors else {}
    code = (first.get("extensions") or {}).get("code") or first.get("error_code")
    message = "; ".join(str(e.get("message") or e.get("error_message")) for e in errors if e) or response.text[:300]
    retry_after = _retry_in(errors, response)
    if code in _LIMITS or status == 429:
        wait = f"retry after {retry_after:g} s" if retry_after is not None else "retry in a minute"
        hint = f"rate limited by monday.com; {wait}"
    elif code in _CODE_HINTS:
        hint = _CODE_HINTS[code]
    elif status == 401:
        hint = "monday.com rejected the token; the user should reconnect monday.com"
    elif status >= 500:
        hint = "monday.com had a server error; retrying later may work"
    else:
        hint = "fix the values named in the message"
    shown = f"{message} [{code}]" if code else message
    return UpstreamError(f"monday.com API error: {shown} ({hint})", status=status if status >= 400 else 400,
                         retry_after=retry_after, body=response.text[:500])


async def graphql(ctx, query, variables=None):
    """The `data` of one GraphQL request; errors say what to fix."""
    body = {"query": query, **({"variables": variables} if variables else {})}
    response = await ctx.http.request("POST", API, json=body, raise_for_status=False)
    try:
        payload = response.json()
    except ValueError:
        payload = {}
    payload = payload if isinstance(payload, dict) else {}
    errors = payload.get("errors") or ([payload] if payload.get("error_code") or payload.get("error_message") else [])
    if response.status_code >= 400 or errors:
        raise monday_error(response, errors or [{"message": response.text[:300] or response.reason_phrase}])
    return payload.get("data") or {}


def position(cursor):
    if not cursor:
        return 0
    if not str(cursor).isdigit():
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged")
    return int(cursor)


async def collect_pages(fetch, *, limit, cursor):
    """Up to `limit` records of a page-numbered monday list read 100 at a time, and the next cursor."""
    at, records = position(cursor), []
    while len(records) < limit:
        page, skip = divmod(at, PAGE)
        found = await fetch(page + 1)
        taken = found[skip:][: limit - len(records)]
        records.extend(taken)
        at += len(taken)
        if len(found) < PAGE and at >= page * PAGE + len(found):
            return records, None
    return records, str(at)


def column_values(value, name="columnValues"):
    """monday takes column values as a JSON string of `{column_id: value}`."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise ActionError(f"{name} must be a JSON object of column IDs to values, e.g. "
                              "`{\"status\": {\"label\": \"Done\"}, \"text\": \"Hello\"}`") from None
    if not isinstance(value, dict) or not value:
        raise ActionError(f"{name} must be a non-empty object of column IDs to values, e.g. "
                          "`{\"status\": {\"label\": \"Done\"}}`")
    return json.dumps(value)


# The fields read back for every item.
ITEM_FIELDS = "id name state created_at updated_at url group { id title } column_values { id type text value column { title } }"


def item_summary(item):
    return {
        "id": item.get("id"),
        "name": item.get("name"),
        "state": item.get("state"),
        "group": item.get("group"),
        "board": item.get("board"),
        "columns": {c.get("id"): {"title": (c.get("column") or {}).get("title"), "type": c.get("type"), "text": c.get("text")}
                    for c in item.get("column_values") or []},
        "created_at": item.get("created_at"),
        "updated_at": item.get("updated_at"),
        "url": item.get("url"),
    }


def board_summary(board):
    return {key: board.get(key) for key in ("id", "name", "description", "state", "board_kind", "workspace_id",
                                              "url", "updated_at")}


# Shared props and their remote options

async def _board_options(ctx):
    page = int(ctx.prev_context.get("page") or 1)
    boards = (await graphql(ctx, "query ($page: Int) { boards(limit: 100, page: $page) { id name } }",
                            {"page": page})).get("boards") or []
    options = [Option(label=b.get("name") or b["id"], value=str(b["id"])) for b in boards]
    return OptionsPage(options=options, context={"page": page + 1} if len(boards) == PAGE else None)


def _board(ctx):
    if not ctx.props.get("boardId"):
        raise ActionError("choose the board (boardId) first; the choices are on it")
    return str(ctx.props.boardId)


async def _group_options(ctx):
    boards = (await graphql(ctx, "query ($ids: [ID!]) { boards(ids: $ids) { groups { id title } } }",
                            {"ids": [_board(ctx)]})).get("boards") or [{}]
    return [Option(label=g.get("title") or g["id"], value=g["id"]) for g in (boards[0] or {}).get("groups") or []]


async def _item_options(ctx):
    cursor = ctx.prev_context.get("cursor")
    if cursor:
        data = await graphql(ctx, "query ($cursor: String!) { next_items_page(cursor: $cursor, limit: 100) "
                                  "{ cursor items { id name } } }", {"cursor": cursor})
        page = data.get("next_items_page") or {}
    else:
        data = await graphql(ctx, "query ($ids: [ID!]) { boards(ids: $ids) { items_page(limit: 100) "
                                  "{ cursor items { id name } } } }", {"ids": [_board(ctx)]})
        page = ((data.get("boards") or [{}])[0] or {}).get("items_page") or {}
    options = [Option(label=i.get("name") or i["id"], value=str(i["id"])) for i in page.get("items") or []]
    return OptionsPage(options=options, context={"cursor": page["cursor"]} if page.get("cursor") else None)


app.define("boardId", props.string(
    "Board",
    "The ID of a monday.com board, from monday-list-boards; it is the number after `/boards/` in the board's URL, "
    "e.g. `1234567890`.",
    options=_board_options,
))

app.define("groupId", props.string(
    "Group",
    "The ID of a group on the board (not its title), from monday-get-board, e.g. `topics` or `new_group29179`.",
    options=_group_options,
))

app.define("itemId", props.string(
    "Item",
    "The ID of an item, from monday-list-items or monday-create-item; it is the number after `/pulses/` in the item's "
    "URL, e.g. `9876543210`.",
    options=_item_options,
))

app.define("columnValues", props.obj(
    "Column Values",
    "Values by column ID (the IDs from monday-get-board), in each column type's JSON shape, e.g. "
    "`{\"status\": {\"label\": \"Done\"}, \"date4\": {\"date\": \"2026-12-24\"}, \"text\": \"Hello\", "
    "\"numbers\": \"3\", \"person\": {\"personsAndTeams\": [{\"id\": 123, \"kind\": \"person\"}]}}`.",
))
