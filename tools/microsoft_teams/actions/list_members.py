from mcp_gateway.catalog import props, within

from ..app import app, chosen_team, collect, member_summary, more


@app.action(
    "list-members",
    title="List Team Members",
    description=(
        "List the members of a Microsoft Teams team: display name, email, Microsoft Entra user ID and role "
        "(owner, member or guest). To add someone, use microsoft_teams-add-team-member."
    ),
    props={"teamId": app.definition("teamId"), "limit": props.limit("members"), "cursor": props.cursor()},
    read_only=True,
    trim=within("members", member_summary),
)
async def list_members(ctx):
    members, cursor = await collect(
        ctx, f"/teams/{chosen_team(ctx)}/members", limit=ctx.props.limit, cursor=ctx.props.get("cursor")
    )
    ctx.summary = f"Listed {len(members)} member(s) of team {ctx.props.teamId}{more(cursor)}"
    return {"members": members, "next_cursor": cursor}
