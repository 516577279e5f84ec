from mcp_gateway.catalog import props

from ..app import app, call, user_list, user_options, usergroup_summary


@app.action(
    "update-user-group-members",
    title="Update User Group Members",
    description=(
        "Set who is in a Slack user group: the list given replaces the current members entirely, so include "
        "everyone who should stay (read them first with slack-list-user-groups and includeUsers)."
    ),
    props={
        "userGroup": app.definition("userGroup"),
        "users": props.string_list(
            "Members",
            "The user IDs of everyone who should be in the group afterwards, e.g. `[\"U060R4BJ4\", \"W123A4BC5\"]`.",
            options=user_options,
        ),
    },
    destructive=True,
    idempotent=True,
    trim=usergroup_summary,
)
async def update_user_group_members(ctx):
    users = user_list(ctx.props.users)
    data = await call(
        ctx, "usergroups.users.update", form={"usergroup": ctx.props.userGroup, "users": users, "include_count": "true"}
    )
    group = data.get("usergroup") or {}
    ctx.summary = f"Set the members of @{group.get('handle') or ctx.props.userGroup} to {len(users.split(','))} people"
    return group
