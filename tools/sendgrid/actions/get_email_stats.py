import re

from mcp_gateway.catalog import ActionError, props

from ..app import app, request

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_METRICS = ("requests", "delivered", "opens", "unique_opens", "clicks", "unique_clicks", "bounces", "blocks",
            "deferred", "spam_reports", "unsubscribes", "invalid_emails", "bounce_drops", "spam_report_drops",
            "unsubscribe_drops", "processed")


def _stats_summary(days):
    """Each period's date and its metrics, without the per-source nesting."""
    out = []
    for day in days:
        metrics = {}
        for entry in day.get("stats") or []:
            for name, value in (entry.get("metrics") or {}).items():
                metrics[name] = metrics.get(name, 0) + (value or 0)
        out.append({"date": day.get("date"), **{name: metrics.get(name, 0) for name in _METRICS}})
    return out


@app.action(
    "get-email-stats",
    title="Get Email Statistics",
    description=(
        "Report the account's email numbers over a date range, per day, week or month: requests, delivered, opens, "
        "clicks (and unique ones), bounces, blocks, spam reports and unsubscribes. To see which addresses "
        "bounced, use sendgrid-list-bounces instead."
    ),
    props={
        "startDate": props.string("Start Date", "The first day to report, `YYYY-MM-DD`, e.g. `2026-11-01`."),
        "endDate": props.string("End Date", "The last day to report, `YYYY-MM-DD` (today when empty).", optional=True),
        "aggregatedBy": props.string(
            "Group By", "One row per `day` (the default), `week` or `month`.", options=["day", "week", "month"], optional=True,
        ),
    },
    read_only=True,
    trim=_stats_summary,
)
async def get_email_stats(ctx):
    params = {"start_date": ctx.props.startDate}
    if ctx.props.get("endDate"):
        params["end_date"] = ctx.props.endDate
    for value in params.values():
        if not _DATE.match(str(value)):
            raise ActionError(f"{value!r} is not a date; write it as `YYYY-MM-DD`, e.g. `2026-11-01`")
    if ctx.props.get("aggregatedBy"):
        params["aggregated_by"] = ctx.props.aggregatedBy
    days = await request(ctx, "GET", "/stats", params=params) or []
    delivered = sum(m.get("metrics", {}).get("delivered") or 0 for d in days for m in d.get("stats") or [])
    ctx.summary = f"Got email statistics for {len(days)} period{'s' if len(days) != 1 else ''} from {ctx.props.startDate}: {delivered} delivered"
    return days
