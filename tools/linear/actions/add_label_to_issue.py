from ..app import ISSUE_FIELDS, app, gql, issue_summary

_ADD = f"""
mutation IssueAddLabel($id: String!, $labelId: String!) {{
  issueAddLabel(id: $id, labelId: $labelId) {{ success issue {{ {ISSUE_FIELDS} }} }}
}}
"""


@app.action(
    "add-label-to-issue",
    title="Add Label to Issue",
    description=(
        "Put one label on a Linear issue, keeping its other labels. To add or remove several at once use "
        "linear-update-issue; to make a new label, linear-create-label. Returns the issue with its labels."
    ),
    props={
        "issueId": app.definition("issueId"),
        "labelId": app.definition("labelIds").but(
            type="string",
            label="Label",
            description="The ID (UUID) of the label, from linear-list-labels. The choices list the issue's team's labels.",
            optional=False,
        ),
    },
    idempotent=True,
    trim=issue_summary,
)
async def add_label_to_issue(ctx):
    variables = {"id": str(ctx.props.issueId).strip(), "labelId": ctx.props.labelId}
    issue = (await gql(ctx, _ADD, variables))["issueAddLabel"]["issue"]
    names = ", ".join(label.get("name") for label in (issue.get("labels") or {}).get("nodes") or [])
    ctx.summary = f"Labeled Linear issue {issue['identifier']} (labels now: {names})"
    return issue
