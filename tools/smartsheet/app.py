"""Smartsheet (API 2.0): sheets with their columns and rows, discussions, search and workspaces."""

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API = "https://api.smartsheet.com/2.0"

SCOPES = ["READ_SHEETS", "WRITE_SHEETS", "READ_USERS"]

# Lists and rows are read 100 a page; cursors are positions in them.
PAGE = 100


async def _account_test(ctx):
    """The user behind the token (`GET /users/me`)."""
    me = await api(ctx, "GET", "/users/me")
    name = " ".join(p for p in (me.get("firstName"), me.get("lastName")) if p) or me.get("email")
    return Identity(name=name, external_id=None if me.get("id") is None else str(me["id"]))


app = App(
    "smartsheet",
    "Smartsheet",
    "Work with Smartsheet: list and read sheets with their rows, add, update and delete rows by column name, read "
    "columns, search everything the user can see, comment on rows and sheets, and list workspaces.",
    auth=OAuth(
        authorize_url="https://app.smartsheet.com/b/authorize",
        token_url="https://api.smartsheet.com/2.0/token",
        scopes=SCOPES,
    ),
    categories=["Productivity"],
    featured_weight=55,
    base_url=API,
    allowed_domains=["api.smartsheet.com"],
    test=_account_test,
)


# Errors: Smartsheet answers `{"errorCode": n, "message": "...", "refId": "..."}`.

_CODE_HINTS = {
    1002: "the Smartsheet token is not valid; the user should reconnect Smartsheet",
    1003: "the Smartsheet token expired; the user should reconnect Smartsheet",
    1004: "the user may not do this on this sheet (their sharing level is too low)",
    1006: "nothing has that ID for this user; find sheets with smartsheet-list-sheets and rows with smartsheet-get-sheet",
    1008: "the request could not be read; check the values sent",
    1012: "a required field is missing; see the message",
    1036: "a column value does not fit the column; see the message",
    4003: "rate limited by Smartsheet",
    4004: "Smartsheet had an unexpected error; retrying later may work",
}


def smartsheet_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    data = data if isinstance(data, dict) else {}
    code = data.get("errorCode")
    message = data.get("message") or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    if status == 429 or code == 4003:
        hint = f"rate limited by Smartsheet; {'retry after %g s' % retry_after if retry_after is not None else 'retry in a minute'}"
    elif code in _CODE_HINTS:
        hint = _CODE_HINTS[code]
    elif status == 401:
        hint = _CODE_HINTS[1002]
    elif status == 404:
        hint = _CODE_HINTS[1006]
    elif status >= 500:
        hint = "Smartsheet had a server error; retrying later may work"
    else:
        hint = "fix the values named in the message"
    shown = f"{message} [errorCode {code}]" if code is not None else message
    return UpstreamError(f"Smartsheet API error {status} on {method} {path}: {shown} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise smartsheet_error(method, path, response)
    return response.json() if response.content else {}


def position(cursor):
    if not cursor:
        return 0
    if not str(cursor).isdigit():
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged")
    return int(cursor)


async def collect(fetch, key, *, limit, cursor):
    """Up to `limit` records of a Smartsheet list read 100 a page, the first page's payload, and the next cursor.
    `fetch(page)` returns one page's payload, with `totalPages` or `totalRowCount` beside the records."""
    at, records, first = position(cursor), [], None
    while len(records) < limit:
        page, skip = divmod(at, PAGE)
        payload = await fetch(page + 1)
        first = first or payload
        found = payload.get(key) or []
        taken = found[skip:][: limit - len(records)]
        records.extend(taken)
        at += len(taken)
        if payload.get("totalPages") is not None:
            last = page + 1 >= int(payload["totalPages"])
        elif payload.get("totalRowCount") is not None:
            last = page * PAGE + len(found) >= int(payload["totalRowCount"])
        else:
            last = len(found) < PAGE
        if not found or (last and at >= page * PAGE + len(found)):
            return first, records, None
    return first, records, str(at)


def int_id(value, name):
    text = str(value or "").strip()
    if not text.isdigit():
        raise ActionError(f"{name} {value!r} must be a Smartsheet numeric ID such as `4583173393803140`")
    return int(text)


async def columns(ctx, sheet_id):
    data = await api(ctx, "GET", f"/sheets/{sheet_id}/columns", params={"includeAll": "true"})
    return data.get("data") or []


def cells_for(given, sheet_columns, where):
    """Smartsheet cells from `{column title or ID: value}`."""
    if not isinstance(given, dict) or not given:
        raise ActionError(f"{where} must be an object of column titles (or IDs) to values, e.g. "
                          "`{\"Task\": \"Call Bob\", \"Done\": true}`")
    by_title = {str(c.get("title")).strip().lower(): c.get("id") for c in sheet_columns}
    ids = {str(c.get("id")) for c in sheet_columns}
    cells = []
    for column, value in given.items():
        key = str(column).strip()
        if key in ids:
            column_id = int(key)
        elif key.lower() in by_title:
            column_id = by_title[key.lower()]
        else:
            titles = ", ".join(repr(c.get("title")) for c in sheet_columns)
            raise ActionError(f"{where}: the sheet has no column {column!r}; its columns are {titles}")
        cells.append({"columnId": column_id, "value": value})
    return cells


def row_summary(row, titles):
    return {
        "id": row.get("id"),
        "row_number": row.get("rowNumber"),
        "parent_id": row.get("parentId"),
        "cells": {titles.get(c.get("columnId"), str(c.get("columnId"))): c.get("value", c.get("displayValue"))
                  for c in row.get("cells") or [] if "value" in c or "displayValue" in c},
        "modified_at": row.get("modifiedAt"),
    }


def column_summary(column):
    return {"id": column.get("id"), "title": column.get("title"), "type": column.get("type"),
            "primary": column.get("primary", False), "options": column.get("options"), "index": column.get("index")}


def listed(record):
    return {key: record.get(key) for key in ("id", "name", "accessLevel", "permalink", "createdAt", "modifiedAt")
            if key in record}


def comment_summary(comment):
    author = comment.get("createdBy") or {}
    return {"id": comment.get("id"), "text": comment.get("text"), "author": author.get("name") or author.get("email"),
            "created_at": comment.get("createdAt")}


def discussion_summary(discussion):
    return {"id": discussion.get("id"), "title": discussion.get("title"), "parent_type": discussion.get("parentType"),
            "parent_id": discussion.get("parentId"), "comment_count": discussion.get("commentCount"),
            "last_commented_at": discussion.get("lastCommentedAt"),
            "comments": [comment_summary(c) for c in discussion.get("comments") or []]}


# Shared props and their remote options

async def _sheet_options(ctx):
    page = int(ctx.prev_context.get("page") or 1)
    data = await api(ctx, "GET", "/sheets", params={"page": page, "pageSize": PAGE})
    options = [Option(label=s.get("name") or str(s["id"]), value=str(s["id"])) for s in data.get("data") or []]
    more = page < int(data.get("totalPages") or page)
    return OptionsPage(options=options, context={"page": page + 1} if more else None)


async def _row_options(ctx):
    if not ctx.props.get("sheetId"):
        raise ActionError("choose the sheet (sheetId) first; the rows are in it")
    page = int(ctx.prev_context.get("page") or 1)
    sheet = await api(ctx, "GET", f"/sheets/{ctx.props.sheetId}", params={"page": page, "pageSize": PAGE})
    primary = next((c.get("id") for c in sheet.get("columns") or [] if c.get("primary")), None)
    options = []
    for row in sheet.get("rows") or []:
        label = next((c.get("displayValue") or c.get("value") for c in row.get("cells") or []
                      if c.get("columnId") == primary), None)
        options.append(Option(label=f"Row {row.get('rowNumber')}: {label}" if label else f"Row {row.get('rowNumber')}",
                              value=str(row["id"])))
    more = page * PAGE < int(sheet.get("totalRowCount") or 0)
    return OptionsPage(options=options, context={"page": page + 1} if more else None)


app.define("sheetId", props.string(
    "Sheet",
    "The numeric ID of a sheet, from smartsheet-list-sheets or smartsheet-search (in Smartsheet: File > Properties), "
    "e.g. `4583173393803140`.",
    options=_sheet_options,
))

app.define("rowId", props.string(
    "Row",
    "The numeric ID of a row (not its row number), from smartsheet-get-sheet (each row's `id`), e.g. `2361756178769796`.",
    options=_row_options,
))
