from mcp_gateway.catalog import props, within

from ..app import agent_summary, app, collect


@app.action(
    "list-agents",
    title="List Agents",
    description=(
        "List the helpdesk's Freshdesk agents with their IDs, names, emails and groups, or find one by email. Use an "
        "agent's ID as the responder of freshdesk-create-ticket or freshdesk-update-ticket."
    ),
    props={
        "email": props.string("Email", "Only the agent with this email.", optional=True),
        "limit": props.limit("agents"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("agents", agent_summary),
)
async def list_agents(ctx):
    params = {"email": ctx.props.email} if ctx.props.get("email") else {}
    agents, following = await collect(ctx, "/agents", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(agents)} agent{'s' if len(agents) != 1 else ''}"
    return {"agents": agents, "next_cursor": following}
