from mcp_gateway.catalog import props, within

from ..app import app, form_ref_summary, numbered_page, plural


@app.action(
    "list-forms",
    title="List Forms",
    description=(
        "List the account's typeforms, newest change first by default, optionally only those whose title matches a "
        "search or in one workspace. For a form's questions use typeform-get-form; for what people answered, "
        "typeform-list-responses."
    ),
    props={
        "search": props.string("Search", "Only forms whose title contains this text.", optional=True),
        "workspaceId": app.definition("workspaceId", optional=True, description="Only forms in this workspace (its ID, from typeform-list-workspaces)."),
        "sortBy": props.string("Sort By", "Order by `created_at` or `last_updated_at`.", options=["created_at", "last_updated_at"], optional=True),
        "orderBy": props.string("Order", "`asc` or `desc`.", options=["asc", "desc"], optional=True),
        "limit": props.limit("forms"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("forms", form_ref_summary),
)
async def list_forms(ctx):
    params = {field: ctx.props[prop] for prop, field in (
        ("search", "search"), ("workspaceId", "workspace_id"), ("sortBy", "sort_by"), ("orderBy", "order_by"))
        if ctx.props.get(prop)}
    found = await numbered_page(ctx, "/forms", "forms", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {plural(len(found['forms']), 'form')} of {found['total']}"
    return found
