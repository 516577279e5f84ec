import json

from mcp_gateway.catalog import ActionError, props, within

from ..app import app, collect, plural, row_summary, table_path


def _query(column, value):
    """Coda's row filter, `<column>:<JSON value>`; a column name is quoted, an ID (`c-...`) is not."""
    key = column if column.startswith("c-") else json.dumps(column)
    return f"{key}:{json.dumps(value)}"


@app.action(
    "list-rows",
    title="List Rows",
    description=(
        "Read the rows of a Coda table, optionally only those whose column equals a value, with their values keyed by "
        "column name. Changes made a moment ago with coda-upsert-rows may not show yet (see coda-get-mutation-status). "
        "For one row by ID use coda-get-row."
    ),
    props={
        "docId": app.definition("docId"),
        "tableId": app.definition("tableId"),
        "queryColumn": props.string("Match Column", "Only rows whose value in this column (name or ID) equals Match Value.", optional=True),
        "queryValue": props.any_value("Match Value", "The value to match exactly, e.g. `\"Done\"` or `42`.", optional=True),
        "sortBy": props.string(
            "Order", "`natural` (as the table shows them), `createdAt` or `updatedAt`.",
            options=["natural", "createdAt", "updatedAt"], optional=True,
        ),
        "useColumnNames": app.definition("useColumnNames"),
        "valueFormat": app.definition("valueFormat"),
        "visibleOnly": props.boolean("Visible Only", "Leave out hidden rows and columns.", optional=True),
        "limit": props.limit("rows"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("rows", row_summary),
)
async def list_rows(ctx):
    params = {"useColumnNames": str(bool(ctx.props.get("useColumnNames"))).lower()}
    if ctx.props.get("queryColumn"):
        if ctx.props.get("queryValue") is None:
            raise ActionError("give the Match Value to compare the Match Column with")
        params["query"] = _query(ctx.props.queryColumn, ctx.props.queryValue)
    for name in ("sortBy", "valueFormat"):
        if ctx.props.get(name):
            params[name] = ctx.props[name]
    if ctx.props.get("visibleOnly") is not None:
        params["visibleOnly"] = str(bool(ctx.props.visibleOnly)).lower()
    rows, token = await collect(ctx, f"{table_path(ctx.props.docId, ctx.props.tableId)}/rows",
                                limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Read {plural(len(rows), 'row')}"
    return {"rows": rows, "next_cursor": token}
