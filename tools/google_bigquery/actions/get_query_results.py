from mcp_gateway.catalog import props

from ..app import MAX_PAGE, api, app, job_path, query_summary


@app.action(
    "get-query-results",
    title="Get Query Results",
    description=(
        "Read the rows of a query started with google_bigquery-run-query, page by page: pass its `job_id` and, for "
        "the next rows, its `next_cursor`. Also waits for a query that was still running (`job_complete` false)."
    ),
    props={
        "projectId": app.definition("projectId"),
        "jobId": props.string("Job ID", "The query's `job_id` from google_bigquery-run-query, e.g. `job_3bGq0cX...`."),
        "location": app.definition(
            "location", description="The `location` google_bigquery-run-query returned with the job, e.g. `EU`.",
        ),
        "timeoutMs": props.integer(
            "Wait (ms)", "How long to wait for a running query to finish (default 10000).", optional=True, min=0, max=60000,
        ),
        "limit": props.limit("rows", default=100, maximum=1000),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=query_summary,
)
async def get_query_results(ctx):
    path = job_path(ctx.props.projectId, ctx.props.jobId)
    params = {}
    for prop in ("location", "timeoutMs"):
        if ctx.props.get(prop) not in (None, ""):
            params[prop] = ctx.props[prop]
    answer, rows, token = {}, [], ctx.props.get("cursor") or None
    # BigQuery may send fewer rows a page than asked for; follow pages until the limit.
    while len(rows) < ctx.props.limit:
        query = {**params, "maxResults": min(MAX_PAGE * 10, ctx.props.limit - len(rows))}
        if token:
            query["pageToken"] = token
        answer = await api(ctx, "GET", path, params=query)
        rows.extend(answer.get("rows") or [])
        token = answer.get("pageToken")
        if not answer.get("jobComplete") or not token:
            break
    answer = {**answer, "rows": rows, "pageToken": token}
    if answer.get("jobComplete"):
        ctx.summary = f"Read {len(rows)} of {answer.get('totalRows', '0')} rows"
    else:
        ctx.summary = "The query is still running; call again with the same job ID"
    return answer
