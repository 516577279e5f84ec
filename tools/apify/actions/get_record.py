from mcp_gateway.catalog import props

from ..app import MAX_ITEM_CHARS, apify_error, app, segment


@app.action(
    "get-record",
    title="Get Key-Value Store Record",
    description=(
        "Read one record of a run's key-value store (the `key_value_store_id` of apify-run-actor), e.g. `OUTPUT`, where "
        "many Actors put their main result. For the collected items use apify-get-dataset-items."
    ),
    props={"storeId": props.string("Store ID", "The `key_value_store_id` of a run."),
           "key": props.string("Key", "The record's key, e.g. `OUTPUT` or `INPUT`.", optional=True, default="OUTPUT")},
    read_only=True,
)
async def get_record(ctx):
    key = ctx.props.get("key") or "OUTPUT"
    path = f"/key-value-stores/{segment(ctx.props.storeId)}/records/{segment(key)}"
    response = await ctx.http.get(path, raise_for_status=False)
    if response.status_code >= 400:
        raise apify_error("GET", path, response)
    kind = response.headers.get("content-type", "").split(";")[0].strip()
    ctx.summary = f"Read the record {key} ({kind or 'no type'})"
    if kind.endswith("json"):
        return {"key": key, "content_type": kind, "value": response.json()}
    if kind.startswith("text/"):
        return {"key": key, "content_type": kind, "value": response.text[:MAX_ITEM_CHARS * 5]}
    # Images, archives and other bytes are not for a model to read here.
    return {"key": key, "content_type": kind, "bytes": len(response.content)}
