from mcp_gateway.catalog import props, within

from ..app import app, call, next_after, page_params


def _model_summary(model):
    return {"id": model.get("id"), "display_name": model.get("display_name"), "created_at": model.get("created_at")}


@app.action(
    "list-models",
    title="List Models",
    description=(
        "List the Claude models this API key can use, newest first. Returns each model's ID (what to pass as "
        "`model`), display name and release date, and a `next_cursor` for the next page. The `model` choices of "
        "anthropic-create-message list the same models."
    ),
    props={
        "limit": props.limit("models"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("models", _model_summary),
)
async def list_models(ctx):
    data = await call(ctx, "GET", "/models", params=page_params(ctx.props.get("cursor"), ctx.props.limit))
    models = data.get("data") or []
    following = next_after(data)
    ctx.summary = f"Listed {len(models)} model{'s' if len(models) != 1 else ''}{' (more available)' if following else ''}"
    return {"models": models, "next_cursor": following}
