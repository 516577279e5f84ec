from mcp_gateway.catalog import props, within

from ..app import app, numbered_page, plural, workspace_summary


@app.action(
    "list-workspaces",
    title="List Workspaces",
    description=(
        "List the Typeform workspaces the account can use, with how many forms each holds. Use a workspace's ID to "
        "list its forms with typeform-list-forms or to create a form in it with typeform-create-form."
    ),
    props={
        "search": props.string("Search", "Only workspaces whose name contains this text.", optional=True),
        "limit": props.limit("workspaces"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("workspaces", workspace_summary),
)
async def list_workspaces(ctx):
    params = {"search": ctx.props.search} if ctx.props.get("search") else None
    found = await numbered_page(ctx, "/workspaces", "workspaces", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {plural(len(found['workspaces']), 'workspace')}"
    return found
