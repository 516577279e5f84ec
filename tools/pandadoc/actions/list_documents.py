from mcp_gateway.catalog import props, within

from ..app import STATUSES, app, collect, document_summary


@app.action(
    "list-documents",
    title="List Documents",
    description=(
        "List documents in the PandaDoc workspace, newest change first, optionally by name, status, template or "
        "creation date. Each has its `id`, name and status (`document.draft`, `document.sent`, `document.completed`...). "
        "For one document's recipients, variables and totals, use pandadoc-get-document-details."
    ),
    props={
        "q": props.string("Search", "Only documents whose name or reference number contains this text.", optional=True),
        "status": props.string("Status", "Only documents in this status.", options=list(STATUSES), optional=True),
        "templateId": app.definition("templateId", optional=True,
                                     description="Only documents made from this template (its ID, from pandadoc-list-templates)."),
        "createdFrom": props.string("Created From", "Only documents created at or after this time, ISO 8601, e.g. `2026-12-01T00:00:00Z`.",
                                    optional=True),
        "createdTo": props.string("Created Before", "Only documents created before this time, ISO 8601.", optional=True),
        "limit": props.limit("documents"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("documents", document_summary),
)
async def list_documents(ctx):
    params = {"order_by": "-date_modified"}
    for prop, name in (("q", "q"), ("templateId", "template_id"), ("createdFrom", "created_from"), ("createdTo", "created_to")):
        if ctx.props.get(prop):
            params[name] = ctx.props[prop]
    if ctx.props.get("status"):
        params["status"] = STATUSES[ctx.props.status]
    documents, following = await collect(ctx, "/documents", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(documents)} document{'s' if len(documents) != 1 else ''}"
    return {"documents": documents, "next_cursor": following}
