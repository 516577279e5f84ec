from mcp_gateway.catalog import ActionError, props

from ..app import api, app, issue_path, issue_summary

_STATUSES = ["resolved", "resolvedInNextRelease", "unresolved", "ignored"]


@app.action(
    "update-issue",
    title="Update Issue",
    description=(
        "Change a Sentry issue: resolve it (now, in a given release or in the next one), ignore it (for a while or for "
        "good), reopen it, assign it to a user or team, set its priority, or mark it seen or bookmarked. Fields left "
        "empty stay as they are. To remove the issue and its events, use sentry-delete-issue. Needs the event:write scope."
    ),
    props={
        "organization": app.definition("organization"),
        "issueId": app.definition("issueId"),
        "status": props.string(
            "Status", "`resolved`, `resolvedInNextRelease`, `unresolved` (reopen) or `ignored`.", options=_STATUSES,
            optional=True,
        ),
        "inRelease": props.string(
            "Resolved In Release", "With status `resolved`: the release version that fixes it (from sentry-list-releases), "
            "or `latest`.", optional=True,
        ),
        "ignoreDuration": props.integer(
            "Ignore For (minutes)", "With status `ignored`: ignore it this many minutes, then it shows again. Leave empty "
            "to ignore it until it escalates.", optional=True, min=1,
        ),
        "assignedTo": props.string(
            "Assign To", "A user as `user:<id>`, their username or email, or a team as `team:<id>` (from sentry-list-teams), "
            "e.g. `jane@example.com` or `team:48531`.", optional=True,
        ),
        "priority": props.string("Priority", "`high`, `medium` or `low`.", options=["high", "medium", "low"], optional=True),
        "hasSeen": props.boolean("Seen", "Mark the issue seen (or unseen) by the token's user.", optional=True),
        "isBookmarked": props.boolean("Bookmarked", "Bookmark (or un-bookmark) the issue for the token's user.", optional=True),
    },
    idempotent=True,
    trim=issue_summary,
)
async def update_issue(ctx):
    body = {name: ctx.props[name] for name in ("status", "assignedTo", "priority") if ctx.props.get(name)}
    for name in ("hasSeen", "isBookmarked"):
        if ctx.props.get(name) is not None:
            body[name] = bool(ctx.props[name])
    if ctx.props.get("inRelease"):
        if body.get("status") != "resolved":
            raise ActionError("inRelease goes with status `resolved`; set both")
        body["statusDetails"] = {"inRelease": ctx.props.inRelease}
    if ctx.props.get("ignoreDuration"):
        if body.get("status") != "ignored":
            raise ActionError("ignoreDuration goes with status `ignored`; set both")
        body["statusDetails"] = {"ignoreDuration": ctx.props.ignoreDuration}
    if not body:
        raise ActionError("nothing to change: give a status, assignedTo, priority, hasSeen or isBookmarked")
    issue = await api(ctx, "PUT", issue_path(ctx.props.organization, ctx.props.issueId), json=body)
    changes = ", ".join(f"{k} {v}" for k, v in body.items() if k in ("status", "assignedTo", "priority"))
    ctx.summary = f"Updated issue {ctx.props.issueId}" + (f": {changes}" if changes else "")
    return issue
