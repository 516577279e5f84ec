import re
from datetime import datetime

from mcp_gateway.catalog import ActionError, props

from ..app import app, issue_key, jira, to_adf, worklog_summary

_DURATION = re.compile(r"^\s*(\d+(\.\d+)?\s*[wdhm]\s*)+$")


def _started(value):
    """Jira's worklog time format, `2024-06-01T09:30:00.000+0000`, from an ISO 8601 date and time."""
    try:
        moment = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    except ValueError:
        raise ActionError(f"started {value!r} must be a date and time such as `2024-06-01T09:30:00+02:00`") from None
    if moment.tzinfo is None:
        raise ActionError(f"started {value!r} needs a time zone offset, e.g. `2024-06-01T09:30:00Z` or `...+02:00`")
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}" + moment.strftime("%z")


@app.action(
    "add-worklog",
    title="Log Work",
    description=(
        "Log time spent on a Jira issue as the connected user, e.g. `2h 30m` started this morning, with an optional "
        "note; the issue's remaining estimate goes down by the same amount unless told otherwise. To read the "
        "time logged so far use jira-list-worklogs."
    ),
    props={
        "site": app.definition("site"),
        "issueKey": app.definition("issueKey"),
        "timeSpent": props.string(
            "Time Spent", "How long, in Jira's duration format: weeks, days, hours and minutes, e.g. `2h 30m`, `1d` or `45m`."
        ),
        "started": props.string(
            "Started",
            "When the work started, ISO 8601 with a time zone, e.g. `2024-06-01T09:30:00Z`. Defaults to now.",
            optional=True,
        ),
        "comment": props.string("Comment", "What was done, as plain text.", optional=True),
        "adjustEstimate": props.string(
            "Remaining Estimate",
            "`auto` (the default) lowers the remaining estimate by the time spent; `leave` keeps it as it is.",
            options=["auto", "leave"],
            optional=True,
        ),
    },
    trim=worklog_summary,
)
async def add_worklog(ctx):
    key = issue_key(ctx.props.issueKey)
    if not _DURATION.match(str(ctx.props.timeSpent)):
        raise ActionError(f"timeSpent {ctx.props.timeSpent!r} must be a Jira duration such as `2h 30m`, `1d` or `45m`")
    body = {"timeSpent": str(ctx.props.timeSpent).strip()}
    if ctx.props.get("started"):
        body["started"] = _started(ctx.props.started)
    if ctx.props.get("comment"):
        body["comment"] = to_adf(ctx.props.comment)
    params = {"adjustEstimate": ctx.props.adjustEstimate} if ctx.props.get("adjustEstimate") else None
    worklog = (await jira(ctx, "POST", f"/issue/{key}/worklog", json=body, params=params)).json()
    ctx.summary = f"Logged {worklog.get('timeSpent') or body['timeSpent']} on Jira issue {key}"
    return worklog
