import re

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, upstream_error

# Trello's rate limits run in 10-second windows (100 requests per token, 300 per API key);
# its 429 answers do not always say when to come back, so a refused call waits out one window.
RATE_WINDOW_SECONDS = 10.0

# Fields of a card worth returning; Trello sends many more by default.
CARD_FIELDS = (
    "name,desc,closed,idBoard,idList,idMembers,idLabels,labels,due,dueComplete,start,pos,"
    "shortLink,shortUrl,url,dateLastActivity,badges"
)

_HEX_ID = re.compile(r"^[0-9a-fA-F]{24}$")
_SHORT_LINK = re.compile(r"^[A-Za-z0-9]{8}$")
_CARD_URL = re.compile(r"trello\.com/c/([A-Za-z0-9]{8})")
_BOARD_URL = re.compile(r"trello\.com/b/([A-Za-z0-9]{8})")


def _headers(auth):
    # Trello's REST API takes an API key and a user token. Pipedream's Trello app gets them
    # through OAuth 1.0a, which this gateway does not speak; the key and a token the user
    # generates for it are entered instead. Trello accepts them in an `Authorization: OAuth`
    # header as well as in `key`/`token` query parameters; the header keeps them out of URLs
    # (and logs), and AppHttp only ever sends it to api.trello.com.
    key, token = auth.get("api_key"), auth.get("token")
    if not key or not token:
        return {}
    return {"Authorization": f'OAuth oauth_consumer_key="{key}", oauth_token="{token}"'}


async def _account_test(ctx):
    """The member the token belongs to (`GET /members/me`)."""
    me = (await request(ctx, "GET", "/members/me", params={"fields": "username,fullName"})).json()
    name = me.get("fullName") or me.get("username")
    if me.get("username") and name != me.get("username"):
        name = f"{name} (@{me['username']})"
    return Identity(name=name, external_id=me.get("id"))


app = App(
    "trello",
    "Trello",
    "Create, find, update, move and archive Trello cards, and add comments, checklists and attachments "
    "on the connected user's boards.",
    auth=Keys(
        [
            KeyField(
                "api_key",
                "API Key",
                "The API key of your Trello Power-Up: open https://trello.com/power-ups/admin, pick the Power-Up "
                "and copy the key on its API Key tab (32 hexadecimal characters).",
                secret=False,
            ),
            KeyField(
                "token",
                "Token",
                "A user token for that key: follow the `Token` link next to the API key (or open "
                "`https://trello.com/1/authorize?expiration=never&scope=read,write&response_type=token&key=<your key>`"
                ") and allow access. It starts with `ATTA`.",
            ),
        ]
    ),
    categories=["Productivity"],
    featured_weight=80,
    base_url="https://api.trello.com/1",
    allowed_domains=["api.trello.com"],
    auth_headers=_headers,
    test=_account_test,
)


# Errors


def trello_error(method, response):
    """An UpstreamError whose message says what Trello objected to and what to do.

    Trello answers most errors with a short plain-text body (`invalid id`, `invalid token`),
    rate limits with `{"error": "API_TOKEN_LIMIT_EXCEEDED", "message": "Rate limit exceeded"}`.
    """
    base = upstream_error(app.name, method, response)
    status = response.status_code
    if status != 429:
        text = (response.text or "").strip().lower()
        if status == 400 and text == "invalid id":
            hint = (
                "an ID is not a Trello ID; use the 24-character IDs (or a card's 8-character short link) "
                "from the choices or from trello-search-cards"
            )
            return UpstreamError(f"{base} [{hint}]", status=status, retry_after=base.retry_after, body=base.body)
        if status == 401 and "permission" in text:
            hint = "the token cannot see or change this board or card; check it is a board the user belongs to"
            return UpstreamError(f"{base} [{hint}]", status=status, retry_after=base.retry_after, body=base.body)
        return base
    wait = base.retry_after if base.retry_after is not None else RATE_WINDOW_SECONDS
    try:
        code = (response.json() or {}).get("error")
    except ValueError:
        code = None
    which = {
        "API_TOKEN_LIMIT_EXCEEDED": "this token's limit of 100 requests per 10 seconds",
        "API_KEY_LIMIT_EXCEEDED": "the API key's limit of 300 requests per 10 seconds",
    }.get(code, "a Trello rate limit")
    message = f"Trello API error 429 on {method} {response.request.url.path}: exceeded {which} (retry after {wait:g} s)"
    return UpstreamError(message, status=429, retry_after=wait, body=base.body)


async def request(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise trello_error(method, response)
    return response


async def get_json(ctx, path, params=None):
    return (await request(ctx, "GET", path, params=params)).json()


# IDs


def card_ref(value):
    """A card's ID or short link, from an ID, a short link or a card URL."""
    text = str(value or "").strip()
    url = _CARD_URL.search(text)
    if url:
        return url.group(1)
    if _HEX_ID.match(text) or _SHORT_LINK.match(text):
        return text
    raise ActionError(
        f"card {value!r} is not a Trello card ID; pass the 24-character ID (e.g. `5abbe4b7ddc1b351ef961414`), "
        "the 8-character short link or the card's URL (`https://trello.com/c/<short link>/...`)"
    )


def board_ref(value):
    text = str(value or "").strip()
    url = _BOARD_URL.search(text)
    if url:
        return url.group(1)
    if _HEX_ID.match(text) or _SHORT_LINK.match(text):
        return text
    raise ActionError(
        f"board {value!r} is not a Trello board ID; pass the 24-character ID, the 8-character short link "
        "or the board's URL (`https://trello.com/b/<short link>/...`)"
    )


def id_list(values):
    """Trello takes several IDs as one comma-separated string."""
    return ",".join(str(v).strip() for v in values or [] if str(v).strip())


# Results


def card_summary(card):
    out = {
        "id": card.get("id"),
        "name": card.get("name"),
        "desc": card.get("desc"),
        "closed": card.get("closed"),
        "idBoard": card.get("idBoard"),
        "idList": card.get("idList"),
        "idMembers": card.get("idMembers"),
        "labels": [label_summary(label) for label in card.get("labels") or []],
        "due": card.get("due"),
        "dueComplete": card.get("dueComplete"),
        "start": card.get("start"),
        "pos": card.get("pos"),
        "shortLink": card.get("shortLink"),
        "url": card.get("url") or card.get("shortUrl"),
        "dateLastActivity": card.get("dateLastActivity"),
    }
    badges = card.get("badges") or {}
    if badges:
        out["comments"] = badges.get("comments")
        out["attachments"] = badges.get("attachments")
        if badges.get("checkItems"):
            out["checkItems"] = f"{badges.get('checkItemsChecked', 0)}/{badges['checkItems']}"
    return out


def member_summary(member):
    return {"id": member.get("id"), "fullName": member.get("fullName"), "username": member.get("username")}


def label_summary(label):
    return {"id": label.get("id"), "name": label.get("name"), "color": label.get("color")}


def list_summary(lst):
    return {"id": lst.get("id"), "name": lst.get("name"), "closed": lst.get("closed"), "pos": lst.get("pos"),
            "idBoard": lst.get("idBoard")}


def board_summary(board):
    out = {
        "id": board.get("id"),
        "name": board.get("name"),
        "desc": board.get("desc"),
        "url": board.get("url"),
        "shortLink": board.get("shortLink"),
        "closed": board.get("closed"),
    }
    for key, summary in (("lists", list_summary), ("labels", label_summary), ("members", member_summary)):
        if key in board:
            out[key] = [summary(item) for item in board.get(key) or []]
    return out


async def card_pages(ctx, path, *, limit, cursor, params):
    """Up to `limit` cards of a board or list, newest first, from `cursor` (the ID the page
    before ended at) on, and the cursor of the page after them.

    Trello's card IDs grow with time and its `before` parameter returns older cards, so the
    oldest ID of a full page is where the next one starts."""
    query = {**params, "limit": limit}
    if cursor:
        query["before"] = cursor
    cards = await get_json(ctx, path, query)
    following = min(c["id"] for c in cards) if len(cards) >= limit else None
    return cards, following


def card_label(card):
    return card.get("name") or card.get("id")


# Remote options


def _single_page(ctx):
    """Trello returns these collections whole; every page after the first is empty."""
    return ctx.page > 0


def _chosen_board(ctx):
    board = ctx.props.get("board")
    if not board:
        raise ActionError("choose the board first; the choices come from that board")
    return board_ref(board)


async def board_options(ctx):
    if _single_page(ctx):
        return []
    boards = await get_json(ctx, "/members/me/boards", {"filter": "open", "fields": "name,closed"})
    return [Option(label=b["name"], value=b["id"]) for b in boards]


async def list_options(ctx):
    if _single_page(ctx):
        return []
    lists = await get_json(ctx, f"/boards/{_chosen_board(ctx)}/lists", {"filter": "open", "fields": "name"})
    return [Option(label=lst["name"], value=lst["id"]) for lst in lists]


async def label_options(ctx):
    if _single_page(ctx):
        return []
    labels = await get_json(ctx, f"/boards/{_chosen_board(ctx)}/labels", {"fields": "name,color", "limit": 1000})
    out = []
    for label in labels:
        name = label.get("name") or ""
        color = label.get("color")
        text = f"{name} ({color})" if name and color else name or f"({color or 'no color'})"
        out.append(Option(label=text, value=label["id"]))
    return out


async def member_options(ctx):
    if _single_page(ctx):
        return []
    members = await get_json(ctx, f"/boards/{_chosen_board(ctx)}/members", {"fields": "fullName,username"})
    return [Option(label=f"{m.get('fullName')} (@{m.get('username')})", value=m["id"]) for m in members]


CARD_PAGE = 1000  # the most cards Trello returns from a board in one call


async def card_options(ctx):
    """Open cards of the chosen board (newest first, paged by ID), else the open cards the user is on."""
    before = ctx.prev_context.get("before")
    if ctx.page > 0 and not before:
        return []
    if not ctx.props.get("board"):
        cards = await get_json(ctx, "/members/me/cards", {"filter": "open", "fields": "name"})
        return [Option(label=card_label(c), value=c["id"]) for c in cards]
    params = {"filter": "open", "fields": "name", "limit": CARD_PAGE}
    if before:
        params["before"] = before
    cards = await get_json(ctx, f"/boards/{board_ref(ctx.props.board)}/cards", params)
    options = [Option(label=card_label(c), value=c["id"]) for c in cards]
    # A full page means older cards may remain: Trello's IDs grow with time, so ask for those before the oldest.
    context = {"before": min(c["id"] for c in cards)} if len(cards) >= CARD_PAGE else None
    return OptionsPage(options=options, context=context)


app.define(
    "board",
    props.string(
        "Board",
        "The ID of a Trello board the user can see, e.g. `5abbe4b7ddc1b351ef961414` (a board's 8-character short "
        "link or URL works too). The choices list the user's open boards.",
        options=board_options,
    ),
)

app.define(
    "list",
    props.string(
        "List",
        "The ID of a list (a column) on the board, e.g. `5abbe4b7ddc1b351ef961415`. The choices list the open "
        "lists of the chosen board; trello-get-board returns them too.",
        options=list_options,
    ),
)

app.define(
    "card",
    props.string(
        "Card",
        "The card: its 24-character ID (e.g. `5abbe4b7ddc1b351ef961416`), its 8-character short link or its URL "
        "(`https://trello.com/c/AbCd1234/...`). trello-search-cards and trello-list-cards return IDs.",
        options=card_options,
    ),
)

app.define(
    "labels",
    props.string_list(
        "Labels",
        'IDs of labels of the card\'s board, e.g. `["5abbe4b7ddc1b351ef961417"]`. The choices list the chosen '
        "board's labels; trello-get-board returns them too.",
        options=label_options,
        optional=True,
    ),
)

app.define(
    "members",
    props.string_list(
        "Members",
        'IDs of board members to put on the card, e.g. `["5abbe4b7ddc1b351ef961418"]`. The choices list the '
        "chosen board's members; trello-get-board returns them too.",
        options=member_options,
        optional=True,
    ),
)

app.define(
    "pos",
    props.string(
        "Position",
        "Where the card goes in its list: `top`, `bottom`, or a positive number (Trello orders cards by it).",
        optional=True,
    ),
)

app.define(
    "due",
    props.string(
        "Due Date",
        "When the card is due, as an ISO 8601 date-time, e.g. `2025-07-01T17:00:00Z` (or a date such as `2025-07-01`).",
        optional=True,
    ),
)


def position(value):
    """A `pos` value Trello accepts: top, bottom, or a number."""
    text = str(value).strip().lower()
    if text in ("top", "bottom"):
        return text
    try:
        number = float(text)
    except ValueError:
        raise ActionError(f"position {value!r} must be `top`, `bottom` or a positive number") from None
    if number <= 0:
        raise ActionError(f"position {value!r} must be `top`, `bottom` or a positive number")
    return int(number) if number.is_integer() else number
