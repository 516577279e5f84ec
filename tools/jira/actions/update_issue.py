from mcp_gateway.catalog import ActionError, props

from ..app import account_id, app, browse_url, check_date, issue_key, jira, to_adf


@app.action(
    "update-issue",
    title="Update Issue",
    description=(
        "Change fields of a Jira issue: summary, description, priority, due date, assignee, components or labels "
        "(replace them, or add and remove some). Fields left empty stay as they are. To change the status use "
        "jira-transition-issue."
    ),
    props={
        "site": app.definition("site"),
        "issueKey": app.definition("issueKey"),
        "summary": props.string("Summary", "A new one-line title.", optional=True),
        "description": props.string(
            "Description",
            "A new description replacing the current one, as plain text (blank lines separate paragraphs, `- ` "
            "lines make lists) or an Atlassian Document Format document as JSON.",
            optional=True,
        ),
        "priority": app.definition("priority"),
        "dueDate": props.string("Due Date", "A new due date as YYYY-MM-DD.", optional=True),
        "labels": app.definition("labels", description="Labels replacing all current ones, e.g. `[\"backend\"]`."),
        "addLabels": app.definition("labels", label="Add Labels", description="Labels to add; the others stay."),
        "removeLabels": app.definition("labels", label="Remove Labels", description="Labels to take off the issue."),
        "components": app.definition(
            "components", description="Component names replacing the issue's current ones, e.g. `[\"Backend\"]`; "
            "jira-list-components lists them.",
        ),
        "assignee": props.string(
            "Assignee",
            "A new assignee: an account ID, `me`, or an email address to look up.",
            optional=True,
        ),
        "notifyUsers": props.boolean("Notify Watchers", "Email the issue's watchers about the change.", default=True),
    },
    destructive=True,
    idempotent=True,
)
async def update_issue(ctx):
    key = issue_key(ctx.props.issueKey)
    fields, update = {}, {}
    if ctx.props.get("summary"):
        fields["summary"] = ctx.props.summary
    if ctx.props.get("description"):
        fields["description"] = to_adf(ctx.props.description)
    if ctx.props.get("priority"):
        fields["priority"] = {"name": ctx.props.priority}
    if ctx.props.get("dueDate"):
        fields["duedate"] = check_date(ctx.props.dueDate, "dueDate")
    if ctx.props.get("labels"):
        fields["labels"] = list(ctx.props.labels)
    if ctx.props.get("components"):
        fields["components"] = [{"name": name} for name in ctx.props.components]
    label_ops = [{"add": label} for label in ctx.props.get("addLabels") or []]
    label_ops += [{"remove": label} for label in ctx.props.get("removeLabels") or []]
    if label_ops:
        if "labels" in fields:
            raise ActionError("give either labels (to replace them all) or addLabels/removeLabels, not both")
        update["labels"] = label_ops
    if ctx.props.get("assignee"):
        fields["assignee"] = {"accountId": await account_id(ctx, ctx.props.assignee)}
    if not fields and not update:
        raise ActionError(
            "nothing to change: give at least one of summary, description, priority, dueDate, labels, addLabels, "
            "removeLabels, components or assignee"
        )
    body = {}
    if fields:
        body["fields"] = fields
    if update:
        body["update"] = update
    params = None if ctx.props.notifyUsers else {"notifyUsers": "false"}
    await jira(ctx, "PUT", f"/issue/{key}", json=body, params=params)
    changed = sorted(set(fields) | set(update))
    ctx.summary = f"Updated {', '.join(changed)} of Jira issue {key}"
    return {"key": key, "updated": changed, "url": browse_url(ctx, key)}
