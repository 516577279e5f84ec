from mcp_gateway.catalog import props, within

from ..app import app, collect, template_summary

# SendGrid returns at most 200 templates a page.
_PAGE_MAX = 200


@app.action(
    "list-templates",
    title="List Dynamic Templates",
    description=(
        "List the account's transactional email templates (dynamic ones by default) with their IDs, names and "
        "active version's subject, and a `next_cursor` when more exist. Use an ID as `templateId` in "
        "sendgrid-send-email. Marketing campaigns are in sendgrid-list-single-sends instead."
    ),
    props={
        "generation": props.string(
            "Generation", "`dynamic` templates (Handlebars, used with template data) or `legacy` ones.",
            options=["dynamic", "legacy"], default="dynamic",
        ),
        "limit": props.limit("templates"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("templates", template_summary),
)
async def list_templates(ctx):
    templates, following = await collect(
        ctx, "/templates", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), page_max=_PAGE_MAX,
        params={"generations": ctx.props.generation},
    )
    ctx.summary = f"Listed {len(templates)} {ctx.props.generation} template{'s' if len(templates) != 1 else ''}" + (
        " (more available)" if following else ""
    )
    return {"templates": templates, "next_cursor": following}
