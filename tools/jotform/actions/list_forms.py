import json

from mcp_gateway.catalog import props, within

from ..app import app, form_summary, page


@app.action(
    "list-forms",
    title="List Forms",
    description=(
        "List the forms of the connected Jotform account with their IDs, titles, status, links and submission counts, "
        "newest first by default. The `id` is what the other Jotform actions take as the form."
    ),
    props={
        "filter": app.definition("filter"),
        "orderby": props.string("Order By", "A form field to sort by, e.g. `created_at`, `title` or `count`.", optional=True),
        "limit": props.limit("forms"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("forms", form_summary),
)
async def list_forms(ctx):
    params = {}
    if ctx.props.get("filter"):
        params["filter"] = json.dumps(ctx.props.filter)
    if ctx.props.get("orderby"):
        params["orderby"] = ctx.props.orderby
    found = await page(ctx, "/user/forms", "forms", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(found['forms'])} form{'s' if len(found['forms']) != 1 else ''}"
    return found
