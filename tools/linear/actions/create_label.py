import re

from mcp_gateway.catalog import ActionError, props

from ..app import LABEL_FIELDS, app, gql, label_summary, team_id

_CREATE = f"""
mutation IssueLabelCreate($input: IssueLabelCreateInput!) {{
  issueLabelCreate(input: $input) {{ success issueLabel {{ {LABEL_FIELDS} }} }}
}}
"""

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


@app.action(
    "create-label",
    title="Create Label",
    description=(
        "Create an issue label in Linear, for one team or the whole workspace, optionally inside a label group. "
        "Returns the label's ID for linear-add-label-to-issue. Check linear-list-labels first: names must be "
        "unique."
    ),
    props={
        "name": props.string("Name", "The label's name, e.g. `Regression`."),
        "teamId": app.definition(
            "teamId", optional=True,
            description="The team the label belongs to: its key (e.g. `ENG`), name or ID. Leave empty for a workspace label.",
        ),
        "color": props.string("Color", "The label's color as a hex code, e.g. `#eb5757`.", optional=True),
        "description": props.string("Description", "What the label is for.", optional=True),
        "parentId": props.string(
            "Group", "The ID (UUID) of a label group to put this label in, from linear-list-labels (`is_group: true`).",
            optional=True,
        ),
    },
    trim=label_summary,
)
async def create_label(ctx):
    data = {"name": ctx.props.name}
    if ctx.props.get("teamId"):
        data["teamId"] = await team_id(ctx, ctx.props.teamId)
    color = ctx.props.get("color")
    if color:
        if not _COLOR.match(color):
            raise ActionError(f"color {color!r} must be a hex code such as `#eb5757`")
        data["color"] = color
    for name in ("description", "parentId"):
        if ctx.props.get(name):
            data[name] = ctx.props[name]
    label = (await gql(ctx, _CREATE, {"input": data}))["issueLabelCreate"]["issueLabel"]
    ctx.summary = f"Created Linear label {label.get('name')}"
    return label
