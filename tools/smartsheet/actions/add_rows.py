from mcp_gateway.catalog import ActionError, props

from ..app import api, app, cells_for, columns, row_summary


def _added(result):
    return [row_summary(r, {}) for r in result.get("result") or []]


@app.action(
    "add-rows",
    title="Add Rows",
    description=(
        "Add rows to a Smartsheet sheet, each given as `{column title: value}`, at the bottom (or the top) of the "
        "sheet. To change rows that exist use smartsheet-update-rows. Returns the new rows with their IDs."
    ),
    props={
        "sheetId": app.definition("sheetId"),
        "rows": props.object_list("Rows", "The rows to add, each an object of column titles (or column IDs) to "
                                  "values, e.g. `[{\"Task\": \"Call Bob\", \"Due\": \"2026-12-24\", \"Done\": false}]`."),
        "toTop": props.boolean("At the Top", "Add the rows at the top of the sheet instead of the bottom.",
                               optional=True, default=False),
    },
    trim=_added,
)
async def add_rows(ctx):
    if not ctx.props.rows:
        raise ActionError("give at least one row to add")
    sheet_columns = await columns(ctx, ctx.props.sheetId)
    place = "toTop" if ctx.props.get("toTop") else "toBottom"
    body = [{place: True, "cells": cells_for(row, sheet_columns, f"row {i}")} for i, row in enumerate(ctx.props.rows, 1)]
    result = await api(ctx, "POST", f"/sheets/{ctx.props.sheetId}/rows", json=body)
    ctx.summary = f"Added {len(result.get('result') or [])} row{'s' if len(result.get('result') or []) != 1 else ''}"
    return result
