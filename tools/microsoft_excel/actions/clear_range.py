from mcp_gateway.catalog import props

from ..app import app, graph, range_path

WHAT = {"Contents": "values and formulas", "Formats": "formatting", "All": "values, formulas and formatting"}


@app.action(
    "clear-range",
    title="Clear Range",
    description=(
        "Clear cells of an Excel worksheet: their values and formulas (the default), their formatting, or both. "
        "Cells stay in place (nothing shifts). This cannot be undone. To overwrite cells with new values instead, use "
        "microsoft_excel-update-range."
    ),
    props={
        "workbookId": app.definition("workbookId"),
        "worksheet": app.definition("worksheet"),
        "address": app.definition("address"),
        "applyTo": props.string(
            "Clear",
            "`Contents` (the default) clears values and formulas, `Formats` clears formatting, `All` clears both.",
            options=list(WHAT),
            default="Contents",
        ),
    },
    destructive=True,
    idempotent=True,
)
async def clear_range(ctx):
    address = ctx.props.address.strip().upper()
    await graph(
        ctx, "POST", f"{range_path(ctx.props.workbookId, ctx.props.worksheet, address)}/clear",
        json_body={"applyTo": ctx.props.applyTo},
    )
    ctx.summary = f"Cleared the {WHAT.get(ctx.props.applyTo, ctx.props.applyTo)} of {ctx.props.worksheet}!{address}"
    return {"worksheet": ctx.props.worksheet, "address": address, "cleared": ctx.props.applyTo}
