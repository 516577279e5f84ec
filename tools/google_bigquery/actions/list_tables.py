from mcp_gateway.catalog import props, within

from ..app import app, collect, table_path, table_summary


@app.action(
    "list-tables",
    title="List Tables",
    description=(
        "List the tables and views in one BigQuery dataset. For a table's columns use google_bigquery-get-table-schema."
    ),
    props={
        "projectId": app.definition("projectId"),
        "datasetId": app.definition("datasetId"),
        "limit": props.limit("tables"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("tables", table_summary),
)
async def list_tables(ctx):
    tables, token = await collect(ctx, table_path(ctx.props.projectId, ctx.props.datasetId), "tables",
                                  limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    ctx.summary = f"Listed {len(tables)} table{'s' if len(tables) != 1 else ''} in {ctx.props.datasetId}"
    return {"tables": tables, "next_cursor": token}
