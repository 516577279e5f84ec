from mcp_gateway.catalog import props, within

from ..app import app, collect, plural, seg, table_summary


@app.action(
    "list-tables",
    title="List Tables",
    description=(
        "List the tables (and, if asked, views) of a Coda doc, with their IDs and the page each sits on. Use a table's "
        "ID with coda-list-columns for its columns or coda-list-rows for its data."
    ),
    props={
        "docId": app.definition("docId"),
        "tableTypes": props.string_list(
            "Kinds", "`table`, `view` or both; tables only by default.", options=["table", "view"], optional=True,
        ),
        "limit": props.limit("tables"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("tables", table_summary),
)
async def list_tables(ctx):
    params = {"tableTypes": ",".join(ctx.props.get("tableTypes") or ["table"])}
    tables, token = await collect(ctx, f"/docs/{seg(ctx.props.docId)}/tables", limit=ctx.props.limit,
                                  cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {plural(len(tables), 'table')}"
    return {"tables": tables, "next_cursor": token}
