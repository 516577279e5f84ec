from mcp_gateway.catalog import props, within

from ..app import app, collect, dataset_summary, datasets_path


@app.action(
    "list-datasets",
    title="List Datasets",
    description=(
        "List the datasets in one BigQuery project, with their locations. Then list a dataset's tables with "
        "google_bigquery-list-tables."
    ),
    props={
        "projectId": app.definition("projectId"),
        "all": props.boolean("Include Hidden", "Also list hidden datasets (names starting with `_`).", optional=True),
        "filter": props.string(
            "Label Filter", "Only datasets with this label, as `labels.<name>[:<value>]`, e.g. `labels.team:finance`.",
            optional=True,
        ),
        "limit": props.limit("datasets"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("datasets", dataset_summary),
)
async def list_datasets(ctx):
    params = {}
    if ctx.props.get("all"):
        params["all"] = "true"
    if ctx.props.get("filter"):
        params["filter"] = ctx.props.filter
    datasets, token = await collect(ctx, datasets_path(ctx.props.projectId), "datasets", limit=ctx.props.limit,
                                    cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(datasets)} dataset{'s' if len(datasets) != 1 else ''} in {ctx.props.projectId}"
    return {"datasets": datasets, "next_cursor": token}
