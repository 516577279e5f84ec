from mcp_gateway.catalog import props, within

from ..app import app, collect, service_summary


@app.action(
    "list-services",
    title="List Services",
    description=(
        "List the services of the PagerDuty account (what incidents are opened on), with their IDs, status and "
        "escalation policy, optionally those whose name matches some text or of some teams."
    ),
    props={
        "query": props.string("Search", "Only services whose name contains this text.", optional=True),
        "teamIds": app.definition("teamIds"),
        "limit": props.limit("services"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("services", service_summary),
)
async def list_services(ctx):
    params = {"query": ctx.props.query} if ctx.props.get("query") else {}
    if ctx.props.get("teamIds"):
        params["team_ids[]"] = list(ctx.props.teamIds)
    services, cursor = await collect(ctx, "/services", "services", limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
                                     params=params)
    ctx.summary = f"Listed {len(services)} service{'s' if len(services) != 1 else ''}"
    return {"services": services, "next_cursor": cursor}
