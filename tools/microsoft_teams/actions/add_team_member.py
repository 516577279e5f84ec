from mcp_gateway.catalog import props

from ..app import app, chosen_team, graph, member_summary, user_bind


@app.action(
    "add-team-member",
    title="Add Team Member",
    description=(
        "Add a person from the organisation to a Microsoft Teams team, as a member or an owner. The connected "
        "user must be an owner of the team. To see who is in it already, use microsoft_teams-list-members."
    ),
    props={
        "teamId": app.definition("teamId"),
        "userId": app.definition("userId"),
        "owner": props.boolean("Owner", "`true` makes them an owner of the team, who can manage it.", default=False),
    },
    idempotent=True,
    trim=member_summary,
)
async def add_team_member(ctx):
    body = {
        "@odata.type": "#microsoft.graph.aadUserConversationMember",
        "roles": ["owner"] if ctx.props.owner else [],
        "user@odata.bind": user_bind(ctx.props.userId),
    }
    member = await graph(ctx, "POST", f"/teams/{chosen_team(ctx)}/members", json_body=body)
    role = "owner" if ctx.props.owner else "member"
    ctx.summary = f"Added {member.get('displayName') or ctx.props.userId} to team {ctx.props.teamId} as {role}"
    return member
