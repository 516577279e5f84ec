import time

from mcp_gateway.catalog import ActionError, props

from ..app import api, app


def _series(data):
    return {
        "query": data.get("query"),
        "from_date": data.get("from_date"),
        "to_date": data.get("to_date"),
        "series": [{"metric": s.get("metric"), "scope": s.get("scope"), "display_name": s.get("display_name"),
                    "unit": [u.get("short_name") for u in s.get("unit") or [] if isinstance(u, dict)] or None,
                    "interval": s.get("interval"), "pointlist": s.get("pointlist")} for s in data.get("series") or []],
    }


@app.action(
    "query-metrics",
    title="Query Metrics",
    description=(
        "Read metric time series from Datadog with a metrics query, e.g. `avg:system.cpu.user{env:prod} by {host}` or "
        "`sum:trace.http.request.errors{service:web}.as_count()`, between two Unix times (default the last hour). "
        "Returns each series' points as `[timestamp_ms, value]`. To read individual log lines use datadog-search-logs."
    ),
    props={
        "query": props.string("Query", "A Datadog metrics query: `aggregation:metric{tags} by {tag}`, e.g. "
                                       "`avg:system.load.1{*} by {host}`."),
        "from": props.integer("From", "Start, in Unix seconds. Default one hour before `to`.", min=0, optional=True),
        "to": props.integer("To", "End, in Unix seconds. Default now.", min=0, optional=True),
    },
    read_only=True,
    trim=_series,
)
async def query_metrics(ctx):
    end = ctx.props.get("to") or int(time.time())
    start = ctx.props.get("from") or end - 3600
    if start >= end:
        raise ActionError("`from` must be before `to` (both in Unix seconds)")
    data = await api(ctx, "GET", "/api/v1/query", params={"from": start, "to": end, "query": ctx.props.query})
    if data.get("status") == "error":
        raise ActionError(f"Datadog could not run the query: {data.get('error')}; fix the query syntax")
    count = len(data.get("series") or [])
    ctx.summary = f"Got {count} series for {ctx.props.query!r}"
    return data
