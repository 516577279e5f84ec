from mcp_gateway.catalog import props

from ..app import app, apify_error, cut_item, segment


@app.action(
    "get-dataset-items",
    title="Get Dataset Items",
    description=(
        "Read the items an Actor run collected, from its dataset (the `dataset_id` of apify-run-actor or apify-get-run), "
        "a page at a time."
    ),
    props={
        "datasetId": props.string("Dataset ID", "The `dataset_id` of a run, from apify-run-actor or apify-get-run."),
        "fields": props.string_list("Fields", "Only these fields of each item, e.g. `[\"url\", \"title\"]`.", optional=True),
        "limit": props.limit("items"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=lambda page: {**page, "items": [cut_item(i) for i in page["items"]]},
)
async def get_dataset_items(ctx):
    offset = int(ctx.props.cursor) if (ctx.props.get("cursor") or "").isdigit() else 0
    params = {"offset": offset, "limit": ctx.props.limit, "clean": "true", "format": "json"}
    if ctx.props.get("fields"):
        params["fields"] = ",".join(ctx.props.fields)
    path = f"/datasets/{segment(ctx.props.datasetId)}/items"
    response = await ctx.http.get(path, params=params, raise_for_status=False)
    if response.status_code >= 400:
        raise apify_error("GET", path, response)
    items = response.json()
    # The item count is in headers: the body is the items themselves.
    total = int(response.headers.get("x-apify-pagination-total") or 0)
    following = offset + len(items)
    ctx.summary = f"Read {len(items)} of {total} items"
    return {"items": items, "total": total, "next_cursor": str(following) if items and following < total else None}
