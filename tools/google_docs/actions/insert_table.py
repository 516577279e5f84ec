from mcp_gateway.catalog import props

from ..app import app, batch_update, document_id, edit_result


@app.action(
    "insert-table",
    title="Insert Table",
    description=(
        "Add an empty table with the given rows and columns at the end of a Google Doc (or at a position). Fill its "
        "cells afterwards with google_docs-insert-text at the positions google_docs-get-document reports."
    ),
    props={
        "documentId": app.definition("documentId"),
        "rows": props.integer("Rows", "How many rows.", min=1, max=100),
        "columns": props.integer("Columns", "How many columns.", min=1, max=20),
        "index": props.integer("Index", "Where to put it; leave empty for the end.", min=1, optional=True),
    },
)
async def insert_table(ctx):
    document = document_id(ctx.props.documentId)
    request = {"rows": ctx.props.rows, "columns": ctx.props.columns}
    if ctx.props.get("index"):
        request["location"] = {"index": ctx.props.index}
    else:
        request["endOfSegmentLocation"] = {}
    answer = await batch_update(ctx, document, [{"insertTable": request}])
    ctx.summary = f"Inserted a {ctx.props.rows}×{ctx.props.columns} table"
    return edit_result(document, answer)
