from mcp_gateway.catalog import props

from ..app import app, input_schema, model_path, pages, version_summary


def _versions(page):
    return {**page, "versions": [{**version_summary(v), "inputs": input_schema(v)} for v in page["versions"]]}


@app.action(
    "list-model-versions",
    title="List Model Versions",
    description=(
        "List the versions of a Replicate model, newest first, with their IDs, dates and the inputs each takes. Use a "
        "version ID in replicate-create-prediction to pin it; official models have no versions to list."
    ),
    props={"model": app.definition("model"), "limit": props.limit("versions"), "cursor": props.cursor()},
    read_only=True,
    trim=_versions,
)
async def list_model_versions(ctx):
    records, following = await pages(ctx, f"{model_path(ctx.props.model)}/versions", limit=ctx.props.limit,
                                     cursor=ctx.props.get("cursor"))
    ctx.summary = f"Listed {len(records)} versions of {ctx.props.model}" + (" (more remain)" if following else "")
    return {"versions": records, "next_cursor": following}
