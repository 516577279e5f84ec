from mcp_gateway.catalog import props

from ..app import app, page_token, request


@app.action(
    "list-templates",
    title="List Dynamic Templates",
    description=(
        "List the account's transactional email templates (dynamic ones by default) with their IDs, names and "
        "active version's subject. Use an ID as `templateId` in sendgrid-send-email."
    ),
    props={
        "generation": props.string(
            "Generation", "`dynamic` templates (Handlebars, used with template data) or `legacy` ones.",
            options=["dynamic", "legacy"], default="dynamic",
        ),
        "pageSize": props.integer("Page Size", "How many templates to return, 1 to 200.", min=1, max=200, default=50),
        "pageToken": props.string(
            "Page Token", "The `next_page_token` of an earlier call, to get the following page.", optional=True,
        ),
    },
    read_only=True,
)
async def list_templates(ctx):
    params = {"generations": ctx.props.generation, "page_size": ctx.props.pageSize}
    if ctx.props.get("pageToken"):
        params["page_token"] = ctx.props.pageToken
    data = await request(ctx, "GET", "/templates", params=params) or {}
    templates = []
    for template in data.get("result") or []:
        active = next((v for v in template.get("versions") or [] if v.get("active") in (1, True)), None)
        templates.append({
            "id": template.get("id"),
            "name": template.get("name"),
            "generation": template.get("generation"),
            "updated_at": template.get("updated_at"),
            "active_version": {"id": active.get("id"), "name": active.get("name"), "subject": active.get("subject")} if active else None,
        })
    following = page_token((data.get("_metadata") or {}).get("next"))
    ctx.summary = f"Listed {len(templates)} {ctx.props.generation} template{'s' if len(templates) != 1 else ''}" + (
        " (more available)" if following else ""
    )
    return {"templates": templates, "next_page_token": following}
