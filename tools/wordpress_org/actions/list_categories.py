from mcp_gateway.catalog import props, within

from ..app import app, category_summary, collect


@app.action(
    "list-categories",
    title="List Categories",
    description=(
        "List the site's post categories with their IDs and post counts. Use the IDs in the categories of "
        "wordpress_org-create-post, wordpress_org-update-post or wordpress_org-list-posts."
    ),
    props={
        "search": props.string("Search", "Only categories whose name contains these words.", optional=True),
        "limit": props.limit("categories"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("categories", category_summary),
)
async def list_categories(ctx):
    params = {"search": ctx.props.search} if ctx.props.get("search") else {}
    categories, total, cursor = await collect(ctx, "/categories", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(categories)} of {total} categor{'ies' if total != 1 else 'y'}"
    return {"categories": categories, "total": total, "next_cursor": cursor}
