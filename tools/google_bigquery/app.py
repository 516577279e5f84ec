"""Google BigQuery: find projects, datasets and tables, run SQL and read its rows, stream rows in."""

from mcp_gateway.catalog import ActionError, App, OAuth, Option, OptionsPage, props

from .. import _google

SERVICE = "BigQuery"
API = "https://bigquery.googleapis.com/bigquery/v2"

SCOPES = ["https://www.googleapis.com/auth/bigquery"]

# BigQuery's list calls take at most 1,000 results a page; 100 keeps answers small.
MAX_PAGE = 100


async def _account_test(ctx):
    """One project the token can see (`projects.list`); BigQuery does not say whose account it is."""
    await api(ctx, "GET", "/projects", params={"maxResults": 1})
    return None


app = App(
    "google_bigquery",
    "Google BigQuery",
    "Query the connected Google account's BigQuery data with SQL, browse its projects, datasets and tables and their "
    "schemas, and stream new rows into tables.",
    auth=OAuth(
        authorize_url="https://accounts.google.com/o/oauth2/v2/auth",
        token_url="https://oauth2.googleapis.com/token",
        scopes=SCOPES,
        pkce=True,
        extra_authorize_params={"access_type": "offline", "prompt": "consent"},
    ),
    categories=["Databases", "Analytics"],
    featured_weight=50,
    base_url=API,
    allowed_domains=["bigquery.googleapis.com"],
    test=_account_test,
)


_NOT_FOUND = (
    "no project, dataset, table or job has that ID for this account; find them with google_bigquery-list-projects, "
    "google_bigquery-list-datasets and google_bigquery-list-tables (a job lives in the location it ran in: pass it)"
)
_HINTS = {
    "invalidQuery": "the SQL is not valid BigQuery GoogleSQL; fix it as the message says",
    "invalid": "some values are not what BigQuery expects; see the message",
    "duplicate": "a resource with that ID already exists",
    "billingNotEnabled": "the project has no billing; enable billing on it or query from another project",
    "accessDenied": "the account may not read or change this resource; ask for a BigQuery role on it",
    "responseTooLarge": "the result is too large to return; select fewer columns or rows (add LIMIT)",
    "notFound": _NOT_FOUND,
}


async def api(ctx, method, path, **kw):
    """A BigQuery call's JSON answer (`{}` for an empty one); errors say what to fix."""
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise _google.google_error(
            method, response, service=SERVICE, not_found=_NOT_FOUND, hints=_HINTS,
            forbidden="the account may not use this project or table in BigQuery; ask for a BigQuery role on it",
            scope="the connection was not granted BigQuery access; reconnect Google BigQuery and approve it",
        )
    return response.json() if response.content else {}


def project_path(project_id):
    return f"/projects/{_google.seg(project_id)}"


def job_path(project_id, job_id):
    return f"{project_path(project_id)}/queries/{_google.seg(job_id)}"


def datasets_path(project_id):
    return f"{project_path(project_id)}/datasets"


def table_path(project_id, dataset_id, table_id=None):
    path = f"{datasets_path(project_id)}/{_google.seg(dataset_id)}/tables"
    return f"{path}/{_google.seg(table_id)}" if table_id else path


async def collect(ctx, path, key, *, limit, cursor, params=None):
    """Up to `limit` records of a BigQuery list from `cursor` (a page token) on, and the next token."""
    records, token = [], cursor or None
    while len(records) < limit:
        query = {**(params or {}), "maxResults": min(MAX_PAGE, limit - len(records))}
        if token:
            query["pageToken"] = token
        page = await api(ctx, "GET", path, params=query)
        records.extend(page.get(key) or [])
        token = page.get("pageToken") or page.get("nextPageToken")
        if not token:
            break
    return records[:limit], token


_TYPES = ((bool, "BOOL"), (int, "INT64"), (float, "FLOAT64"), (str, "STRING"))


def named_parameters(values):
    """`{name: value}` as BigQuery's named query parameters, typed from the values."""
    out = []
    for name, value in values.items():
        kind = next((t for py, t in _TYPES if isinstance(value, py)), None)
        if kind is None:
            raise ActionError(f"parameter {name!r} must be a string, a number or true/false; write arrays and "
                              "structs into the SQL instead")
        text = str(value).lower() if isinstance(value, bool) else str(value)
        out.append({"name": name, "parameterType": {"type": kind}, "parameterValue": {"value": text}})
    return out


# Rows: BigQuery sends each row as `{"f": [{"v": value}, ...]}` in the schema's column order.

def _value(field, cell):
    value = cell.get("v") if isinstance(cell, dict) else cell
    if value is None:
        return None
    if field.get("mode") == "REPEATED":
        return [_value({**field, "mode": "NULLABLE"}, item) for item in value]
    if field.get("type") in ("RECORD", "STRUCT"):
        return row_object(field.get("fields") or [], value)
    return value


def row_object(fields, row):
    """One result row as `{column: value}`; values stay the strings BigQuery sends."""
    cells = (row or {}).get("f") or []
    return {field.get("name"): _value(field, cell) for field, cell in zip(fields, cells)}


def rows_of(answer):
    fields = ((answer.get("schema") or {}).get("fields")) or []
    return [row_object(fields, row) for row in answer.get("rows") or []]


def columns(schema):
    """The schema's columns as name, type, mode and description, nested ones under `fields`."""
    out = []
    for field in (schema or {}).get("fields") or []:
        column = {"name": field.get("name"), "type": field.get("type"), "mode": field.get("mode") or "NULLABLE"}
        if field.get("description"):
            column["description"] = field["description"]
        if field.get("fields"):
            column["fields"] = columns(field)
        out.append(column)
    return out


def query_summary(answer):
    job = answer.get("jobReference") or {}
    return {
        "job_complete": answer.get("jobComplete"),
        "job_id": job.get("jobId"),
        "location": job.get("location"),
        "columns": [c["name"] for c in columns(answer.get("schema"))],
        "rows": rows_of(answer),
        "total_rows": answer.get("totalRows"),
        "num_dml_affected_rows": answer.get("numDmlAffectedRows"),
        "total_bytes_processed": answer.get("totalBytesProcessed"),
        "cache_hit": answer.get("cacheHit"),
        "next_cursor": answer.get("pageToken") or None,
    }


def dataset_summary(dataset):
    ref = dataset.get("datasetReference") or {}
    return {"dataset_id": ref.get("datasetId"), "project_id": ref.get("projectId"),
            "friendly_name": dataset.get("friendlyName"), "location": dataset.get("location")}


def table_summary(table):
    ref = table.get("tableReference") or {}
    return {"table_id": ref.get("tableId"), "dataset_id": ref.get("datasetId"), "project_id": ref.get("projectId"),
            "type": table.get("type"), "friendly_name": table.get("friendlyName"),
            "creation_time": table.get("creationTime")}


def project_summary(project):
    ref = project.get("projectReference") or {}
    return {"project_id": ref.get("projectId"), "friendly_name": project.get("friendlyName"),
            "numeric_id": project.get("numericId")}


async def _project_options(ctx):
    query = {"maxResults": MAX_PAGE}
    if ctx.prev_context.get("pageToken"):
        query["pageToken"] = ctx.prev_context["pageToken"]
    page = await api(ctx, "GET", "/projects", params=query)
    options = [Option(label=p.get("friendlyName") or s["project_id"], value=s["project_id"])
               for p in page.get("projects") or [] for s in [project_summary(p)]]
    token = page.get("nextPageToken")
    return OptionsPage(options=options, context={"pageToken": token} if token else None)


async def _dataset_options(ctx):
    if not ctx.props.get("projectId"):
        raise ActionError("choose the project (projectId) first; the datasets to choose from are in it")
    query = {"maxResults": MAX_PAGE}
    if ctx.prev_context.get("pageToken"):
        query["pageToken"] = ctx.prev_context["pageToken"]
    page = await api(ctx, "GET", datasets_path(ctx.props.projectId), params=query)
    ids = [dataset_summary(d)["dataset_id"] for d in page.get("datasets") or []]
    token = page.get("nextPageToken")
    return OptionsPage(options=[Option(label=i, value=i) for i in ids], context={"pageToken": token} if token else None)


async def _table_options(ctx):
    if not ctx.props.get("projectId") or not ctx.props.get("datasetId"):
        raise ActionError("choose the project (projectId) and dataset (datasetId) first; the tables are in the dataset")
    query = {"maxResults": MAX_PAGE}
    if ctx.prev_context.get("pageToken"):
        query["pageToken"] = ctx.prev_context["pageToken"]
    page = await api(ctx, "GET", table_path(ctx.props.projectId, ctx.props.datasetId), params=query)
    ids = [table_summary(t)["table_id"] for t in page.get("tables") or []]
    token = page.get("nextPageToken")
    return OptionsPage(options=[Option(label=i, value=i) for i in ids], context={"pageToken": token} if token else None)


app.define(
    "projectId",
    props.string(
        "Project",
        "A Google Cloud project ID, e.g. `my-analytics-123`, from google_bigquery-list-projects or the project picker "
        "of the Google Cloud console. Queries run, and are billed, in this project.",
        options=_project_options,
    ),
)

app.define(
    "datasetId",
    props.string(
        "Dataset",
        "A dataset ID in the project, e.g. `sales`, from google_bigquery-list-datasets (the part before the table "
        "name in `project.sales.orders`).",
        options=_dataset_options,
    ),
)

app.define(
    "tableId",
    props.string(
        "Table",
        "A table ID in the dataset, e.g. `orders`, from google_bigquery-list-tables.",
        options=_table_options,
    ),
)

app.define(
    "location",
    props.string(
        "Location",
        "Where the data lives, e.g. `US`, `EU` or `europe-west2`; BigQuery works it out when left empty, but a job "
        "outside the US and EU multi-regions needs it to be found again.",
        optional=True,
    ),
)
