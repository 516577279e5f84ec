from datetime import datetime

from mcp_gateway.catalog import ActionError, props

from ..app import CREATED_WITH, api, app, entry_fields, entry_props, entry_summary


def _instant(name, value):
    text = str(value or "").strip()
    try:
        datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ActionError(f"{name} {value!r} must be an RFC 3339 time such as `2026-12-07T09:00:00Z`") from None
    return text


@app.action(
    "create-time-entry",
    title="Create Time Entry",
    description=(
        "Record time already spent: a finished entry with its start and either its stop time or its duration in "
        "seconds. To time work from now on use toggl-start-time-entry instead."
    ),
    props={
        **entry_props(),
        "start": props.string("Start", "When the work started, RFC 3339, e.g. `2026-12-07T09:00:00Z`."),
        "stop": props.string("Stop", "When it ended, RFC 3339. Give this or duration.", optional=True),
        "duration": props.integer("Duration", "Its length in seconds, e.g. `5400` for 1 h 30 min. Give this or stop.",
                                  min=1, optional=True),
    },
    trim=entry_summary,
)
async def create_time_entry(ctx):
    if (ctx.props.get("stop") is None) == (ctx.props.get("duration") is None):
        raise ActionError("give either stop or duration (seconds), not both and not neither")
    body = {"created_with": CREATED_WITH, "workspace_id": ctx.props.workspaceId, "start": _instant("start", ctx.props.start),
            **entry_fields(ctx)}
    if ctx.props.get("stop") is not None:
        body["stop"] = _instant("stop", ctx.props.stop)
    else:
        body["duration"] = ctx.props.duration
    entry = await api(ctx, "POST", f"/workspaces/{ctx.props.workspaceId}/time_entries", json=body) or {}
    minutes = round((entry.get("duration") or 0) / 60)
    ctx.summary = f"Logged {minutes} min: {entry.get('description') or '(no description)'}"
    return entry
