from mcp_gateway.catalog import props, within

from ..app import app, listed_prediction, pages


@app.action(
    "list-predictions",
    title="List Predictions",
    description=(
        "List this account's predictions, newest first, made through the API or the website: their IDs, models, "
        "status and times (not their output; for that use replicate-get-prediction)."
    ),
    props={
        "createdAfter": props.string("Created After", "Only predictions created at or after this time, in ISO 8601, e.g. "
                                     "`2026-12-01T00:00:00Z`.", optional=True),
        "createdBefore": props.string("Created Before", "Only predictions created before this time, in ISO 8601.", optional=True),
        "limit": props.limit("predictions"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("predictions", listed_prediction),
)
async def list_predictions(ctx):
    records, following = await pages(ctx, "/predictions", limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
                                     params={"created_after": ctx.props.get("createdAfter"),
                                             "created_before": ctx.props.get("createdBefore")})
    ctx.summary = f"Listed {len(records)} predictions" + (" (more remain)" if following else "")
    return {"predictions": records, "next_cursor": following}
