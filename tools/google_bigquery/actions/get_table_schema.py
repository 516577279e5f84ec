from ..app import api, app, columns, table_path, table_summary


def _schema(table):
    return {
        **table_summary(table),
        "description": table.get("description"),
        "num_rows": table.get("numRows"),
        "num_bytes": table.get("numBytes"),
        "last_modified_time": table.get("lastModifiedTime"),
        "location": table.get("location"),
        "columns": columns(table.get("schema")),
        "view_query": (table.get("view") or {}).get("query"),
    }


@app.action(
    "get-table-schema",
    title="Get Table Schema",
    description=(
        "Read one BigQuery table's columns (name, type, mode, description; nested RECORD columns under `fields`), its "
        "row count and size: what to know before writing a query or inserting rows. For a view, its SQL too."
    ),
    props={
        "projectId": app.definition("projectId"),
        "datasetId": app.definition("datasetId"),
        "tableId": app.definition("tableId"),
    },
    read_only=True,
    trim=_schema,
)
async def get_table_schema(ctx):
    table = await api(ctx, "GET", table_path(ctx.props.projectId, ctx.props.datasetId, ctx.props.tableId))
    ctx.summary = f"Read the schema of {ctx.props.datasetId}.{ctx.props.tableId}: {len(columns(table.get('schema')))} columns"
    return table

