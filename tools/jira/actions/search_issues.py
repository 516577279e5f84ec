from mcp_gateway.catalog import props, within

from ..app import ISSUE_FIELDS, app, issue_summary, jira, with_browse_url


@app.action(
    "search-issues",
    title="Search Issues (JQL)",
    description=(
        "Find Jira issues with a JQL query, e.g. `project = ENG AND status != Done AND assignee = currentUser() "
        "ORDER BY updated DESC`. Returns `issues` with their main fields and a `next_cursor` when more match. For "
        "one issue you know the key of, use jira-get-issue."
    ),
    props={
        "site": app.definition("site"),
        "jql": props.string(
            "JQL",
            "The JQL query. It must be bounded by some condition (e.g. a project or an assignee), e.g. `project = ENG "
            "AND text ~ \"login\" ORDER BY created DESC` or `assignee = currentUser() AND resolution = Unresolved`.",
        ),
        "limit": props.limit("issues"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("issues", issue_summary),
)
async def search_issues(ctx):
    issues, token = [], ctx.props.get("cursor")
    while len(issues) < ctx.props.limit:
        body = {"jql": ctx.props.jql, "maxResults": ctx.props.limit - len(issues), "fields": ISSUE_FIELDS}
        if token:
            body["nextPageToken"] = token
        data = (await jira(ctx, "POST", "/search/jql", json=body)).json()
        page = data.get("issues") or []
        issues += [with_browse_url(ctx, issue) for issue in page]
        token = data.get("nextPageToken")
        if not token or not page:
            token = None
            break
    more = " (more available)" if token else ""
    ctx.summary = f"Found {len(issues)} Jira issue{'s' if len(issues) != 1 else ''} for the JQL query{more}"
    return {"issues": issues, "next_cursor": token}
