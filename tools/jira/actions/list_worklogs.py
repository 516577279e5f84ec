from mcp_gateway.catalog import props, within

from ..app import app, issue_key, start_at_page, worklog_summary


@app.action(
    "list-worklogs",
    title="List Worklogs",
    description=(
        "List the time logged on a Jira issue, oldest first: who, how long, when it started and the note. "
        "Returns `worklogs` and a `next_cursor` when more exist. To log time use jira-add-worklog."
    ),
    props={
        "site": app.definition("site"),
        "issueKey": app.definition("issueKey"),
        "limit": props.limit("worklogs"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("worklogs", worklog_summary),
)
async def list_worklogs(ctx):
    key = issue_key(ctx.props.issueKey)
    worklogs, next_cursor = await start_at_page(ctx, f"/issue/{key}/worklog", "worklogs")
    seconds = sum(int(w.get("timeSpentSeconds") or 0) for w in worklogs)
    ctx.summary = f"Listed {len(worklogs)} worklogs ({seconds / 3600:g} h) on Jira issue {key}" + (
        " (more available)" if next_cursor else ""
    )
    return {"worklogs": worklogs, "next_cursor": next_cursor}
