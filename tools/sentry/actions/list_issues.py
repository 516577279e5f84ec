import re

from mcp_gateway.catalog import props, within

from ..app import app, collect, issue_summary, org_path

_SHORT_ID = re.compile(r"[A-Za-z0-9_-]+-[A-Za-z0-9]+")
_SORTS = ["date", "new", "freq", "user", "trends", "inbox", "recommended"]


@app.action(
    "list-issues",
    title="List Issues",
    description=(
        "Search the issues (errors grouped by cause) of a Sentry organization with Sentry's search syntax, e.g. "
        "`is:unresolved level:error`, `assigned:me`, `release:1.4.2` or a short ID such as `BACKEND-API-3F`; by default "
        "the unresolved ones, most recently seen first. Returns each issue's ID, short ID, title, status, counts and "
        "link. For one issue's stack trace use sentry-get-issue-event."
    ),
    props={
        "organization": app.definition("organization"),
        "query": props.string(
            "Query",
            "Sentry search, e.g. `is:unresolved is:unassigned level:fatal`. Leave empty for unresolved issues; give "
            "`is:resolved` or `is:ignored` for those. A short ID (`BACKEND-API-3F`) finds that issue.",
            optional=True,
        ),
        "projects": props.string_list(
            "Projects", "Only issues of these projects, by slug (from sentry-list-projects), e.g. `[\"backend-api\"]`.",
            optional=True,
        ),
        "environment": app.definition("environment"),
        "statsPeriod": app.definition("statsPeriod"),
        "sort": props.string(
            "Sort", "`date` (last seen, the default), `new` (first seen), `freq` (events), `user` (users affected), "
            "`trends`, `inbox` (date added) or `recommended`.", options=_SORTS, optional=True,
        ),
        "limit": props.limit("issues"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("issues", issue_summary),
)
async def list_issues(ctx):
    params = {}
    if ctx.props.get("query"):
        params["query"] = ctx.props.query
        # Sentry reads a short ID as such only when asked to, since that lookup ignores the other filters.
        if _SHORT_ID.fullmatch(ctx.props.query.strip()):
            params["shortIdLookup"] = "1"
    for name in ("projects", "environment"):
        if ctx.props.get(name):
            params["project" if name == "projects" else name] = list(ctx.props[name])
    for name in ("statsPeriod", "sort"):
        if ctx.props.get(name):
            params[name] = ctx.props[name]
    issues, cursor = await collect(ctx, org_path(ctx.props.organization, "issues/"), limit=ctx.props.limit,
                                   cursor=ctx.props.get("cursor"), params=params, size_name="limit")
    ctx.summary = f"Found {len(issues)} issue{'s' if len(issues) != 1 else ''} in {ctx.props.organization}"
    return {"issues": issues, "next_cursor": cursor}
