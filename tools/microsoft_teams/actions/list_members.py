from mcp_gateway.catalog import props

from ..app import app, check_next_link, chosen_team, graph


@app.action(
    "list-members",
    title="List Team Members",
    description=(
        "List the members of a Microsoft Teams team: display name, email, Microsoft Entra user ID and role "
        "(owner, member or guest). Pass the returned nextLink for more."
    ),
    props={
        "teamId": app.definition("teamId"),
        "nextLink": props.string(
            "Next Page Link", "The `nextLink` a previous call returned, to read the next page.", optional=True
        ),
    },
    read_only=True,
)
async def list_members(ctx):
    if ctx.props.get("nextLink"):
        data = await graph(ctx, "GET", check_next_link(ctx.props.nextLink))
    else:
        data = await graph(ctx, "GET", f"/teams/{chosen_team(ctx)}/members")
    members = []
    for member in data.get("value") or []:
        roles = member.get("roles") or []
        members.append(
            {
                "id": member.get("id"),
                "displayName": member.get("displayName"),
                "email": member.get("email"),
                "userId": member.get("userId"),
                "role": "owner" if "owner" in roles else "guest" if "guest" in roles else "member",
            }
        )
    following = data.get("@odata.nextLink")
    ctx.summary = f"Listed {len(members)} member(s) of team {ctx.props.teamId}" + (" (more available)" if following else "")
    return {"members": members, "nextLink": following}
