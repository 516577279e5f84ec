from ..app import app, deal_pipelines, plural


@app.action(
    "list-pipelines",
    title="List Deal Pipelines",
    description=(
        "List the HubSpot account's deal pipelines and their stages in order, with the IDs that deals' `pipeline` "
        "and `dealstage` take, each stage's win probability and whether it closes the deal."
    ),
    props={},
    read_only=True,
)
async def list_pipelines(ctx):
    pipelines = []
    for p in sorted(await deal_pipelines(ctx), key=lambda p: p.get("displayOrder", 0)):
        stages = []
        for s in sorted(p.get("stages") or [], key=lambda s: s.get("displayOrder", 0)):
            meta = s.get("metadata") or {}
            stages.append({"id": s.get("id"), "label": s.get("label"), "probability": meta.get("probability"),
                           "isClosed": str(meta.get("isClosed")).lower() == "true"})
        pipelines.append({"id": p.get("id"), "label": p.get("label"), "stages": stages})
    ctx.summary = f"Found {plural(len(pipelines), 'deal pipeline')}"
    return {"pipelines": pipelines}
