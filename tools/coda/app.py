"""Coda (API v1): the docs a token can reach, their tables, columns and rows, and named formulas."""

from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API = "https://coda.io/apis/v1"

# Coda's list endpoints return at most 100 records a page (rows: 500); a page may hold fewer.
MAX_PAGE = 100


def _headers(auth):
    token = auth.get("api_token")
    return {"Authorization": f"Bearer {token}"} if token else {}


async def _account_test(ctx):
    """Whom the token belongs to (`GET /whoami`)."""
    me = await api(ctx, "GET", "/whoami")
    return Identity(name=me.get("loginId") or me.get("name"), external_id=me.get("loginId"))


app = App(
    "coda",
    "Coda",
    "Read and change Coda docs: find docs, their tables and columns, read rows, add, upsert, update or delete rows, "
    "read a named formula's value, and check that a change has landed.",
    auth=Keys([
        KeyField(
            "api_token",
            "API Token",
            "A Coda API token: in Coda, open Account settings, then API settings, and Generate API token. A token "
            "limited to some docs works only with those.",
        )
    ]),
    categories=["Productivity"],
    featured_weight=40,
    base_url=API,
    allowed_domains=["coda.io"],
    auth_headers=_headers,
    test=_account_test,
)


# Errors: Coda answers `{"statusCode": 400, "statusMessage": "Bad Request", "message": "..."}`.


def coda_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    data = data if isinstance(data, dict) else {}
    message = data.get("message") or data.get("statusMessage") or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    if status == 429:
        wait = f"retry after {retry_after:g} s" if retry_after is not None else "wait a few seconds and retry"
        hint = f"rate limited by Coda; {wait}"
    elif status == 401:
        hint = "Coda rejected the API token; the user should reconnect Coda with a valid token"
    elif status == 403:
        hint = ("the token may not reach this doc or may not write to it (tokens can be limited to some docs, or to "
                "reading); the user should give the token access in Coda's API settings")
    elif status == 404:
        hint = ("no doc, table, column, row or formula has that ID or name for this token; find them with coda-list-docs, "
                "coda-list-tables, coda-list-columns and coda-list-rows")
    elif status == 410:
        hint = "that doc, table or row was deleted"
    elif status >= 500:
        hint = "Coda had a server error; retrying later may work"
    else:
        hint = "fix the values named in the message"
    return UpstreamError(f"Coda API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise coda_error(method, path, response)
    return response.json() if response.content else {}


def seg(value):
    return quote(str(value).strip(), safe="")


def table_path(doc_id, table):
    return f"/docs/{seg(doc_id)}/tables/{seg(table)}"


async def collect(ctx, path, *, limit, cursor, params=None):
    """Up to `limit` items of a Coda list from `cursor` (a page token) on, and the token after them."""
    items, token = [], cursor or None
    while len(items) < limit:
        query = {**(params or {}), "limit": min(MAX_PAGE, limit - len(items))}
        if token:
            query["pageToken"] = token
        page = await api(ctx, "GET", path, params=query)
        items.extend(page.get("items") or [])
        token = page.get("nextPageToken")
        if not token:
            break
    return items[:limit], token


def plural(count, noun):
    return f"{count} {noun}{'' if count == 1 else 's'}"


def cells(values):
    """Coda's cells out of `{"column ID or name": value}`."""
    if not isinstance(values, dict) or not values:
        raise ActionError('give the row as an object of column to value, e.g. {"Name": "Ada", "Status": "Done"}')
    return [{"column": str(column), "value": value} for column, value in values.items()]


def doc_summary(doc):
    return {
        "id": doc.get("id"),
        "name": doc.get("name"),
        "browser_link": doc.get("browserLink"),
        "owner": doc.get("owner"),
        "owner_name": doc.get("ownerName"),
        "created_at": doc.get("createdAt"),
        "updated_at": doc.get("updatedAt"),
        "workspace": (doc.get("workspace") or {}).get("name"),
        "folder": (doc.get("folder") or {}).get("name"),
    }


def table_summary(table):
    return {
        "id": table.get("id"),
        "name": table.get("name"),
        "table_type": table.get("tableType"),
        "page": (table.get("parent") or {}).get("name"),
        "browser_link": table.get("browserLink"),
    }


def column_summary(column):
    return {
        "id": column.get("id"),
        "name": column.get("name"),
        "type": (column.get("format") or {}).get("type"),
        "is_array": (column.get("format") or {}).get("isArray"),
        "display": column.get("display"),
        "calculated": column.get("calculated"),
        "formula": column.get("formula"),
    }


def row_summary(row):
    return {
        "id": row.get("id"),
        "name": row.get("name"),
        "index": row.get("index"),
        "values": row.get("values"),
        "browser_link": row.get("browserLink"),
        "updated_at": row.get("updatedAt"),
    }


def mutation_summary(answer):
    return {key: answer[key] for key in ("requestId", "id", "addedRowIds", "rowIds") if key in answer}


async def _page_of(ctx, path, label):
    query = {"limit": MAX_PAGE}
    if ctx.prev_context.get("pageToken"):
        query["pageToken"] = ctx.prev_context["pageToken"]
    page = await api(ctx, "GET", path, params=query)
    options = [Option(label=label(item), value=item["id"]) for item in page.get("items") or []]
    token = page.get("nextPageToken")
    return OptionsPage(options=options, context={"pageToken": token} if token else None)


def _needs(ctx, *names):
    for name in names:
        if not ctx.props.get(name):
            raise ActionError(f"choose {name} first; the choices here are inside it")


async def _doc_options(ctx):
    return await _page_of(ctx, "/docs", lambda d: d.get("name") or d["id"])


async def _table_options(ctx):
    _needs(ctx, "docId")
    return await _page_of(ctx, f"/docs/{seg(ctx.props.docId)}/tables", lambda t: t.get("name") or t["id"])


async def _row_options(ctx):
    _needs(ctx, "docId", "tableId")
    return await _page_of(ctx, f"{table_path(ctx.props.docId, ctx.props.tableId)}/rows", lambda r: r.get("name") or r["id"])


async def _formula_options(ctx):
    _needs(ctx, "docId")
    return await _page_of(ctx, f"/docs/{seg(ctx.props.docId)}/formulas", lambda f: f.get("name") or f["id"])


app.define(
    "docId",
    props.string(
        "Doc",
        "A Coda doc's ID, from coda-list-docs (its `id`), or the part after `_d` in the doc's URL, e.g. `AbCDeFGH` in "
        "`https://coda.io/d/Launch-plan_dAbCDeFGH`.",
        options=_doc_options,
    ),
)

app.define(
    "tableId",
    props.string(
        "Table",
        "A table or view's ID, from coda-list-tables (e.g. `grid-pqRst-U`), or its name. IDs keep working when the "
        "table is renamed.",
        options=_table_options,
    ),
)

app.define(
    "rowId",
    props.string(
        "Row",
        "A row's ID, from coda-list-rows (e.g. `i-tuVwxYz`), or its name (the value of the table's display column).",
        options=_row_options,
    ),
)

app.define(
    "useColumnNames",
    props.boolean(
        "Use Column Names",
        "Key each row's values by column name instead of column ID (`c-tuVwxYz`). Names are easier to read but "
        "break when a column is renamed.",
        optional=True, default=True,
    ),
)

app.define(
    "valueFormat",
    props.string(
        "Value Format",
        "How cell values come back: `simple` (text and numbers, the default), `simpleWithArrays` (lists stay "
        "lists) or `rich` (structured values, e.g. people and links).",
        options=["simple", "simpleWithArrays", "rich"], optional=True,
    ),
)

app.define(
    "disableParsing",
    props.boolean(
        "Disable Parsing",
        "Store values exactly as sent, without Coda parsing text such as `$12` or `2026-12-24` into money or dates.",
        optional=True,
    ),
)

app.define(
    "formula",
    props.string(
        "Formula",
        "A named formula of the doc, by ID (e.g. `f-fgHijkLm`) or name, as listed in the choices.",
        options=_formula_options,
    ),
)
