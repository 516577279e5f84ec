from mcp_gateway.catalog import props, within

from ..app import app, call, plural, usergroup_summary


@app.action(
    "list-user-groups",
    title="List User Groups",
    description=(
        "List the Slack workspace's user groups (the teams an `@handle` such as `@oncall` mentions) with their "
        "IDs, names, handles, member counts and, optionally, their members' user IDs. To change who is in a "
        "group, use slack-update-user-group-members."
    ),
    props={
        "includeUsers": props.boolean("Include Members", "`true` also returns each group's member user IDs.", default=False),
        "includeDisabled": props.boolean("Include Disabled", "`true` also lists disabled groups.", default=False),
    },
    read_only=True,
    trim=within("usergroups", usergroup_summary),
)
async def list_user_groups(ctx):
    params = {
        "include_count": "true",
        "include_users": str(ctx.props.includeUsers).lower(),
        "include_disabled": str(ctx.props.includeDisabled).lower(),
    }
    data = await call(ctx, "usergroups.list", params=params)
    groups = data.get("usergroups") or []
    ctx.summary = f"Listed {plural(len(groups), 'user group')}"
    return {"usergroups": groups}
