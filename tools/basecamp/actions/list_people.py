from mcp_gateway.catalog import props, within

from ..app import app, collect, person_summary


@app.action(
    "list-people",
    title="List People",
    description=(
        "List the people in the Basecamp account, or only those on one project, with their IDs (the assignee IDs "
        "basecamp-create-todo takes), emails and companies."
    ),
    props={
        "accountId": app.definition("accountId"),
        "projectId": app.definition("projectId", optional=True,
                                    description="Only the people on this project (its ID, from basecamp-list-projects)."),
        "limit": props.limit("people"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("people", person_summary),
)
async def list_people(ctx):
    path = f"/projects/{ctx.props.projectId}/people.json" if ctx.props.get("projectId") else "/people.json"
    people, following = await collect(ctx, path, limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    ctx.summary = f"Listed {len(people)} {'person' if len(people) == 1 else 'people'}"
    return {"people": people, "next_cursor": following}
