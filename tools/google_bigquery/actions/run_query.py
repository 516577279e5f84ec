from mcp_gateway.catalog import props

from ..app import api, app, named_parameters, project_path, query_summary


@app.action(
    "run-query",
    title="Run Query",
    description=(
        "Run a GoogleSQL statement in BigQuery and return its first rows as `{column: value}` objects (values as "
        "BigQuery sends them: numbers and dates are strings). Works for SELECT and for INSERT, UPDATE, DELETE and MERGE "
        "(see `num_dml_affected_rows`). Refer to tables as `project.dataset.table`. When `next_cursor` is set, read "
        "the next rows with google_bigquery-get-query-results and the `job_id`; when `job_complete` is false the query "
        "is still running: fetch its rows the same way. Use `dryRun` to check SQL and its cost without running it."
    ),
    props={
        "projectId": app.definition("projectId"),
        "query": props.string(
            "SQL", "The GoogleSQL statement, e.g. `SELECT name, total FROM `my-project.sales.orders` WHERE total > @min "
            "LIMIT 10`. Put values in `parameters` as `@name` rather than in the text."
        ),
        "parameters": props.obj(
            "Parameters", "Values for the statement's `@name` parameters, e.g. `{\"min\": 100}`: strings, numbers or "
            "true/false.", optional=True,
        ),
        "defaultDataset": app.definition(
            "datasetId", label="Default Dataset", optional=True,
            description="A dataset ID of the project that unqualified table names in the SQL refer to, e.g. `sales`.",
        ),
        "location": app.definition("location"),
        "timeoutMs": props.integer(
            "Wait (ms)", "How long to wait for the query to finish before returning (default 10000). A query still "
            "running comes back with `job_complete` false.", optional=True, min=0, max=60000,
        ),
        "maximumBytesBilled": props.string(
            "Maximum Bytes Billed", "Fail the query, at no charge, if it would bill more bytes than this, e.g. "
            "`1000000000`.", optional=True,
        ),
        "dryRun": props.boolean(
            "Dry Run", "Only validate the SQL and report `total_bytes_processed`, without running it.", optional=True,
        ),
        "limit": props.limit("rows", default=100, maximum=1000),
    },
    trim=query_summary,
)
async def run_query(ctx):
    body = {"query": ctx.props.query, "useLegacySql": False, "maxResults": ctx.props.limit}
    if ctx.props.get("parameters"):
        body["parameterMode"] = "NAMED"
        body["queryParameters"] = named_parameters(ctx.props.parameters)
    if ctx.props.get("defaultDataset"):
        body["defaultDataset"] = {"projectId": ctx.props.projectId, "datasetId": ctx.props.defaultDataset}
    for prop in ("location", "timeoutMs", "maximumBytesBilled"):
        if ctx.props.get(prop) not in (None, ""):
            body[prop] = ctx.props[prop]
    if ctx.props.get("dryRun"):
        body["dryRun"] = True
    answer = await api(ctx, "POST", f"{project_path(ctx.props.projectId)}/queries", json=body)
    if ctx.props.get("dryRun"):
        ctx.summary = f"The query is valid and would process {answer.get('totalBytesProcessed', '0')} bytes"
    elif not answer.get("jobComplete"):
        job_id = (answer.get("jobReference") or {}).get("jobId")
        ctx.summary = f"The query is still running; fetch its rows with google_bigquery-get-query-results (job {job_id})"
    elif answer.get("numDmlAffectedRows") is not None:
        ctx.summary = f"The statement changed {answer['numDmlAffectedRows']} rows"
    else:
        ctx.summary = f"The query returned {len(answer.get('rows') or [])} of {answer.get('totalRows', '0')} rows"
    return answer
