from mcp_gateway.catalog import props

from ..app import app, call, next_after, page_params


@app.action(
    "list-models",
    title="List Models",
    description=(
        "List the Claude models this API key can use, newest first. Returns each model's ID (what to pass as "
        "`model`), display name and release date, and a cursor for the next page."
    ),
    props={
        "limit": props.integer("Limit", "How many models to return (1 to 1000).", min=1, max=1000, default=100),
        "afterId": props.string(
            "After",
            "To get the next page, the `last_id` returned by the previous call.",
            optional=True,
        ),
    },
    read_only=True,
)
async def list_models(ctx):
    data = await call(ctx, "GET", "/models", params=page_params(ctx.props.get("afterId"), ctx.props.limit))
    models = [
        {"id": m.get("id"), "display_name": m.get("display_name"), "created_at": m.get("created_at")}
        for m in data.get("data") or []
    ]
    following = next_after(data)
    ctx.summary = f"Listed {len(models)} model{'s' if len(models) != 1 else ''}{' (more available)' if following else ''}"
    return {"models": models, "has_more": bool(data.get("has_more")), "last_id": data.get("last_id")}
