from mcp_gateway.catalog import props

from ..app import api, app, collection_path


@app.action(
    "count-points",
    title="Count Points",
    description="Count the points of a Qdrant collection, or those whose payload matches a filter.",
    props={
        "collection": app.definition("collection"),
        "filter": app.definition("filter"),
        "exact": props.boolean("Exact", "Count exactly (on by default); off gives a faster estimate.", optional=True, default=True),
    },
    read_only=True,
)
async def count_points(ctx):
    body = {"exact": bool(ctx.props.get("exact", True))}
    if ctx.props.get("filter"):
        body["filter"] = ctx.props.filter
    result = await api(ctx, "POST", f"{collection_path(ctx.props.collection)}/points/count", json=body) or {}
    ctx.summary = f"{result.get('count', 0)} points in {ctx.props.collection}"
    return {"count": result.get("count")}
