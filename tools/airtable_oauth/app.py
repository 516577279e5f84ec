import re
from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, UpstreamError, props

API = "https://api.airtable.com/v0"
CONTENT_API = "https://content.airtable.com/v0"

# Airtable takes at most 10 records in one create, update, upsert or delete request.
MAX_BATCH = 10
# Airtable returns at most 100 records (and comments) per page.
PAGE_SIZE = 100
# After a 429 Airtable wants 30 seconds of quiet before requests succeed again.
RATE_LIMIT_WAIT = 30.0

SCOPES = [
    "data.records:read",
    "data.records:write",
    "data.recordComments:read",
    "data.recordComments:write",
    "schema.bases:read",
    "schema.bases:write",
    "user.email:read",
]


async def _account_test(ctx):
    """The token's user (`GET /meta/whoami`); the email comes with the user.email:read scope."""
    me = await request(ctx, "GET", "/meta/whoami")
    return Identity(name=me.get("email") or me.get("id"), external_id=me.get("id"))


app = App(
    "airtable_oauth",
    "Airtable",
    "Read and write records in Airtable, the spreadsheet-style database, in the bases the connected user shared with the connection: list, search, "
    "create, update, upsert and delete records, comment on them, attach files, read base schemas, and create "
    "or change tables and fields.",
    auth=OAuth(
        authorize_url="https://airtable.com/oauth2/v1/authorize",
        token_url="https://airtable.com/oauth2/v1/token",
        scopes=SCOPES,
        # Airtable requires PKCE, and takes a confidential client's ID and secret by HTTP Basic.
        pkce=True,
        token_auth_method="client_secret_basic",
    ),
    categories=["Productivity", "Databases"],
    featured_weight=85,
    base_url=API,
    allowed_domains=["api.airtable.com", "content.airtable.com"],
    test=_account_test,
)


# Errors

# What to do about the error types Airtable names in `{"error": {"type": ..., "message": ...}}`.
ERROR_HINTS = {
    "INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND": (
        "the base, table or record does not exist, or the connected user (or this connection) has no access to it; "
        "check the IDs and that the base was shared with the connection when it was authorized"
    ),
    "INVALID_PERMISSIONS": "the connected user's role in this base does not allow this change",
    "NOT_FOUND": "check the base ID (app...), the table ID or name, and the record ID (rec...)",
    "MODEL_ID_NOT_FOUND": "a record ID (rec...) does not exist in this table",
    "TABLE_NOT_FOUND": "no table has that ID or name in this base; list the tables to find it",
    "VIEW_NAME_NOT_FOUND": "no view has that ID or name in this table",
    "UNKNOWN_FIELD_NAME": "a field name is not in this table (names are case-sensitive); list the fields to find the right ones",
    "INVALID_VALUE_FOR_COLUMN": "a value does not suit its field's type; see the field types, or set typecast to true for text values",
    "INVALID_MULTIPLE_CHOICE_OPTIONS": "a select option does not exist; use an existing option, or set typecast to true to create it",
    "INVALID_FILTER_BY_FORMULA": "the formula is not valid Airtable formula syntax, e.g. {Status} = 'Done'",
    "INVALID_SORT": "each sort needs an existing field name and a direction of asc or desc",
    "INVALID_RECORDS": "the records are not in the shape Airtable expects: each needs a `fields` object",
    "INVALID_REQUEST_UNKNOWN": "the request is malformed; check the values passed",
    "INVALID_REQUEST_MISSING_FIELDS": "a required value is missing from the request",
    "CANNOT_UPDATE_COMPUTED_FIELD": "formula, rollup, lookup, count and created/modified fields are computed and cannot be set",
    "ATTACHMENTS_FAILED_UPLOADING": "Airtable could not take the file; it must be at most 5 MB",
    "AUTHENTICATION_REQUIRED": "the Airtable connection is missing or expired; the user should reconnect Airtable",
    "INVALID_ACCESS_TOKEN": "the Airtable connection was revoked or expired; the user should reconnect Airtable",
}


def airtable_error(method, response):
    """An `UpstreamError` naming Airtable's error type, its message and what to do about it."""
    status = response.status_code
    kind, message = None, None
    try:
        data = response.json()
    except ValueError:
        data = None
    if isinstance(data, dict):
        error = data.get("error")
        if isinstance(error, dict):
            kind, message = error.get("type"), error.get("message")
        elif isinstance(error, str):
            kind, message = error, data.get("message")
    where = f"{method} {response.request.url.copy_with(query=None)}"
    retry_after = None
    if status == 429:
        raw = response.headers.get("retry-after")
        try:
            retry_after = max(0.0, float(raw)) if raw else RATE_LIMIT_WAIT
        except ValueError:
            retry_after = RATE_LIMIT_WAIT
        hint = f"Airtable allows 5 requests per second per base; retry after {retry_after:g} s"
    elif kind in ERROR_HINTS:
        hint = ERROR_HINTS[kind]
    elif status == 401:
        hint = "the Airtable connection was rejected; the user should reconnect Airtable"
    elif status == 403:
        hint = "the connected user or this connection has no access to that base or operation"
    elif status == 404:
        hint = "check the base, table and record IDs"
    elif status == 413:
        hint = "the request is too large; send fewer records or a smaller file"
    elif status >= 500:
        hint = "Airtable had a server error; retrying later may work"
    else:
        hint = "fix the values named in the message"
    detail = ": ".join(part for part in (kind, message) if part) or response.text[:300] or response.reason_phrase
    return UpstreamError(
        f"Airtable API error {status} on {where}: {detail} ({hint})",
        status=status, retry_after=retry_after, body=response.text[:500],
    )


async def request(ctx, method, path, **kw):
    """Call the Airtable Web API and return its JSON answer; errors become `UpstreamError`."""
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise airtable_error(method, response)
    return response.json() if response.content else {}


# IDs and paths

_BASE = re.compile(r"^app[A-Za-z0-9]{3,}$")
_TABLE = re.compile(r"^tbl[A-Za-z0-9]{3,}$")
_RECORD = re.compile(r"^rec[A-Za-z0-9]{3,}$")
_URL_BASE = re.compile(r"airtable\.com/(app[A-Za-z0-9]+)")


def base_id(value):
    """A base ID (`app...`); an airtable.com URL of the base is accepted too."""
    text = str(value or "").strip()
    found = _URL_BASE.search(text)
    if found:
        text = found.group(1)
    if not _BASE.match(text):
        raise ActionError(
            f"base {value!r} is not an Airtable base ID; it starts with `app`, e.g. `appLkNDICXNqxSDhG` "
            "(the part after airtable.com/ in the base's URL); airtable_oauth-list-bases lists them"
        )
    return text


def record_id(value):
    text = str(value or "").strip()
    if not _RECORD.match(text):
        raise ActionError(f"record {value!r} is not an Airtable record ID; record IDs start with `rec`, e.g. `recwPQIfs4wKPyc9D`")
    return text


def table_ref(value):
    text = str(value or "").strip()
    if not text:
        raise ActionError("give the table's ID (tbl...) or its exact name")
    return text


async def table_id(ctx, base, table):
    """The `tbl...` ID of a table given by ID or name: the schema endpoints take IDs."""
    ref = table_ref(table)
    if _TABLE.match(ref):
        return ref
    return find_table(await base_tables(ctx, base), ref)["id"]


def table_path(base, table, *rest):
    """`/{baseId}/{tableIdOrName}/...`, with the table name escaped for the URL path."""
    parts = [base_id(base), quote(table_ref(table), safe="")] + [quote(str(p), safe="") for p in rest]
    return "/" + "/".join(parts)


def check_fields(value, what="fields"):
    if not isinstance(value, dict) or not value:
        raise ActionError(
            f"{what} must be an object of field names to values, e.g. {{\"Name\": \"Ada\", \"Status\": \"Done\"}}"
        )
    return value


def check_batch(items, what):
    if not items:
        raise ActionError(f"give at least one {what}")
    if len(items) > MAX_BATCH:
        raise ActionError(f"Airtable takes at most {MAX_BATCH} {what}s per request; got {len(items)}; split them into several calls")
    return items


# Schema


async def base_tables(ctx, base):
    """The base's tables with their fields and views (`GET /meta/bases/{baseId}/tables`)."""
    data = await request(ctx, "GET", f"/meta/bases/{base_id(base)}/tables")
    return data.get("tables") or []


def find_table(tables, wanted):
    wanted = table_ref(wanted)
    for table in tables:
        if table.get("id") == wanted or table.get("name") == wanted:
            return table
    for table in tables:
        if str(table.get("name", "")).lower() == wanted.lower():
            return table
    known = ", ".join(f"{t.get('name')} ({t.get('id')})" for t in tables) or "none"
    raise ActionError(f"the base has no table {wanted!r}; its tables are: {known}")


def field_summary(field):
    out = {"id": field.get("id"), "name": field.get("name"), "type": field.get("type")}
    if field.get("description"):
        out["description"] = field["description"]
    choices = ((field.get("options") or {}).get("choices")) or []
    if choices:
        out["choices"] = [c.get("name") for c in choices]
    linked = (field.get("options") or {}).get("linkedTableId")
    if linked:
        out["linkedTableId"] = linked
    return out


def table_summary(table):
    """A table's outline: its name, primary field, field names and views."""
    fields = table.get("fields") or []
    primary = next((f.get("name") for f in fields if f.get("id") == table.get("primaryFieldId")), None)
    return {
        "id": table.get("id"),
        "name": table.get("name"),
        "description": table.get("description"),
        "primaryField": primary,
        "fields": [f.get("name") for f in fields],
        "views": [{"id": v.get("id"), "name": v.get("name"), "type": v.get("type")} for v in table.get("views") or []],
    }


def table_schema(table):
    """A table with every field's ID, name, type and choices: what writing records needs."""
    return {
        "id": table.get("id"),
        "name": table.get("name"),
        "description": table.get("description"),
        "primaryFieldId": table.get("primaryFieldId"),
        "fields": [field_summary(f) for f in table.get("fields") or []],
        "views": [{"id": v.get("id"), "name": v.get("name"), "type": v.get("type")} for v in table.get("views") or []],
    }


def _cell(value):
    """A cell value, with attachments cut to what identifies and fetches them (no thumbnails)."""
    if isinstance(value, list) and value and all(isinstance(v, dict) and "filename" in v and "url" in v for v in value):
        return [{k: a.get(k) for k in ("id", "filename", "size", "type", "url")} for a in value]
    return value


def record_summary(record):
    out = {
        "id": record.get("id"),
        "createdTime": record.get("createdTime"),
        "fields": {name: _cell(value) for name, value in (record.get("fields") or {}).items()},
    }
    if "commentCount" in record:
        out["commentCount"] = record["commentCount"]
    return out


def comment_summary(comment):
    author = comment.get("author") or {}
    out = {
        "id": comment.get("id"),
        "author": {"id": author.get("id"), "name": author.get("name"), "email": author.get("email")},
        "text": comment.get("text"),
        "createdTime": comment.get("createdTime"),
        "lastUpdatedTime": comment.get("lastUpdatedTime"),
    }
    if comment.get("parentCommentId"):
        out["parentCommentId"] = comment["parentCommentId"]
    return out


def base_summary(base):
    return {"id": base.get("id"), "name": base.get("name"), "permissionLevel": base.get("permissionLevel")}


# Remote options


def _need(ctx, *names):
    for name in names:
        if not ctx.props.get(name):
            raise ActionError(f"choose {name} first; the choices depend on it")


async def base_options(ctx):
    offset = ctx.prev_context.get("offset")
    if ctx.page > 0 and not offset:
        return []  # the previous page was the last one
    data = await request(ctx, "GET", "/meta/bases", params={"offset": offset} if offset else None)
    options = [Option(label=b.get("name") or b["id"], value=b["id"]) for b in data.get("bases") or []]
    return OptionsPage(options=options, context={"offset": data["offset"]} if data.get("offset") else None)


async def table_options(ctx):
    _need(ctx, "baseId")
    return [Option(label=t.get("name") or t["id"], value=t["id"]) for t in await base_tables(ctx, ctx.props.baseId)]


async def _chosen_table(ctx):
    _need(ctx, "baseId", "tableId")
    return find_table(await base_tables(ctx, ctx.props.baseId), ctx.props.tableId)


async def view_options(ctx):
    table = await _chosen_table(ctx)
    return [Option(label=v.get("name") or v["id"], value=v["id"]) for v in table.get("views") or []]


async def field_options(ctx):
    table = await _chosen_table(ctx)
    return [f["name"] for f in table.get("fields") or []]


async def field_id_options(ctx):
    table = await _chosen_table(ctx)
    return [Option(label=f"{f.get('name')} ({f.get('type')})", value=f["id"]) for f in table.get("fields") or []]


async def record_options(ctx):
    """The table's records, labelled by their primary field."""
    offset = ctx.prev_context.get("offset")
    if ctx.page > 0 and not offset:
        return []  # the previous page was the last one
    table = await _chosen_table(ctx)
    primary = table.get("primaryFieldId")
    body = {"pageSize": PAGE_SIZE, "returnFieldsByFieldId": True}
    if primary:
        body["fields"] = [primary]
    if offset:
        body["offset"] = offset
    data = await request(ctx, "POST", table_path(ctx.props.baseId, table["id"], "listRecords"), json=body)
    options = []
    for record in data.get("records") or []:
        name = (record.get("fields") or {}).get(primary)
        options.append(Option(label=f"{name if name not in (None, '') else '(empty)'} ({record['id']})", value=record["id"]))
    return OptionsPage(options=options, context={"offset": data["offset"]} if data.get("offset") else None)


async def comment_options(ctx):
    """The record's comments, newest first, labelled by their author and start."""
    _need(ctx, "baseId", "tableId", "recordId")
    offset = ctx.prev_context.get("offset")
    if ctx.page > 0 and not offset:
        return []
    params = {"pageSize": PAGE_SIZE}
    if offset:
        params["offset"] = offset
    path = table_path(ctx.props.baseId, ctx.props.tableId, record_id(ctx.props.recordId), "comments")
    data = await request(ctx, "GET", path, params=params)
    options = []
    for comment in data.get("comments") or []:
        who = (comment.get("author") or {}).get("name") or (comment.get("author") or {}).get("email") or "someone"
        text = str(comment.get("text") or "")
        options.append(Option(label=f"{who}: {text[:60]}{'...' if len(text) > 60 else ''}", value=comment["id"]))
    return OptionsPage(options=options, context={"offset": data["offset"]} if data.get("offset") else None)


app.define(
    "baseId",
    props.string(
        "Base",
        "The ID of an Airtable base, starting with `app`, e.g. `appLkNDICXNqxSDhG` — the part after airtable.com/ "
        "in the base's URL. The choices list the bases shared with the connection; airtable_oauth-list-bases lists them too.",
        options=base_options,
    ),
)

app.define(
    "tableId",
    props.string(
        "Table",
        "The table's ID (starting with `tbl`, e.g. `tblXcVQHn7fdPKmgS`) or its exact name, e.g. `Tasks`. IDs keep "
        "working when a table is renamed. airtable_oauth-list-tables lists a base's tables.",
        options=table_options,
    ),
)

app.define(
    "recordId",
    props.string(
        "Record ID",
        "The record's ID, starting with `rec`, e.g. `recwPQIfs4wKPyc9D`, from airtable_oauth-list-records or "
        "airtable_oauth-search-records (or the `rec...` part of the record's URL). The choices list the table's "
        "records by their primary field.",
        options=record_options,
    ),
)

app.define(
    "fields",
    props.obj(
        "Fields",
        "Cell values keyed by field name (or field ID), e.g. `{\"Name\": \"Launch plan\", \"Status\": \"In progress\", "
        "\"Due\": \"2025-06-30\", \"Tags\": [\"Q3\"], \"Owner\": {\"email\": \"ada@example.com\"}}`. Linked records "
        "take record IDs (`[\"rec...\"]`), attachments take `[{\"url\": \"https://...\"}]`. Names are case-sensitive; "
        "airtable_oauth-list-fields shows each field's name and type.",
    ),
)

app.define(
    "typecast",
    props.boolean(
        "Typecast",
        "`true` lets Airtable convert text into the right cell values (e.g. `\"42\"` into a number) and create "
        "missing select options. Off by default, which rejects values that do not fit.",
        optional=True,
    ),
)

app.define(
    "returnFieldsByFieldId",
    props.boolean(
        "Key Fields by ID",
        "`true` returns each record's fields keyed by field ID (`fld...`) instead of field name.",
        optional=True,
    ),
)


# Records

async def collect_records(ctx, base, table, body):
    """One page of `POST .../listRecords` (the list endpoint with its parameters in the body, which keeps
    long formulas clear of URL length limits), sized by the `limit` prop and resumed from the `cursor`
    prop; Airtable's own `offset` is the cursor. Returns the records and the next cursor, if any."""
    path = table_path(base, table, "listRecords")
    limit = ctx.props.limit
    records, offset = [], ctx.props.get("cursor") or None
    while len(records) < limit:
        page = {**body, "pageSize": min(PAGE_SIZE, limit - len(records))}
        if offset:
            page["offset"] = offset
        data = await request(ctx, "POST", path, json=page)
        batch = data.get("records") or []
        records.extend(batch)
        offset = data.get("offset")
        if not offset or not batch:
            break
    return records, offset or None


def formula_text(value):
    """`value` as an Airtable formula string literal."""
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def formula_field(name):
    """A field reference for a formula: `{Field name}`."""
    return "{" + str(name).replace("\\", "\\\\").replace("}", "\\}") + "}"


def list_body(ctx):
    """The listRecords parameters shared by the list and search actions."""
    body = {}
    if ctx.props.get("view"):
        body["view"] = ctx.props.view
    if ctx.props.get("fields"):
        body["fields"] = list(ctx.props.fields)
    if ctx.props.get("returnFieldsByFieldId"):
        body["returnFieldsByFieldId"] = True
    return body


def plural(count, word):
    return f"{count} {word}{'' if count == 1 else 's'}"
