from mcp_gateway.catalog import ActionError, props

from ..app import api, app, cells_for, columns, int_id, row_summary


def _updated(result):
    return [row_summary(r, {}) for r in result.get("result") or []]


@app.action(
    "update-rows",
    title="Update Rows",
    description=(
        "Change cells in existing Smartsheet rows; only the columns named change. Each row is `{\"id\": row ID, "
        "\"cells\": {column title: value}}`, with row IDs from smartsheet-get-sheet. To add new rows use "
        "smartsheet-add-rows."
    ),
    props={
        "sheetId": app.definition("sheetId"),
        "rows": props.object_list("Rows", "The rows to change, e.g. `[{\"id\": \"2361756178769796\", \"cells\": "
                                  "{\"Status\": \"Done\"}}]`."),
    },
    idempotent=True,
    trim=_updated,
)
async def update_rows(ctx):
    if not ctx.props.rows:
        raise ActionError("give at least one row to update")
    sheet_columns = await columns(ctx, ctx.props.sheetId)
    body = []
    for i, row in enumerate(ctx.props.rows, 1):
        if not isinstance(row, dict) or "id" not in row or "cells" not in row:
            raise ActionError(f"row {i} must be `{{\"id\": row ID, \"cells\": {{column title: value}}}}`")
        body.append({"id": int_id(row["id"], f"row {i} id"), "cells": cells_for(row["cells"], sheet_columns, f"row {i}")})
    result = await api(ctx, "PUT", f"/sheets/{ctx.props.sheetId}/rows", json=body)
    ctx.summary = f"Updated {len(result.get('result') or [])} row{'s' if len(result.get('result') or []) != 1 else ''}"
    return result
