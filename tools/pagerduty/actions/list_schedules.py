from mcp_gateway.catalog import props, within

from ..app import app, collect, schedule_summary


@app.action(
    "list-schedules",
    title="List Schedules",
    description=(
        "List the on-call schedules of the PagerDuty account with their IDs, time zones and users, optionally those "
        "whose name matches some text. Who is on call on them now: pagerduty-list-on-calls with their IDs."
    ),
    props={
        "query": props.string("Search", "Only schedules whose name contains this text.", optional=True),
        "limit": props.limit("schedules"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("schedules", schedule_summary),
)
async def list_schedules(ctx):
    params = {"query": ctx.props.query} if ctx.props.get("query") else {}
    schedules, cursor = await collect(ctx, "/schedules", "schedules", limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
                                      params=params)
    ctx.summary = f"Listed {len(schedules)} schedule{'s' if len(schedules) != 1 else ''}"
    return {"schedules": schedules, "next_cursor": cursor}
