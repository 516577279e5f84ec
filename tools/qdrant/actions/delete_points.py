from mcp_gateway.catalog import ActionError, props

from ..app import api, app, collection_path, point_id


@app.action(
    "delete-points",
    title="Delete Points",
    description=(
        "Delete points from a Qdrant collection for good, by their IDs or by a payload filter (all matches). Check "
        "what a filter matches with qdrant-count-points first."
    ),
    props={
        "collection": app.definition("collection"),
        "ids": props.string_list("Point IDs", "The IDs to delete, e.g. `[\"1\", \"5c56c793-69f3-4fbf-87e6-c4bf54c28c26\"]`.",
                                 optional=True),
        "filter": app.definition("filter", description="Delete every point whose payload matches this Qdrant filter "
                                 "instead, e.g. `{\"must\": [{\"key\": \"doc_id\", \"match\": {\"value\": \"42\"}}]}`."),
        "wait": app.definition("wait"),
    },
    destructive=True,
    idempotent=True,
)
async def delete_points(ctx):
    ids, where = ctx.props.get("ids") or [], ctx.props.get("filter")
    if bool(ids) == bool(where):
        raise ActionError("give either `ids` or a `filter` naming the points to delete, not both")
    body = {"points": [point_id(i) for i in ids]} if ids else {"filter": where}
    result = await api(ctx, "POST", f"{collection_path(ctx.props.collection)}/points/delete",
                       params={"wait": str(ctx.props.get("wait", True)).lower()}, json=body)
    ctx.summary = f"Deleted {f'{len(ids)} points' if ids else 'the matching points'} from {ctx.props.collection}"
    return result
