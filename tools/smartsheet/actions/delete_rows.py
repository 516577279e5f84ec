from mcp_gateway.catalog import ActionError, props

from ..app import api, app, int_id


@app.action(
    "delete-rows",
    title="Delete Rows",
    description=(
        "Delete rows from a Smartsheet sheet by row ID (from smartsheet-get-sheet); their child rows go too. IDs "
        "already gone are skipped. To only change cells use smartsheet-update-rows."
    ),
    props={
        "sheetId": app.definition("sheetId"),
        "rowIds": props.string_list("Row IDs", "The IDs of the rows to delete, e.g. `[\"2361756178769796\"]`."),
    },
    destructive=True,
    idempotent=True,
)
async def delete_rows(ctx):
    if not ctx.props.rowIds:
        raise ActionError("give at least one row ID to delete")
    ids = [str(int_id(r, "row ID")) for r in ctx.props.rowIds]
    result = await api(ctx, "DELETE", f"/sheets/{ctx.props.sheetId}/rows",
                       params={"ids": ",".join(ids), "ignoreRowsNotFound": "true"})
    deleted = result.get("result") or []
    ctx.summary = f"Deleted {len(deleted)} row{'s' if len(deleted) != 1 else ''}"
    return {"deleted_row_ids": deleted}
