from mcp_gateway.catalog import props

from ..app import ISSUE_FIELDS, app, issue_summary, jira


@app.action(
    "search-issues",
    title="Search Issues (JQL)",
    description=(
        "Find Jira issues with a JQL query, e.g. `project = ENG AND status != Done AND assignee = currentUser() "
        "ORDER BY updated DESC`. Returns matching issues with their main fields and a token for the next page."
    ),
    props={
        "site": app.definition("site"),
        "jql": props.string(
            "JQL",
            "The JQL query. It must be bounded by some condition (e.g. a project or an assignee), e.g. `project = ENG "
            "AND text ~ \"login\" ORDER BY created DESC` or `assignee = currentUser() AND resolution = Unresolved`.",
        ),
        "maxResults": props.integer("Max Results", "The most issues to return (1 to 100).", min=1, max=100, default=25),
        "nextPageToken": props.string(
            "Next Page Token", "To get the next page, the `next_page_token` an earlier search returned.", optional=True
        ),
    },
    read_only=True,
)
async def search_issues(ctx):
    body = {"jql": ctx.props.jql, "maxResults": ctx.props.maxResults, "fields": ISSUE_FIELDS}
    if ctx.props.get("nextPageToken"):
        body["nextPageToken"] = ctx.props.nextPageToken
    data = (await jira(ctx, "POST", "/search/jql", json=body)).json()
    issues = [issue_summary(ctx, issue) for issue in data.get("issues") or []]
    token = data.get("nextPageToken")
    more = " (more available)" if token else ""
    ctx.summary = f"Found {len(issues)} Jira issue{'s' if len(issues) != 1 else ''} for the JQL query{more}"
    return {"issues": issues, "next_page_token": token, "is_last": not token}
