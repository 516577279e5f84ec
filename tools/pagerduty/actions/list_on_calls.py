from mcp_gateway.catalog import props, within

from ..app import app, collect, on_call_summary


@app.action(
    "list-on-calls",
    title="List On-Calls",
    description=(
        "Find who is on call in PagerDuty: now, or in a time range, for some schedules, escalation policies or users. "
        "Each entry gives the user, schedule, escalation policy and level, and when the shift starts and ends. To find "
        "schedule IDs, use pagerduty-list-schedules."
    ),
    props={
        "scheduleIds": app.definition("scheduleIds"),
        "escalationPolicyIds": props.string_list(
            "Escalation Policies", "Escalation policy IDs, e.g. `[\"PT20YPA\"]`, as services show them "
            "(`escalation_policy.id` in pagerduty-list-services).", optional=True,
        ),
        "userIds": app.definition("userIds"),
        "since": app.definition("since", description="The start of the time range, ISO 8601; by default now."),
        "until": app.definition("until", description="The end of the time range, ISO 8601; by default now."),
        "earliest": props.boolean(
            "Next Only", "Only the earliest on-call entry per user, escalation policy and level.", optional=True,
        ),
        "limit": props.limit("on-call entries"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("oncalls", on_call_summary),
)
async def list_on_calls(ctx):
    params = {}
    for prop, name in (("scheduleIds", "schedule_ids[]"), ("escalationPolicyIds", "escalation_policy_ids[]"),
                       ("userIds", "user_ids[]")):
        if ctx.props.get(prop):
            params[name] = list(ctx.props[prop])
    for name in ("since", "until"):
        if ctx.props.get(name):
            params[name] = ctx.props[name]
    if ctx.props.get("earliest"):
        params["earliest"] = "true"
    oncalls, cursor = await collect(ctx, "/oncalls", "oncalls", limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
                                    params=params)
    people = sorted({(o.get("user") or {}).get("summary") or "?" for o in oncalls})
    ctx.summary = f"Found {len(oncalls)} on-call entr{'ies' if len(oncalls) != 1 else 'y'}" + (
        f": {', '.join(people)}" if people else "")
    return {"oncalls": oncalls, "next_cursor": cursor}
