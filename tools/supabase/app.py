"""Supabase: a project's Postgres tables through its REST API (PostgREST), its functions and its Storage."""

from urllib.parse import quote, urlsplit

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds, status_hint


def _headers(auth):
    key = auth.get("api_key")
    return {"apikey": key, "Authorization": f"Bearer {key}"} if key else {}


def check_project_url(ctx):
    """The project URL must be an https origin (a `*.supabase.co` host, or a self-hosted one the gateway's
    egress rules allow) with nothing after it."""
    url = ctx.http.base_url or ""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname or parts.path not in ("", "/") or parts.query:
        raise ActionError(
            f"the account's project URL {url!r} is not a Supabase project URL; reconnect Supabase with the URL from "
            "Project Settings > API, e.g. `https://abcdefghijklmnop.supabase.co`"
        )


async def _account_test(ctx):
    """The project's buckets (`GET /storage/v1/bucket`), which the key must be able to reach."""
    await api(ctx, "GET", "/storage/v1/bucket")
    return Identity(name=urlsplit(ctx.http.base_url or "").hostname, external_id=None)


app = App(
    "supabase",
    "Supabase",
    "Read and write the rows of a Supabase project's Postgres tables (filter, insert, update, upsert, delete), call "
    "its Postgres functions, and list and share files in its Storage buckets.",
    auth=Keys([
        KeyField(
            "api_key",
            "API Key",
            "The project's `service_role` key (full access, bypasses row level security) or `anon` key (row level "
            "security applies): in the Supabase dashboard, Project Settings > API Keys.",
        )
    ]),
    custom_fields=[
        KeyField(
            "project_url",
            "Project URL",
            "The project's URL from Project Settings > API, e.g. `https://abcdefghijklmnop.supabase.co`.",
            secret=False,
        )
    ],
    categories=["Databases", "Developer Tools"],
    featured_weight=50,
    base_url="{{custom_fields.project_url}}",
    auth_headers=_headers,
    test=_account_test,
)


# Errors: PostgREST answers `{"code", "message", "details", "hint"}` with Postgres or PGRST codes;
# Storage answers `{"statusCode", "error", "message"}`.

_CODE_HINTS = {
    "42P01": "no table or view has that name in the exposed schema; list them with the `table` prop's options",
    "PGRST205": "no table or view has that name in the exposed schema; list them with the `table` prop's options",
    "42703": "a column named in select, filters, order or the row does not exist; check the table's columns",
    "PGRST204": "a column in the row does not exist in the table; check the column names",
    "PGRST202": "no function has that name and those argument names; check its name and arguments",
    "PGRST100": "a filter, select or order is not valid PostgREST syntax, e.g. filters `{\"age\": \"gte.18\"}`, order "
                "`created_at.desc`",
    "PGRST116": "the request expected one row but matched zero or several",
    "23505": "a row with that unique key already exists; use supabase-upsert-rows to update it instead",
    "23503": "a referenced row does not exist (foreign key); create it first",
    "23502": "a required (NOT NULL) column has no value; add it to the row",
    "42501": "row level security or the role's privileges forbid this; use the service_role key or change the policy",
    "PGRST301": "Supabase rejected the key; reconnect Supabase with the project's current API key",
    "PGRST303": "Supabase rejected the key; reconnect Supabase with the project's current API key",
}
_STATUS_HINTS = {
    401: "Supabase rejected the key; reconnect Supabase with the project's current API key",
    404: "no table, function, bucket or object has that name; check it against the prop's options",
}


def supabase_error(method, path, response):
    try:
        data = response.json()
    except ValueError:
        data = {}
    data = data if isinstance(data, dict) else {}
    message = data.get("message") or data.get("error") or response.text[:300] or response.reason_phrase
    if data.get("details"):
        message = f"{message} ({data['details']})"
    retry_after = retry_after_seconds(response)
    code = str(data.get("code") or "")
    if response.status_code == 429:
        hint = status_hint("Supabase", 429, retry_after)
    elif code in _CODE_HINTS:
        hint = _CODE_HINTS[code]
    elif data.get("hint"):
        hint = data["hint"]
    else:
        hint = status_hint("Supabase", response.status_code, retry_after, _STATUS_HINTS)
    return UpstreamError(f"Supabase API error {response.status_code} on {method} {path}: {message} ({hint})",
                         status=response.status_code, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    check_project_url(ctx)
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise supabase_error(method, path, response)
    return response.json() if response.content else None


def seg(value):
    return quote(str(value).strip(), safe="")


def rest_path(table):
    return f"/rest/v1/{seg(table)}"


def object_path(name):
    """A Storage object's path inside its bucket, its folders kept."""
    return quote(str(name).strip().lstrip("/"), safe="/")


_OPERATORS = {"eq", "neq", "gt", "gte", "lt", "lte", "like", "ilike", "match", "imatch", "in", "is", "isdistinct",
              "fts", "plfts", "phfts", "wfts", "cs", "cd", "ov", "sl", "sr", "nxr", "nxl", "adj"}


def filter_params(filters):
    """PostgREST filters `{column: "op.value"}` as query parameters; a bare value means equals."""
    params = {}
    for column, condition in (filters or {}).items():
        if isinstance(condition, bool):
            text = f"is.{str(condition).lower()}"
        elif condition is None:
            text = "is.null"
        else:
            text = str(condition)
            parts = text.split(".")
            op = parts[1] if parts[0] == "not" and len(parts) > 2 else parts[0]
            if len(parts) < 2 or op not in _OPERATORS:
                text = f"eq.{text}"
        params[str(column)] = text
    return params


def prefer(*parts):
    return {"Prefer": ",".join(p for p in parts if p)}


def rows_result(rows):
    rows = rows if isinstance(rows, list) else ([] if rows is None else [rows])
    return {"rows": rows, "count": len(rows)}


async def _schema(ctx):
    spec = await api(ctx, "GET", "/rest/v1/", headers={"Accept": "application/openapi+json"})
    return [p.strip("/") for p in ((spec or {}).get("paths") or {}) if p != "/"]


async def _table_options(ctx):
    return [Option(label=p, value=p) for p in await _schema(ctx) if not p.startswith("rpc/")]


async def _function_options(ctx):
    return [Option(label=p[4:], value=p[4:]) for p in await _schema(ctx) if p.startswith("rpc/")]


async def _bucket_options(ctx):
    buckets = await api(ctx, "GET", "/storage/v1/bucket") or []
    return OptionsPage(options=[Option(label=b.get("name") or b["id"], value=b["id"]) for b in buckets])


app.define(
    "table",
    props.string(
        "Table",
        "A table or view in the project's exposed schema (`public` unless changed), e.g. `orders`: as listed in the "
        "dashboard's Table Editor.",
        options=_table_options,
    ),
)

app.define(
    "filters",
    props.obj(
        "Filters",
        "Which rows, as `{column: \"operator.value\"}` in PostgREST syntax, all of which must hold: e.g. "
        "`{\"status\": \"eq.active\", \"age\": \"gte.18\", \"name\": \"ilike.*smith*\", \"id\": \"in.(1,2,3)\", "
        "\"deleted_at\": \"is.null\"}`. A plain value means equals.",
        optional=True,
    ),
)

app.define(
    "select",
    props.string(
        "Columns",
        "The columns to return, comma-separated, e.g. `id,name,created_at`; `*` for all (the default). Related tables "
        "embed as `*,customer(name)`.",
        optional=True,
        default="*",
    ),
)

app.define(
    "bucket",
    props.string(
        "Bucket",
        "A Storage bucket's ID, e.g. `avatars`, as listed in the dashboard's Storage page.",
        options=_bucket_options,
    ),
)

app.define(
    "function",
    props.string(
        "Function",
        "A Postgres function exposed by the project's API, e.g. `search_products`, as listed in the dashboard's "
        "Database > Functions.",
        options=_function_options,
    ),
)
