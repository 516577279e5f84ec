from mcp_gateway.catalog import props, within

from ..app import app, collect, template_summary


@app.action(
    "list-templates",
    title="List Templates",
    description=(
        "List the PandaDoc workspace's templates, optionally by name or tag. The `id` is what "
        "pandadoc-create-document-from-template takes."
    ),
    props={
        "q": props.string("Search", "Only templates whose name contains this text.", optional=True),
        "tag": props.string_list("Tags", "Only templates with these tags.", optional=True),
        "limit": props.limit("templates"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("templates", template_summary),
)
async def list_templates(ctx):
    params = {}
    if ctx.props.get("q"):
        params["q"] = ctx.props.q
    if ctx.props.get("tag"):
        params["tag"] = list(ctx.props.tag)
    templates, following = await collect(ctx, "/templates", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(templates)} template{'s' if len(templates) != 1 else ''}"
    return {"templates": templates, "next_cursor": following}
