from mcp_gateway.catalog import props, within

from ..app import app, object_type, pipeline_summary, pipelines_of, plural


@app.action(
    "list-pipelines",
    title="List Pipelines",
    description=(
        "List the HubSpot account's deal pipelines (or ticket pipelines) and their stages in order, with the IDs "
        "that a deal's `pipeline` and `dealstage` (a ticket's `hs_pipeline` and `hs_pipeline_stage`) take, each "
        "deal stage's win probability and whether it closes the record."
    ),
    props={
        "objectType": props.string(
            "Object Type", "`deals` (the default) or `tickets`.", options=["deals", "tickets"], optional=True,
        ),
    },
    read_only=True,
    trim=within("pipelines", pipeline_summary),
)
async def list_pipelines(ctx):
    kind = object_type(ctx.props.get("objectType") or "deals", ["deals", "tickets"])
    pipelines = sorted(await pipelines_of(ctx, kind), key=lambda p: p.get("displayOrder", 0))
    ctx.summary = f"Found {plural(len(pipelines), kind[:-1] + ' pipeline')}"
    return {"pipelines": pipelines}
