from mcp_gateway.catalog import props

from ..app import app, issue_key, jira, link_type_options, to_adf


@app.action(
    "link-issues",
    title="Link Issues",
    description=(
        "Link two Jira issues with a link type such as `Blocks`, `Relates` or `Duplicates`, optionally with a "
        "comment on the inward issue. With `Blocks`, the outward issue blocks the inward one "
        "(outwardIssue \"blocks\" inwardIssue). jira-list-issue-link-types lists the site's link types. For a "
        "parent (epic or subtask) relation set parentKey with jira-create-issue instead."
    ),
    props={
        "site": app.definition("site"),
        "linkType": props.string(
            "Link Type",
            "The link type's name, e.g. `Blocks`, `Relates`, `Duplicates` or `Cloners`. The choices list the site's types.",
            options=link_type_options,
        ),
        "outwardIssueKey": app.definition(
            "issueKey", label="Outward Issue",
            description="The issue on the outward side, e.g. `ENG-1` in \"ENG-1 blocks ENG-2\".",
        ),
        "inwardIssueKey": app.definition(
            "issueKey", label="Inward Issue",
            description="The issue on the inward side, e.g. `ENG-2` in \"ENG-1 blocks ENG-2\".",
        ),
        "comment": props.string("Comment", "A comment to add to the inward issue about the link.", optional=True),
    },
    idempotent=True,
)
async def link_issues(ctx):
    outward, inward = issue_key(ctx.props.outwardIssueKey), issue_key(ctx.props.inwardIssueKey)
    body = {"type": {"name": ctx.props.linkType}, "outwardIssue": {"key": outward}, "inwardIssue": {"key": inward}}
    if ctx.props.get("comment"):
        body["comment"] = {"body": to_adf(ctx.props.comment)}
    await jira(ctx, "POST", "/issueLink", json=body)
    ctx.summary = f"Linked Jira issues {outward} → {inward} ({ctx.props.linkType})"
    return {"type": ctx.props.linkType, "outward_issue": outward, "inward_issue": inward, "linked": True}
